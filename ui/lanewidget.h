#pragma once
// One lane: a strategy's name, its memory map, a strip of live metrics and
// the sentence that tells what the current step did.

#include <QFrame>

#include <optional>

#include "core/types.h"

class QLabel;

namespace heapviz::ui {

class MemoryMapWidget;
class Session;

class LaneWidget : public QFrame {
    Q_OBJECT
public:
    LaneWidget(Session& session, std::size_t lane, QWidget* parent = nullptr);

    MemoryMapWidget* map() const { return m_map; }
    // Shows the session's current step; `showSearch` flashes the blocks the
    // strategy examined (worth it only at slow speeds).
    void refresh(bool showSearch);
    void setSelectedId(std::optional<TraceId> id);

Q_SIGNALS:
    void blockClicked(std::optional<TraceId> id);

private:
    void showSearch();

    Session& m_session;
    std::size_t m_lane;
    MemoryMapWidget* m_map;
    QLabel* m_title;
    QLabel* m_metrics;
    QLabel* m_narration;
};

} // namespace heapviz::ui
