#pragma once
// A layout that places its items left to right at their preferred widths and
// wraps onto a new line when the next one does not fit (Qt's flow layout
// example): preset buttons in a narrow dock stay whole.

#include <QLayout>
#include <QList>

namespace heapviz::ui {

class FlowLayout : public QLayout {
public:
    explicit FlowLayout(QWidget* parent = nullptr, int spacing = -1);
    ~FlowLayout() override;

    void addItem(QLayoutItem* item) override;
    int count() const override;
    QLayoutItem* itemAt(int index) const override;
    QLayoutItem* takeAt(int index) override;
    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect& rect) override;

private:
    // Places the items in `rect` (only when `place`); returns the height used.
    int doLayout(const QRect& rect, bool place) const;
    int gap(Qt::Orientation orientation) const;

    QList<QLayoutItem*> m_items;
    int m_spacing;
};

} // namespace heapviz::ui
