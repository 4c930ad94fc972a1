#include "ui/map/memorymaprenderer.h"

#include <QFontMetricsF>
#include <QImage>
#include <QObject>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>

#include "core/replay/layout.h"
#include "ui/style/palette.h"

namespace heapviz::ui {

namespace {

constexpr double kRulerPadding = 6.0; // between the labels and the first column
constexpr double kFrameMinPixels = 7.0; // outlined blocks are never narrower, so they can be found
constexpr double kRoverArrow = 7.0;     // the height of the rover's triangle, half its width
constexpr double kDamageMinPixels = 4.0; // a write's damage is never narrower, so that one byte shows
constexpr double kDamageAlpha = 0.6;     // the damage's fill over the bytes it hit

QString hexAddress(Address a) { return QStringLiteral("0x") + QString::number(a.value(), 16); }

// Text that reads on `fill`: black on light colours, white on dark ones.
QColor textOn(const QColor& fill) { return fill.lightness() > 150 ? QColor(Qt::black) : QColor(Qt::white); }

// `colour` at `alpha` (0..1).
QColor faded(QColor colour, double alpha)
{
    colour.setAlphaF(float(alpha));
    return colour;
}

QFont boldOf(const QFont& base)
{
    QFont font = base;
    font.setBold(true);
    return font;
}

// A weighted mix of three colours, the weights summing to at most 1, in
// fixed point: it runs for most pixels when blocks are narrower than a pixel.
QRgb mix(QRgb a, double wa, QRgb b, double wb, QRgb c)
{
    const std::uint32_t ia = std::uint32_t(std::clamp(wa, 0.0, 1.0) * 256 + 0.5);
    const std::uint32_t ib = std::min(256u - ia, std::uint32_t(std::max(wb, 0.0) * 256 + 0.5));
    const std::uint32_t ic = 256u - ia - ib;
    const auto channel = [&](int shift) {
        const std::uint32_t sum = ((a >> shift) & 0xff) * ia + ((b >> shift) & 0xff) * ib
                                  + ((c >> shift) & 0xff) * ic;
        return (sum >> 8) << shift;
    };
    return 0xff000000u | channel(16) | channel(8) | channel(0);
}

// The pixels [x0, x1) of a row piece, snapped to whole pixels and at least
// `minWidth` wide (widened about its middle), for outlines that must be seen.
QRectF snapped(const QRectF& r, double minWidth)
{
    double x0 = std::round(r.left());
    double x1 = std::round(r.right());
    if (x1 - x0 < minWidth) {
        const double middle = std::floor((r.left() + r.right()) / 2);
        x0 = middle - std::floor(minWidth / 2);
        x1 = x0 + minWidth;
    }
    return {x0, std::round(r.top()), x1 - x0, std::round(r.height())};
}

// One row of the map as one line of pixels: pieces of blocks, given in address
// order in pixel units, are summed into the columns they cover. A column wholly
// inside one block gets that block's colour exactly; a column shared by several
// mixes the colour of its largest used piece, the free grey and the background
// by how much of it each covers.
class CoverageRow {
public:
    CoverageRow(QRgb* line, int width, QRgb freeRgb, QRgb background)
        : m_line(line), m_width(width), m_free(freeRgb), m_background(background)
    {
        std::fill(m_line, m_line + m_width, m_background);
    }

    void add(double x0, double x1, bool used, QRgb colour)
    {
        x0 = std::max(x0, 0.0);
        x1 = std::min(x1, double(m_width));
        if (!(x1 > x0))
            return;
        const int first = int(x0);
        if (first != m_column)
            moveTo(first);
        const double firstEnd = first + 1.0;
        accumulate(std::min(x1, firstEnd) - x0, used, colour);
        if (x1 <= firstEnd)
            return;
        const int last = int(x1); // the column x1 falls in, which the piece covers partly
        flush();
        std::fill(m_line + first + 1, m_line + last, used ? colour : m_free);
        m_column = last;
        accumulate(x1 - last, used, colour);
    }

    void finish() { flush(); }

private:
    void moveTo(int column)
    {
        flush();
        m_column = column;
    }

    void accumulate(double cover, bool used, QRgb colour)
    {
        if (!used) {
            m_freeCover += cover;
            return;
        }
        m_usedCover += cover;
        if (cover > m_largest) {
            m_largest = cover;
            m_usedColour = colour;
        }
    }

