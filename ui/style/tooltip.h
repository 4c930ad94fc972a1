#pragma once
// The tooltip of a view that computes its words from where the pointer is
// (the map, the free structure): shown when there are words, hidden when not.

#include <QPointF>
#include <QString>

#include <functional>

class QEvent;
class QWidget;

namespace heapviz::ui {

// For a widget's event(): true when `event` asked for a tooltip, which is
// then answered with wordsAt(the pointer's position).
bool answerToolTip(QWidget* widget, QEvent* event, const std::function<QString(QPointF)>& wordsAt);

} // namespace heapviz::ui
