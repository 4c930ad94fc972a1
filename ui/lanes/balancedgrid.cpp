#include "ui/lanes/balancedgrid.h"

#include <QGridLayout>
#include <QResizeEvent>

#include <algorithm>

namespace heapviz::ui {

BalancedGrid::BalancedGrid(QWidget* parent)
    : QWidget(parent)
    , m_grid(new QGridLayout(this))
{
    m_grid->setContentsMargins(0, 0, 0, 0);
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
        m_grid->removeWidget(w);
    m_widgets = std::move(widgets);
    for (QWidget* w : m_widgets)
        w->setParent(this);
    m_columns = 0;
    reflow(width());
    updateGeometry();
}

void BalancedGrid::setCellMinimum(QSize size)
{
    m_cellMinimum = size;
    m_columns = 0;
    reflow(width());
    updateGeometry();
}

void BalancedGrid::setSpacing(int px)
{
    m_grid->setSpacing(px);
    m_columns = 0;
    reflow(width());
}

int BalancedGrid::rowsFor(int columns) const
{
    return (int(m_widgets.size()) + columns - 1) / std::max(1, columns);
}

int BalancedGrid::heightForWidth(int width) const
{
    const QMargins m = contentsMargins();
    const int spacing = m_grid->spacing();
    const int inner = width - m.left() - m.right();
    const int columns = columnsFor(int(m_widgets.size()), inner, m_cellMinimum.width(), spacing);
    const int cellWidth = (inner - (columns - 1) * spacing) / columns;
    const int rows = rowsFor(columns);
    int height = 0;
    for (int r = 0; r < rows; ++r) { // each row as tall as its tallest cell needs at that width
        int row = m_cellMinimum.height();
        for (int c = 0; c < columns; ++c)
            if (const std::size_t i = std::size_t(r * columns + c); i < m_widgets.size()) {
                const QWidget* w = m_widgets[i];
                row = std::max(row, w->hasHeightForWidth() ? w->heightForWidth(cellWidth) : w->minimumSizeHint().height());
            }
        height += row;
    }
    return height + std::max(0, rows - 1) * spacing + m.top() + m.bottom();
}

QSize BalancedGrid::minimumSizeHint() const
{
    const QMargins m = contentsMargins();
    return {m_cellMinimum.width() + m.left() + m.right(), heightForWidth(std::max(width(), m_cellMinimum.width()))};
}

QSize BalancedGrid::sizeHint() const { return minimumSizeHint(); }

void BalancedGrid::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    reflow(event->size().width());
    // A scroll area around the grid scrolls rather than squeeze the cells.
    setMinimumHeight(heightForWidth(event->size().width()));
}

void BalancedGrid::reflow(int width)
{
    const QMargins m = contentsMargins();
    const int columns = columnsFor(int(m_widgets.size()), width - m.left() - m.right(), m_cellMinimum.width(),
                                   m_grid->spacing());
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (QWidget* w : m_widgets)
        m_grid->removeWidget(w);
    for (int c = 0; c < m_grid->columnCount(); ++c)
        m_grid->setColumnStretch(c, 0);
    for (int r = 0; r < m_grid->rowCount(); ++r)
        m_grid->setRowStretch(r, 0);
    for (std::size_t i = 0; i < m_widgets.size(); ++i)
        m_grid->addWidget(m_widgets[i], int(i) / columns, int(i) % columns);
    for (int c = 0; c < columns; ++c)
        m_grid->setColumnStretch(c, 1); // equal widths: the same address in the same place
    for (int r = 0; r < rowsFor(columns); ++r)
        m_grid->setRowStretch(r, 1);
    updateGeometry();
}

} // namespace heapviz::ui
