#pragma once
// Running a trace through several lanes while it is still being read: a
// reader thread takes chunks of operations from an OpSource (a .rep file, a
// generated workload) and hands each chunk to every lane through a small
// bounded queue; each lane simulates on its own thread. Parsing overlaps
// simulation, and memory is O(chunk x queue depth + heap state), whatever
// the trace's length: only what LaneSummary keeps survives the run. For
// the metrics after every operation (charts, CSV, replay), use runTrace.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/alloc/lanespec.h"
#include "core/sim/lanesummary.h"
#include "core/model/opsource.h"

namespace heapviz {

struct StreamOptions {
    std::vector<LaneSpec> lanes;  // each valid (validateLane)
    bool countExamined = false;   // the `examined` total
    bool checkInvariants = false; // after every operation; throws std::logic_error
    std::size_t chunkOps = 16384; // operations per chunk
    std::size_t queueDepth = 4;   // chunks a lane may have waiting
};

struct StreamResult {
    std::uint64_t operations = 0;
    std::vector<LaneSummary> lanes; // in the order of StreamOptions::lanes
};

// Runs every op of source through each lane, as runTrace would one lane at a
// time. Errors come out as a whole-trace run has them: the source's error
// (TraceError for a malformed line) first, as a trace is read before it runs;
// then the first lane's (in lane order) broken invariant, as
// std::logic_error("TRACE:LINE: what broke"). Every thread has stopped when
// it returns or throws.
StreamResult runStream(OpSource& source, const StreamOptions& options);

} // namespace heapviz
