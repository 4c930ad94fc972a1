#pragma once
// heapviz-cli's two outputs: a human comparison table per trace, and one JSON
// document with every metric under its name in heap-model.md.

#include <ostream>
#include <string>
#include <vector>

#include "core/config/heapconfig.h"
#include "core/sim/run.h"

namespace heapviz::cli {

struct TraceRuns {
    std::string trace;
    std::size_t operations = 0;
    std::vector<RunResult> runs; // one per strategy, in the order asked for
};

void writeTable(std::ostream& out, const TraceRuns& runs, const HeapConfig& config);
void writeJson(std::ostream& out, const std::vector<TraceRuns>& all, const HeapConfig& config,
               bool withBlocks);

} // namespace heapviz::cli
