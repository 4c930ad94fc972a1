#pragma once
// The toolbar's and the timeline's icons, painted in a given colour (the
// theme's text colour), so that they read on the light, dark and
// high-contrast backgrounds alike; the style's own media icons are black.

#include <QColor>
#include <QIcon>

namespace heapviz::ui {

enum class ToolIcon { Open, Start, StepBack, StepForward, End, Play, Pause, Compact };

QIcon toolIcon(ToolIcon kind, const QColor& colour);

} // namespace heapviz::ui
