#include "ui/charts/metricsummary.h"

namespace heapviz::ui {

std::pair<std::size_t, std::size_t> bucketsOfColumn(std::size_t column, std::size_t columns, std::size_t buckets)
{
    return {buckets * column / columns, buckets * (column + 1) / columns};
}

std::vector<EnvelopeColumn> MetricSummary::envelope(std::size_t columns) const
{
    std::vector<EnvelopeColumn> out;
    const std::size_t n = std::min(std::max<std::size_t>(columns, 1), buckets());
    out.reserve(n);
    for (std::size_t c = 0; c < n; ++c) {
        const auto [from, to] = bucketsOfColumn(c, n, buckets());
        EnvelopeColumn col{bucketBegin(from), bucketBegin(to) - 1, m_buckets[from].min, m_buckets[from].max, 0};
        double sum = 0;
        for (std::size_t b = from; b < to; ++b) {
            col.min = std::min(col.min, m_buckets[b].min);
            col.max = std::max(col.max, m_buckets[b].max);
            sum += m_buckets[b].sum;
        }
        // The mean can stray past an extreme by a rounding error; it must not.
        col.mean = std::clamp(sum / double(col.last - col.first + 1), col.min, col.max);
        out.push_back(col);
    }
    return out;
}

} // namespace heapviz::ui
