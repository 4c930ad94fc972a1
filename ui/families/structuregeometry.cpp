#include "ui/families/structuregeometry.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace heapviz::ui {

QString chipText(Size size)
{
    static const char* kUnits[] = {"", "K", "M", "G", "T"};
    int unit = 0;
    double v = double(size);
    while (v >= 10 * 1024 && unit < 4) { // 4 digits at most: "9216", "12K"
        v /= 1024;
        ++unit;
    }
    if (unit == 0)
        return QString::number(size);
    return QString::number(v, 'g', v < 10 ? 2 : 3) + kUnits[unit];
}

namespace {

// The buddy rows shown: the orders from the heap's down to its smallest
// block's (or the smallest a search looked at); the others, top first.
std::vector<std::size_t> shownRows(const FreeStructure& s, const BuddyTree& tree)
{
    std::vector<std::size_t> order;
    if (s.kind != FamilyKind::Buddy) {
        for (std::size_t i = 0; i < s.rows.size(); ++i)
            order.push_back(i);
        return order;
    }
    unsigned lowest = tree.empty() ? ~0u : tree.bottom;
    for (const FreeRow& row : s.rows)
        if (row.probed || !row.chips.empty())
            lowest = std::min(lowest, row.id.first);
    for (std::size_t i = s.rows.size(); i-- > 0;)
        if (s.rows[i].id.first >= lowest && (tree.empty() || s.rows[i].id.first <= tree.top))
            order.push_back(i);
    return order;
}

// Of the rows, the first of the `fit` shown when not all fit: the last the
// step touched (a list the search looked at, the block taken, a block that
// entered a list) is the last shown, with the rows before it, which the
// search went through: a buddy lane's orders top first, its search climbing
// from the request's order (the last); TLSF's and segregated fits' lists
// small first, their search ending at the list it took from.
std::size_t firstRowShown(const FreeStructure& s, const std::vector<std::size_t>& rows, std::size_t fit)
{
    std::size_t last = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const FreeRow& row = s.rows[rows[i]];
        const bool touched = row.probed || row.takenFrom
                             || std::any_of(row.chips.begin(), row.chips.end(),
                                            [](const FreeChip& c) { return c.taken || c.fresh || c.visit > 0; });
        if (touched)
            last = i;
    }
    return last + 1 > fit ? last + 1 - fit : 0;
}

} // namespace

