#include "ui/families/structurewidget.h"

#include <QEvent>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include "core/text/units.h"
#include "ui/style/tooltip.h"
#include "ui/style/palette.h"

namespace heapviz::ui {

namespace {

QString bytes(Size n) { return QString::fromStdString(withCommas(n)) + " B"; }
QString hex(Address a) { return QString::fromStdString(hexAddress(a)); }

// A small arrow from one chip to the next, as a linked list is drawn.
void paintArrow(QPainter& p, QPointF from, QPointF to, const QColor& color)
{
    p.setPen(QPen(color, 1.2));
    p.drawLine(from, to);
    QPainterPath head;
    head.moveTo(to);
    head.lineTo(to + QPointF(-4, -3));
    head.lineTo(to + QPointF(-4, 3));
    head.closeSubpath();
    p.fillPath(head, color);
}

} // namespace

StructureWidget::StructureWidget(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void StructureWidget::setStructure(FreeStructure structure, BuddyTree tree, bool animate)
{
    m_previousTree = animate ? std::move(m_tree) : BuddyTree{};
    m_progress = animate ? 0 : 1;
    m_structure = std::move(structure);
    m_tree = std::move(tree);
    m_lastVisit = 0; // the walk's length, for its animation
    for (const FreeRow& row : m_structure.rows)
        for (const FreeChip& c : row.chips)
            m_lastVisit = std::max(m_lastVisit, c.visit);
    relayout();
    updateGeometry(); // a buddy tree with more levels wants more room
}

QSize StructureWidget::minimumSizeHint() const
{
    const double line = QFontMetricsF(font()).height();
    const std::size_t rows = m_structure.kind == FamilyKind::Buddy && !m_tree.empty()
                                 ? std::size_t(m_tree.top - m_tree.bottom + 1)
                                 : std::min<std::size_t>(m_structure.rows.size(), 4);
    const double perRow = m_structure.kind == FamilyKind::Buddy ? 9.0 : line + 2;
    return {160, int(line + 8 + double(std::max<std::size_t>(rows, 1)) * perRow)};
}

QSize StructureWidget::sizeHint() const
{
    return {320, std::max(160, minimumSizeHint().height())};
}

void StructureWidget::setAnimationProgress(double progress)
{
    m_progress = progress;
    update();
}

void StructureWidget::setHighlight(std::optional<Address> at)
{
    if (m_highlight == at)
        return;
    m_highlight = at;
    update();
}

void StructureWidget::setSelectedId(std::optional<TraceId> id)
{
    m_selectedId = id;
    update();
}

void StructureWidget::setTheme(const Theme& theme)
{
    m_theme = theme;
    update();
}

void StructureWidget::relayout()
{
    const QFontMetricsF fm(font());
    m_geometry = StructureGeometry(m_structure, m_tree, QRectF(rect()).adjusted(4, 2, -4, -2),
                                   {fm.height(), [fm](const QString& s) { return fm.horizontalAdvance(s); }});
    update();
}

void StructureWidget::resizeEvent(QResizeEvent*) { relayout(); }

void StructureWidget::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        relayout();
}

void StructureWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), m_theme.base);
    paintHeader(p);
    paintBitmaps(p);
    paintTree(p);
    paintRows(p);
}

// The search in words, then (where there is room) how the lists are ordered.
void StructureWidget::paintHeader(QPainter& p) const
{
    const QRectF r = m_geometry.header();
    QFont bold = font();
    bold.setBold(true);
    const QFontMetricsF boldMetrics(bold);
    const QString search = QString::fromStdString(m_structure.search);
    const double searchWidth = search.isEmpty() ? 0 : boldMetrics.horizontalAdvance(search) + 16;
    p.setFont(bold);
    p.setPen(m_theme.text);
    if (r.height() > 2 * boldMetrics.height()) {
        p.save();
        p.setClipRect(r); // words that need more lines still are cut, never drawn over the lists
        p.drawText(r, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, search);
        p.restore();
    } else
        p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, boldMetrics.elidedText(search, Qt::ElideRight, r.width()));
    p.setFont(font());
    // How the lists are ordered, with what is left out when that fits too.
    const QString order = tr("lists: %1").arg(QString::fromStdString(m_structure.order));
    QString noted = order;
    if (const std::size_t left = m_geometry.emptyRowsLeftOut().size(); left > 0)
        noted = tr("%1 · %n empty not shown", nullptr, int(left)).arg(noted);
    if (m_geometry.hiddenRowsAbove() > 0)
        noted = tr("%1 · +%n above", nullptr, int(m_geometry.hiddenRowsAbove())).arg(noted);
    if (m_geometry.hiddenRows() > 0)
        noted = tr("%1 · +%n lists below", nullptr, int(m_geometry.hiddenRows())).arg(noted);
    if (r.height() >= 2 * boldMetrics.height())
        return;
    for (const QString& words : {noted, order})
        if (QFontMetricsF(font()).horizontalAdvance(words) <= r.width() - searchWidth) {
            p.setPen(m_theme.mutedText);
            p.drawText(r, Qt::AlignRight | Qt::AlignVCenter, words);
            return;
        }
}

