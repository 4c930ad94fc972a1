#pragma once
// StructureWidget: a lane's free structure drawn, the view that tells why its
// allocator chose what it chose (StructureGeometry lays it out):
//  - the fits: the address-ordered free list, next fit's rover on it;
//  - segregated fits: a row per size class, its free blocks in list order;
//  - TLSF: its bitmaps and its non-empty lists, the request's rounding above;
//  - buddy: the tree of halves, each level beside its order's free list, the
//    rounded-up tail of each used block hatched; splits open, merges close;
//  - pool: the free stack, its top first.
// The step's search is drawn on it: the blocks and lists looked at, numbered
// in order, the block taken where it stood (dashed), the blocks that entered
// a list in this step underlined, and a TLSF exact fit passed over marked.
//
// Hovering a block tells hovered(address), which the lane passes to its map;
// setHighlight is the way back. A click on a used tree node tells its id.

#include <QWidget>

#include <optional>

#include "ui/families/buddytree.h"
#include "ui/families/freestructure.h"
#include "ui/families/structuregeometry.h"
#include "ui/style/theme.h"

namespace heapviz::ui {

class StructureWidget : public QWidget {
    Q_OBJECT
public:
    explicit StructureWidget(QWidget* parent = nullptr);

    // The structure to show. With `animate`, the tree's splits and merges
    // since the last one are drawn opening and closing as the animation's
    // progress goes from 0 to 1.
    void setStructure(FreeStructure structure, BuddyTree tree, bool animate = false);
    void setAnimationProgress(double progress);
    void setHighlight(std::optional<Address> at);
    void setSelectedId(std::optional<TraceId> id);
    void setTheme(const Theme& theme);

    const FreeStructure& structure() const { return m_structure; }
    const BuddyTree& tree() const { return m_tree; }
    const StructureGeometry& structureGeometry() const { return m_geometry; }
    std::optional<Address> highlight() const { return m_highlight; }
    // What hovering at `pos` shows, in words; empty over nothing.
    QString toolTipAt(QPointF pos) const;

    QSize sizeHint() const override;
    // Room for the header and a few lists (a buddy tree's levels) at the least.
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void hovered(std::optional<Address> at);
    void blockClicked(std::optional<TraceId> id);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void relayout();
    void paintHeader(QPainter& p) const;
    QString headerToolTip() const;
    void paintBitmaps(QPainter& p) const;
    void paintTree(QPainter& p) const;
    void paintNode(QPainter& p, const BuddyNode& node, QRectF r) const;
    QFont rowFont() const;
    void paintRows(QPainter& p) const;
    void paintChip(QPainter& p, const FreeChip& chip, QRectF r) const;
    bool shownYet(const FreeChip& chip) const;
    std::optional<TraceId> usedIdAt(QPointF pos) const;

    FreeStructure m_structure;
    BuddyTree m_tree;
    BuddyTree m_previousTree; // for the animation: what the tree was
    double m_progress = 1;
    int m_lastVisit = 0;
    StructureGeometry m_geometry;
    Theme m_theme = Theme::of(ThemeKind::Light);
    std::optional<Address> m_highlight;
    std::optional<TraceId> m_selectedId;
};

} // namespace heapviz::ui
