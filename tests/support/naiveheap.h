#pragma once
// A deliberately naive reference implementation of the heap model
// (heap-model.md, version 2: every family, i.e. the boundary-tag heap with the
// placement policies first, next, best, worst, segregated and tlsf, the buddy
// system and the pool; writes and canaries; no compaction), written from the
// specification alone, for differential tests against the engine in core/.
//
// Everything is as plain as possible: the blocks are a std::vector in address
// order, every search is a linear scan, LIFO order is a per-block stamp, and
// the metrics are recounted from the blocks after every operation. Nothing here
// is shared with the engine except the vocabulary headers (types, trace, config
// fields, metrics, FaultKind, strategy); need(n) in particular is computed
// here, not by HeapConfig::need.
//
// The families live in naivefamilies.{h,cpp}; the trace driver (ids, the malloc
// debugger, writes, metrics, leaks) in naiveheap.cpp.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/event.h"      // FaultKind only
#include "core/config/heapconfig.h" // the fields only
#include "core/model/metrics.h"
#include "support/strategy.h"
#include "core/model/trace.h"
#include "core/model/types.h"

namespace heapviz::naive {

// One block of the layout. A free block has id -1 and payload 0.
struct Block {
    std::uint64_t addr;
    std::uint64_t size;
    bool used;
    TraceId id;
    Size payload;

    friend bool operator==(const Block&, const Block&) = default;
};

struct FaultReport {
    LineNo line;
    FaultKind kind;
    TraceId id;

    friend bool operator==(const FaultReport&, const FaultReport&) = default;
};

// size = the id's current payload size; line = line of the op that made the
// id live (malloc, or realloc of a null id).
struct LeakReport {
    LineNo line;
    TraceId id;
    Size size;

    friend bool operator==(const LeakReport&, const LeakReport&) = default;
};

struct Result {
    std::vector<Metrics> samples;     // one per op, after it
    std::vector<Block> blocks;        // final layout in address order
    std::vector<FaultReport> faults;  // in trace order
    std::vector<LeakReport> leaks;    // ids live at the end, by allocation line
    std::uint64_t heapSize = 0;       // final H
    std::uint64_t rover = 0;          // final rover (next fit); prefix otherwise (boundary-tag
                                      // families), 0 (buddy, pool)
};

// One lane of a comparison: an allocator family and its parameters.
struct Lane {
    std::string family;          // "first", "next", "best", "worst", "segregated", "tlsf", "buddy", "pool"
    HeapConfig config;           // the fields only: fixedSize (empty = growing), and for the boundary-tag
                                 // families align, header, footer, minBlock, prefix, suffix, growth, chunk,
                                 // realloc; for every family zero and canary. Compaction is ignored.
    std::vector<Size> classes;   // segregated: bounds b1 < ... < bm; empty = the spec's default
    bool lifo = false;           // segregated: order lifo (else address)
    unsigned slLog2 = 5;         // tlsf: S
    unsigned minOrder = 5;       // buddy
    Size buddyHeader = 0;        // buddy: its `header` parameter
    Size slot = 64;              // pool
    std::size_t chunk = 64;      // pool: slots added when a growing pool runs out
    Size poolHeader = 0;         // pool: its `header` parameter
};

// Runs the whole trace on one lane. The lane's settings are assumed valid;
// nothing here checks them. Throws std::invalid_argument for an unknown family.
Result runNaive(const Trace& trace, const Lane& lane);

// The layout after the first opCount operations of the lane (0: the initial
// layout). An opCount beyond the trace gives the final layout.
std::vector<Block> layoutAfter(const Trace& trace, const Lane& lane, std::size_t opCount);

// The four classic fits, as in version 1 (a Lane of family strategyName(strategy)).
// Runs the whole trace. The config is assumed valid (HeapConfig::validate()
// empty); nothing here checks it.
Result runNaive(const Trace& trace, const HeapConfig& config, Strategy strategy);

// The layout after the first opCount operations (0: the initial layout, which
// for a growing heap with chunk growth already holds the first chunk). An
// opCount beyond the trace gives the final layout.
std::vector<Block> layoutAfter(const Trace& trace, const HeapConfig& config, Strategy strategy,
                               std::size_t opCount);

} // namespace heapviz::naive
