#pragma once
// The session's settings: which lanes run (allocators of any family), the heap (fixed size or
// growing), the preset, every model parameter and compaction, with the words
// and names of core/options.h. Apply (or Enter) checks them first: an
// impossible setting is explained under the buttons, which never move, and
// the running session stays.

#include <QWidget>

#include "ui/session/session.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace heapviz::ui {

class LaneSetEditor;

class SettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPanel(QWidget* parent = nullptr);

    void show(const SessionSettings& settings);
    // Whether Apply changes the demo's settings or those traces open with.
    void setAppliesToDemo(bool demo);
    // The settings as entered, or an empty optional with the reason shown.
    std::optional<SessionSettings> read();
    QString error() const;
    QPushButton* applyButton() const { return m_apply; }
    LaneSetEditor* laneSetEditor() const { return m_laneSet; }

public Q_SLOTS:
    void apply();
    void resetToDefaults();

Q_SIGNALS:
    void applied(const SessionSettings& settings);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void choosePreset();
    // The heap as the fields say, checked, or nullopt with `why` (compaction too).
    std::optional<HeapConfig> readHeap(QString& why) const;
    // A heap field changed: once the heap is valid, the lanes are checked against it.
    void heapEdited();
    void setError(const QString& message);
    void updateEnabled();

    QComboBox* m_preset;
    QCheckBox* m_grow;
    QLineEdit* m_heapSize;
    std::vector<QSpinBox*> m_sizes; // one per kSizeParameters entry
    QComboBox* m_growth;
    QLineEdit* m_chunk;
    QComboBox* m_realloc;
    QComboBox* m_zero;
    QComboBox* m_trigger;
    QLineEdit* m_triggerValue;
    QComboBox* m_compactor;
    QLabel* m_context;
    QPushButton* m_apply;
    QLabel* m_error;
    LaneSetEditor* m_laneSet; // after the heap's fields: the preset box stays the panel's first combo box
};

} // namespace heapviz::ui
