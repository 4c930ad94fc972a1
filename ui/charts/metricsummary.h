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

class MetricSummaryBuilder;

class MetricSummary {
public:
    static constexpr std::size_t kBuckets = 4096;

    MetricSummary() = default;
    // value(0) ... value(count - 1) in min(count, buckets) buckets.
    template <class ValueAt>
    static MetricSummary of(std::size_t count, ValueAt value, std::size_t buckets = kBuckets);

    // The same, given the values one at a time, in order (a series that is
    // never held whole): MetricSummaryBuilder.
    using Builder = MetricSummaryBuilder;

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
    friend class MetricSummaryBuilder;
};

class MetricSummaryBuilder {
public:
    explicit MetricSummaryBuilder(std::size_t count, std::size_t buckets = MetricSummary::kBuckets);
    void add(double value); // the next of the `count` values
    // The bucket the next value goes to.
    std::size_t bucket() const { return m_summary.m_buckets.size(); }
    MetricSummary finish() { return std::move(m_summary); }

private:
    MetricSummary m_summary;
    std::size_t m_buckets;
    std::size_t m_added = 0;
    std::size_t m_end = 0; // where the open bucket ends
    MetricSummary::Bucket m_open{};
};

inline MetricSummaryBuilder::MetricSummaryBuilder(std::size_t count, std::size_t buckets)
    : m_buckets(std::min(count, std::max<std::size_t>(buckets, 1)))
{
    m_summary.m_samples = count;
    m_summary.m_buckets.reserve(m_buckets);
}

inline void MetricSummaryBuilder::add(double v)
{
    const std::size_t count = m_summary.m_samples;
    const std::size_t b = bucket();
    if (m_added == count * b / m_buckets) { // the first value of bucket b
        m_open = {v, v, 0};
        m_end = count * (b + 1) / m_buckets;
    }
    m_open.min = std::min(m_open.min, v);
    m_open.max = std::max(m_open.max, v);
    m_open.sum += v;
    if (++m_added == m_end) {
        m_summary.m_buckets.push_back(m_open);
        m_summary.m_min = b == 0 ? m_open.min : std::min(m_summary.m_min, m_open.min);
        m_summary.m_max = b == 0 ? m_open.max : std::max(m_summary.m_max, m_open.max);
    }
}

template <class ValueAt>
MetricSummary MetricSummary::of(std::size_t count, ValueAt value, std::size_t buckets)
{
    Builder builder(count, buckets);
    for (std::size_t i = 0; i < count; ++i)
        builder.add(value(i));
    return builder.finish();
}

} // namespace heapviz::ui