StructureGeometry::StructureGeometry(const FreeStructure& s, const BuddyTree& tree, QRectF area, const TextMeasure& text)
{
    const double line = text.lineHeight;
    // The search's words take a second line when one is too short for them,
    // and a third in a narrow lane (TLSF's "need 32,832 B → rounded up to
    // 33,792 B → list (7, 1), empty → next: (8, 5)" in a quarter of 1024
    // pixels); in bold, and wrapped at words, they take more than their width.
    const double words = text.width(QString::fromStdString(s.search)) * 1.15;
    const double lines = std::clamp(std::ceil(words / std::max(1.0, area.width())), 1.0, 3.0);
    m_header = QRectF(area.left(), area.top(), area.width(), lines * line + 4);
    const QRectF body = area.adjusted(0, m_header.height() + 4, 0, 0);
    m_rowOrder = shownRows(s, tree);
    // Lists too many for the height at the text's own size (a segregated
    // lane's nine classes in a quarter of a 1280 x 720 window shrank it to 6
    // points) leave out the empty ones the search did not look at: they
    // show nothing but their names. A buddy lane keeps every order beside
    // the tree's levels.
    const double rowsAsTheyAre = body.height() / double(std::max<std::size_t>(1, m_rowOrder.size()));
    if (s.kind != FamilyKind::Buddy && rowsAsTheyAre - 3 < line) { // as StructureWidget::rowFont() would shrink it
        const auto unseen = [&](std::size_t i) { return s.rows[i].chips.empty() && !s.rows[i].probed; };
        std::copy_if(m_rowOrder.begin(), m_rowOrder.end(), std::back_inserter(m_emptyRowsLeftOut), unseen);
        std::erase_if(m_rowOrder, unseen);
    }
    const std::size_t n = std::max<std::size_t>(1, m_rowOrder.size());
    // Rows a name can be read in; a buddy tree's levels may be thinner, but
    // not so thin that its orders' names cannot be read from the back of a room.
    const double least = s.kind == FamilyKind::Buddy ? line * kMinTreeRowLines + 3 : kMinRowHeight;
    m_rowHeight = std::clamp(body.height() / double(n), least, line * 1.7);
    const std::size_t fit = std::size_t(std::max(1.0, std::floor(body.height() / m_rowHeight)));
    if (m_rowOrder.size() > fit) {
        m_hiddenAbove = firstRowShown(s, m_rowOrder, fit);
        m_hiddenRows = m_rowOrder.size() - fit - m_hiddenAbove;
        m_rowOrder.erase(m_rowOrder.begin(), m_rowOrder.begin() + std::ptrdiff_t(m_hiddenAbove));
        m_rowOrder.resize(fit);
    }

    QRectF lists = body;
    if (s.kind == FamilyKind::Buddy && !tree.empty()) {
        // The tree's levels line up with the orders' rows beside them.
        m_treeTop = tree.top;
        m_levelsTop = m_rowOrder.empty() ? tree.top : s.rows[m_rowOrder.front()].id.first;
        m_tree = QRectF(body.left(), body.top(), std::floor(body.width() * 0.42), m_rowHeight * double(m_rowOrder.size()));
        lists.setLeft(m_tree.right() + 10);
        for (const BuddyNode& node : tree.nodes) {
            const QRectF r = nodeRect(node);
            if (!r.isEmpty() && r.bottom() <= m_tree.bottom() + 0.5)
                m_hits.push_back({r, {node.at, node.size()}});
        }
    }
    if (s.secondLevels > 0 && !s.secondLevel.empty()) {
        m_cellColumns = s.secondLevels;
        const double levels = double(s.secondLevel.size());
        m_cell = std::min(kCellSize, body.width() * 0.4 / m_cellColumns);
        m_cellHeight = std::min(kCellSize + 3, body.height() / levels);
        m_bitmaps = QRectF(body.left(), body.top(), m_cell * m_cellColumns, m_cellHeight * levels);
        lists.setLeft(m_bitmaps.right() + 12);
    }

    double chipWidth = line * 1.8;
    for (std::size_t i : m_rowOrder)
        for (const FreeChip& c : s.rows[i].chips)
            chipWidth = std::max(chipWidth, text.width(chipText(c.size)) + 10);
    const auto labelsWidth = [&](bool brief) {
        double width = 0;
        for (std::size_t i : m_rowOrder)
            width = std::max(width, text.width(QString::fromStdString(s.rows[i].label(brief))));
        return width * 1.1 + 10; // a probed list's name is bold
    };
    const double room = lists.width() * 0.55;
    m_briefLabels = labelsWidth(false) > room;
    const double labelWidth = std::min(labelsWidth(m_briefLabels), room);

    double y = body.top();
    for (std::size_t i : m_rowOrder) {
        const FreeRow& row = s.rows[i];
        Row out;
        out.band = QRectF(lists.left(), y, lists.width(), m_rowHeight);
        out.label = QRectF(lists.left(), y, labelWidth, m_rowHeight);
        const QRectF chips(out.label.right(), y + 2, lists.right() - out.label.right(), m_rowHeight - 4);
        const double stride = chipWidth + kChipGap;
        std::size_t room = std::size_t(std::max(0.0, std::floor((chips.width() + kChipGap) / stride)));
        std::size_t shown = row.chips.size();
        // Wide enough for "+N" whatever N (a big heap's list has tens of thousands).
        const double moreWidth = text.width(QStringLiteral("+%1").arg(row.chips.size())) + 4;
        if (shown > room) { // keep room for "+N"
            room = std::size_t(std::max(0.0, std::floor((chips.width() - moreWidth) / stride))); // "+N" after a gap
            shown = room;
        }
        for (std::size_t c = 0; c < shown; ++c) {
            out.chips.push_back(QRectF(chips.left() + double(c) * stride, chips.top(), chipWidth, chips.height()));
            m_hits.push_back({out.chips.back(), {row.chips[c].at, row.chips[c].size}});
        }
        out.hidden = row.chips.size() - shown;
        if (out.hidden > 0)
            out.more = QRectF(chips.left() + double(shown) * stride, chips.top(), moreWidth, chips.height());
        m_rows.push_back(out);
        y += m_rowHeight;
    }
}

QRectF StructureGeometry::nodeRect(const BuddyNode& node) const
{
    if (node.order > m_levelsTop)
        return {};
    const double heap = std::ldexp(1.0, int(m_treeTop));
    const double x = m_tree.left() + m_tree.width() * double(node.at.value()) / heap;
    const double w = m_tree.width() * double(node.size()) / heap;
    const double y = m_tree.top() + m_rowHeight * double(m_levelsTop - node.order);
    return QRectF(x, y + 1, w, m_rowHeight - 2);
}

QRectF StructureGeometry::cellRect(unsigned f, unsigned l) const
{
    return QRectF(m_bitmaps.left() + m_cell * l, m_bitmaps.top() + m_cellHeight * f, m_cell, m_cellHeight);
}

std::optional<StructureGeometry::Hit> StructureGeometry::hitAt(QPointF p) const
{
    for (auto it = m_hits.rbegin(); it != m_hits.rend(); ++it)
        if (it->first.contains(p))
            return it->second;
    return std::nullopt;
}

} // namespace heapviz::ui
