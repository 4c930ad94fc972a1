#pragma once
// The window as the layout tests look at it: off screen at a screen's size,
// the demo opened with the given settings, its recording finished.

#include <QSize>

#include "ui/window/mainwindow.h"

namespace heapviz::ui {

void openDemoOffScreen(MainWindow& window, QSize size, const SessionSettings& demo);

} // namespace heapviz::ui
