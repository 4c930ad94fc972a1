#pragma once
// The colours of the views. Block and series colours come from colour-blind-safe
// families (Paul Tol's "muted" scheme and the Okabe-Ito palette), and no view
// tells state by colour alone: free blocks are hatched, selections outlined.
//
// The chrome colours (free, hatch, selection, background, ruler) take `dark`
// because Qt 6.4 has no colour-scheme hint: dark mode is our own palette.

#include <QColor>
#include <QPen>

#include <cstddef>
#include <cstdint>

#include "core/strategy.h"
#include "core/types.h"

namespace heapviz::ui {

// How many distinct block colours there are; ids fewer than this apart never
// share a colour.
inline constexpr int kIdColorCount = 10;

// The fill of a used block. The same id always gets the same colour, and
// neighbouring ids (which sit side by side in a heap filled in order) differ.
QColor colorForId(TraceId id);
// colorForId as a plain QRgb, for painting loops that run once per block.
QRgb rgbForId(TraceId id);

QColor freeColor(bool dark = false);
// The diagonal lines drawn over free blocks, so that "free" does not rest on grey alone.
QColor freeHatchColor(bool dark = false);
// Header and footer bytes of used blocks: a dark neutral shade that reads on any fill.
QColor tagColor();
// The prefix and suffix bytes that belong to no block.
QColor reservedColor(bool dark = false);
QColor selectionColor(bool dark = false);
// Free blocks a search looked at; the one it took is marked more strongly in the same colour.
QColor examinedColor();
QColor backgroundColor(bool dark = false);
QColor rulerTextColor(bool dark = false);

// How many lanes have a colour, dash and marker of their own.
inline constexpr std::size_t kLaneStyleCount = 8;

// The colour of lane slot `slot` (taken modulo kLaneStyleCount); none is grey.
// Slots 0-3 are the four fits' colours; 4-7 wait for more allocator families.
QColor laneColor(std::size_t slot);
// One colour per placement strategy, for lanes and chart series: laneColor of
// the strategy's index.
QColor strategyColor(Strategy strategy);

// The dash of lane slot `slot`'s chart line: solid, dashed, dotted, dash-dot...
// as a pen of the given width in the lane's colour.
QPen lanePen(std::size_t slot, qreal width);

// The marker drawn along lane slot `slot`'s chart line and in its legend.
// None is an upward triangle: that is the compaction mark.
enum class LaneMarker : std::uint8_t { Circle, Square, Diamond, TriangleDown, HollowCircle, HollowSquare, HollowDiamond, Cross };
LaneMarker laneMarker(std::size_t slot);

} // namespace heapviz::ui
