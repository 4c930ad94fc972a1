#include "ui/charts/lanechartdata.h"

namespace heapviz::ui {

LaneChartData LaneChartData::of(const BigVector<Metrics>& samples)
{
    LaneChartData data;
    for (ChartMetric metric : kAllChartMetrics)
        data.m_metrics[std::size_t(metric)] =
            MetricSummary::of(samples.size(), [&](std::size_t i) { return metricValue(samples[i], metric); });
    // Every summary has the same buckets; the first one's boundaries serve.
    const MetricSummary& buckets = data.m_metrics[0];
    data.m_firstCompaction.assign(buckets.buckets(), kNone);
    for (std::size_t b = 0; b < buckets.buckets(); ++b)
        for (std::size_t i = buckets.bucketBegin(b); i < buckets.bucketBegin(b + 1); ++i)
            if (samples[i].compactions > (i ? samples[i - 1].compactions : 0)) {
                data.m_firstCompaction[b] = i;
                break;
            }
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
