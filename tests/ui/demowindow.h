#pragma once
// The window as the layout tests look at it: off screen at a screen's size,
// the demo opened with the given settings, its recording finished.

#include <QSize>

#include "ui/window/mainwindow.h"

namespace heapviz::ui {

void openDemoOffScreen(MainWindow& window, QSize size, const SessionSettings& demo);

// The demo in a lane of every family (the pool's 128-byte slots fail its
// larger requests, which its lane's banner says), shown at operation 60.
void openEveryFamilyOffScreen(MainWindow& window, QSize size);

} // namespace heapviz::ui
