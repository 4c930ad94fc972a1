#pragma once
// Thinning a long time series for a chart: each pixel column keeps the
// smallest and the largest value that falls into it, in order, so a
// million-point series draws as ~2 points per column and no spike is lost.

#include <QList>
#include <QPointF>

#include <functional>

namespace heapviz::ui {

// Points (i + xOffset, value(i)) for i in [0, count), thinned to at most
// about 2 * columns points.
QList<QPointF> thinSeries(std::size_t count, const std::function<double(std::size_t)>& value,
                          int columns, double xOffset = 0);

} // namespace heapviz::ui
