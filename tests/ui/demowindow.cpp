#include "ui/demowindow.h"

#include <QApplication>

namespace heapviz::ui {

void openDemoOffScreen(MainWindow& window, QSize size, const SessionSettings& demo)
{
    window.setAttribute(Qt::WA_DontShowOnScreen);
    window.resize(size);
    window.show();
    window.setDemoSettings(demo);
    window.openDemo(/*wait=*/true);
}

void openEveryFamilyOffScreen(MainWindow& window, QSize size)
{
    SessionSettings demo = MainWindow::defaultDemoSettings();
    demo.lanes = {"first", "next", "best", "worst", "segregated", "tlsf", "buddy", "pool:slot=128"};
    openDemoOffScreen(window, size, demo);
    window.session()->seek(60);
    QApplication::processEvents();
}

} // namespace heapviz::ui
