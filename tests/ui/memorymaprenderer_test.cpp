// The memory map's pixels: small known layouts rendered offscreen and read
// back at known places (blocks, tags, byte cells, the rover, fault marks, the
// themes' colours), a 100,000-block layout rendered whole, and the widget that
// paints it (click, tooltip, keys, its font, its pixels).

#include <gtest/gtest.h>

#include <QImage>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "core/replay/layout.h"
#include "support/strategy.h"
#include "ui/map/memorymaprenderer.h"
#include "ui/map/memorymapwidget.h"
#include "ui/style/palette.h"
#include "ui/style/theme.h"

using namespace heapviz;
using namespace heapviz::ui;

namespace {

const Theme& light() { return Theme::of(ThemeKind::Light); }

// A block of a hand-made layout: used by `id`, or free when there is none.
struct Piece {
    Size size;
    std::optional<TraceId> id;
};

HeapConfig fixedConfig(Size heap, Size prefix = 0, Size suffix = 0)
{
    HeapConfig c;
    c.prefix = prefix;
    c.suffix = suffix;
    c.fixedSize = heap;
    return c;
}

// A fixed heap cut into `pieces` from its first block on, the rest free; each
// used block's payload is its size less 16 and it is made by line (index + 1).
BlockLayout layoutOf(const HeapConfig& config, const std::vector<Piece>& pieces)
{
    BlockLayout layout(config);
    Address at(config.prefix);
    Size rest = *config.fixedSize - config.prefix - config.suffix;
    LineNo line = 0;
    for (const Piece& p : pieces) {
        ++line;
        if (p.size < rest)
            layout.apply(Split{at, rest, p.size});
        if (p.id)
            layout.apply(Allocated{at, p.size, *p.id, p.size - 16, line});
        at += p.size;
        rest -= p.size;
    }
    return layout;
}

// 256 bytes: used [0, 64) by id 3, free [64, 256).
BlockLayout smallLayout() { return layoutOf(fixedConfig(256), {{64, 3}}); }

// 832 x 200 in a lane linked to a 1920-byte heap, as in the geometry test:
// rows of 192 bytes at 4 px per byte, so [0, 64) is x in [64, 320) of the
// first row (y in [0, 16)), and rows past the heap's end are blank.
MemoryMapGeometry smallGeometry(Size heap)
{
    MemoryMapGeometry g(heap, QSizeF(832, 200));
    g.setExtent(1920);
    return g;
}

QImage render(const BlockLayout& layout, const MemoryMapGeometry& g, const MapStyle& style,
              QSize size = QSize(832, 200))
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::magenta); // anything the renderer leaves unpainted shows
    renderMemoryMap(image, layout, g, style);
    return image;
}

QColor at(const QImage& image, QPointF p) { return image.pixelColor(p.toPoint()); }

MapStyle tags(Size header = 8, Size footer = 8)
{
    MapStyle s;
    s.header = header;
    s.footer = footer;
    return s;
}

// `count` blocks of 32..4096 bytes (multiples of 16), about two in three used,
// from a fixed seed: a stand-in for a busy heap.
BlockLayout manyBlocks(std::size_t count)
{
    std::vector<Piece> pieces;
    std::uint64_t state = 12345;
    Size heap = 0;
    for (std::size_t i = 0; i < count; ++i) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        const Size size = 32 + ((state >> 33) % 255) * 16;
        const bool used = (state >> 20) % 3 != 0;
        pieces.push_back({size, used ? std::optional<TraceId>(TraceId(i)) : std::nullopt});
        heap += size;
    }
    return layoutOf(fixedConfig(heap), pieces);
}

} // namespace

