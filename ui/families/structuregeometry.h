#pragma once
// StructureGeometry: where each part of a lane's free structure is drawn. A
// value type with no widget, so that the layout is tested without pixels; the
// widget only paints what it says.
//
//   header   the search in words ("need 1,000 B → rounded up to 1,008 B → ...")
//   rows     one per list, top to bottom: its name, then its blocks as chips,
//            head first, left to right; what does not fit ends in "+N".
//            Where rows would be too thin for the text, the empty lists
//            the search passed by are left out
//   bitmaps  TLSF: the first-level × second-level grid, left of the rows
//   tree     buddy: the tree of halves, left of the rows, one band per order
//            level with the order's free list beside it (the root on top)

#include <QPointF>
#include <QRectF>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

#include "ui/families/buddytree.h"
#include "ui/families/freestructure.h"

namespace heapviz::ui {

// The text measures the layout needs, so that tests can give fixed ones.
struct TextMeasure {
    double lineHeight = 16;
    std::function<double(const QString&)> width;
};

// A chip's words: its size, short ("96", "4K", "1.5M").
QString chipText(Size size);

class StructureGeometry {
public:
    static constexpr double kChipGap = 12;   // room for the arrow between two chips
    static constexpr double kMinRowHeight = 12;
    // A buddy lane's orders, beside the tree's levels, at least three
    // quarters of a line each: 17 orders (a 2 MiB heap down to 32 B) in a
    // quarter of a 1024 x 768 window were 7 pixels, their names 6 points.
    static constexpr double kMinTreeRowLines = 0.75;
    static constexpr double kCellSize = 7;   // a TLSF bitmap bit, at most

    StructureGeometry() = default;
    StructureGeometry(const FreeStructure& structure, const BuddyTree& tree, QRectF area, const TextMeasure& text);

    QRectF header() const { return m_header; }
    // The rows shown, top to bottom, as indices into the structure's rows.
    const std::vector<std::size_t>& rowOrder() const { return m_rowOrder; }
    struct Row {
        QRectF band;   // the whole row
        QRectF label;  // the list's name
        std::vector<QRectF> chips; // the first chips.size() chips of the list
        std::size_t hidden = 0;    // chips left out
        QRectF more;   // where "+N" goes, when hidden > 0
    };
    const std::vector<Row>& rows() const { return m_rows; }
    // Lists left out at the bottom for want of height.
    std::size_t hiddenRows() const { return m_hiddenRows; }
    // Lists left out at the top for want of height: those before the last
    // one the step touched that do not fit with it.
    std::size_t hiddenRowsAbove() const { return m_hiddenAbove; }
    // Empty lists the search did not look at, left out for want of height
    // (indices into the structure's rows).
    const std::vector<std::size_t>& emptyRowsLeftOut() const { return m_emptyRowsLeftOut; }
    // The names do not fit: the rows show their brief labels (FreeRow::label).
    bool briefLabels() const { return m_briefLabels; }
    double rowHeight() const { return m_rowHeight; }

    // Buddy: the tree's area, and a node's box in it (x by address, y by
    // order; empty for a node of an order not shown).
    QRectF treeArea() const { return m_tree; }
    QRectF nodeRect(const BuddyNode& node) const;
    // TLSF: the bitmaps' area, and the bit of list (f, l).
    QRectF bitmapArea() const { return m_bitmaps; }
    QRectF cellRect(unsigned f, unsigned l) const;

    // The free block or tree node under `p`: its address and size.
    struct Hit {
        Address at;
        Size size = 0;
        friend bool operator==(const Hit&, const Hit&) = default;
    };
    std::optional<Hit> hitAt(QPointF p) const;

private:
    std::vector<std::pair<QRectF, Hit>> m_hits; // chips and tree nodes, the deepest node last
    QRectF m_header;
    std::vector<std::size_t> m_rowOrder;
    std::vector<Row> m_rows;
    std::size_t m_hiddenRows = 0;
    std::size_t m_hiddenAbove = 0;
    std::vector<std::size_t> m_emptyRowsLeftOut;
    bool m_briefLabels = false;
    double m_rowHeight = 0;
    QRectF m_tree;
    unsigned m_treeTop = 0;   // the root's order: the tree's width is its bytes
    unsigned m_levelsTop = 0; // the highest order shown
    QRectF m_bitmaps;
    unsigned m_cellColumns = 0;
    double m_cell = 0;       // a bitmap bit's width
    double m_cellHeight = 0; // and height
};

} // namespace heapviz::ui
