#include "core/sim/lanesummary.h"

#include "core/sim/run.h"

namespace heapviz {

LaneSummary summarize(const RunResult& run)
{
    return {run.lane, run.final, run.totalExamined(), run.faults, run.leaks, run.finalBlocks, run.finalBins};
}

LaneSummary summarize(const Simulator& sim, std::uint64_t examined)
{
    return {sim.lane(),   sim.metrics(), examined, sim.faults(), sim.leaks(), sim.allocator().blocks(),
            sim.allocator().bins()};
}

} // namespace heapviz
