#pragma once
// Drawing a lane's marker (palette.h: laneMarker) and the compaction mark,
// the same shapes on the chart and in its legend.

#include <QColor>
#include <QImage>
#include <QRectF>

#include <cstddef>

class QPainter;

namespace heapviz::ui {

// Paints lane slot `slot`'s marker inside `box`, rimmed in `rim` (the chart's
// background) so that it stands out on its own line and on other lanes' lines.
void paintLaneMarker(QPainter& painter, const QRectF& box, std::size_t slot, const QColor& rim);

// The marker as an image of `size` logical pixels square at device pixel ratio
// `dpr`, for QXYSeries::setLightMarker.
QImage laneMarkerImage(std::size_t slot, qreal size, const QColor& rim, qreal dpr = 1);

// The compaction mark: an upward triangle inside `box`, filled and rimmed.
void paintCompactionMark(QPainter& painter, const QRectF& box, const QColor& fill, const QColor& rim);

// The compaction mark as an image, like laneMarkerImage.
QImage compactionMarkImage(qreal size, const QColor& fill, const QColor& rim, qreal dpr = 1);

} // namespace heapviz::ui
