#pragma once
// What a run over one lane leaves behind once the trace is over: the final
// metrics (peaks included), the free blocks its searches examined in all, the
// faults, the leaks and the final heap. This is everything heapviz-cli
// prints; unlike RunResult it keeps no per-operation series, so its size
// follows the heap and the faults, not the trace's length.

#include <cstdint>
#include <vector>

#include "core/alloc/allocator.h"
#include "core/alloc/lanespec.h"
#include "core/model/block.h"
#include "core/model/metrics.h"
#include "core/sim/simulator.h"

namespace heapviz {

struct RunResult;

struct LaneSummary {
    LaneSpec lane;
    Metrics final;              // after the last operation
    std::uint64_t examined = 0; // free blocks examined over the whole run
    std::vector<FaultReport> faults;
    std::vector<LeakReport> leaks;
    std::vector<BlockInfo> finalBlocks; // in address order
    Bins finalBins;                     // the family's free structure at the end
};

// The summary of a whole-trace run.
LaneSummary summarize(const RunResult& run);

// The summary of a simulator that has run the whole trace, having examined
// `examined` free blocks on the way.
LaneSummary summarize(const Simulator& sim, std::uint64_t examined);

} // namespace heapviz
