#include "ui/lanes/balancedgrid.h"

#include <QEvent>
#include <QResizeEvent>

#include <algorithm>
#include <numeric>

namespace heapviz::ui {

BalancedGrid::BalancedGrid(QWidget* parent)
    : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

int BalancedGrid::columnsFor(int count, int width, int cellWidth, int spacing)
{
    if (count <= 0)
        return 1;
    const int fit = std::max(1, (width + spacing) / std::max(1, cellWidth + spacing));
    const int most = std::min(count, fit);
    const int rows = (count + most - 1) / most;
    return (count + rows - 1) / rows; // as few columns as keep that many rows
}

void BalancedGrid::setWidgets(std::vector<QWidget*> widgets)
{
    for (QWidget* w : m_widgets)
        if (w->parent() == this && std::find(widgets.begin(), widgets.end(), w) == widgets.end())
            w->hide(); // the caller deletes or reuses it
    m_widgets = std::move(widgets);
    for (QWidget* w : m_widgets) {
        w->setParent(this);
        w->show();
    }
    place();
    updateGeometry();
}

void BalancedGrid::setCellMinimum(QSize size)
{
    m_cellMinimum = size;
    place();
    updateGeometry();
}

void BalancedGrid::setSpacing(int px)
{
    m_spacing = px;
    place();
    updateGeometry();
}

int BalancedGrid::rowsFor(int columns) const
{
    return (int(m_widgets.size()) + columns - 1) / std::max(1, columns);
}

int BalancedGrid::columnsAt(int width) const
{
    const QMargins m = contentsMargins();
    return columnsFor(int(m_widgets.size()), width - m.left() - m.right(), m_cellMinimum.width(), m_spacing);
}

std::vector<int> BalancedGrid::rowHeights(int width) const
{
    const QMargins m = contentsMargins();
    const int columns = columnsAt(width);
    const int cellWidth = (width - m.left() - m.right() - (columns - 1) * m_spacing) / columns;
    std::vector<int> heights(std::size_t(rowsFor(columns)), m_cellMinimum.height());
    for (std::size_t i = 0; i < m_widgets.size(); ++i) {
        const QWidget* w = m_widgets[i];
        int& row = heights[i / std::size_t(columns)];
        row = std::max(row, w->hasHeightForWidth() ? w->heightForWidth(cellWidth) : w->minimumSizeHint().height());
    }
    return heights;
}

int BalancedGrid::heightOf(const std::vector<int>& rows) const
{
    const QMargins m = contentsMargins();
    const int cells = std::accumulate(rows.begin(), rows.end(), 0);
    return cells + std::max(0, int(rows.size()) - 1) * m_spacing + m.top() + m.bottom();
}

int BalancedGrid::heightForWidth(int width) const { return heightOf(rowHeights(width)); }

QSize BalancedGrid::minimumSizeHint() const
{
    const QMargins m = contentsMargins();
    return {m_cellMinimum.width() + m.left() + m.right(), heightForWidth(std::max(width(), m_cellMinimum.width()))};
}

QSize BalancedGrid::sizeHint() const { return minimumSizeHint(); }

void BalancedGrid::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    place();
}

// A cell whose needs changed (a lane's banner shown, its lists folded, a
// metric's new text) asks its parent, the grid, to lay out again.
bool BalancedGrid::event(QEvent* event)
{
    if (event->type() == QEvent::LayoutRequest)
        place();
    return QWidget::event(event);
}

// Columns of equal width (the same address in the same place in every lane),
// the pixels left over to the first ones; rows as tall as they need, and
// what is left over shared evenly. A scroll area around the grid scrolls
// rather than squeeze the cells; setting the grid's least height tells it
// (and only a change does, so that a metric's new text ripples no further).
void BalancedGrid::place()
{
    const std::vector<int> needs = rowHeights(width());
    const int least = heightOf(needs);
    if (minimumHeight() != least)
        setMinimumHeight(least);
    if (m_widgets.empty())
        return;
    const QRect area = contentsRect();
    const int columns = columnsAt(width());
    const int rows = int(needs.size());
    const int across = area.width() - (columns - 1) * m_spacing;
    const int spare = std::max(0, height() - least);
    int y = area.top();
    for (int r = 0; r < rows; ++r) {
        const int h = needs[std::size_t(r)] + spare / rows + (r < spare % rows ? 1 : 0);
        int x = area.left();
        for (int c = 0; c < columns; ++c) {
            const std::size_t i = std::size_t(r * columns + c);
            if (i >= m_widgets.size())
                break;
            const int w = across / columns + (c < across % columns ? 1 : 0);
            m_widgets[i]->setGeometry(x, y, w, h);
            x += w + m_spacing;
        }
        y += h + m_spacing;
    }
}

} // namespace heapviz::ui
