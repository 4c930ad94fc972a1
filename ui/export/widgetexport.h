#pragma once
// A widget (the window, or one lane) drawn for a picture: as pixels at any
// size, as a PNG, or as an SVG through Qt SVG's QSvgGenerator (vector:
// every line, rectangle and text the widgets draw stays one; the memory maps,
// which paint a cached image, come in as images). Files are written whole or
// not at all (QSaveFile).

#include <QImage>
#include <QSize>
#include <QString>

class QWidget;

namespace heapviz::ui {

// The widget as it looks now, at `size` (empty: its own): scaled alike in
// both directions to fit, centred on the window's background colour.
QImage renderWidget(QWidget& widget, QSize size = {});

// False with `error` saying why ("cannot write /x.png: Permission denied").
bool exportPng(QWidget& widget, const QString& path, QSize size, QString& error);
bool exportSvg(QWidget& widget, const QString& path, const QString& title, QString& error);

} // namespace heapviz::ui
