#pragma once
// The allocator families of the naive reference model (see naiveheap.h):
// what one family does to its blocks on malloc, free and realloc. The trace
// driver in naiveheap.cpp owns everything the families share (ids and the
// malloc debugger, zero = null, writes, metrics, leaks) and calls a family
// only for a request it has already judged valid:
//
//   allocate(id, n)  a malloc(n) for an id that is not live;
//   release(id)      a free of a live id;
//   resize(id, n)    a realloc(id, n) of a live id (never the zero = null case).
//
// Written from heap-model.md (version 2) alone; the engine is not consulted.

#include <cstdint>
#include <memory>
#include <vector>

#include "support/naiveheap.h"

namespace heapviz::naive {

class Family {
public:
    virtual ~Family() = default;

    // false: the request failed (the driver counts it); nothing changed.
    virtual bool allocate(TraceId id, Size n) = 0;
    virtual void release(TraceId id) = 0;
    // false: the request failed and the block stays as it was.
    virtual bool resize(TraceId id, Size n) = 0;

    // After every operation: next fit's rover fix-up, and invariant checks
    // (std::logic_error when the model broke its own rules).
    virtual void endOp() = 0;

    virtual std::vector<Block> blocks() const = 0; // in address order
    virtual Size heapSize() const = 0;
    virtual Size rover() const = 0;

    // The `examined` of the operation under way; the driver zeroes it first.
    std::uint32_t examined = 0;
};

// Throws std::invalid_argument when lane.family is none of the eight names.
std::unique_ptr<Family> makeFamily(const Lane& lane);

} // namespace heapviz::naive
