// MemoryMapGeometry without pixels: bytes to rectangles and back, rows that
// wrap and start at round addresses, zoom about an anchor down to a handful
// of bytes per row, fitting, a shared extent, nice row widths, and heaps from
// empty to 2^40 bytes and beyond.

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "ui/map/memorymapgeometry.h"

using namespace heapviz;
using namespace heapviz::ui;

namespace {

constexpr Size kKiB = 1024;
constexpr Size kMiB = 1024 * kKiB;

// 832 x 200 in a lane linked to a 1920-byte heap: 10 rows of 16 px with 4 px
// gaps, fitting 1920 bytes as rows of 192 bytes, 4 px each (768 px).
MemoryMapGeometry smallMap(Size heap)
{
    MemoryMapGeometry g(heap, QSizeF(832, 200));
    g.setExtent(1920);
    return g;
}

// A power of two, or three times one from 24 up.
bool isNice(Size n)
{
    const Size odd = n >> std::countr_zero(n);
    return odd == 1 || (odd == 3 && n >= 24);
}

// Whether every row starts at a multiple of the bytes per row, and the byte
// drawn at each row's left edge is the one its ruler label names.
::testing::AssertionResult rowsStartRound(const MemoryMapGeometry& g)
{
    if (g.first().value() % g.bytesPerRow() != 0)
        return ::testing::AssertionFailure() << "first() 0x" << std::hex << g.first().value()
                                             << " with 0x" << g.bytesPerRow() << " bytes per row";
    for (const auto& [y, start] : g.rowStarts()) {
        if (start.value() % g.bytesPerRow() != 0)
            return ::testing::AssertionFailure() << "a row starts at 0x" << std::hex << start.value();
        if (g.addressAt(QPointF(g.margin(), y + 1)) != start)
            return ::testing::AssertionFailure() << "the row labelled 0x" << std::hex
                                                 << start.value() << " starts with another byte";
    }
    return ::testing::AssertionSuccess();
}

// The middle of byte `a`'s first pixel column (or of the byte, when a byte is
// wider than a pixel).
QPointF inside(const MemoryMapGeometry& g, Address a)
{
    const double dx = std::min(0.5, g.pixelsPerByte() / 2);
    return g.pointFor(a) + QPointF(dx, g.rowHeight() / 2);
}

// Whether the anchor, drawn at `before` until a zoom, is still on that row.
::testing::AssertionResult stillOnItsRow(const MemoryMapGeometry& g, Address anchor, QPointF before)
{
    const QPointF after = g.pointFor(anchor);
    if (after.y() == before.y() && g.isVisible(anchor))
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "the anchor moved from row " << before.y() / g.rowPitch()
                                         << " to row " << after.y() / g.rowPitch();
}

} // namespace

TEST(MemoryMapGeometry, NiceBytesPerRowIsTheLeastPowerOfTwoOrThreeTimesOneNotBelow)
{
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(0), 1u);
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(1), 1u);
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(3), 4u);
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(5), 8u);
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(9), 16u) << "not 12: rows would start off the 8-byte grid";
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(17), 24u);
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(25), 32u);
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(100), 128u);
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(0x181), 0x200u);
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(0x17f), 0x180u);
    Size previous = 1;
    for (Size n = 1; n < 5000; ++n) {
        const Size nice = MemoryMapGeometry::niceBytesPerRow(n);
        ASSERT_GE(nice, n);
        ASSERT_TRUE(isNice(nice)) << nice;
        ASSERT_TRUE(nice < 8 || nice % 8 == 0) << nice << ": rows of it would not all start at multiples of 8";
        ASSERT_GE(nice, previous) << "monotonic";
        ASSERT_LE(double(nice), (n <= 16 ? 2.0 : 1.5) * double(n) + 1) << "no more than one nice step above";
        previous = nice;
    }
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(~Size{0}), kMaxHeapBytes) << "no overflow";
}

