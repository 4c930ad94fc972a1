#include "ui/charts/lanemarker.h"

#include <QPainter>
#include <QPainterPath>

#include "ui/style/palette.h"

namespace heapviz::ui {

namespace {

// The outline of `marker` filling `box`.
QPainterPath markerPath(LaneMarker marker, const QRectF& box)
{
    QPainterPath path;
    const QPointF c = box.center();
    const qreal r = box.width() / 2;
    switch (marker) {
    case LaneMarker::Circle:
    case LaneMarker::HollowCircle: path.addEllipse(c, r * 0.9, r * 0.9); break;
    case LaneMarker::Square:
    case LaneMarker::HollowSquare: path.addRect(QRectF(c.x() - r * 0.78, c.y() - r * 0.78, r * 1.56, r * 1.56)); break;
    case LaneMarker::Diamond:
    case LaneMarker::HollowDiamond:
        path.addPolygon(QPolygonF({{c.x(), c.y() - r}, {c.x() + r, c.y()}, {c.x(), c.y() + r}, {c.x() - r, c.y()}}));
        break;
    case LaneMarker::TriangleDown:
        path.addPolygon(QPolygonF({{c.x() - r, c.y() - r * 0.75}, {c.x() + r, c.y() - r * 0.75}, {c.x(), c.y() + r}}));
        break;
    case LaneMarker::Cross: { // an X of two bars a third of the box thick
        const qreal t = r / 3;
        QPainterPath bar;
        bar.addRect(QRectF(-r, -t, 2 * r, 2 * t));
        QTransform turn;
        turn.translate(c.x(), c.y()).rotate(45);
        path = turn.map(bar).united(turn.rotate(90).map(bar));
        break;
    }
    }
    path.closeSubpath();
    return path;
}

bool isHollow(LaneMarker m)
{
    return m == LaneMarker::HollowCircle || m == LaneMarker::HollowSquare || m == LaneMarker::HollowDiamond;
}

} // namespace

void paintLaneMarker(QPainter& painter, const QRectF& box, std::size_t slot, const QColor& rim)
{
    const LaneMarker marker = laneMarker(slot);
    const QColor colour = laneColor(slot);
    const qreal rimWidth = std::max(1.0, box.width() / 10);
    // Inset by the rim, so the whole rim stays inside the box.
    const QPainterPath path = markerPath(marker, box.adjusted(rimWidth, rimWidth, -rimWidth, -rimWidth));
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.strokePath(path, QPen(rim, rimWidth * 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    if (isHollow(marker)) { // a ring in the lane's colour around the background
        painter.fillPath(path, rim);
        painter.strokePath(path, QPen(colour, std::max(1.5, box.width() / 6), Qt::SolidLine, Qt::RoundCap,
                                      Qt::MiterJoin));
    } else {
        painter.fillPath(path, colour);
    }
    painter.restore();
}

void paintCompactionMark(QPainter& painter, const QRectF& box, const QColor& fill, const QColor& rim)
{
    const qreal rimWidth = std::max(1.0, box.width() / 12);
    const QRectF b = box.adjusted(rimWidth, rimWidth, -rimWidth, -rimWidth);
    const QPolygonF triangle({{b.center().x(), b.top()}, b.bottomRight(), b.bottomLeft()});
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(rim, rimWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(fill);
    painter.drawPolygon(triangle);
    painter.restore();
}

namespace {

// A transparent square image of `size` logical pixels at `dpr`, painted by `paint` over its whole box.
template <class Paint> QImage squareImage(qreal size, qreal dpr, Paint paint)
{
    const int pixels = std::max(1, qRound(size * dpr));
    QImage image(pixels, pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    paint(painter, QRectF(0, 0, pixels, pixels));
    return image;
}

} // namespace

QImage laneMarkerImage(std::size_t slot, qreal size, const QColor& rim, qreal dpr)
{
    return squareImage(size, dpr, [&](QPainter& p, const QRectF& box) { paintLaneMarker(p, box, slot, rim); });
}

QImage compactionMarkImage(qreal size, const QColor& fill, const QColor& rim, qreal dpr)
{
    return squareImage(size, dpr, [&](QPainter& p, const QRectF& box) { paintCompactionMark(p, box, fill, rim); });
}

} // namespace heapviz::ui
