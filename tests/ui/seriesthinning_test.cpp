// A million-point series thins to about two points per pixel column without
// losing a spike.

#include <gtest/gtest.h>

#include "ui/seriesthinning.h"

using heapviz::ui::thinSeries;

TEST(SeriesThinning, ShortSeriesAreKeptWhole)
{
    const auto points = thinSeries(5, [](std::size_t i) { return double(i * i); }, 100, 1);
    ASSERT_EQ(points.size(), 5);
    EXPECT_EQ(points[2], QPointF(3, 4)); // x offset 1: sample i is step i + 1
}

TEST(SeriesThinning, KeepsEachColumnsExtremesInOrder)
{
    // A flat series with one spike at 500,000 and one dip at 700,000.
    const auto value = [](std::size_t i) { return i == 500'000 ? 9.0 : i == 700'000 ? -3.0 : 1.0; };
    const auto points = thinSeries(1'000'000, value, 800);
    EXPECT_LE(points.size(), 1600);
    double top = -1e9, bottom = 1e9;
    for (qsizetype i = 0; i < points.size(); ++i) {
        top = std::max(top, points[i].y());
        bottom = std::min(bottom, points[i].y());
        if (i > 0)
            EXPECT_LT(points[i - 1].x(), points[i].x()) << "points go forward in time";
    }
    EXPECT_EQ(top, 9.0);
    EXPECT_EQ(bottom, -3.0);
}
