#include "ui/charts/lanechartdata.h"

namespace heapviz::ui {

LaneChartData LaneChartData::of(const BigVector<Metrics>& samples)
{
    Builder builder(samples.size());
    for (const Metrics& m : samples)
        builder.add(m);
    return builder.finish();
}

LaneChartData::Builder::Builder(std::size_t count)
    : m_metrics(kChartMetricCount, MetricSummary::Builder(count))
{
}

void LaneChartData::Builder::add(const Metrics& after)
{
    // Every summary has the same buckets; the first one's say which this is.
    const std::size_t bucket = m_metrics[0].bucket();
    if (m_firstCompaction.size() <= bucket)
        m_firstCompaction.resize(bucket + 1, kNone);
    if (after.compactions > m_compactions && m_firstCompaction[bucket] == kNone)
        m_firstCompaction[bucket] = m_added;
    m_compactions = after.compactions;
    for (ChartMetric metric : kAllChartMetrics)
        m_metrics[std::size_t(metric)].add(metricValue(after, metric));
    ++m_added;
}

LaneChartData LaneChartData::Builder::finish()
{
    LaneChartData data;
    for (std::size_t i = 0; i < kChartMetricCount; ++i)
        data.m_metrics[i] = m_metrics[i].finish();
    m_firstCompaction.resize(data.m_metrics[0].buckets(), kNone);
    data.m_firstCompaction = std::move(m_firstCompaction);
    return data;
}

std::vector<std::size_t> LaneChartData::compactions(std::size_t columns) const
{
    std::vector<std::size_t> marks;
    const std::size_t buckets = m_firstCompaction.size();
    const std::size_t n = std::min(std::max<std::size_t>(columns, 1), buckets);
    for (std::size_t c = 0; c < n; ++c) {
        const auto [from, to] = bucketsOfColumn(c, n, buckets);
        for (std::size_t b = from; b < to; ++b)
            if (m_firstCompaction[b] != kNone) {
                marks.push_back(m_firstCompaction[b]);
                break;
            }
    }
    return marks;
}

} // namespace heapviz::ui
