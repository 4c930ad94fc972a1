// A long series summarised once draws at any width: each pixel column keeps
// its least and greatest value exactly (no spike is lost) and a mean between
// them; a lane's summaries are made when the session is recorded.

#include <gtest/gtest.h>

#include "support/heaptesting.h"
#include "support/randomtrace.h"
#include "ui/charts/chartmetric.h"
#include "ui/charts/lanechartdata.h"
#include "ui/charts/metricsummary.h"
#include "ui/session/session.h"

using namespace heapviz;
using namespace heapviz::ui;

TEST(MetricSummary, ShortSeriesAreKeptWhole)
{
    const auto summary = MetricSummary::of(5, [](std::size_t i) { return double(i * i); });
    const auto columns = summary.envelope(100);
    ASSERT_EQ(columns.size(), 5u);
    EXPECT_EQ(columns[3].first, 3u);
    EXPECT_EQ(columns[3].last, 3u);
    EXPECT_EQ(columns[3].min, 9);
    EXPECT_EQ(columns[3].mean, 9);
    EXPECT_EQ(columns[3].max, 9);
    EXPECT_EQ(summary.max(), 16);
}

TEST(MetricSummary, NoSpikeIsLostAndEveryLineStaysInsideItsBand)
{
    // Flat at 1 with one spike to 9 at 500,000 and one dip to -3 at 700,000.
    const auto value = [](std::size_t i) { return i == 500'000 ? 9.0 : i == 700'000 ? -3.0 : 1.0; };
    const auto summary = MetricSummary::of(1'000'000, value);
    EXPECT_EQ(summary.max(), 9);
    EXPECT_EQ(summary.min(), -3);
    const auto columns = summary.envelope(800);
    ASSERT_EQ(columns.size(), 800u);
    EXPECT_EQ(columns.front().first, 0u);
    EXPECT_EQ(columns.back().last, 999'999u);
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const EnvelopeColumn& col = columns[c];
        if (c > 0) {
            EXPECT_EQ(col.first, columns[c - 1].last + 1) << "columns cover every sample once, in order";
        }
        EXPECT_LE(col.min, col.mean);
        EXPECT_LE(col.mean, col.max);
        const double n = double(col.last - col.first + 1);
        if (col.first <= 500'000 && 500'000 <= col.last) {
            EXPECT_EQ(col.max, 9);
            EXPECT_DOUBLE_EQ(col.mean, 1 + 8 / n); // n - 1 ones and one nine
        } else if (col.first <= 700'000 && 700'000 <= col.last) {
            EXPECT_EQ(col.min, -3);
            EXPECT_DOUBLE_EQ(col.mean, 1 - 4 / n);
        } else {
            EXPECT_EQ(col.min, 1);
            EXPECT_EQ(col.max, 1);
        }
    }
}

// realloc-bal's fragmentation swings between 0 and 45 % from one operation to
// the next: drawn as a line that is a solid band. As an envelope, each column
// spans 0 to 45 and its line sits at the level in between.
TEST(MetricSummary, AnOscillationIsABandWithItsLevelInside)
{
    const auto summary = MetricSummary::of(8192, [](std::size_t i) { return i % 2 ? 45.0 : 0.0; });
    const auto columns = summary.envelope(256);
    ASSERT_EQ(columns.size(), 256u);
    for (const EnvelopeColumn& col : columns) {
        EXPECT_EQ(col.last - col.first + 1, 32u); // 8192 / 256
        EXPECT_EQ(col.min, 0);
        EXPECT_EQ(col.max, 45);
        EXPECT_EQ(col.mean, 22.5); // 16 of each
    }
}

TEST(MetricSummary, EveryBucketGoesToExactlyOneColumn)
{
    for (const auto& [buckets, columns] : {std::pair{4096u, 800u}, {4096u, 4095u}, {10u, 3u}, {7u, 7u}}) {
        std::size_t next = 0;
        for (std::size_t c = 0; c < columns; ++c) {
            const auto [from, to] = bucketsOfColumn(c, columns, buckets);
            EXPECT_EQ(from, next);
            EXPECT_LT(from, to) << "no empty column";
            next = to;
        }
        EXPECT_EQ(next, buckets);
    }
}

TEST(ChartMetric, ValuesAreTheMetricsInTheirUnits)
{
    Metrics m;
    m.freeBytes = 200;
    m.largestFree = 150;
    m.allocatedBytes = 400;
    m.livePayload = 300;
    m.peakPayload = 300;
    m.highWater = 1200;
    m.heapSize = 4096;
    m.freeBlocks = 3;
    m.examined = 7;
    m.failed = 2;
    EXPECT_DOUBLE_EQ(metricValue(m, ChartMetric::ExternalFragmentation), 25); // 1 - 150/200
    EXPECT_DOUBLE_EQ(metricValue(m, ChartMetric::InternalFragmentation), 25); // 1 - 300/400
    EXPECT_DOUBLE_EQ(metricValue(m, ChartMetric::Utilization), 25);           // 300/1200
    EXPECT_DOUBLE_EQ(metricValue(m, ChartMetric::LargestFree), 150);
    EXPECT_DOUBLE_EQ(metricValue(m, ChartMetric::HeapSize), 4096);
    EXPECT_DOUBLE_EQ(metricValue(m, ChartMetric::FreeBlocks), 3);
    EXPECT_DOUBLE_EQ(metricValue(m, ChartMetric::Examined), 7);
    EXPECT_DOUBLE_EQ(metricValue(m, ChartMetric::Failed), 2);
    EXPECT_EQ(metricUnit(ChartMetric::InternalFragmentation), MetricUnit::Percent);
    EXPECT_EQ(metricUnit(ChartMetric::HeapSize), MetricUnit::Bytes);
    EXPECT_EQ(metricUnit(ChartMetric::Failed), MetricUnit::Count);
}

TEST(LaneChartData, FindsEachColumnsFirstCompaction)
{
    BigVector<Metrics> samples(10);
    for (std::size_t i = 0; i < samples.size(); ++i)
        samples[i].compactions = std::uint32_t(i >= 3) + std::uint32_t(i >= 4) + std::uint32_t(i >= 8);
    const LaneChartData data = LaneChartData::of(samples);
    EXPECT_EQ(data.compactions(100), (std::vector<std::size_t>{3, 4, 8}));
    EXPECT_EQ(data.compactions(2), (std::vector<std::size_t>{3, 8})) << "columns [0, 5) and [5, 10)";
    EXPECT_EQ(data.compactions(1), (std::vector<std::size_t>{3}));
}

TEST(LaneChartData, IsMadeWhenTheSessionIsRecorded)
{
    const Trace trace = heapviz::testing::randomTrace({.seed = 5, .ops = 3000, .ids = 60, .maxSize = 300});
    SessionSettings settings;
    settings.config = heapviz::testing::defaultConfig();
    Session session(recordSession(trace, settings));
    for (std::size_t i = 0; i < session.laneCount(); ++i) {
        const Lane& lane = session.lane(i);
        double most = 0;
        for (std::size_t step = 1; step <= trace.ops.size(); ++step)
            most = std::max(most, double(lane.run.metricsAfter(step).freeBlocks));
        const MetricSummary& summary = lane.charts.summary(ChartMetric::FreeBlocks);
        EXPECT_EQ(summary.samples(), 3000u);
        EXPECT_EQ(summary.max(), most);
    }
}
