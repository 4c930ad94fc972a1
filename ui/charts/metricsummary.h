#pragma once
// A long series summarised once, off the GUI thread, so that a chart draws it
// at any width in time proportional to the width, not to the series: the
// values fall into at most kBuckets buckets of consecutive samples, each
// keeping its smallest, largest and mean value, and a chart merges buckets
// into pixel columns. A column's least and greatest values are exact, so a
// one-sample spike always shows.

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace heapviz::ui {

// One pixel column of a series: samples [first, last], their extremes, and
// the mean, which lies between them.
struct EnvelopeColumn {
    std::size_t first = 0;
    std::size_t last = 0;
    double min = 0;
    double max = 0;
    double mean = 0;
};

// Which of `buckets` buckets go to column `column` of `columns` (fewer columns
// than buckets): [first, second). Every bucket goes to exactly one column.
std::pair<std::size_t, std::size_t> bucketsOfColumn(std::size_t column, std::size_t columns, std::size_t buckets);

class MetricSummary {
public:
    static constexpr std::size_t kBuckets = 4096;

    MetricSummary() = default;
    // value(0) ... value(count - 1) in min(count, buckets) buckets.
    template <class ValueAt>
    static MetricSummary of(std::size_t count, ValueAt value, std::size_t buckets = kBuckets);

    std::size_t samples() const { return m_samples; }
    std::size_t buckets() const { return m_buckets.size(); }
    // The first sample of bucket `b` (b == buckets(): samples()).
    std::size_t bucketBegin(std::size_t b) const { return m_buckets.empty() ? 0 : m_samples * b / buckets(); }
    // Over all samples; 0 for an empty series.
    double min() const { return m_min; }
    double max() const { return m_max; }
    // The series in min(columns, buckets()) columns, in order.
    std::vector<EnvelopeColumn> envelope(std::size_t columns) const;

private:
    struct Bucket {
        double min;
        double max;
        double sum;
    };

    std::size_t m_samples = 0;
    std::vector<Bucket> m_buckets;
    double m_min = 0;
    double m_max = 0;
};

template <class ValueAt>
MetricSummary MetricSummary::of(std::size_t count, ValueAt value, std::size_t buckets)
{
    MetricSummary s;
    s.m_samples = count;
    const std::size_t n = std::min(count, std::max<std::size_t>(buckets, 1));
    s.m_buckets.reserve(n);
    for (std::size_t b = 0; b < n; ++b) {
        const std::size_t begin = count * b / n, end = count * (b + 1) / n;
        Bucket k{value(begin), value(begin), 0};
        for (std::size_t i = begin; i < end; ++i) {
            const double v = value(i);
            k.min = std::min(k.min, v);
            k.max = std::max(k.max, v);
            k.sum += v;
        }
        s.m_buckets.push_back(k);
        s.m_min = b == 0 ? k.min : std::min(s.m_min, k.min);
        s.m_max = b == 0 ? k.max : std::max(s.m_max, k.max);
    }
    return s;
}

} // namespace heapviz::ui
