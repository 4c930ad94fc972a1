#include "ui/style/tooltip.h"

#include <QHelpEvent>
#include <QToolTip>

namespace heapviz::ui {

bool answerToolTip(QWidget* widget, QEvent* event, const std::function<QString(QPointF)>& wordsAt)
{
    if (event->type() != QEvent::ToolTip)
        return false;
    const auto* help = static_cast<QHelpEvent*>(event);
    const QString text = wordsAt(help->pos());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(help->globalPos(), text, widget);
    return true;
}

} // namespace heapviz::ui
