#include "ui/demowindow.h"

namespace heapviz::ui {

void openDemoOffScreen(MainWindow& window, QSize size, const SessionSettings& demo)
{
    window.setAttribute(Qt::WA_DontShowOnScreen);
    window.resize(size);
    window.show();
    window.setDemoSettings(demo);
    window.openDemo(/*wait=*/true);
}

} // namespace heapviz::ui
