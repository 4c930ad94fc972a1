#pragma once
// Writes traces back out as CS:APP malloc-lab .rep files, so that a generated
// workload can be saved, diffed and fed to other tools. parseTrace() reads
// what these functions write back to the same ops.

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "core/model/idmap.h"
#include "core/model/opsource.h"
#include "core/model/trace.h"

namespace heapviz {

// The classic four header integers for trace: suggested heap size (the peak of
// the sum of live payload sizes), number of distinct ids, number of ops, and
// weight 1. A "f -1" is not an id; a free of an id that is not live changes
// nothing; the sum saturates rather than wrapping around.
std::vector<std::uint64_t> traceHeader(const Trace& trace);

// traceHeader() added up op by op, for a trace that is never whole in memory.
class TraceHeaderTally {
public:
    void add(const Op& op);
    std::vector<std::uint64_t> header() const;

private:
    struct Held {
        Size payload = 0;
        bool live = false;
    };
    // A malloc of a live id replaces its block, as a realloc does, so both
    // first give back what the id held.
    void release(Held& held);

    IdMap<Held> m_ids; // every id seen, and what a live one holds
    Size m_live = 0;
    Size m_peak = 0;
    std::uint64_t m_ops = 0;
};

// Writes the header of traceHeader() (not trace.header, which may be stale or
// in another convention), then one op per line: "a ID SIZE", "f ID", "r ID SIZE".
void writeTrace(std::ostream& out, const Trace& trace);

// What writeTrace() writes for the trace `first` and `again` both give (two
// sources of the same ops: the header needs the whole trace before the first
// op is written), in memory for a chunk rather than the trace.
void writeTrace(std::ostream& out, OpSource& first, OpSource& again);

// The text writeTrace() writes.
std::string traceToString(const Trace& trace);

} // namespace heapviz