TEST(MemoryMapGeometry, NiceBelowIsThePreviousNiceValue)
{
    EXPECT_EQ(MemoryMapGeometry::niceBelow(0), 1u);
    EXPECT_EQ(MemoryMapGeometry::niceBelow(16), 8u);
    EXPECT_EQ(MemoryMapGeometry::niceBelow(24), 16u);
    EXPECT_EQ(MemoryMapGeometry::niceBelow(32), 24u);
    EXPECT_EQ(MemoryMapGeometry::niceBelow(0x180), 0x100u);
    EXPECT_EQ(MemoryMapGeometry::niceBelow(0x181), 0x180u);
    for (Size n = 2; n < 5000; ++n) {
        const Size below = MemoryMapGeometry::niceBelow(n);
        ASSERT_LT(below, n);
        ASSERT_EQ(MemoryMapGeometry::niceBytesPerRow(below + 1), MemoryMapGeometry::niceBytesPerRow(n))
            << n << ": nothing nice between " << below << " and " << n;
    }
}

TEST(MemoryMapGeometry, ZoomStepsGoOneNiceWidthAtATime)
{
    MemoryMapGeometry g(kMiB, QSizeF(1600, 900)); // fitted: 24 KiB a row
    const QPointF middle(800, 450);
    g.zoomStepsAt(1, middle);
    EXPECT_EQ(g.bytesPerRow(), 16 * kKiB);
    g.zoomStepsAt(2, middle);
    EXPECT_EQ(g.bytesPerRow(), 8 * kKiB); // 16 K -> 12 K -> 8 K
    g.zoomStepsAt(-1, middle);
    EXPECT_EQ(g.bytesPerRow(), 12 * kKiB);
    g.zoomStepsAt(100, middle);
    EXPECT_EQ(g.bytesPerRow(), 24u) << "no closer than the limit";
    g.zoomStepsAt(-100, middle);
    EXPECT_TRUE(g.showsAll());
}

TEST(MemoryMapGeometry, WholeHeapFillsTheViewportInNiceRows)
{
    const MemoryMapGeometry g(kMiB, QSizeF(1600, 900));
    EXPECT_EQ(g.rowCount(), 45); // (900 + 4) / (16 + 4)
    EXPECT_EQ(g.bytesPerRow(), 24 * kKiB); // the least nice value >= 1 MiB / 45
    EXPECT_EQ(g.first(), Address(0));
    EXPECT_EQ(g.last(), Address(kMiB));
    EXPECT_TRUE(g.showsAll());
    EXPECT_DOUBLE_EQ(g.pixelsPerByte(), 1536.0 / double(24 * kKiB));
    const auto starts = g.rowStarts();
    ASSERT_EQ(starts.size(), 43u); // 1 MiB / 24 KiB = 42.7 rows: the rest is past the heap
    for (std::size_t i = 0; i < starts.size(); ++i) {
        EXPECT_DOUBLE_EQ(starts[i].first, 20.0 * double(i));
        EXPECT_EQ(starts[i].second, Address(i * 24 * kKiB));
    }
}

TEST(MemoryMapGeometry, ATallMapShowsTheWholeHeapInTallerRows)
{
    // 8 KiB in 400 x 300 (rows 336 px wide). At the default 16 px rows: 15
    // rows of 768 bytes, of which the heap takes 11: 216 px, 84 left empty.
    // At 34 px (pitch 38): 8 rows of 1 KiB, exactly 8 * 38 - 4 = 300 px. No
    // height in [16, 40] fills more (40 px: 6 rows of 1.5 KiB, 260 px).
    MemoryMapGeometry g(8 * kKiB, QSizeF(400, 300));
    ASSERT_EQ(g.bytesPerRow(), 768u);
    g.fillHeight(16, 40);
    EXPECT_DOUBLE_EQ(g.rowHeight(), 34.0);
    EXPECT_EQ(g.bytesPerRow(), kKiB);
    EXPECT_EQ(g.rowStarts().size(), 8u);
    EXPECT_DOUBLE_EQ(g.rowStarts().back().first, 7 * 38.0);
    // A zoomed view keeps the rows it has.
    g.zoom(4, Address(0));
    const double zoomed = g.rowHeight();
    g.fillHeight(16, 40);
    EXPECT_DOUBLE_EQ(g.rowHeight(), zoomed);
}

