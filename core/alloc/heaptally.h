#pragma once
// HeapTally: the running counts behind the block-level metrics, kept as the
// blocks change (a recount on every operation would cost O(n)): bytes and
// blocks used and free, live payload, the high-water mark. The buddy system
// and the pool keep one; the boundary-tag heap keeps the same counts itself.

#include <algorithm>

#include "core/model/metrics.h"
#include "core/model/types.h"

namespace heapviz {

struct HeapTally {
    Size livePayload = 0;
    Size allocatedBytes = 0;
    Size freeBytes = 0;
    std::uint32_t usedBlocks = 0;
    std::uint32_t freeBlocks = 0;
    Size highWater = 0; // a fixed heap's largest end of a used block so far

    void addFree(Size size) { freeBytes += size, ++freeBlocks; }
    void removeFree(Size size) { freeBytes -= size, --freeBlocks; }
    // A free block of `size` bytes becomes used at [at, at + size).
    void use(Address at, Size size, Size payload)
    {
        removeFree(size);
        allocatedBytes += size;
        livePayload += payload;
        ++usedBlocks;
        highWater = std::max(highWater, (at + size).value());
    }
    void release(Size size, Size payload)
    {
        allocatedBytes -= size;
        livePayload -= payload;
        --usedBlocks;
        addFree(size);
    }

    Metrics metrics(Size heapSize, bool growing, Size largestFree) const
    {
        Metrics m;
        m.heapSize = heapSize;
        m.livePayload = livePayload;
        m.allocatedBytes = allocatedBytes;
        m.freeBytes = freeBytes;
        m.largestFree = largestFree;
        m.freeBlocks = freeBlocks;
        m.usedBlocks = usedBlocks;
        m.highWater = growing ? heapSize : highWater;
        return m;
    }
};

} // namespace heapviz
