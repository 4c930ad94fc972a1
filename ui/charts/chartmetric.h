#pragma once
// The metrics the charts can plot over the operations: what a sample's value
// is, in which unit, and what the menu and the axis call it.

#include <QString>

#include <cstddef>
#include <cstdint>

#include "core/model/metrics.h"

namespace heapviz::ui {

enum class ChartMetric : std::uint8_t {
    ExternalFragmentation,
    LargestFree,
    FreeBlocks,
    Utilization,
    Examined,
    Failed,
    HeapSize,
    InternalFragmentation,
};

inline constexpr ChartMetric kAllChartMetrics[] = {
    ChartMetric::ExternalFragmentation, ChartMetric::LargestFree, ChartMetric::FreeBlocks,
    ChartMetric::Utilization,           ChartMetric::Examined,    ChartMetric::Failed,
    ChartMetric::HeapSize,              ChartMetric::InternalFragmentation,
};
inline constexpr std::size_t kChartMetricCount = std::size(kAllChartMetrics);

enum class MetricUnit : std::uint8_t { Percent, Bytes, Count };

MetricUnit metricUnit(ChartMetric metric);
// A sample's value: percentages from 0 to 100, bytes, counts.
double metricValue(const Metrics& sample, ChartMetric metric);
// The metric chooser's words: "Free blocks examined per operation".
QString metricTitle(ChartMetric metric);
// The value axis' title: the unit, short enough for a low chart ("%",
// "bytes", "blocks", "requests"); the metric chooser above names the metric.
QString metricAxisTitle(ChartMetric metric);

} // namespace heapviz::ui