TEST(MemoryMapGeometry, ASmallHeapFillsTheView)
{
    // 10 rows of 768 px; 256 bytes / 10 rows = 26 -> 32 bytes a row, 24 px a byte.
    const MemoryMapGeometry g(256, QSizeF(832, 200));
    EXPECT_EQ(g.bytesPerRow(), 32u);
    EXPECT_DOUBLE_EQ(g.pixelsPerByte(), 24.0);
    EXPECT_EQ(g.last(), Address(256));
    EXPECT_EQ(g.rowStarts().size(), 8u);
}

TEST(MemoryMapGeometry, RowsStartAtRoundAddressesAfterEveryZoomAndPan)
{
    // 64 KiB in 10 rows: 6554 bytes a row -> 0x2000. Zoomed 64 times about
    // 0x1234 (row 0): 1024 bytes / 10 rows -> 0x80 a row, 6 px a byte; 0x1234
    // stays on the first row, which starts at 0x1200.
    MemoryMapGeometry g(64 * kKiB, QSizeF(832, 200));
    EXPECT_EQ(g.bytesPerRow(), 0x2000u);
    g.zoom(64, Address(0x1234));
    EXPECT_EQ(g.bytesPerRow(), 0x80u);
    EXPECT_EQ(g.first(), Address(0x1200));
    EXPECT_EQ(g.rowStarts().back().second, Address(0x1680));
    EXPECT_TRUE(rowsStartRound(g));
    // A sideways drag of 0.3 of a row (230.4 px of 768) is not yet half a row:
    // nothing moves; a second one makes 0.6 and the next row comes up.
    g.panBy(QPointF(-0.3 * g.rowWidth(), 0));
    EXPECT_EQ(g.first(), Address(0x1200));
    g.panBy(QPointF(-0.3 * g.rowWidth(), 0));
    EXPECT_EQ(g.first(), Address(0x1280));

    // And whatever the user does next, on a heap of an odd size.
    MemoryMapGeometry odd(kMiB + 0x31, QSizeF(1000, 600));
    std::uint64_t state = 99;
    const auto next = [&state](int n) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return int((state >> 33) % std::uint64_t(n));
    };
    for (int i = 0; i < 400; ++i) {
        switch (next(5)) {
        case 0: odd.zoomAt(0.3 + next(40) / 10.0, QPointF(next(1000), next(600))); break;
        case 1: odd.panBy(QPointF(next(301) - 150.5, next(201) - 100.25)); break;
        case 2: odd.panByBytes(next(100001) - 50000); break;
        case 3: odd.showRange(Address(Size(next(1 << 20))), Address(Size(next(1 << 20)) + 0xc31)); break;
        case 4: odd.setViewport(QSizeF(400 + next(800), 100 + next(700))); break;
        }
        ASSERT_TRUE(rowsStartRound(odd)) << "after step " << i;
    }
}

TEST(MemoryMapGeometry, BytesAndPixelsRoundTrip)
{
    for (Size heap : {Size{256}, 64 * kKiB, 3 * kMiB + 17}) {
        const MemoryMapGeometry g(heap, QSizeF(1000, 600));
        for (Size a = 0; a < heap; a += heap / 997 + 1) {
            const auto back = g.addressAt(inside(g, Address(a)));
            ASSERT_TRUE(back) << a;
            if (g.pixelsPerByte() >= 1)
                ASSERT_EQ(*back, Address(a));
            else // a pixel holds several bytes: the first of them comes back
                ASSERT_LT(std::abs(double(back->value()) - double(a)), g.bytesPerPixel() + 1);
        }
    }
}

