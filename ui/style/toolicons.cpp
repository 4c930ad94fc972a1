#include "ui/style/toolicons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace heapviz::ui {

namespace {

// A triangle pointing right (or left) in the box [x, x + w) x [4, 28).
QPainterPath triangle(double x, double w, bool right)
{
    QPainterPath p;
    if (right) {
        p.moveTo(x, 5);
        p.lineTo(x + w, 16);
        p.lineTo(x, 27);
    } else {
        p.moveTo(x + w, 5);
        p.lineTo(x, 16);
        p.lineTo(x + w, 27);
    }
    p.closeSubpath();
    return p;
}

// Draws `kind` on a 32 x 32 canvas.
void draw(QPainter& p, ToolIcon kind, const QColor& c)
{
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    switch (kind) {
    case ToolIcon::Play: p.drawPath(triangle(8, 18, true)); break;
    case ToolIcon::Pause:
        p.drawRect(QRectF(8, 6, 6, 20));
        p.drawRect(QRectF(18, 6, 6, 20));
        break;
    case ToolIcon::StepForward:
        p.drawPath(triangle(4, 12, true));
        p.drawPath(triangle(16, 12, true));
        break;
    case ToolIcon::StepBack:
        p.drawPath(triangle(4, 12, false));
        p.drawPath(triangle(16, 12, false));
        break;
    case ToolIcon::End:
        p.drawPath(triangle(6, 16, true));
        p.drawRect(QRectF(23, 5, 4, 22));
        break;
    case ToolIcon::Start:
        p.drawRect(QRectF(5, 5, 4, 22));
        p.drawPath(triangle(10, 16, false));
        break;
    case ToolIcon::Open: {
        QPainterPath folder;
        folder.moveTo(3, 8);
        folder.lineTo(12, 8);
        folder.lineTo(15, 11);
        folder.lineTo(29, 11);
        folder.lineTo(29, 26);
        folder.lineTo(3, 26);
        folder.closeSubpath();
        p.setPen(QPen(c, 2.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        p.drawPath(folder);
        break;
    }
    case ToolIcon::Compact: // blocks sliding down onto a floor
        p.drawRect(QRectF(4, 24, 24, 4));
        p.drawRect(QRectF(6, 14, 8, 8));
        p.drawRect(QRectF(16, 14, 10, 8));
        p.setPen(QPen(c, 2.5, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(10, 4), QPointF(10, 10));
        p.drawLine(QPointF(21, 4), QPointF(21, 10));
        break;
    }
}

} // namespace

QIcon toolIcon(ToolIcon kind, const QColor& colour)
{
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(size / 32.0, size / 32.0);
        draw(p, kind, colour);
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace heapviz::ui
