#pragma once
// BalancedGrid: widgets in a grid with as many columns as fit the width at
// their minimum width, rows balanced (four lanes that fit three across go
// 2 x 2, not 3 + 1), reflowed whenever the width changes. It holds the lanes
// (inside a scroll area, as a last resort for tall content on short screens)
// and each lane's metric cells.
//
// It places its cells itself: each row gets the height its tallest cell needs
// at the column width (a lane with a banner needs more), and the rows share
// what is left evenly. (A QGridLayout shared the height evenly first, and
// squeezed a row whose cell needed more while another had room to spare.)

#include <QWidget>

#include <vector>

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

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;

private:
    int rowsFor(int columns) const;
    int columnsAt(int width) const;
    // What each row needs at `width`: its tallest cell's height for the
    // column width.
    std::vector<int> rowHeights(int width) const;
    // The grid's height with rows of these heights.
    int heightOf(const std::vector<int>& rows) const;
    // Places every cell in the grid's current size, and keeps the grid at
    // least as tall as its rows need.
    void place();

    std::vector<QWidget*> m_widgets;
    QSize m_cellMinimum{200, 100};
    int m_spacing = 6;
};

} // namespace heapviz::ui