TEST(MemoryMapGeometry, EveryPixelOfARowMapsToTheByteDrawnThere)
{
    const MemoryMapGeometry g(64 * kKiB, QSizeF(800, 300));
    for (double x = g.margin(); x < g.margin() + g.rowWidth(); x += 0.5) {
        const auto a = g.addressAt(QPointF(x, 25));
        ASSERT_TRUE(a) << x;
        EXPECT_LE(g.pointFor(*a).x(), x + 1e-9);
        EXPECT_GT(g.pointFor(*a).x() + g.pixelsPerByte(), x - 1e-9);
    }
}

TEST(MemoryMapGeometry, ABlockWrappingAcrossARowGivesTwoRects)
{
    const MemoryMapGeometry g = smallMap(256); // rows of 192 bytes, 4 px per byte
    const auto rects = g.rectsFor(Address(160), Address(224));
    ASSERT_EQ(rects.size(), 2u);
    EXPECT_EQ(rects[0], QRectF(64 + 160 * 4, 0, 32 * 4, 16));
    EXPECT_EQ(rects[1], QRectF(64, 20, 32 * 4, 16));

    const auto inOneRow = g.rectsFor(Address(0), Address(64));
    ASSERT_EQ(inOneRow.size(), 1u);
    EXPECT_EQ(inOneRow[0], QRectF(64, 0, 256, 16));
}

TEST(MemoryMapGeometry, PiecesSayWhereARangeGoesOnIntoAnotherRow)
{
    const MemoryMapGeometry g = smallMap(256);
    std::vector<std::pair<bool, bool>> open;
    g.forEachPiece(Address(160), Address(224),
                   [&](const QRectF&, bool left, bool right) { open.emplace_back(left, right); });
    EXPECT_EQ(open, (std::vector<std::pair<bool, bool>>{{false, true}, {true, false}}));
}

TEST(MemoryMapGeometry, RectsAreClippedToTheHeapAndTheView)
{
    const MemoryMapGeometry g = smallMap(256);
    EXPECT_TRUE(g.rectsFor(Address(256), Address(300)).empty());
    EXPECT_TRUE(g.rectsFor(Address(50), Address(50)).empty());
    const auto past = g.rectsFor(Address(200), Address(1000));
    ASSERT_EQ(past.size(), 1u);
    EXPECT_EQ(past[0].right(), 64 + 64 * 4);
}

TEST(MemoryMapGeometry, AddressAtIsNulloptOffTheRows)
{
    const MemoryMapGeometry g = smallMap(256);
    EXPECT_EQ(g.addressAt(QPointF(10, 5)), std::nullopt) << "margin";
    EXPECT_EQ(g.addressAt(QPointF(63.9, 5)), std::nullopt) << "margin";
    EXPECT_EQ(g.addressAt(QPointF(64, 5)), Address(0));
    EXPECT_EQ(g.addressAt(QPointF(100, 17)), std::nullopt) << "gap between rows";
    EXPECT_EQ(g.addressAt(QPointF(100, 21)), Address(192 + 9));
    EXPECT_EQ(g.addressAt(QPointF(64 + 64 * 4 + 1, 25)), std::nullopt) << "past the heap";
    EXPECT_EQ(g.addressAt(QPointF(832, 5)), std::nullopt) << "right of the rows";
    EXPECT_EQ(g.addressAt(QPointF(100, -1)), std::nullopt) << "above";
    EXPECT_EQ(g.addressAt(QPointF(100, 10000)), std::nullopt) << "below";
    EXPECT_EQ(g.addressAt(QPointF(std::nan(""), 5)), std::nullopt);
}