TEST(Palette, IdsKeepTheirColourAndNeighboursDiffer)
{
    std::set<QRgb> distinct;
    for (TraceId id = -1000; id < 1000; ++id) {
        ASSERT_EQ(colorForId(id), colorForId(id)) << "stable";
        ASSERT_EQ(colorForId(id).rgb(), rgbForId(id));
        for (TraceId d = 1; d < kIdColorCount; ++d)
            ASSERT_NE(colorForId(id), colorForId(id + d)) << id << " and " << id + d;
        distinct.insert(rgbForId(id));
    }
    EXPECT_EQ(distinct.size(), std::size_t(kIdColorCount));
    EXPECT_GE(kIdColorCount, 10);
    for (ThemeKind kind : kAllThemes)
        EXPECT_EQ(distinct.count(Theme::of(kind).free.rgb()), 0u) << "no block looks free";
    colorForId(std::numeric_limits<TraceId>::min()); // no overflow at the ends
    colorForId(std::numeric_limits<TraceId>::max());
}

TEST(Palette, StrategiesHaveFourDistinctColoursNoneGrey)
{
    std::set<QRgb> colours;
    for (Strategy s : kAllStrategies) {
        const QColor c = laneColor(std::size_t(s));
        colours.insert(c.rgb());
        EXPECT_GT(c.hsvSaturation(), 100) << strategyName(s);
    }
    EXPECT_EQ(colours.size(), 4u);
}

TEST(MemoryMapRenderer, UsedAndFreeBlocksHaveTheirColours)
{
    const BlockLayout layout = smallLayout();
    const QImage image = render(layout, smallGeometry(256), tags());
    EXPECT_EQ(at(image, {200, 8}), colorForId(3));
    EXPECT_EQ(at(image, {100, 1}), colorForId(3));
    for (QPointF p : {QPointF(600, 8), QPointF(400, 3), QPointF(700, 12), QPointF(200, 28)}) {
        const QColor c = at(image, p);
        EXPECT_TRUE(c == light().free || c == light().freeHatch) << c.name().toStdString();
    }
    EXPECT_EQ(at(image, {600, 45}), light().base) << "past the heap's end";
    EXPECT_EQ(at(image, {600, 18}), light().base) << "gap between rows";
}

TEST(MemoryMapRenderer, FreeBlocksAreHatched)
{
    const QImage image = render(smallLayout(), smallGeometry(256), tags());
    int hatch = 0;
    int plain = 0;
    for (int x = 330; x < 830; ++x)
        for (int y = 0; y < 16; ++y) {
            const QColor c = image.pixelColor(x, y);
            hatch += c == light().freeHatch;
            plain += c == light().free;
        }
    EXPECT_GT(hatch, 200) << "free must not be told by colour alone";
    EXPECT_GT(plain, hatch);
}

TEST(MemoryMapRenderer, HeaderAndFooterBytesAreTagged)
{
    const QImage image = render(smallLayout(), smallGeometry(256), tags());
    EXPECT_EQ(at(image, {80, 8}), light().tag) << "header [0, 8) is x in [64, 96)";
    EXPECT_EQ(at(image, {300, 8}), light().tag) << "footer [56, 64) is x in [288, 320)";
    EXPECT_EQ(at(image, {64, 8}), light().base) << "boundary line at the block's start";
    EXPECT_EQ(at(image, {320, 8}), light().base) << "boundary line at the next block";
}

TEST(MemoryMapRenderer, TagsAppearOnlyWhenZoomedInFarEnough)
{
    // 64 KiB of 64-byte blocks: at the whole heap a header is under 2 px wide.
    std::vector<Piece> pieces;
    for (TraceId id = 0; id < 1024; ++id)
        pieces.push_back({64, id % 2 == 0 ? std::optional<TraceId>(id) : std::nullopt});
    const BlockLayout layout = layoutOf(fixedConfig(64 * 1024), pieces);
    MemoryMapGeometry g(64 * 1024, QSizeF(832, 200));
    ASSERT_LT(8 * g.pixelsPerByte(), kTagMinPixels);
    const QImage far = render(layout, g, tags());
    for (int x = 64; x < 832; ++x)
        ASSERT_NE(far.pixelColor(x, 8), light().tag) << x;

    const Address block(20 * 64);
    g.zoom(1e9, block); // 16 bytes a row, 48 px each
    ASSERT_DOUBLE_EQ(g.pixelsPerByte(), 48.0);
    const QImage close = render(layout, g, tags());
    const QPointF start = g.pointFor(block);
    EXPECT_EQ(at(close, start + QPointF(16, 8)), light().tag) << "in the header's first byte";
    EXPECT_EQ(at(close, start + QPointF(8 * 48 + 24, 8)), colorForId(20)) << "the payload's first byte";
}

