#pragma once
// What the charts need of a lane's run, worked out once when the session is
// recorded (off the GUI thread): every chart metric summarised for drawing at
// any width, and where the compactions ran. With it, switching metric or
// resizing costs time in proportion to the chart's width, never to the trace.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "ui/charts/chartmetric.h"
#include "core/model/bigvector.h"
#include "ui/charts/metricsummary.h"

namespace heapviz::ui {

class LaneChartData {
public:
    LaneChartData() = default;
    static LaneChartData of(const BigVector<Metrics>& samples);

    // The same, given the metrics after each of `count` operations in order.
    class Builder {
    public:
        explicit Builder(std::size_t count);
        void add(const Metrics& after);
        LaneChartData finish();

    private:
        std::vector<MetricSummary::Builder> m_metrics; // one per ChartMetric
        std::vector<std::size_t> m_firstCompaction;
        std::uint32_t m_compactions = 0;
        std::size_t m_added = 0;
    };

    const MetricSummary& summary(ChartMetric metric) const { return m_metrics[std::size_t(metric)]; }
    // The operations (sample indices) that ran a compaction, at most one per
    // column when drawn `columns` wide (the first in each), in order.
    std::vector<std::size_t> compactions(std::size_t columns) const;

private:
    static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

    std::array<MetricSummary, kChartMetricCount> m_metrics;
    // Per bucket of the summaries: the first operation in it that ran a compaction, or kNone.
    std::vector<std::size_t> m_firstCompaction;
};

} // namespace heapviz::ui