// The header's words whole, which a narrow view cuts or leaves out, and the
// lists left out for want of height by name.
QString StructureWidget::headerToolTip() const
{
    QStringList lines{QString::fromStdString(m_structure.search),
                      tr("lists: %1").arg(QString::fromStdString(m_structure.order))};
    QStringList names;
    for (std::size_t i : m_geometry.emptyRowsLeftOut())
        names << QString::fromStdString(m_structure.rows[i].name);
    if (!names.isEmpty())
        lines << tr("empty, not shown for want of room: %1").arg(names.join(QStringLiteral(", ")));
    if (m_geometry.hiddenRowsAbove() > 0)
        lines << tr("%n more lists above, for want of room", nullptr, int(m_geometry.hiddenRowsAbove()));
    if (m_geometry.hiddenRows() > 0)
        lines << tr("%n more lists below, for want of room", nullptr, int(m_geometry.hiddenRows()));
    return lines.join(QLatin1Char('\n'));
}

// TLSF's bitmaps: a cell per list, filled when the list holds a block; the
// lists the search was led to are outlined in order, the one it took from in
// the selection colour.
void StructureWidget::paintBitmaps(QPainter& p) const
{
    if (m_geometry.bitmapArea().isEmpty())
        return;
    const auto& levels = m_structure.secondLevel;
    for (unsigned f = 0; f < levels.size(); ++f)
        for (unsigned l = 0; l < m_structure.secondLevels; ++l) {
            const QRectF cell = m_geometry.cellRect(f, l).adjusted(0.5, 0.5, -0.5, -0.5);
            const bool set = l < 64 && (levels[f] >> l) & 1;
            p.fillRect(cell, set ? m_theme.accent : m_theme.window);
            p.setPen(QPen(m_theme.grid, 0.5));
            p.drawRect(cell);
        }
    for (std::size_t i = 0; i < m_structure.probes.size(); ++i) {
        const FreeListId id = m_structure.probes[i];
        if (id.first >= levels.size())
            continue;
        const bool last = i + 1 == m_structure.probes.size();
        p.setPen(QPen(last ? m_theme.selection : m_theme.examined, 2));
        p.setBrush(Qt::NoBrush);
        p.drawRect(m_geometry.cellRect(id.first, id.second).adjusted(-1, -1, 1, 1));
    }
}

void StructureWidget::paintTree(QPainter& p) const
{
    if (m_geometry.treeArea().isEmpty())
        return;
    // A node that appears since the last tree opens down out of its parent; a
    // node that goes closes up into it (a merge).
    const auto grow = [](QRectF r, double f) {
        r.setHeight(r.height() * std::clamp(f, 0.0, 1.0));
        return r;
    };
    const bool animating = !m_previousTree.empty() && m_progress < 1;
    for (const BuddyNode& node : m_tree.nodes) {
        const BuddyNode* was = animating ? m_previousTree.find(node.at, node.order) : nullptr;
        const bool opening = animating && !was;
        paintNode(p, node, opening ? grow(m_geometry.nodeRect(node), m_progress) : m_geometry.nodeRect(node));
    }
    if (animating)
        for (const BuddyNode& node : m_previousTree.nodes)
            if (!m_tree.find(node.at, node.order) && node.order <= m_tree.top)
                paintNode(p, node, grow(m_geometry.nodeRect(node), 1 - m_progress));
}