TEST(MemoryMapGeometry, ZoomKeepsTheAnchorOnItsRow)
{
    MemoryMapGeometry g(kMiB, QSizeF(1600, 900));
    const Address anchor(0x5a5a0);
    for (double factor : {2.0, 3.0, 1.25, 10.0, 0.5, 0.3}) {
        const QPointF before = g.pointFor(anchor);
        g.zoom(factor, anchor);
        EXPECT_TRUE(stillOnItsRow(g, anchor, before)) << factor;
        EXPECT_TRUE(isNice(g.bytesPerRow()));
        EXPECT_TRUE(rowsStartRound(g));
    }
}

TEST(MemoryMapGeometry, ZoomAtAPixelKeepsWhatIsUnderItOnThatRow)
{
    MemoryMapGeometry g(kMiB, QSizeF(1600, 900));
    const QPointF pixel(900.5, 410); // row 20
    const Address under = *g.addressAt(pixel);
    g.zoomAt(8.0, pixel);
    EXPECT_LT(g.bytesPerRow(), 24 * kKiB);
    EXPECT_EQ(g.pointFor(under).y(), 20 * g.rowPitch());
}

TEST(MemoryMapGeometry, ZoomStopsAtTheWholeHeapAndAtAHandfulOfBytesPerRow)
{
    // 1536 px rows: no closer than 64 px a byte, so 24 bytes a row.
    MemoryMapGeometry g(kMiB, QSizeF(1600, 900));
    g.zoom(1e12, Address(kMiB / 2));
    EXPECT_EQ(g.bytesPerRow(), 24u);
    EXPECT_DOUBLE_EQ(g.pixelsPerByte(), 64.0);
    EXPECT_FALSE(g.showsAll());
    g.zoom(0.5, Address(kMiB / 2));
    EXPECT_EQ(g.bytesPerRow(), 48u) << "zooming out answers at once after over-zooming in";
    g.zoom(1e-12, Address(kMiB / 2));
    EXPECT_TRUE(g.showsAll());
    EXPECT_EQ(g.first(), Address(0));
    EXPECT_EQ(g.last(), Address(kMiB));

    // A narrow lane (336 px rows) gets to 8 bytes a row, 42 px each: a
    // header's 8 bytes fill a row.
    MemoryMapGeometry lane(kMiB, QSizeF(400, 300));
    lane.zoom(1e12, Address(0x1000));
    EXPECT_EQ(lane.bytesPerRow(), MemoryMapGeometry::kMinBytesPerRow);
    EXPECT_DOUBLE_EQ(lane.pixelsPerByte(), 42.0);
}

TEST(MemoryMapGeometry, FitAllShowsTheWholeHeapAgain)
{
    MemoryMapGeometry g(kMiB, QSizeF(1600, 900));
    const MemoryMapGeometry whole = g;
    g.zoom(50, Address(700 * kKiB));
    g.panByBytes(-12345);
    ASSERT_FALSE(g.showsAll());
    g.fitAll();
    EXPECT_TRUE(g.showsAll());
    EXPECT_EQ(g.first(), whole.first());
    EXPECT_EQ(g.bytesPerRow(), whole.bytesPerRow());
}

TEST(MemoryMapGeometry, PanMovesByRowsAndStopsAtTheEnds)
{
    MemoryMapGeometry g(kMiB, QSizeF(1600, 900));
    g.zoom(20, Address(kMiB / 2));
    const Address first = g.first();
    const Size row = g.bytesPerRow();
    g.panBy(QPointF(0, -g.rowPitch())); // drag up one row: the next row comes up
    EXPECT_EQ(g.first(), first + row);
    g.panByBytes(-std::int64_t(row));
    EXPECT_EQ(g.first(), first);
    g.panBy(QPointF(-g.rowWidth(), 0)); // drag left by a row's width: one row on
    EXPECT_EQ(g.first(), first + row);
    g.panByBytes(-std::int64_t(2 * kMiB));
    EXPECT_EQ(g.first(), Address(0));
    g.panByBytes(std::int64_t(2 * kMiB));
    EXPECT_EQ(g.last(), Address(kMiB));
    EXPECT_GE(g.first() + row * Size(g.rowCount()), Address(kMiB));
    EXPECT_LT(g.first() + row * Size(g.rowCount() - 1), Address(kMiB)) << "no empty row at the end";
}