TEST(MemoryMapRenderer, TheSelectedIdIsOutlined)
{
    const BlockLayout layout = smallLayout();
    MapStyle style = tags();
    style.selected = 3;
    const QImage image = render(layout, smallGeometry(256), style);
    EXPECT_EQ(at(image, {65, 8}), light().selection) << "left edge";
    EXPECT_EQ(at(image, {200, 1}), light().selection) << "top edge";
    EXPECT_EQ(at(image, {200, 14}), light().selection) << "bottom edge";
    EXPECT_EQ(at(image, {318, 8}), light().selection) << "right edge";
    EXPECT_EQ(at(image, {200, 8}), colorForId(3)) << "the fill stays";
    EXPECT_NE(at(image, {600, 1}), light().selection) << "only the selected block";

    style.selected = 4; // not in the heap: nothing outlined
    const QImage none = render(layout, smallGeometry(256), style);
    EXPECT_EQ(at(none, {200, 1}), colorForId(3));
}

TEST(MemoryMapRenderer, ASelectedBlockNarrowerThanAPixelIsStillSeen)
{
    const BlockLayout layout = manyBlocks(100000);
    const MemoryMapGeometry g(layout.heapSize(), QSizeF(1600, 900));
    const auto target = std::find_if(std::next(layout.map().begin(), 50000), layout.map().end(),
                                     [&](const auto& block) {
                                         return block.second.used
                                                && double(block.second.size) * g.pixelsPerByte() < 0.5;
                                     });
    ASSERT_NE(target, layout.map().end());
    MapStyle style;
    style.selected = target->second.id;
    const QImage image = render(layout, g, style, QSize(1600, 900));
    const QPointF p = g.pointFor(target->first);
    int outlined = 0;
    for (int dx = -4; dx <= 4; ++dx)
        outlined += at(image, p + QPointF(dx, 0.5)) == light().selection;
    EXPECT_GE(outlined, 5);
}

TEST(MemoryMapRenderer, ExaminedBlocksAreOutlinedAndTheChosenOneFilled)
{
    // used [0,64) id 3, free [64,128), used [128,160) id 4, free [160,256)
    const BlockLayout layout = layoutOf(fixedConfig(256), {{64, 3}, {64, {}}, {32, 4}});
    MapStyle style = tags();
    style.examined = {Address(64), Address(160)};
    style.chosen = Address(160);
    const QImage image = render(layout, smallGeometry(256), style);
    EXPECT_EQ(at(image, {64 + 64 * 4 + 1, 8}), light().examined) << "left edge of [64,128)";
    EXPECT_EQ(at(image, {64 + 96 * 4, 1}), light().examined) << "top edge of [64,128)";
    EXPECT_EQ(at(image, {64 + 160 * 4 + 1, 8}), light().examined) << "left edge of the chosen";
    const QColor inside = at(image, {64 + 176 * 4 + 2, 8});
    EXPECT_NE(inside, light().free) << "the chosen block is filled";
    EXPECT_NE(inside, light().freeHatch);
    EXPECT_GT(inside.red(), inside.blue()) << "with the examined (vermillion) colour";
    EXPECT_EQ(at(image, {64 + 16 * 4, 8}), colorForId(3)) << "used blocks untouched";
}

