#pragma once
// Random traces for property and differential tests: mallocs, frees and
// reallocs of a small pool of ids (so ids are reused), with a sprinkle of
// faults (double frees, frees of unknown ids, reuse of live ids), zero sizes,
// writes when asked for,
// and the occasional request too large for any heap.

#include <cstdint>

#include "core/model/trace.h"

namespace heapviz::testing {

struct RandomTraceSpec {
    std::uint64_t seed = 1;
    std::size_t ops = 1000;
    std::uint32_t ids = 64;      // ids are drawn from [0, ids)
    Size maxSize = 512;          // payload sizes in [0, maxSize]
    bool faults = true;
    bool writes = false;         // about one op in eight a write: mostly inside its payload,
                                 // some over either end, some to freed or unknown ids
};

Trace randomTrace(const RandomTraceSpec& spec);

} // namespace heapviz::testing
