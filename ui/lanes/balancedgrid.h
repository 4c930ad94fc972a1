#pragma once
// BalancedGrid: widgets in a grid with as many columns as fit the width at
// their minimum width, rows balanced (four lanes that fit three across go
// 2 x 2, not 3 + 1), reflowed whenever the width changes. It holds the lanes
// (inside a scroll area, as a last resort for tall content on short screens)
// and each lane's metric cells.

#include <QWidget>

#include <vector>

class QGridLayout;

namespace heapviz::ui {

class BalancedGrid : public QWidget {
    Q_OBJECT
public:
    explicit BalancedGrid(QWidget* parent = nullptr);

    // The widgets, in reading order; the grid takes them as children.
    void setWidgets(std::vector<QWidget*> widgets);
    const std::vector<QWidget*>& widgets() const { return m_widgets; }
    // The least size each cell may have. The grid is never narrower than one
    // cell nor shorter than its rows of cells.
    void setCellMinimum(QSize size);
    void setSpacing(int px);

    // Columns for `count` cells in `width` pixels of cells at least `cellWidth` wide.
    static int columnsFor(int count, int width, int cellWidth, int spacing);
    int columns() const { return m_columns; }

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void reflow(int width);
    int rowsFor(int columns) const;

    QGridLayout* m_grid;
    std::vector<QWidget*> m_widgets;
    QSize m_cellMinimum{200, 100};
    int m_columns = 0;
};

} // namespace heapviz::ui
