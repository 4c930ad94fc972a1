#pragma once
// Writes traces back out as CS:APP malloc-lab .rep files, so that a generated
// workload can be saved, diffed and fed to other tools. parseTrace() reads
// what these functions write back to the same ops.

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "core/model/trace.h"

namespace heapviz {

// The classic four header integers for trace: suggested heap size (the peak of
// the sum of live payload sizes), number of distinct ids, number of ops, and
// weight 1. A "f -1" is not an id; a free of an id that is not live changes
// nothing; the sum saturates rather than wrapping around.
std::vector<std::uint64_t> traceHeader(const Trace& trace);

// Writes the header of traceHeader() (not trace.header, which may be stale or
// in another convention), then one op per line: "a ID SIZE", "f ID", "r ID SIZE".
void writeTrace(std::ostream& out, const Trace& trace);

// The text writeTrace() writes.
std::string traceToString(const Trace& trace);

} // namespace heapviz