TEST(MemoryMapGeometry, ManySmallDragsAddUp)
{
    MemoryMapGeometry g(kMiB, QSizeF(1600, 900));
    g.zoom(3, Address(kMiB / 2));
    const Address first = g.first();
    for (int i = 0; i < 10; ++i) // each a tenth of a row's width, too little alone
        g.panBy(QPointF(-g.rowWidth() / 10, 0));
    EXPECT_EQ(g.first(), first + g.bytesPerRow());
}

TEST(MemoryMapGeometry, ShowRangeShowsAtLeastTheRange)
{
    MemoryMapGeometry g(16 * kMiB, QSizeF(1600, 900));
    for (auto [a, b] : {std::pair<Size, Size>{0x1000, 0x2000}, {0x7fff, 0x8001}, {1000, 900000},
                        {12345, 3 * kMiB + 1}, {16 * kMiB - 10, 16 * kMiB}}) {
        g.showRange(Address(a), Address(b));
        EXPECT_LE(g.first(), Address(a));
        EXPECT_GE(g.last(), Address(b));
        EXPECT_TRUE(isNice(g.bytesPerRow()));
        EXPECT_TRUE(rowsStartRound(g));
        EXPECT_LE(g.pixelsPerByte(), MemoryMapGeometry::kMaxPixelsPerByte);
    }
}

TEST(MemoryMapGeometry, ASharedExtentGivesSmallAndLargeHeapsTheSameRows)
{
    // A 256-byte heap beside a 1920-byte one: both fit 1920 bytes, 192 a row.
    MemoryMapGeometry small(256, QSizeF(832, 200));
    MemoryMapGeometry large(1920, QSizeF(832, 200));
    small.setExtent(1920);
    EXPECT_EQ(small.bytesPerRow(), 192u);
    EXPECT_EQ(large.bytesPerRow(), 192u);
    EXPECT_EQ(small.last(), Address(256)) << "nothing is drawn past the small heap";
    EXPECT_EQ(small.rowStarts().size(), 2u);

    // The same request gives the same rows, even where the small heap has none.
    small.showRows(Address(0x300), 0x40);
    large.showRows(Address(0x300), 0x40);
    EXPECT_EQ(small.first(), Address(0x300));
    EXPECT_EQ(small.bytesPerRow(), 0x40u);
    EXPECT_EQ(large.first(), small.first());
    EXPECT_EQ(large.bytesPerRow(), small.bytesPerRow());

    // Its own heap again: fitted, 32 bytes a row.
    small.fitAll();
    small.setExtent(0);
    EXPECT_EQ(small.bytesPerRow(), 32u);
}

TEST(MemoryMapGeometry, ShowRowsTakesTheNearestRowStartAndKeepsToTheLimits)
{
    MemoryMapGeometry g(64 * kKiB, QSizeF(832, 200)); // no closer than 16 bytes a row
    g.showRows(Address(0x1234), 0x80);
    EXPECT_EQ(g.first(), Address(0x1200)) << "0x1234 is nearer 0x1200 than 0x1280";
    g.showRows(Address(0x1000), 8);
    EXPECT_EQ(g.bytesPerRow(), 16u);
    g.showRows(Address(0), 0x2000);
    EXPECT_TRUE(g.showsAll()) << "rows as wide as the fitted ones are the fitted view";
}