void StructureWidget::paintNode(QPainter& p, const BuddyNode& node, QRectF r) const
{
    if (r.height() < 1 || r.bottom() > m_geometry.treeArea().bottom() + 1)
        return;
    const QRectF box = r.adjusted(0.5, 0, -0.5, 0);
    switch (node.state) {
    case BuddyNode::State::Split:
        p.fillRect(box, m_theme.window);
        break;
    case BuddyNode::State::Free:
        p.fillRect(box, m_theme.free);
        p.fillRect(box, QBrush(m_theme.freeHatch, Qt::BDiagPattern));
        break;
    case BuddyNode::State::Used: {
        // The header, the payload, then the tail lost to rounding, hatched.
        const double perByte = box.width() / double(node.size());
        const QColor color = colorForId(node.id);
        const double header = perByte * double(node.header);
        const double payload = perByte * double(node.payload);
        p.fillRect(QRectF(box.left(), box.top(), header, box.height()), m_theme.tag);
        p.fillRect(QRectF(box.left() + header, box.top(), payload, box.height()), color);
        const QRectF tail(box.left() + header + payload, box.top(), box.width() - header - payload, box.height());
        QColor faded = color;
        faded.setAlphaF(0.3);
        p.fillRect(tail, faded);
        p.fillRect(tail, QBrush(color, Qt::FDiagPattern));
        break;
    }
    }
    const bool marked = (m_highlight && *m_highlight == node.at && node.state != BuddyNode::State::Split)
                        || (m_selectedId && node.state == BuddyNode::State::Used && node.id == *m_selectedId);
    p.setPen(marked ? QPen(m_theme.selection, 2.5) : QPen(m_theme.grid, 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(box);
}

// The widget's font, or smaller where rows are too thin for it.
QFont StructureWidget::rowFont() const
{
    QFont f = font();
    const double room = m_geometry.rowHeight() - 3;
    const double height = QFontMetricsF(f).height();
    if (room < height && f.pointSizeF() > 0)
        f.setPointSizeF(std::max(6.0, f.pointSizeF() * room / height));
    return f;
}

void StructureWidget::paintRows(QPainter& p) const
{
    const auto& rows = m_geometry.rows();
    const QFont text = rowFont();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const FreeRow& row = m_structure.rows[m_geometry.rowOrder()[i]];
        const auto& box = rows[i];
        QFont label = text;
        label.setBold(row.probed);
        p.setFont(label);
        p.setPen(row.takenFrom ? m_theme.selection : row.probed ? m_theme.examined : m_theme.mutedText);
        p.drawText(box.label.adjusted(0, 0, -6, 0), Qt::AlignRight | Qt::AlignVCenter,
                   QFontMetricsF(label).elidedText(QString::fromStdString(row.label(m_geometry.briefLabels())),
                                                   Qt::ElideRight, box.label.width() - 6));
        p.setFont(text);
        for (std::size_t c = 0; c < box.chips.size(); ++c) {
            paintChip(p, row.chips[c], box.chips[c]);
            if (c + 1 < box.chips.size() || box.hidden > 0)
                paintArrow(p, {box.chips[c].right() + 2, box.chips[c].center().y()},
                           {box.chips[c].right() + StructureGeometry::kChipGap - 2, box.chips[c].center().y()},
                           m_theme.mutedText);
        }
        if (box.hidden > 0) {
            p.setPen(m_theme.mutedText);
            p.drawText(box.more, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("+%1").arg(box.hidden));
        }
    }
    p.setFont(font());
    // Next fit's rover: before the first free block at or above it.
    if (m_structure.rover && !rows.empty() && !m_structure.rows.empty()) {
        const FreeRow& row = m_structure.rows[m_geometry.rowOrder()[0]];
        std::size_t c = 0;
        while (c < rows[0].chips.size() && row.chips[c].at < *m_structure.rover)
            ++c;
        const double x = c < rows[0].chips.size() ? rows[0].chips[c].left() - 4
                                                  : (rows[0].chips.empty() ? rows[0].label.right() : rows[0].chips.back().right() + 4);
        p.setPen(QPen(m_theme.rover, 2.5));
        p.drawLine(QPointF(x, rows[0].band.top()), QPointF(x, rows[0].band.bottom()));
    }
}

// Animated, the search walks: the k-th of n visits appears at k / (n + 1) of
// the first half, the block taken last; at rest all are shown.
bool StructureWidget::shownYet(const FreeChip& chip) const
{
    if (m_progress >= 1 || chip.visit == 0)
        return true;
    return m_progress * 2 >= double(chip.visit) / double(m_lastVisit + 1);
}

void StructureWidget::paintChip(QPainter& p, const FreeChip& original, QRectF r) const
{
    FreeChip chip = original;
    if (!shownYet(chip)) { // not reached yet: drawn as it stood before the walk
        chip.visit = 0;
        chip.taken = false;
    }
    const QRectF box = r.adjusted(0.5, 0.5, -0.5, -0.5);
    QPainterPath shape;
    shape.addRoundedRect(box, 3, 3);
    if (!chip.taken)
        p.fillPath(shape, m_theme.free); // no hatch: the size on it must read from the back of the room
    QPen outline(m_theme.grid, 1);
    if (chip.taken)
        outline = QPen(m_theme.selection, 2, Qt::DashLine);
    else if (chip.visit > 0)
        outline = QPen(m_theme.examined, 2);
    if (chip.passedOver)
        outline = QPen(m_theme.fault, 2, Qt::DotLine);
    if (m_highlight && *m_highlight == chip.at)
        outline = QPen(m_theme.selection, 3);
    p.setPen(outline);
    p.setBrush(Qt::NoBrush);
    if (outline.widthF() > 1) { // drawn around the box, not into it: a short row's text fills its box
        const double out = outline.widthF() / 2;
        QPainterPath around;
        around.addRoundedRect(box.adjusted(-out, -out, out, out), 3 + out, 3 + out);
        p.drawPath(around);
    } else {
        p.drawPath(shape);
    }
    p.setPen(chip.taken ? m_theme.selection : m_theme.text);
    p.drawText(box, Qt::AlignCenter, chipText(chip.size));
    if (chip.fresh) // entered its list in this step
        p.fillRect(QRectF(box.left() + 3, box.bottom() - 2.5, box.width() - 6, 2.5), m_theme.accent);
    if (chip.visit > 0 && box.height() >= 12) { // its place in the search
        const QFont text = p.font();
        QFont small = text;
        small.setPointSizeF(text.pointSizeF() * 0.7);
        p.setFont(small);
        const QString n = QString::number(chip.visit);
        const double d = QFontMetricsF(small).height();
        const QRectF badge(box.left() - 2, box.top() - 3, std::max(d, QFontMetricsF(small).horizontalAdvance(n) + 4), d);
        QPainterPath pill;
        pill.addRoundedRect(badge, d / 2, d / 2);
        p.fillPath(pill, chip.taken ? m_theme.selection : m_theme.examined);
        p.setPen(m_theme.base);
        p.drawText(badge, Qt::AlignCenter, n);
        p.setFont(text);
    }
}

QString StructureWidget::toolTipAt(QPointF pos) const
{
    if (m_geometry.header().contains(pos))
        return headerToolTip();
    const auto hit = m_geometry.hitAt(pos);
    if (!hit)
        return {};
    if (const FreeChip* chip = m_structure.chipAt(hit->at); chip && chip->size == hit->size) {
        QString text = tr("free block at %1, %2").arg(hex(chip->at), bytes(chip->size));
        if (chip->taken)
            text = tr("taken by this step's search: the block at %1, %2").arg(hex(chip->at), bytes(chip->size));
        else if (chip->visit > 0)
            text += tr(" · looked at %1 in this step's search").arg(chip->visit == 1 ? tr("first") : tr("%1th").arg(chip->visit));
        if (chip->passedOver)
            text += tr(" · big enough, but TLSF passed it over: it sits below the list the request was rounded up to");
        if (chip->fresh)
            text += tr(" · entered its list in this step");
        return text;
    }
    for (const BuddyNode& node : m_tree.nodes) {
        if (node.at != hit->at || node.size() != hit->size)
            continue;
        switch (node.state) {
        case BuddyNode::State::Split:
            return tr("order %1 at %2: split into two %3 buddies").arg(node.order).arg(hex(node.at), bytes(node.size() / 2));
        case BuddyNode::State::Free:
            return tr("order %1 at %2: free, %3").arg(node.order).arg(hex(node.at), bytes(node.size()));
        case BuddyNode::State::Used:
            return tr("order %1 at %2: id %3, %4 asked for in a %5 block: %6 lost to rounding and header")
                .arg(node.order)
                .arg(hex(node.at))
                .arg(node.id)
                .arg(bytes(node.payload), bytes(node.size()), bytes(node.lost()));
        }
    }
    return {};
}

std::optional<TraceId> StructureWidget::usedIdAt(QPointF pos) const
{
    const auto hit = m_geometry.hitAt(pos);
    if (!hit)
        return std::nullopt;
    for (const BuddyNode& node : m_tree.nodes)
        if (node.at == hit->at && node.size() == hit->size && node.state == BuddyNode::State::Used)
            return node.id;
    return std::nullopt;
}

bool StructureWidget::event(QEvent* event)
{
    if (answerToolTip(this, event, [this](QPointF at) { return toolTipAt(at); }))
        return true;
    return QWidget::event(event);
}

void StructureWidget::mouseMoveEvent(QMouseEvent* event)
{
    const auto hit = m_geometry.hitAt(event->position());
    const std::optional<Address> at = hit ? std::optional(hit->at) : std::nullopt;
    if (at != m_highlight) {
        setHighlight(at);
        Q_EMIT hovered(at);
    }
}

void StructureWidget::leaveEvent(QEvent*)
{
    if (m_highlight) {
        setHighlight(std::nullopt);
        Q_EMIT hovered(std::nullopt);
    }
}

void StructureWidget::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        Q_EMIT blockClicked(usedIdAt(event->position()));
}

} // namespace heapviz::ui