TEST(MemoryMapRenderer, PrefixAndSuffixAreDarkBands)
{
    const HeapConfig config = fixedConfig(256, 16, 16);
    const BlockLayout layout = layoutOf(config, {{64, 3}});
    MapStyle style = tags();
    style.prefix = 16;
    style.suffix = 16;
    const QImage image = render(layout, smallGeometry(256), style);
    EXPECT_EQ(at(image, {64 + 8 * 4, 8}), light().reserved) << "prefix [0, 16)";
    EXPECT_EQ(at(image, {64 + 40 * 4, 8}), colorForId(3)) << "the first block at 16";
    EXPECT_EQ(at(image, {64 + (248 - 192) * 4, 28}), light().reserved) << "suffix [240, 256)";
}

TEST(MemoryMapRenderer, TheRulerLabelsRowStarts)
{
    const QImage image = render(smallLayout(), smallGeometry(256), tags());
    int inked = 0;
    for (int x = 0; x < 58; ++x)
        for (int y = 0; y < 36; ++y)
            inked += image.pixelColor(x, y) != light().base;
    EXPECT_GT(inked, 10) << "labels 0x0 and 0xc0 in the margin";
}

TEST(MemoryMapRenderer, EachThemeGivesItsOwnBackgroundAndFreeColours)
{
    std::set<QRgb> backgrounds;
    for (ThemeKind kind : kAllThemes) {
        const Theme& theme = Theme::of(kind);
        MapStyle style = tags();
        style.theme = theme;
        const QImage image = render(smallLayout(), smallGeometry(256), style);
        EXPECT_EQ(at(image, {600, 45}), theme.base) << themeName(kind) << ": past the heap's end";
        const QColor free = at(image, {600, 8});
        EXPECT_TRUE(free == theme.free || free == theme.freeHatch) << themeName(kind);
        EXPECT_EQ(at(image, {200, 8}), colorForId(3)) << "a block keeps its colour in every theme";
        backgrounds.insert(at(image, {600, 45}).rgb());
    }
    EXPECT_EQ(backgrounds.size(), 3u) << "white, dark grey, black";
    EXPECT_NE(Theme::of(ThemeKind::Dark).free, light().free) << "so the free pixels differ too";
}

TEST(MemoryMapRenderer, EmptyAndHugeHeapsRender)
{
    HeapConfig growing;
    const BlockLayout empty(growing);
    ASSERT_EQ(empty.heapSize(), 0u);
    const QImage blank = render(empty, MemoryMapGeometry(0, QSizeF(832, 200)), tags());
    EXPECT_EQ(at(blank, {400, 8}), light().base);

    const Size huge = Size{1} << 40;
    const BlockLayout big = layoutOf(fixedConfig(huge), {{huge / 2, 1}, {4096, 2}});
    MemoryMapGeometry g(huge, QSizeF(832, 200));
    const QImage image = render(big, g, tags());
    EXPECT_EQ(at(image, g.pointFor(Address(huge / 4)) + QPointF(1, 8)), colorForId(1));
    g.zoom(1e15, Address(huge / 2));
    const QImage close = render(big, g, tags());
    EXPECT_EQ(at(close, g.pointFor(Address(huge / 2 + 40)) + QPointF(g.pixelsPerByte() / 2, 8)),
              colorForId(2));
}

TEST(MemoryMapRenderer, AHundredThousandBlocksRenderWithEveryPixelAccountedFor)
{
    const BlockLayout layout = manyBlocks(100000);
    ASSERT_EQ(layout.map().size(), 100000u);
    MemoryMapGeometry g(layout.heapSize(), QSizeF(1600, 900));
    const QImage image = render(layout, g, tags(), QSize(1600, 900));
    for (int x = 64; x < 1600; ++x)
        ASSERT_NE(image.pixelColor(x, 8), light().base) << "a column of the heap left blank: " << x;
    EXPECT_NE(image.pixelColor(10, 450), QColor(Qt::magenta));

    g.zoom(200, Address(layout.heapSize() / 2)); // blocks a few pixels wide: the detailed path
    const QImage close = render(layout, g, tags(), QSize(1600, 900));
    EXPECT_NE(close.pixelColor(800, 8), QColor(Qt::magenta));
}

