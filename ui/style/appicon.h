#pragma once
// The application's icon, painted (as resources/icons/heapviz.svg draws it
// for desktops), so that the window needs no image plugin.

#include <QIcon>

namespace heapviz::ui {

QIcon appIcon();

} // namespace heapviz::ui