    // Writes the current column, if anything covers it, and starts afresh.
    void flush()
    {
        constexpr double kWhole = 1.0 - 1e-9;
        if (m_column >= 0 && m_column < m_width && m_usedCover + m_freeCover > 0) {
            QRgb& pixel = m_line[m_column];
            if (m_usedCover >= kWhole)
                pixel = m_usedColour;
            else if (m_freeCover >= kWhole)
                pixel = m_free;
            else
                pixel = mix(m_usedColour, m_usedCover, m_free, m_freeCover, m_background);
        }
        m_usedCover = m_freeCover = m_largest = 0;
        m_usedColour = m_background;
    }

    QRgb* m_line;
    int m_width;
    QRgb m_free;
    QRgb m_background;
    int m_column = -1;
    double m_usedCover = 0;
    double m_freeCover = 0;
    double m_largest = 0;
    QRgb m_usedColour = 0;
};

// One frame of the map: walks the blocks once, row by row, and paints the
// layers in order, from fills to the ruler.
class MapPainter {
public:
    MapPainter(QPainter& painter, const QSize& size, const BlockLayout& layout,
               const MemoryMapGeometry& geometry, const MapStyle& style)
        : m_painter(painter), m_size(size), m_layout(layout), m_geometry(geometry), m_style(style)
        , m_theme(style.theme), m_free(m_theme.free.rgb()), m_background(m_theme.base.rgb())
        , m_byteCells(geometry.pixelsPerByte() >= kByteMinPixels)
    {
    }

    void paint()
    {
        m_painter.save();
        m_painter.setRenderHint(QPainter::Antialiasing, false);
        m_painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
        m_painter.fillRect(QRect(QPoint(0, 0), m_size), QColor::fromRgb(m_background));
        paintBlocks();
        layOutFaultBadges(); // before the tags' names, which must not show from under a badge
        paintDetails();
        paintReserved();
        paintSearch();
        paintDamage();
        paintSelection();
        paintFaults();
        paintRover();
        paintRuler();
        m_painter.restore();
    }

private:
    using Blocks = BlockMap;

    // Fills each row from a one-pixel-high strip of coverage colours, stretched
    // to the row's height: one image draw per row whatever the number of blocks.
    void paintBlocks()
    {
        const int width = int(std::ceil(m_geometry.rowWidth()));
        const int rows = m_geometry.rowCount();
        if (m_layout.heapSize() == 0 || width <= 0)
            return;
        QImage strip(width, rows, QImage::Format_RGB32);
        for (int row = 0; row < rows; ++row) {
            if (!paintRow(row, reinterpret_cast<QRgb*>(strip.scanLine(row)), width))
                break;
            m_painter.drawImage(QRectF(m_geometry.margin(), row * m_geometry.rowPitch(), width,
                                       m_geometry.rowHeight()),
                                strip, QRectF(0, row, width, 1));
        }
    }

    // The first block that holds a byte at or after `at`.
    Blocks::const_iterator firstBlockFrom(Address at) const
    {
        const Blocks& blocks = m_layout.map();
        auto it = blocks.upper_bound(at);
        if (it != blocks.begin()) {
            const auto before = std::prev(it);
            if (before->first + before->second.size > at)
                return before;
        }
        return it;
    }

    // Sums one row's blocks into `line`; false when the row starts past the heap.
    bool paintRow(int row, QRgb* line, int width)
    {
        const Address rowStart = m_geometry.first() + Size(row) * m_geometry.bytesPerRow();
        const Address rowEnd =
            std::min(rowStart + m_geometry.bytesPerRow(), Address(m_layout.heapSize()));
        if (rowStart >= rowEnd)
            return false;
        const double scale = m_geometry.pixelsPerByte();
        CoverageRow cover(line, width, m_free, m_background);
        for (auto it = firstBlockFrom(rowStart); it != m_layout.map().end() && it->first < rowEnd;
             ++it) {
            const auto& [at, block] = *it;
            if (at >= rowStart || row == 0) // a block that goes on from the row above is noted there
                noteDetails(at, block);
            const Address from = std::max(at, rowStart);
            const Address to = std::min(at + block.size, rowEnd);
            cover.add(double(from - rowStart) * scale, double(to - rowStart) * scale, block.used,
                      block.used ? rgbForId(block.id) : m_free);
        }
        cover.finish();
        return true;
    }

