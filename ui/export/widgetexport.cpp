#include "ui/export/widgetexport.h"

#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

namespace heapviz::ui {

namespace {

QString cannotWrite(const QString& path, const QString& why)
{
    return QObject::tr("cannot write %1: %2").arg(path, why);
}

} // namespace

QImage renderWidget(QWidget& widget, QSize size)
{
    const QSize own = widget.size();
    if (size.isEmpty())
        size = own;
    QImage image(size, QImage::Format_RGB32);
    image.fill(widget.palette().color(QPalette::Window));
    QPainter painter(&image);
    if (size != own && !own.isEmpty()) {
        const double scale = std::min(double(size.width()) / own.width(), double(size.height()) / own.height());
        painter.translate((size.width() - own.width() * scale) / 2, (size.height() - own.height() * scale) / 2);
        painter.scale(scale, scale);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
    }
    widget.render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
    return image;
}

bool exportPng(QWidget& widget, const QString& path, QSize size, QString& error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        error = cannotWrite(path, file.errorString());
        return false;
    }
    if (!renderWidget(widget, size).save(&file, "PNG") || !file.commit()) {
        error = cannotWrite(path, file.errorString());
        return false;
    }
    return true;
}

bool exportSvg(QWidget& widget, const QString& path, const QString& title, QString& error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        error = cannotWrite(path, file.errorString());
        return false;
    }
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(widget.size());
    svg.setViewBox(QRect(QPoint(), widget.size()));
    svg.setTitle(title);
    svg.setDescription(QObject::tr("Made with HeapViz"));
    {
        QPainter painter;
        if (!painter.begin(&svg)) {
            error = cannotWrite(path, QObject::tr("the SVG could not be started"));
            return false;
        }
        painter.fillRect(QRect(QPoint(), widget.size()), widget.palette().color(QPalette::Window));
        widget.render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
    } // the painter ends here, writing the SVG's closing tags
    if (!file.commit()) {
        error = cannotWrite(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace heapviz::ui
