#pragma once
// The colours that name things: blocks by id, lanes and series by strategy.
// They come from colour-blind-safe families (Paul Tol's "muted" scheme and the
// Okabe-Ito palette) and do not change with the theme; no view tells state by
// colour alone: free blocks are hatched, selections outlined. The colours of
// the chrome (free, hatch, selection, background ...) are the theme's (theme.h).

#include <QColor>
#include <QPen>

#include <cstddef>
#include <cstdint>

#include "core/alloc/lanespec.h"
#include "core/model/types.h"

namespace heapviz::ui {

// How many distinct block colours there are; ids fewer than this apart never
// share a colour.
inline constexpr int kIdColorCount = 10;

// The fill of a used block. The same id always gets the same colour, and
// neighbouring ids (which sit side by side in a heap filled in order) differ.
QColor colorForId(TraceId id);
// colorForId as a plain QRgb, for painting loops that run once per block.
QRgb rgbForId(TraceId id);

// How many lanes have a colour, dash and marker of their own.
inline constexpr std::size_t kLaneStyleCount = 8;

// The colour of lane slot `slot` (taken modulo kLaneStyleCount); none is grey.
// Slots 0-3 are the four fits' colours; 4-7 wait for more allocator families.
QColor laneColor(std::size_t slot);
// One colour per placement strategy, for lanes and chart series: laneColor of
// the strategy's index.
QColor laneColor(const LaneSpec& lane);

// The dash of lane slot `slot`'s chart line: solid, dashed, dotted, dash-dot...
// as a pen of the given width in the lane's colour.
QPen lanePen(std::size_t slot, qreal width);

// The marker drawn along lane slot `slot`'s chart line and in its legend.
// None is an upward triangle: that is the compaction mark.
enum class LaneMarker : std::uint8_t { Circle, Square, Diamond, TriangleDown, HollowCircle, HollowSquare, HollowDiamond, Cross };
LaneMarker laneMarker(std::size_t slot);

} // namespace heapviz::ui