TEST(MemoryMapWidget, PaintsTheLayoutAndReportsClicksAndHover)
{
    const BlockLayout layout = smallLayout();
    MemoryMapWidget widget;
    widget.resize(832, 200);
    widget.setConfig(fixedConfig(256));
    widget.setBlockLayout(&layout);
    EXPECT_EQ(widget.accessibleName(), QStringLiteral("Memory map"));
    EXPECT_EQ(widget.mapGeometry().heapSize(), 256u);

    const QImage shot = widget.grab().toImage();
    const QPointF usedPixel = widget.mapGeometry().pointFor(Address(32)) + QPointF(1, 8);
    EXPECT_EQ(at(shot, usedPixel), colorForId(3));

    QSignalSpy clicked(&widget, &MemoryMapWidget::blockClicked);
    QTest::mouseClick(&widget, Qt::LeftButton, {}, usedPixel.toPoint());
    const QPointF freePixel = widget.mapGeometry().pointFor(Address(128)) + QPointF(1, 8);
    QTest::mouseClick(&widget, Qt::LeftButton, {}, freePixel.toPoint());
    ASSERT_EQ(clicked.count(), 2);
    EXPECT_EQ(clicked[0][0].value<std::optional<TraceId>>(), std::optional<TraceId>(3));
    EXPECT_EQ(clicked[1][0].value<std::optional<TraceId>>(), std::nullopt);

    const QString tip = widget.toolTipAt(usedPixel);
    for (const char* part : {"used", "0x0", "size 64 bytes", "payload 48 bytes at 0x8", "id 3", "line 1"})
        EXPECT_TRUE(tip.contains(QLatin1String(part))) << part << " in " << tip.toStdString();
    EXPECT_TRUE(widget.toolTipAt(freePixel).contains(QLatin1String("free block at 0x40")));
    EXPECT_TRUE(widget.toolTipAt(QPointF(5, 5)).isEmpty()) << "the ruler";
}

