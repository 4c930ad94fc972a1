// MemoryMapGeometry without pixels: bytes to rectangles and back, rows that
// wrap, zoom about an anchor, fitting, nice row widths, and heaps from empty
// to 2^40 bytes and beyond.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/memorymapgeometry.h"

using namespace heapviz;
using namespace heapviz::ui;

namespace {

constexpr Size kKiB = 1024;
constexpr Size kMiB = 1024 * kKiB;

// 832 x 200: a 768-pixel row at the closest zoom holds 192 bytes, 4 px each;
// 10 rows of 16 px with 4 px gaps.
MemoryMapGeometry smallMap(Size heap) { return MemoryMapGeometry(heap, QSizeF(832, 200)); }

bool isNice(Size n)
{
    while (n % 2 == 0)
        n /= 2;
    return n == 1 || n == 3;
}

// The middle of byte `a`'s first pixel column (or of the byte, when a byte is
// wider than a pixel).
QPointF inside(const MemoryMapGeometry& g, Address a)
{
    const double dx = std::min(0.5, g.pixelsPerByte() / 2);
    return g.pointFor(a) + QPointF(dx, g.rowHeight() / 2);
}

// Whether the anchor, drawn at `before` until a zoom, is still under that
// pixel: its byte now starts at most one pixel (or one byte, when a byte is
// wider) to the left of it, and never to the right.
::testing::AssertionResult stillUnder(const MemoryMapGeometry& g, Address anchor, QPointF before)
{
    const QPointF after = g.pointFor(anchor);
    const double slack = std::max(1.0, g.pixelsPerByte());
    if (after.y() == before.y() && after.x() <= before.x() + 1e-6
        && after.x() > before.x() - slack)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "the anchor moved from (" << before.x() << ", "
                                         << before.y() << ") to (" << after.x() << ", "
                                         << after.y() << ")";
}

} // namespace

TEST(MemoryMapGeometry, NiceBytesPerRowIsTheLeastPowerOfTwoOrThreeTimesOneNotBelow)
{
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(0), 1u);
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(1), 1u);
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(3), 3u);
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(5), 6u);
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(7), 8u);
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(100), 128u);
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(0x181), 0x200u);
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(0x17f), 0x180u);
    Size previous = 1;
    for (Size n = 1; n < 5000; ++n) {
        const Size nice = MemoryMapGeometry::niceBytesPerRow(n);
        ASSERT_GE(nice, n);
        ASSERT_TRUE(isNice(nice)) << nice;
        ASSERT_GE(nice, previous) << "monotonic";
        ASSERT_LE(double(nice), 1.5 * double(n) + 1) << "no more than one nice step above";
        previous = nice;
    }
    EXPECT_EQ(MemoryMapGeometry::niceBytesPerRow(~Size{0}), kMaxHeapBytes) << "no overflow";
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

TEST(MemoryMapGeometry, SmallHeapIsDrawnNoCloserThanFourPixelsPerByte)
{
    const MemoryMapGeometry g = smallMap(256);
    EXPECT_EQ(g.bytesPerRow(), 192u);
    EXPECT_DOUBLE_EQ(g.pixelsPerByte(), 4.0);
    EXPECT_EQ(g.last(), Address(256));
    EXPECT_EQ(g.rowStarts().size(), 2u);
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

TEST(MemoryMapGeometry, ZoomKeepsTheAnchorUnderTheSamePixel)
{
    MemoryMapGeometry g(kMiB, QSizeF(1600, 900));
    const Address anchor(0x5a5a0);
    for (double factor : {2.0, 3.0, 1.25, 10.0, 0.5, 0.3}) {
        const QPointF before = g.pointFor(anchor);
        g.zoom(factor, anchor);
        EXPECT_TRUE(stillUnder(g, anchor, before)) << factor;
        EXPECT_TRUE(g.isVisible(anchor));
        EXPECT_TRUE(isNice(g.bytesPerRow()));
    }
}

TEST(MemoryMapGeometry, ZoomAtAPixelKeepsWhatIsUnderIt)
{
    MemoryMapGeometry g(kMiB, QSizeF(1600, 900));
    const QPointF pixel(900.5, 410);
    const Address under = *g.addressAt(pixel);
    g.zoomAt(8.0, pixel);
    const Address now = *g.addressAt(pixel);
    EXPECT_LT(std::abs(double(now.value()) - double(under.value())), 2 * g.bytesPerPixel() + 1);
    EXPECT_LT(g.bytesPerRow(), 24 * kKiB);
}

TEST(MemoryMapGeometry, ZoomIsClampedBetweenTheWholeHeapAndFourPixelsPerByte)
{
    MemoryMapGeometry g(kMiB, QSizeF(1600, 900));
    g.zoom(1e12, Address(kMiB / 2));
    EXPECT_EQ(g.bytesPerRow(), 384u); // 1536 px / 4
    EXPECT_DOUBLE_EQ(g.pixelsPerByte(), 4.0);
    EXPECT_FALSE(g.showsAll());
    g.zoom(0.5, Address(kMiB / 2));
    EXPECT_EQ(g.bytesPerRow(), 768u) << "zooming out answers at once after over-zooming in";
    g.zoom(1e-12, Address(kMiB / 2));
    EXPECT_TRUE(g.showsAll());
    EXPECT_EQ(g.first(), Address(0));
    EXPECT_EQ(g.last(), Address(kMiB));
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

TEST(MemoryMapGeometry, PanMovesByRowsAndBytesAndStopsAtTheEnds)
{
    MemoryMapGeometry g(kMiB, QSizeF(1600, 900));
    g.zoom(20, Address(kMiB / 2));
    const Address first = g.first();
    const Size row = g.bytesPerRow();
    g.panBy(QPointF(0, -g.rowPitch())); // drag up one row: the next row comes up
    EXPECT_EQ(g.first(), first + row);
    g.panByBytes(-std::int64_t(row));
    EXPECT_EQ(g.first(), first);
    g.panBy(QPointF(-100, 0)); // drag left: higher addresses
    EXPECT_NEAR(double(g.first() - first), 100 * g.bytesPerPixel(), g.bytesPerPixel());
    g.panByBytes(-std::int64_t(2 * kMiB));
    EXPECT_EQ(g.first(), Address(0));
    g.panByBytes(std::int64_t(2 * kMiB));
    EXPECT_EQ(g.last(), Address(kMiB));
    EXPECT_GE(g.first() + row * Size(g.rowCount()), Address(kMiB));
}

TEST(MemoryMapGeometry, ManySmallDragsAddUp)
{
    MemoryMapGeometry g(kMiB, QSizeF(1600, 900));
    g.zoom(3, Address(kMiB / 2));
    const Address first = g.first();
    for (int i = 0; i < 100; ++i)
        g.panBy(QPointF(-1, 0));
    EXPECT_NEAR(double(g.first() - first), 100 * g.bytesPerPixel(), g.bytesPerPixel());
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
        EXPECT_LE(g.pixelsPerByte(), MemoryMapGeometry::kMaxPixelsPerByte);
    }
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
    EXPECT_DOUBLE_EQ(g.pixelsPerByte(), 4.0);
    EXPECT_TRUE(stillUnder(g, anchor, before));
    EXPECT_EQ(g.addressAt(inside(g, anchor)), anchor);
    g.panByBytes(std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(g.last(), Address(huge));

    MemoryMapGeometry beyond(~Size{0}, QSizeF(1600, 900)); // clamped to the largest heap
    EXPECT_EQ(beyond.heapSize(), kMaxHeapBytes);
    EXPECT_EQ(beyond.last(), Address(kMaxHeapBytes));
}
