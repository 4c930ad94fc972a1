#pragma once
// Allocator: the few questions every allocator family answers (as TLSF's
// tlsf.h does with tlsf_walk_pool and tlsf_check), so that one simulator,
// one map and one test suite serve them all:
//  - the requests: allocate, release, reallocate a block;
//  - inspection: walk the blocks, the block-level metrics, what the last
//    search examined, what a search would visit, the family's free
//    structure (its bins), a check of every invariant;
//  - what some families also do: compact, keep a rover.
// Every change is told to the EventSink as it happens.
//
// A block is named by a BlockHandle, the allocator's own index, which stays
// the same while the block lives, wherever it moves (realloc, compaction):
// the simulator keeps it in its id table.

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/config/heapconfig.h"
#include "core/model/block.h"
#include "core/model/event.h"
#include "core/model/metrics.h"

namespace heapviz {

using BlockHandle = std::uint32_t;
inline constexpr BlockHandle kNoBlock = std::numeric_limits<BlockHandle>::max();

// The family's free structure at a moment, for reports: named columns and a
// row of numbers each (an empty optional where a bound is open).
struct Bins {
    std::string name;                  // "free blocks", "classes", "lists", "orders", "slots"
    std::vector<std::string> columns;  // e.g. {"bound", "free"}
    std::vector<std::vector<std::optional<std::uint64_t>>> rows;
};

class Allocator {
public:
    virtual ~Allocator() = default;

    // The block a request of n payload bytes takes; nullopt when no heap of
    // this family can hold it (beyond kMaxHeapBytes, or larger than a pool's slot).
    virtual std::optional<Size> need(Size n) const = 0;
    // malloc(n) for id: its block, or kNoBlock when none can be had (nothing changed).
    virtual BlockHandle allocate(Size n, TraceId id, LineNo line) = 0;
    // free: the block becomes free, merging as the family does.
    virtual void release(BlockHandle block) = 0;
    // realloc to n payload bytes, in place or by a move; false when it fails
    // (the block is as it was). The handle stays the block's.
    virtual bool reallocate(BlockHandle block, Size n) = 0;

    virtual const BlockInfo& block(BlockHandle block) const = 0;
    // A hint that block will soon be freed or resized: starts loading its
    // record (`neighbours` false) or, once that is loaded, what freeing it
    // reads next (its neighbours). A stale handle is harmless. Nothing by default.
    virtual void prefetch(BlockHandle /*block*/, bool /*neighbours*/) const {}
    // Calls f for every block in address order.
    virtual void forEachBlock(const std::function<void(const BlockInfo&)>& f) const = 0;
    std::vector<BlockInfo> blocks() const;
    // Bytes of a used block before its payload (the payload is at at + payloadOffset()).
    virtual Size payloadOffset() const = 0;

    // The block-level metrics as they are now (failed and faults excluded).
    virtual Metrics metrics() const = 0;
    // metrics().livePayload alone: the simulator reads it after every malloc
    // and realloc for the peak, where the whole metrics would cost more.
    virtual Size livePayload() const = 0;
    virtual FreeSpace freeSpace() const = 0;
    // The `examined` count of the searches since the last takeExamined().
    virtual std::uint32_t examinedSoFar() const = 0;
    virtual std::uint32_t takeExamined() = 0;
    // What a malloc(n) would visit now, in order, without changing anything.
    virtual std::vector<SearchVisit> searchFor(Size n) const = 0;
    virtual Bins bins() const = 0;
    // Empty when every invariant the family keeps holds, else the first broken.
    virtual std::string checkInvariants() const = 0;

    // A LIFO family's free lists, each head first (the order Listed events
    // then change); empty when its lists are in address order.
    virtual std::vector<std::vector<Address>> listOrder() const { return {}; }

    // Next fit's rover; otherwise where the heap's blocks start.
    virtual Address rover() const = 0;
    virtual bool canCompact() const { return false; }
    // Only when canCompact().
    virtual void compact(Compactor) {}
};

} // namespace heapviz
