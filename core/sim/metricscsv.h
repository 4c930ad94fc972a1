#pragma once
// The metrics of heap-model.md ("Metrics") after every operation of every
// lane, as CSV: one row per operation and lane, the spec's names as columns,
// the numbers exactly as heapviz-cli's --json has them (its `examined` is
// the sum of this column over the run; every other column's last row is the
// CLI's figure). It needs only a trace and the runs, so it lives in the core:
// the CLI and the GUI can both write it, and it is tested without Qt.

#include <cstddef>
#include <ostream>
#include <span>
#include <string>

#include "core/model/trace.h"
#include "core/sim/run.h"

namespace heapviz {

// The columns, in order: where the row is in the trace, the lane, then the metrics.
std::span<const char* const> metricsCsvColumns();

// The header, then rows for operations from+1 .. to (steps from and to: the
// states before and after them), operation by operation, each lane in the
// order given. The runs must come from `trace` (with samples or a
// recording of every operation) and from <= to <= trace.ops.size().
void writeMetricsCsv(std::ostream& out, const Trace& trace, std::span<const RunResult* const> runs,
                     std::size_t from, std::size_t to);
// The same in parts, for a writer that goes a slice at a time.
void writeMetricsCsvHeader(std::ostream& out);
void writeMetricsCsvRows(std::ostream& out, const Trace& trace, std::span<const RunResult* const> runs,
                         std::size_t from, std::size_t to);

// A double as the shortest text that reads back as the same double (as
// nlohmann-json writes it): "0.25", "0.3333333333333333", "0".
std::string shortestDouble(double value);

} // namespace heapviz
