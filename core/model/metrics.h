#pragma once
// The metrics of heap-model.md ("Metrics"), one sample after every operation.
// Only counts are stored; the three ratios are derived from them, so a sample
// can never disagree with itself.

#include <cstdint>

#include "core/model/types.h"

namespace heapviz {

struct Metrics {
    Size heapSize = 0;        // heap_size: H
    Size livePayload = 0;     // live_payload
    Size allocatedBytes = 0;  // allocated_bytes: sum of used block sizes
    Size freeBytes = 0;       // free_bytes
    Size largestFree = 0;     // largest_free, 0 if none
    Size peakPayload = 0;     // peak_payload
    Size highWater = 0;       // high_water
    Size bytesMoved = 0;      // bytes_moved (compaction)
    std::uint64_t moves = 0;  // moves (compaction)
    std::uint32_t freeBlocks = 0;
    std::uint32_t usedBlocks = 0;
    std::uint32_t failed = 0;      // failed malloc/realloc requests so far
    std::uint32_t faults = 0;      // operations skipped as faults so far
    std::uint32_t compactions = 0; // compactions run so far
    std::uint32_t examined = 0;    // what this operation's search examined (free blocks, lists, orders)
    // Every free block serves every request the heap accepts (a pool's slots):
    // free space is never fragmented, whatever the largest free block.
    bool interchangeableFree = false;

    // 1 - largest_free / free_bytes; 0 when nothing is free, and for a pool.
    double externalFragmentation() const
    {
        return freeBytes == 0 || interchangeableFree ? 0.0 : 1.0 - double(largestFree) / double(freeBytes);
    }
    // 1 - live_payload / allocated_bytes; 0 when nothing is used.
    double internalFragmentation() const
    {
        return allocatedBytes == 0 ? 0.0 : 1.0 - double(livePayload) / double(allocatedBytes);
    }
    // peak_payload / high_water; 0 when high_water is 0.
    double utilization() const
    {
        return highWater == 0 ? 0.0 : double(peakPayload) / double(highWater);
    }

    friend bool operator==(const Metrics&, const Metrics&) = default;
};

} // namespace heapviz