    // Collects the details a block is wide enough to show, to draw in batches.
    void noteDetails(Address at, const BlockLayout::Block& block)
    {
        const double scale = m_geometry.pixelsPerByte();
        const double width = double(block.size) * scale;
        const bool wide = width >= kBoundaryMinPixels;
        if ((wide || m_previousWide) && m_geometry.isVisible(at)) {
            // Among byte cells a boundary is wider than the lines between bytes.
            const QPointF p = m_geometry.pointFor(at);
            const double line = m_byteCells ? 2.0 : 1.0;
            m_boundaries.emplace_back(std::floor(p.x()) - (line - 1), p.y(), line, m_geometry.rowHeight());
        }
        m_previousWide = wide;
        const auto collect = [](std::vector<QRectF>& into) {
            return [&into](const QRectF& r, bool, bool) { into.push_back(r); };
        };
        if (!block.used) {
            if (width >= kHatchMinPixels)
                m_geometry.forEachPiece(at, at + block.size, collect(m_hatches));
            return;
        }
        const bool tagsFit = m_style.header + m_style.footer <= block.size;
        if (tagsFit && double(m_style.header) * scale >= kTagMinPixels)
            noteTag(at, m_style.header, true);
        if (tagsFit && double(m_style.footer) * scale >= kTagMinPixels)
            noteTag(at + block.size - m_style.footer, m_style.footer, false);
        if (m_style.selected == block.id)
            m_selected.emplace_back(at, block.size);
    }

    // A header or footer's pieces, and, among byte cells, its name on each.
    void noteTag(Address at, Size size, bool header)
    {
        m_geometry.forEachPiece(at, at + size, [&](const QRectF& r, bool, bool) {
            m_tags.push_back(r);
            if (m_byteCells)
                m_tagNames.emplace_back(r, header);
        });
    }

    void fillRects(const std::vector<QRectF>& rects, const QBrush& brush)
    {
        if (rects.empty())
            return;
        m_painter.setPen(Qt::NoPen);
        m_painter.setBrush(brush);
        m_painter.drawRects(rects.data(), int(rects.size()));
    }

    void paintDetails()
    {
        fillRects(m_hatches, QBrush(m_theme.freeHatch, Qt::BDiagPattern));
        fillRects(m_tags, m_theme.tag);
        paintByteCells();
        fillRects(m_boundaries, QColor::fromRgb(m_background));
        paintTagNames();
    }

    // Among byte cells, a faint line of background between each two bytes of
    // the heap, so that a class can count them; block boundaries stay bolder.
    // Over header and footer bytes, whose colour may be the background's
    // (dark themes), the lines take the colour of the tags' names instead.
    void paintByteCells()
    {
        if (!m_byteCells)
            return;
        std::vector<QRectF> lines;
        const Address heapEnd(m_layout.heapSize());
        for (const auto& [y, start] : m_geometry.rowStarts())
            addByteLines(QRectF(m_geometry.margin(), y, 0, m_geometry.rowHeight()),
                         std::min(m_geometry.bytesPerRow(), heapEnd - start), lines);
        fillRects(lines, faded(m_theme.base, 0.55));
        lines.clear();
        const double scale = m_geometry.pixelsPerByte();
        for (const QRectF& tag : m_tags)
            addByteLines(tag, Size(std::llround(tag.width() / scale)), lines);
        fillRects(lines, faded(textOn(m_theme.tag), 0.35));
    }

    // The lines between the `bytes` bytes that start at `piece`'s left edge.
    void addByteLines(const QRectF& piece, Size bytes, std::vector<QRectF>& lines) const
    {
        const double scale = m_geometry.pixelsPerByte();
        for (Size i = 1; i < bytes; ++i)
            lines.emplace_back(std::floor(piece.left() + double(i) * scale), piece.top(), 1.0, piece.height());
    }

    // "header" and "footer" (or "hdr", "ftr") on the tag pieces wide enough.
    void paintTagNames()
    {
        if (m_tagNames.empty())
            return;
        const QFont font = boldOf(m_style.font);
        const QFontMetricsF metrics(font);
        m_painter.setFont(font);
        m_painter.setPen(textOn(m_theme.tag));
        for (const auto& [r, header] : m_tagNames) {
            const QString full = header ? QObject::tr("header") : QObject::tr("footer");
            const QString brief = header ? QObject::tr("hdr") : QObject::tr("ftr");
            const double room = r.width() - 6;
            const QString name = metrics.horizontalAdvance(full) <= room    ? full
                                 : metrics.horizontalAdvance(brief) <= room ? brief
                                                                            : QString();
            QRectF text(0, 0, metrics.horizontalAdvance(name), metrics.height());
            text.moveCenter(r.center());
            const bool covered = std::any_of(m_badges.begin(), m_badges.end(),
                                             [&](const Badge& b) { return b.rect.intersects(text); });
            if (!name.isEmpty() && !covered)
                m_painter.drawText(r, Qt::AlignCenter, name);
        }
    }

