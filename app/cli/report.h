#pragma once
// heapviz-cli's two outputs: a human comparison table per trace, and one JSON
// document with every metric under its name in heap-model.md.

#include <ostream>
#include <string>
#include <vector>

#include "core/config/heapconfig.h"
#include "core/sim/lanesummary.h"

namespace heapviz::cli {

struct TraceRuns {
    std::string trace;
    std::size_t operations = 0;
    std::vector<LaneSummary> runs; // one per lane, in the order asked for
};

// `given`: the heap-wide options the user set, so that the table can say
// which lanes ignore which of them.
void writeTable(std::ostream& out, const TraceRuns& runs, const HeapConfig& config,
                const std::vector<std::string>& given);
void writeJson(std::ostream& out, const std::vector<TraceRuns>& all, bool withBlocks);

} // namespace heapviz::cli
