#include "ui/style/appicon.h"

#include <QPainter>
#include <QPixmap>

#include "ui/style/palette.h"
#include "ui/style/theme.h"

namespace heapviz::ui {

namespace {
QPixmap paintIcon(int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 64.0, size / 64.0);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor("#263238"));
    p.drawRoundedRect(QRectF(2, 2, 60, 60), 8, 8);
    const auto used = [&](qreal x, qreal y, qreal w, TraceId id) { p.fillRect(QRectF(x, y, w, 12), colorForId(id)); };
    const Theme& light = Theme::of(ThemeKind::Light); // the icon looks the same whatever the theme
    const auto free = [&](qreal x, qreal y, qreal w) {
        p.fillRect(QRectF(x, y, w, 12), light.free);
        p.fillRect(QRectF(x, y, w, 12), QBrush(light.freeHatch, Qt::BDiagPattern));
    };
    used(8, 10, 20, 0);
    used(30, 10, 26, 1);
    free(8, 26, 12);
    used(22, 26, 34, 2);
    used(8, 42, 28, 3);
    free(38, 42, 18);
    return pixmap;
}
} // namespace

QIcon appIcon()
{
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addPixmap(paintIcon(size));
    return icon;
}

} // namespace heapviz::ui