    // The prefix and suffix, which are no block, as solid bands at the heap's ends.
    void paintReserved()
    {
        const Size heap = m_layout.heapSize();
        const auto band = [this](const QRectF& r, bool, bool) {
            m_painter.fillRect(snapped(r, 2.0), m_theme.reserved);
        };
        if (m_style.prefix > 0)
            m_geometry.forEachPiece(Address(0), Address(std::min(m_style.prefix, heap)), band);
        if (m_style.suffix > 0 && m_style.suffix <= heap)
            m_geometry.forEachPiece(Address(heap - m_style.suffix), Address(heap), band);
    }

    // An outline `thickness` pixels wide, `inset` pixels inside each piece of
    // [at, at + size), left open where the block goes on into another row.
    void outline(Address at, Size size, double thickness, const QColor& colour, double inset = 0)
    {
        m_geometry.forEachPiece(at, at + size, [&](const QRectF& piece, bool openLeft,
                                                   bool openRight) {
            const QRectF r = snapped(piece, kFrameMinPixels)
                                 .adjusted(openLeft ? 0 : inset, inset, openRight ? 0 : -inset,
                                           -inset);
            if (inset > 0 && (r.width() < 2 * thickness + 1 || r.height() < 2 * thickness + 1))
                return; // an inner line with no room inside would cover the outline
            const double t =
                std::min(thickness, std::max(1.0, std::floor(std::min(r.width(), r.height()) / 2)));
            m_painter.fillRect(QRectF(r.left(), r.top(), r.width(), t), colour);
            m_painter.fillRect(QRectF(r.left(), r.bottom() - t, r.width(), t), colour);
            if (!openLeft)
                m_painter.fillRect(QRectF(r.left(), r.top(), t, r.height()), colour);
            if (!openRight)
                m_painter.fillRect(QRectF(r.right() - t, r.top(), t, r.height()), colour);
        });
    }

    // The block holding `at` as (start, size); size 0 when there is none.
    std::pair<Address, Size> blockHolding(Address at) const
    {
        const auto it = m_layout.blockAt(at);
        if (it == m_layout.map().end())
            return {at, 0};
        return {it->first, it->second.size};
    }

    void paintSearch()
    {
        const QColor colour = m_theme.examined;
        for (Address a : m_style.examined)
            if (const auto [at, size] = blockHolding(a); size > 0)
                outline(at, size, 2.0, colour);
        if (!m_style.chosen)
            return;
        const auto [at, size] = blockHolding(*m_style.chosen);
        if (size == 0)
            return;
        QColor fill = colour;
        fill.setAlpha(110);
        m_geometry.forEachPiece(at, at + size, [&](const QRectF& piece, bool, bool) {
            m_painter.fillRect(snapped(piece, kFrameMinPixels), fill);
        });
        outline(at, size, 3.0, colour);
    }

    // A thick outline in the selection colour with a thin line of background
    // inside it, so that it stands out on dark and light fills alike.
    void paintSelection()
    {
        for (const auto& [at, size] : m_selected) {
            outline(at, size, 3.0, m_theme.selection);
            outline(at, size, 1.0, QColor::fromRgb(m_background), 3.0);
        }
    }

    // Where each fault's badge goes: "! double free" on the block's first
    // piece, or a round "!" centred on the block's start when the words do
    // not fit in it.
    void layOutFaultBadges()
    {
        if (m_style.faults.empty())
            return;
        const QFontMetricsF metrics(boldOf(m_style.font));
        const double height = std::max(m_geometry.rowHeight(), std::ceil(metrics.height()));
        for (const FaultMark& mark : m_style.faults) {
            const auto pieces = m_geometry.rectsFor(mark.at, mark.at + mark.size);
            if (pieces.empty())
                continue;
            const QRectF piece = snapped(pieces.front(), kFrameMinPixels);
            const QString words = QStringLiteral("! ") + markLabel(mark);
            const double wordsWidth = std::ceil(metrics.horizontalAdvance(words)) + 8;
            const bool named = wordsWidth <= piece.width();
            QRectF rect(piece.left(), piece.center().y() - height / 2, named ? wordsWidth : height, height);
            if (!named) // inside the rows, not over the ruler
                rect.moveLeft(std::max(m_geometry.margin(), piece.left() - height / 2));
            m_badges.push_back({rect, named ? words : QStringLiteral("!")});
        }
    }

