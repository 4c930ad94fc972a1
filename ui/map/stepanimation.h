#pragma once
// The animation of one step in one lane, drawn over the memory map of the
// state after it: the search's examined blocks flash in order, then an
// allocation grows into place, a free fades, a split draws its boundary, a
// coalesce dissolves one, a realloc move slides. Progress runs from 0 (the
// state before, to the eye) to 1 (the state after).

#include <optional>
#include <span>
#include <vector>

#include "core/model/event.h"
#include "core/replay/layout.h"

class QPainter;

namespace heapviz::ui {

class MemoryMapGeometry;
struct Theme;

class StepAnimation {
public:
    enum class Kind { Grow, Fade, Appear, Dissolve, Slide };
    struct Effect {
        Kind kind;
        Address at;     // the block (Grow, Fade, Slide: where it ends up)
        Size size = 0;
        TraceId id = 0;
        Address from;   // Slide: where it was
    };

    // From one step's events, and the search as it ran on the free blocks
    // before the step (`path` from visitedBlocks() on `freeBefore`; null when
    // the step searched nothing).
    StepAnimation(std::span<const Event> events, const SearchPath* path,
                  const std::vector<FreeSpan>& freeBefore);

    const std::vector<FreeSpan>& examined() const { return m_examined; }
    bool empty() const { return m_effects.empty() && m_examined.empty(); }

    // Draws the overlay at `progress` in [0, 1].
    void paint(QPainter& painter, const MemoryMapGeometry& geometry, double progress,
               const Theme& theme) const;

    // The share of the animation given to the search flash.
    double searchShare() const { return m_examined.empty() ? 0.0 : 0.5; }

private:
    void paintSearch(QPainter& painter, const MemoryMapGeometry& geometry, double progress,
                     const Theme& theme) const;
    void paintChanges(QPainter& painter, const MemoryMapGeometry& geometry, double progress,
                      const Theme& theme) const;

    std::vector<Effect> m_effects;
    std::vector<FreeSpan> m_examined; // as they were before the step
    std::optional<FreeSpan> m_chosen;
};

} // namespace heapviz::ui
