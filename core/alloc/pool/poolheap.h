#pragma once
// PoolHeap: a pool of equal slots (heap-model.md, "pool"; CS:APP's simple
// segregated storage, the fixed-size allocators of embedded systems). Slots
// tile [0, H); the free ones form a stack: malloc pops the top, free pushes
// it back (last freed, first reused), nothing splits or merges, and both
// take constant time. A growing pool adds `chunk` slots when the stack runs
// dry, the lowest new slot on top.

#include <vector>

#include "core/alloc/allocator.h"
#include "core/alloc/heaptally.h"
#include "core/alloc/lanespec.h"

namespace heapviz {

class PoolHeap final : public Allocator {
public:
    // The lane must be valid (validateLane).
    PoolHeap(const LaneSpec& lane, EventSink* sink = nullptr, bool countExamined = false);

    // The slot, when n (with header and canary) fits one; else nullopt.
    std::optional<Size> need(Size n) const override;
    BlockHandle allocate(Size n, TraceId id, LineNo line) override;
    void release(BlockHandle block) override;
    // In place when the new size still fits the slot; else it fails.
    bool reallocate(BlockHandle block, Size n) override;

    const BlockInfo& block(BlockHandle b) const override { return m_slots[b]; }
    void forEachBlock(const std::function<void(const BlockInfo&)>& f) const override;
    Size payloadOffset() const override { return m_header; }
    Metrics metrics() const override;
    Size livePayload() const override { return m_tally.livePayload; }
    FreeSpace freeSpace() const override;
    std::uint32_t examinedSoFar() const override { return m_examined; }
    std::uint32_t takeExamined() override;
    std::vector<SearchVisit> searchFor(Size n) const override;
    Bins bins() const override;
    std::vector<std::vector<Address>> listOrder() const override;
    // Slots tile [0, H), all of the slot size; the stack holds every free
    // slot exactly once and no used one; the counts add up.
    std::string checkInvariants() const override;
    Address rover() const override { return Address(0); }

    // The free stack, bottom first (the top is the next slot malloc takes).
    const std::vector<BlockHandle>& freeStack() const { return m_stack; }

private:
    void addSlots(std::uint64_t count, bool told);
    void emit(const Event& e)
    {
        if (m_sink)
            m_sink->onEvent(e);
    }

    Size m_slot;
    std::uint64_t m_chunk;
    Size m_header;
    Size m_canary;
    bool m_growing;
    EventSink* m_sink;
    bool m_countExamined;
    std::vector<BlockInfo> m_slots;   // by handle = by address: slot i is [i * slot, (i + 1) * slot)
    std::vector<BlockHandle> m_stack; // the free slots, top last
    HeapTally m_tally;
    std::uint32_t m_examined = 0;
};

} // namespace heapviz