TEST(MemoryMapWidget, WheelZoomsAboutTheCursorsRow)
{
    const BlockLayout layout = manyBlocks(5000);
    MemoryMapWidget widget;
    widget.resize(800, 400);
    widget.setBlockLayout(&layout);
    QSignalSpy zoomed(&widget, &MemoryMapWidget::zoomChanged);
    const Size whole = widget.mapGeometry().bytesPerRow();
    const QPointF cursor(400, 150); // row 7, y in [140, 156)
    const auto under = widget.mapGeometry().addressAt(cursor);
    ASSERT_TRUE(under);

    QWheelEvent wheel(cursor, widget.mapToGlobal(cursor), QPoint(), QPoint(0, 4 * 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(&widget, &wheel);
    EXPECT_LT(widget.mapGeometry().bytesPerRow(), whole);
    EXPECT_GE(zoomed.count(), 1);
    EXPECT_EQ(widget.mapGeometry().pointFor(*under).y(), 140.0) << "still on the cursor's row";
}

TEST(MemoryMapWidget, PlusMinusAndFZoomAndFitWhileCtrlKeysAreLeftToTheWindow)
{
    const BlockLayout layout = manyBlocks(5000);
    MemoryMapWidget widget;
    widget.resize(800, 400);
    widget.setBlockLayout(&layout);
    const Size whole = widget.mapGeometry().bytesPerRow();

    for (Qt::Key key : {Qt::Key_0, Qt::Key_Plus, Qt::Key_Equal, Qt::Key_Minus}) {
        QTest::keyClick(&widget, key, Qt::ControlModifier);
        EXPECT_EQ(widget.mapGeometry().bytesPerRow(), whole) << "Ctrl keys scale the window's text";
    }
    QTest::keyClick(&widget, Qt::Key_Plus);
    const Size once = widget.mapGeometry().bytesPerRow();
    EXPECT_LT(once, whole);
    QTest::keyClick(&widget, Qt::Key_Equal); // + without Shift on most keyboards
    EXPECT_LT(widget.mapGeometry().bytesPerRow(), once);
    QTest::keyClick(&widget, Qt::Key_Minus);
    EXPECT_EQ(widget.mapGeometry().bytesPerRow(), once);
    QTest::keyClick(&widget, Qt::Key_F);
    EXPECT_TRUE(widget.mapGeometry().showsAll());
    EXPECT_EQ(widget.mapGeometry().bytesPerRow(), whole);
}

TEST(MemoryMapWidget, ADragPansByRowsAndDoesNotClick)
{
    const BlockLayout layout = manyBlocks(5000);
    MemoryMapWidget widget;
    widget.resize(800, 400);
    widget.setBlockLayout(&layout);
    widget.fitAll();
    QWheelEvent wheel(QPointF(400, 150), QPointF(), QPoint(), QPoint(0, 10 * 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(&widget, &wheel);
    const Address first = widget.mapGeometry().first();
    const Size row = widget.mapGeometry().bytesPerRow();
    QSignalSpy clicked(&widget, &MemoryMapWidget::blockClicked);
    // 500 px left: more than half of a row's width (800 less the ruler), less
    // than one and a half: the next row comes up, and the rows stay round.
    QTest::mousePress(&widget, Qt::LeftButton, {}, QPoint(700, 150));
    QTest::mouseMove(&widget, QPoint(450, 150));
    QTest::mouseMove(&widget, QPoint(200, 150));
    QTest::mouseRelease(&widget, Qt::LeftButton, {}, QPoint(200, 150));
    EXPECT_EQ(clicked.count(), 0);
    EXPECT_EQ(widget.mapGeometry().first(), first + row) << "dragging left shows higher addresses";
}

TEST(MemoryMapRenderer, TheRulerNamesRoundRowStarts)
{
    // As in the geometry test: rows of 0x80 bytes from 0x1200.
    MemoryMapGeometry g(64 * 1024, QSizeF(832, 200));
    g.zoom(64, Address(0x1234));
    QFont small;
    small.setPixelSize(11); // lower than a row: every row is named
    const auto labels = rulerLabels(g, small);
    ASSERT_EQ(labels.size(), 10u);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        EXPECT_EQ(labels[i].address, Address(0x1200 + 0x80 * i));
        EXPECT_EQ(labels[i].y, 20.0 * double(i));
    }
    EXPECT_EQ(labels[0].text, QStringLiteral("0x1200"));
    EXPECT_EQ(labels[9].text, QStringLiteral("0x1680"));

    QFont big;
    big.setPixelSize(24); // taller than a row and its gap, shorter than two: every other row
    const double height = QFontMetricsF(rulerFont(big)).height(); // whichever monospace font is installed
    ASSERT_GT(height, 20.0);
    ASSERT_LT(height, 40.0);
    g.setMargin(rulerWidthFor(Address(0xffff), big)); // as the widget does
    const auto fewer = rulerLabels(g, big);
    ASSERT_EQ(fewer.size(), 5u);
    EXPECT_EQ(fewer[1].text, QStringLiteral("0x1300"));
}

TEST(MemoryMapRenderer, AtTheClosestZoomBytesAreCellsAndTheHeaderIsNamed)
{
    // Used [0, 64) by id 3 with an 8-byte header: 16 bytes a row, 48 px each,
    // so row 0 holds the header at x in [64, 448) and payload bytes 8..15.
    const BlockLayout layout = smallLayout();
    MemoryMapGeometry g(256, QSizeF(832, 200));
    g.zoom(1e9, Address(0));
    ASSERT_EQ(g.bytesPerRow(), 16u);
    ASSERT_DOUBLE_EQ(g.pixelsPerByte(), 48.0);
    const QImage image = render(layout, g, tags());

    EXPECT_EQ(at(image, {64 + 9 * 48 + 24, 8}), colorForId(3)) << "inside byte 9";
    const QColor line = at(image, {64 + 10 * 48, 8});
    EXPECT_NE(line, colorForId(3)) << "a line between bytes 9 and 10";
    EXPECT_GT(line.lightness(), colorForId(3).lightness()) << "of the background, so it reads as a gap";
    EXPECT_EQ(at(image, {64 + 24, 2}), light().tag) << "the header's first byte";
    int white = 0; // "header" in white on the dark tag
    for (int x = 64; x < 448; ++x)
        for (int y = 0; y < 16; ++y)
            white += image.pixelColor(x, y) == QColor(Qt::white);
    EXPECT_GT(white, 15);

    // At 4 px a byte the same block has no cells and no name.
    const QImage far = render(layout, smallGeometry(256), tags());
    EXPECT_EQ(at(far, {64 + 10 * 4, 8}), colorForId(3));
}

TEST(MemoryMapRenderer, TheRoverIsMarkedAboveItsRow)
{
    // Rover at 200: row 1 (y in [20, 36)), x = 64 + 8 * 4 = 96.
    MapStyle style = tags();
    style.rover = Address(200);
    const QImage image = render(smallLayout(), smallGeometry(256), style);
    const QColor rover = light().rover;
    EXPECT_EQ(at(image, {96, 28}), rover) << "a line down its row at its address";
    EXPECT_EQ(at(image, {96, 17}), rover) << "the triangle, in the gap above the row";
    int label = 0; // the "rover" pill right of the triangle, over the row above
    for (int x = 104; x < 160; ++x)
        for (int y = 4; y < 19; ++y)
            label += image.pixelColor(x, y) == rover;
    EXPECT_GT(label, 150);

    const QImage none = render(smallLayout(), smallGeometry(256), tags());
    EXPECT_NE(at(none, {96, 28}), rover) << "no rover: no mark";

    // On the first row there is nothing above: the triangle points up from below.
    style.rover = Address(100); // x = 464
    const QImage top = render(smallLayout(), smallGeometry(256), style);
    EXPECT_EQ(at(top, {464, 8}), rover);
    EXPECT_EQ(at(top, {464, 18}), rover);

    // At the whole-heap zoom of a busy heap the mark is still there.
    const BlockLayout busy = manyBlocks(100000);
    const MemoryMapGeometry whole(busy.heapSize(), QSizeF(1600, 900));
    style.rover = std::next(busy.map().begin(), 60000)->first;
    const QImage far = render(busy, whole, style, QSize(1600, 900));
    const QPointF p = whole.pointFor(*style.rover);
    EXPECT_EQ(at(far, {std::round(p.x()), p.y() + 8}), rover);
    EXPECT_EQ(at(far, {std::round(p.x()), p.y() - 3}), rover);
}

TEST(MemoryMapRenderer, AFaultsBlockIsOutlinedInDashesAndBadged)
{
    // used [0,64) id 3, free [64,128), used [128,160) id 4, free [160,256);
    // id 7's double free names [64, 128): x in [320, 576) of row 0.
    const BlockLayout layout = layoutOf(fixedConfig(256), {{64, 3}, {64, {}}, {32, 4}});
    MapStyle style = tags();
    style.faults = {{Address(64), 64, FaultKind::DoubleFree, 7, 12}};
    const QImage image = render(layout, smallGeometry(256), style);
    const QColor fault = light().fault;
    int dashes = 0;
    int gaps = 0;
    for (int x = 440; x < 570; ++x) { // the top edge right of the badge
        dashes += image.pixelColor(x, 1) == fault;
        gaps += image.pixelColor(x, 1) == light().base;
    }
    EXPECT_GT(dashes, 40) << "dashes of the fault colour";
    EXPECT_GT(gaps, 20) << "with gaps between them";
    int right = 0;
    for (int x = 573; x < 577; ++x)
        for (int y = 2; y < 14; ++y)
            right += image.pixelColor(x, y) == fault;
    EXPECT_GT(right, 4) << "the right edge is dashed too";
    int badge = 0; // "! double free" on a pill at the block's start
    for (int x = 322; x < 400; ++x)
        for (int y = 3; y < 13; ++y)
            badge += image.pixelColor(x, y) == fault;
    EXPECT_GT(badge, 300);

    const QImage clean = render(layout, smallGeometry(256), tags());
    EXPECT_NE(at(clean, {330, 8}), fault);
}

TEST(MemoryMapRenderer, OnlyFaultsThatNameABlockAreMarked)
{
    const std::vector<Event> events{Fault{FaultKind::InvalidFree, 5, 3, Address(0), 0, Address(0), 0, 0},
                                    Fault{FaultKind::DoubleFree, 7, 12, Address(64), 64, Address(0), 0, 0},
                                    Freed{Address(0), 64, 3, 48, 2}};
    EXPECT_EQ(faultMarks(events),
              (std::vector<FaultMark>{{Address(64), 64, FaultKind::DoubleFree, 7, 12}}));
}

TEST(MemoryMapWidget, TheTooltipOverAFaultsBlockSaysWhatHappened)
{
    const BlockLayout layout = layoutOf(fixedConfig(256), {{64, 3}, {64, {}}, {32, 4}});
    MemoryMapWidget widget;
    widget.resize(832, 200);
    widget.setConfig(fixedConfig(256));
    widget.setBlockLayout(&layout);
    widget.setFaults({{Address(64), 64, FaultKind::DoubleFree, 7, 12}});
    const auto tipAt = [&](Address a) {
        return widget.toolTipAt(widget.mapGeometry().pointFor(a) + QPointF(1, 8));
    };
    const QString sentence = QStringLiteral("double free of id 7 at line 12: this was its block");
    EXPECT_TRUE(tipAt(Address(64)).contains(sentence)) << tipAt(Address(64)).toStdString();
    EXPECT_TRUE(tipAt(Address(127)).contains(sentence));
    EXPECT_FALSE(tipAt(Address(128)).contains(QStringLiteral("double free")));
    EXPECT_FALSE(tipAt(Address(10)).contains(QStringLiteral("double free")));

    widget.setFaults({{Address(0), 64, FaultKind::IdReuse, 3, 20}});
    EXPECT_TRUE(tipAt(Address(10)).contains(QStringLiteral("id reuse of id 3 at line 20: this is its live block")));
}

TEST(MemoryMapWidget, TheRulerFollowsTheWidgetsFont)
{
    const BlockLayout layout = manyBlocks(5000); // addresses of 6 hex digits
    MemoryMapWidget widget;
    widget.resize(800, 400);
    widget.setBlockLayout(&layout);
    QFont font = widget.font();
    font.setPixelSize(11);
    widget.setFont(font);
    const double narrow = widget.mapGeometry().margin();
    // How wide the first label's ink is: labels are aligned right, at 6 px
    // from the rows.
    const auto inkWidth = [&] {
        const QImage shot = widget.grab().toImage();
        const int right = int(widget.mapGeometry().margin()) - 6;
        int left = right;
        for (int y = 0; y < 14; ++y)
            for (int x = 1; x < right; ++x)
                if (shot.pixelColor(x, y) != light().base)
                    left = std::min(left, x);
        return right - left;
    };
    const int small = inkWidth();

    font.setPixelSize(22); // what Ctrl++ twice does to the window's fonts
    widget.setFont(font);
    EXPECT_EQ(widget.mapStyle().font.pixelSize(), 22);
    EXPECT_GT(widget.mapGeometry().margin(), narrow + 30) << "the margin is measured again";
    EXPECT_GT(inkWidth(), small * 3 / 2) << "the labels are drawn larger";
}
