#pragma once
// EventLog: every event of a recorded run, in order, grouped by operation,
// with the metrics at the points inside an operation that a view stops at.
// Written by a run (sim), read by replay and the views.

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "core/model/bigvector.h"
#include "core/model/event.h"
#include "core/model/metrics.h"

namespace heapviz {

// Every event of a run, in order, with where each operation's events end.
struct EventLog {
    BigVector<Event> events;
    // opEnd[0]: end of the events before the first operation (a chunk-growing
    // heap's first growth); opEnd[i + 1]: end of operation i's events.
    BigVector<std::size_t> opEnd;
    // The metrics at each CompactionProgress event (the only points inside an
    // operation a view stops at), and where in `events` each of those is.
    std::vector<Metrics> progressSamples;
    std::vector<std::size_t> progressEvents;

    std::size_t operations() const { return opEnd.empty() ? 0 : opEnd.size() - 1; }
    // The events of the setup (op == -1) or of operation op.
    std::span<const Event> eventsOf(std::ptrdiff_t op) const;
    // The metrics after the first `shown` events of operation op, when those
    // end inside a compaction (at one of its CompactionProgress events).
    std::optional<Metrics> metricsWithin(std::size_t op, std::size_t shown) const;
};

} // namespace heapviz
