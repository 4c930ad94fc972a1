#pragma once
// The session's settings: which strategies run, the heap (fixed size or
// growing), the preset and every model parameter. Apply checks them first:
// an impossible setting is explained here and the running session stays.

#include <QWidget>

#include "session.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace heapviz::ui {

class SettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPanel(QWidget* parent = nullptr);

    void show(const SessionSettings& settings);
    // The settings as entered, or an empty optional with the reason shown.
    std::optional<SessionSettings> read();

Q_SIGNALS:
    void applied(const SessionSettings& settings);

private:
    void loadPreset(const QString& name);
    void apply();
    void setError(const QString& message);

    QCheckBox* m_strategies[4];
    QComboBox* m_preset;
    QCheckBox* m_grow;
    QLineEdit* m_heapSize;
    QSpinBox* m_align;
    QSpinBox* m_header;
    QSpinBox* m_footer;
    QSpinBox* m_minBlock;
    QSpinBox* m_prefix;
    QSpinBox* m_suffix;
    QComboBox* m_growth;
    QSpinBox* m_chunk;
    QComboBox* m_realloc;
    QComboBox* m_zero;
    QComboBox* m_trigger;
    QLineEdit* m_triggerValue;
    QComboBox* m_compactor;
    QLabel* m_error;
};

} // namespace heapviz::ui