TEST(MemoryMapGeometry, AGrowingHeapStaysFittedAndAZoomedViewStaysPut)
{
    MemoryMapGeometry g(64 * kKiB, QSizeF(1600, 900));
    g.setHeapSize(kMiB);
    EXPECT_TRUE(g.showsAll());
    EXPECT_EQ(g.last(), Address(kMiB));

    g.zoom(10, Address(32 * kKiB));
    const Address first = g.first();
    const Size row = g.bytesPerRow();
    g.setHeapSize(2 * kMiB);
    EXPECT_EQ(g.first(), first);
    EXPECT_EQ(g.bytesPerRow(), row);
}

TEST(MemoryMapGeometry, ResizingKeepsTheFittedViewFitted)
{
    MemoryMapGeometry g(kMiB, QSizeF(1600, 900));
    g.setViewport(QSizeF(700, 300));
    EXPECT_TRUE(g.showsAll());
    EXPECT_EQ(g.last(), Address(kMiB));
    EXPECT_EQ(g.rowCount(), 15);
}

TEST(MemoryMapGeometry, EmptyHeapMapsNothingAndNeverDividesByZero)
{
    MemoryMapGeometry g(0, QSizeF(1600, 900));
    EXPECT_TRUE(std::isfinite(g.pixelsPerByte()));
    EXPECT_GT(g.pixelsPerByte(), 0);
    EXPECT_GE(g.bytesPerRow(), 1u);
    EXPECT_TRUE(g.rowStarts().empty());
    EXPECT_TRUE(g.rectsFor(Address(0), Address(10)).empty());
    EXPECT_EQ(g.addressAt(QPointF(100, 5)), std::nullopt);
    g.zoom(4, Address(0));
    g.zoomAt(0.1, QPointF(300, 300));
    g.panBy(QPointF(30, -70));
    g.showRange(Address(0), Address(0));
    g.fitAll();
    EXPECT_EQ(g.first(), Address(0));
    EXPECT_EQ(g.last(), Address(0));

    MemoryMapGeometry none; // no viewport either
    none.setHeapSize(100);
    EXPECT_EQ(none.rowCount(), 1);
    EXPECT_TRUE(std::isfinite(none.pixelsPerByte()));
    none.setViewport(QSizeF(0, 0));
    EXPECT_EQ(none.addressAt(QPointF(0, 0)), std::nullopt);
}

TEST(MemoryMapGeometry, HugeHeapsMapWithoutOverflow)
{
    const Size huge = Size{1} << 40;
    MemoryMapGeometry g(huge, QSizeF(1600, 900));
    EXPECT_GE(g.bytesPerRow() * Size(g.rowCount()), huge);
    EXPECT_TRUE(isNice(g.bytesPerRow()));
    EXPECT_EQ(g.last(), Address(huge));
    const QPointF end = g.pointFor(Address(huge - 1));
    EXPECT_LT(end.x(), 1600);
    EXPECT_LT(end.y(), 900);
    EXPECT_EQ(g.rectsFor(Address(0), Address(huge)).size(), g.rowStarts().size());
    const auto a = g.addressAt(inside(g, Address(huge / 3)));
    ASSERT_TRUE(a);
    EXPECT_LT(std::abs(double(a->value()) - double(huge / 3)), g.bytesPerPixel() + 1);

    const Address anchor(huge / 2 + 12345);
    const QPointF before = g.pointFor(anchor);
    g.zoom(1e15, anchor);
    EXPECT_DOUBLE_EQ(g.pixelsPerByte(), 64.0);
    EXPECT_TRUE(stillOnItsRow(g, anchor, before));
    EXPECT_TRUE(rowsStartRound(g));
    EXPECT_EQ(g.addressAt(inside(g, anchor)), anchor);
    g.panByBytes(std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(g.last(), Address(huge));

    MemoryMapGeometry beyond(~Size{0}, QSizeF(1600, 900)); // clamped to the largest heap
    EXPECT_EQ(beyond.heapSize(), kMaxHeapBytes);
    EXPECT_EQ(beyond.last(), Address(kMaxHeapBytes));
}