    // The bytes each bad write damaged outside its payload, over whatever
    // lies there: the fault colour, half opaque so that the block beneath
    // still shows, crossed with lines of it, and at least kDamageMinPixels
    // wide so that one damaged byte is seen at any zoom.
    void paintDamage()
    {
        std::vector<QRectF> pieces;
        for (const FaultMark& mark : m_style.faults)
            m_geometry.forEachPiece(mark.damageAt, mark.damageAt + mark.damage,
                                    [&](const QRectF& piece, bool, bool) {
                                        pieces.push_back(snapped(piece, kDamageMinPixels));
                                    });
        fillRects(pieces, faded(m_theme.fault, kDamageAlpha));
        fillRects(pieces, QBrush(m_theme.fault, Qt::DiagCrossPattern));
    }

    // Each fault's block outlined in dashes of the fault colour with gaps of
    // background (so they read on any fill), and its badge. The dashes are a
    // tiled brush, one rectangle per side, in one batch: a long block at a
    // close zoom has a piece in every row, too many for a dashed pen.
    void paintFaults()
    {
        if (m_style.faults.empty())
            return;
        std::vector<QRectF> across;
        std::vector<QRectF> down;
        for (const FaultMark& mark : m_style.faults)
            m_geometry.forEachPiece(mark.at, mark.at + mark.size,
                                    [&](const QRectF& piece, bool openLeft, bool openRight) {
                                        frameSides(snapped(piece, kFrameMinPixels), openLeft, openRight,
                                                   across, down);
                                    });
        fillRects(across, dashes(true));
        fillRects(down, dashes(false));
        m_painter.setFont(boldOf(m_style.font));
        m_painter.setRenderHint(QPainter::Antialiasing, true);
        for (const Badge& badge : m_badges) {
            const double radius = badge.rect.height() / 2;
            m_painter.setPen(QPen(m_theme.base, 1));
            m_painter.setBrush(m_theme.fault);
            m_painter.drawRoundedRect(badge.rect, radius, radius);
            m_painter.setPen(textOn(m_theme.fault));
            m_painter.drawText(badge.rect, Qt::AlignCenter, badge.text);
        }
        m_painter.setRenderHint(QPainter::Antialiasing, false);
    }

    // The 2-pixel sides of `r` that are not left open: top and bottom into
    // `across`, left and right into `down`.
    static void frameSides(const QRectF& r, bool openLeft, bool openRight, std::vector<QRectF>& across,
                           std::vector<QRectF>& down)
    {
        across.emplace_back(r.left(), r.top(), r.width(), 2);
        across.emplace_back(r.left(), r.bottom() - 2, r.width(), 2);
        if (!openLeft)
            down.emplace_back(r.left(), r.top(), 2, r.height());
        if (!openRight)
            down.emplace_back(r.right() - 2, r.top(), 2, r.height());
    }

    // A brush of 6-pixel fault-coloured dashes and 4-pixel gaps of
    // background, running across (or down).
    QBrush dashes(bool across) const
    {
        QImage tile(across ? QSize(10, 1) : QSize(1, 10), QImage::Format_RGB32);
        for (int i = 0; i < 10; ++i)
            tile.setPixel(across ? i : 0, across ? 0 : i, (i < 6 ? m_theme.fault : m_theme.base).rgb());
        return QBrush(tile);
    }

