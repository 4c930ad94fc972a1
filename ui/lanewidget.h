#pragma once
// One lane: a strategy's name, its memory map, a strip of live metrics and
// the sentence that tells what the current step did.

#include <QFrame>

#include <optional>

#include "core/types.h"

class QLabel;
class QVariantAnimation;

namespace heapviz::ui {

class MemoryMapWidget;
class Session;

class LaneWidget : public QFrame {
    Q_OBJECT
public:
    LaneWidget(Session& session, std::size_t lane, QWidget* parent = nullptr);

    MemoryMapWidget* map() const { return m_map; }
    // Shows the session's current step. With a duration, animates the step
    // (the search, then the blocks' changes) over that many milliseconds.
    void refresh(int animateMs = 0);
    void setSelectedId(std::optional<TraceId> id);
    // Jumps a running animation to its end.
    void finishAnimation();
    bool animating() const;

Q_SIGNALS:
    void blockClicked(std::optional<TraceId> id);

private:
    void animate(int ms);
    QString narration() const;

    Session& m_session;
    std::size_t m_lane;
    MemoryMapWidget* m_map;
    QLabel* m_title;
    QLabel* m_metrics;
    QLabel* m_narration;
    QVariantAnimation* m_animation;
};

} // namespace heapviz::ui
