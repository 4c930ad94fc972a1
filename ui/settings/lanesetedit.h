#pragma once
// The lane-set editor of the settings panel: a row of presets to start from
// ("the four fits", "everything" ...), the lanes as a list with Add (a menu of
// every family), Remove, Move up and Move down beside it (Insert, Delete,
// Alt+Up and Alt+Down in the list), and the chosen lane's parameters below.
// Every family, parameter and word comes from the registry.

#include <QWidget>

#include <string>
#include <vector>

#include "core/config/heapconfig.h"

class QLabel;
class QListView;
class QMenu;
class QPushButton;

namespace heapviz::ui {

class LaneListModel;
class LaneParameterForm;

class LaneSetEditor : public QWidget {
    Q_OBJECT
public:
    explicit LaneSetEditor(QWidget* parent = nullptr);

    void setLanes(const std::vector<std::string>& lanes);
    const std::vector<std::string>& lanes() const;
    // The heap the lanes are checked against (a valid one).
    void setHeap(const HeapConfig& heap);

    // Adds a lane of `family` with its defaults after the current one, and
    // makes it current; false when the set is full.
    bool addLane(const QString& family);
    void removeCurrent();
    // Moves the current lane `by` rows (-1 up, +1 down).
    void moveCurrent(int by);
    // Replaces the lanes with the preset's (lanePresets()'s index).
    void choosePreset(std::size_t preset);
    int currentRow() const;
    void setCurrentRow(int row);

    LaneListModel* model() const { return m_model; }
    QListView* list() const { return m_list; }
    QMenu* addMenu() const { return m_addMenu; }
    QPushButton* addButton() const { return m_add; }
    QPushButton* removeButton() const { return m_remove; }
    QPushButton* upButton() const { return m_up; }
    QPushButton* downButton() const { return m_down; }
    const std::vector<QPushButton*>& presetButtons() const { return m_presets; }
    LaneParameterForm* parameterForm() const { return m_form; }
    // Why the parameter form refused its last edit; empty when it took it.
    QString problem() const;
    // Why Add is disabled; empty when it is not.
    QString fullMessage() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateButtons();
    void fitListHeight();

    LaneListModel* m_model;
    QListView* m_list;
    QMenu* m_addMenu;
    QPushButton* m_add;
    QPushButton* m_remove;
    QPushButton* m_up;
    QPushButton* m_down;
    QLabel* m_full;
    LaneParameterForm* m_form;
    std::vector<QPushButton*> m_presets;
};

} // namespace heapviz::ui
