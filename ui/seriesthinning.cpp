#include "seriesthinning.h"

#include <algorithm>

namespace heapviz::ui {

QList<QPointF> thinSeries(std::size_t count, const std::function<double(std::size_t)>& value,
                          int columns, double xOffset)
{
    QList<QPointF> points;
    if (count == 0)
        return points;
    columns = std::max(columns, 1);
    if (count <= std::size_t(columns) * 2) {
        points.reserve(qsizetype(count));
        for (std::size_t i = 0; i < count; ++i)
            points.append({double(i) + xOffset, value(i)});
        return points;
    }
    points.reserve(columns * 2);
    for (int c = 0; c < columns; ++c) {
        const std::size_t begin = count * std::size_t(c) / std::size_t(columns);
        const std::size_t end = count * std::size_t(c + 1) / std::size_t(columns);
        std::size_t lo = begin, hi = begin;
        for (std::size_t i = begin; i < end; ++i) {
            const double v = value(i);
            if (v < value(lo))
                lo = i;
            if (v > value(hi))
                hi = i;
        }
        // In the order they happened, so the line does not fold back.
        points.append({double(std::min(lo, hi)) + xOffset, value(std::min(lo, hi))});
        if (lo != hi)
            points.append({double(std::max(lo, hi)) + xOffset, value(std::max(lo, hi))});
    }
    return points;
}

} // namespace heapviz::ui
