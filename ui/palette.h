#pragma once
// The colours that name things: blocks by id, lanes and series by strategy.
// They come from colour-blind-safe families (Paul Tol's "muted" scheme and the
// Okabe-Ito palette) and do not change with the theme; no view tells state by
// colour alone: free blocks are hatched, selections outlined. The colours of
// the chrome (free, hatch, selection, background ...) are the theme's (theme.h).

#include <QColor>

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

// One colour per placement strategy, for lanes and chart series; none is grey.
QColor strategyColor(Strategy strategy);

} // namespace heapviz::ui