    // Next fit's rover: a line down its row at its address, a triangle
    // pointing at it from above the row (below, on the first row, which has
    // nothing above), and "rover" beside the triangle where there is room.
    void paintRover()
    {
        if (!m_style.rover || !m_geometry.isVisible(*m_style.rover))
            return;
        const QPointF at = m_geometry.pointFor(*m_style.rover);
        const double x = std::round(at.x());
        const double top = at.y();
        const double bottom = top + m_geometry.rowHeight();
        m_painter.fillRect(QRectF(x - 2, top, 4, m_geometry.rowHeight()), m_theme.base);
        m_painter.fillRect(QRectF(x - 1, top, 2, m_geometry.rowHeight()), m_theme.rover);

        const bool below = top < kRoverArrow;
        const double tip = below ? bottom : top;
        const double base = below ? bottom + kRoverArrow : top - kRoverArrow;
        const QPointF triangle[] = {{x - kRoverArrow, base}, {x + kRoverArrow, base}, {x, tip}};
        m_painter.setRenderHint(QPainter::Antialiasing, true);
        m_painter.setPen(QPen(m_theme.base, 1));
        m_painter.setBrush(m_theme.rover);
        m_painter.drawPolygon(triangle, 3);

        const QFont font = boldOf(m_style.font);
        const QFontMetricsF metrics(font);
        const QString text = QObject::tr("rover");
        QRectF label(0, 0, metrics.horizontalAdvance(text) + 8, std::ceil(metrics.height()));
        label.moveLeft(x + kRoverArrow + 1);
        if (label.right() > m_size.width()) // no room on the right: on the left
            label.moveRight(x - kRoverArrow - 1);
        if (below)
            label.moveTop(bottom + 1);
        else
            label.moveBottom(top - 1);
        if (label.left() >= m_geometry.margin() && label.top() >= 0 && label.bottom() <= m_size.height()) {
            m_painter.drawRoundedRect(label, 3, 3);
            m_painter.setFont(font);
            m_painter.setPen(m_theme.base);
            m_painter.drawText(label, Qt::AlignCenter, text);
        }
        m_painter.setRenderHint(QPainter::Antialiasing, false);
    }

    void paintRuler()
    {
        const auto labels = rulerLabels(m_geometry, m_style.font);
        if (labels.empty())
            return;
        const QFont font = rulerFont(m_style.font);
        const double height = std::max(m_geometry.rowHeight(), QFontMetricsF(font).height());
        const double room = m_geometry.margin() - kRulerPadding;
        m_painter.setFont(font);
        m_painter.setPen(m_theme.mutedText);
        for (const RulerLabel& label : labels)
            m_painter.drawText(QRectF(0, label.y, room, height), Qt::AlignRight | Qt::AlignVCenter,
                               label.text);
    }

    QPainter& m_painter;
    QSize m_size;
    const BlockLayout& m_layout;
    const MemoryMapGeometry& m_geometry;
    const MapStyle& m_style;
    const Theme& m_theme;
    QRgb m_free;
    QRgb m_background;
    bool m_byteCells; // bytes are wide enough to be drawn one by one

    bool m_previousWide = false;
    std::vector<QRectF> m_hatches;
    std::vector<QRectF> m_tags;
    std::vector<QRectF> m_boundaries;
    std::vector<std::pair<QRectF, bool>> m_tagNames; // tag pieces to name; true: header
    struct Badge {
        QRectF rect;
        QString text;
    };
    std::vector<Badge> m_badges; // one per fault mark in view
    std::vector<std::pair<Address, Size>> m_selected;
};

} // namespace

void renderMemoryMap(QPainter& painter, const QSize& size, const BlockLayout& layout,
                     const MemoryMapGeometry& geometry, const MapStyle& style)
{
    MapPainter(painter, size, layout, geometry, style).paint();
}

void renderMemoryMap(QImage& image, const BlockLayout& layout, const MemoryMapGeometry& geometry,
                     const MapStyle& style)
{
    QPainter painter(&image);
    renderMemoryMap(painter, image.deviceIndependentSize().toSize(), layout, geometry, style);
}

QFont rulerFont(const QFont& base)
{
    QFont font = base;
    font.setFamily(QStringLiteral("monospace"));
    font.setStyleHint(QFont::TypeWriter);
    return font;
}

double rulerWidthFor(Address largest, const QFont& base)
{
    const double text = QFontMetricsF(rulerFont(base)).horizontalAdvance(hexAddress(largest));
    return std::max(MemoryMapGeometry::kDefaultMargin, std::ceil(text + 2 * kRulerPadding));
}

// A label too long for the margin keeps its low digits, the ones that tell
// rows apart (the widget widens its margin instead).
std::vector<RulerLabel> rulerLabels(const MemoryMapGeometry& geometry, const QFont& base)
{
    const double room = geometry.margin() - kRulerPadding;
    if (room < 8)
        return {};
    const QFontMetricsF metrics(rulerFont(base));
    const int every = std::max(1, int(std::ceil(metrics.height() / geometry.rowPitch())));
    const auto starts = geometry.rowStarts();
    std::vector<RulerLabel> labels;
    for (std::size_t i = 0; i < starts.size(); i += std::size_t(every)) {
        QString text = hexAddress(starts[i].second);
        if (metrics.horizontalAdvance(text) > room)
            text = metrics.elidedText(text, Qt::ElideLeft, room);
        labels.push_back({starts[i].first, starts[i].second, text});
    }
    return labels;
}

} // namespace heapviz::ui
