#pragma once
// BuddyHeap: the binary buddy system of heap-model.md ("buddy"; Knuth,
// TAOCP 2.5). Every block is 2^k bytes at an address that is a multiple of
// 2^k; a block's buddy is the block of the same order at address XOR 2^k.
// malloc takes the smallest free block that is big enough (lowest address
// among equals) and halves it, the upper halves going free, until it is the
// size needed; free merges a block with its buddy while that is free and
// whole. A growing heap starts empty and doubles.
//
// The free blocks are in one FreeTree by (order, address): the lowest free
// block of the smallest order from k on is one query. All blocks are in an
// AddressTable (buddies in O(1)).

#include <vector>

#include "core/alloc/allocator.h"
#include "core/alloc/buddy/addresstable.h"
#include "core/alloc/boundary/freetree.h"
#include "core/alloc/heaptally.h"
#include "core/alloc/lanespec.h"
#include "core/model/bigvector.h"

namespace heapviz {

class BuddyHeap final : public Allocator {
public:
    // The lane must be valid (validateLane).
    BuddyHeap(const LaneSpec& lane, EventSink* sink = nullptr, bool countExamined = false);

    std::optional<Size> need(Size n) const override;
    BlockHandle allocate(Size n, TraceId id, LineNo line) override;
    void release(BlockHandle block) override;
    bool reallocate(BlockHandle block, Size n) override;

    const BlockInfo& block(BlockHandle b) const override { return m_nodes[b]; }
    void prefetch(BlockHandle b, bool buddy) const override;
    void forEachBlock(const std::function<void(const BlockInfo&)>& f) const override;
    Size payloadOffset() const override { return m_header; }
    Metrics metrics() const override;
    Size livePayload() const override { return m_tally.livePayload; }
    FreeSpace freeSpace() const override;
    std::uint32_t examinedSoFar() const override { return m_examined; }
    std::uint32_t takeExamined() override;
    std::vector<SearchVisit> searchFor(Size n) const override;
    Bins bins() const override;
    // Blocks tile [0, H); each is 2^k bytes (k >= min_order) at a multiple of
    // 2^k; no free block has a free buddy of its size; the order lists hold
    // exactly the free blocks; H is 0 or a power of two; the counts add up.
    std::string checkInvariants() const override;
    Address rover() const override { return Address(0); }

private:
    static constexpr unsigned kOrders = 61; // blocks of 2^0 to 2^60 bytes

    // Where a free block big enough for order k is: its node and the orders
    // looked at (counted as `examined`).
    struct Search {
        NodeIndex node = kNil;
        std::uint32_t orders = 0;
    };
    Search search(unsigned k) const;
    std::vector<SearchVisit> orderVisits(unsigned k, const Search& s) const;
    NodeIndex take(unsigned k, Size need);
    bool growFor(Size need);
    void addFree(NodeIndex n);
    void removeFree(NodeIndex n);
    std::uint32_t freeOfOrder(unsigned j) const;
    NodeIndex newNode(Address at, Size size);
    NodeIndex halve(NodeIndex n);
    void mergeUp(NodeIndex n);
    NodeIndex nodeAt(Address at) const;
    void setPayload(NodeIndex n, Size payload);
    unsigned heapOrder() const;
    void emit(const Event& e)
    {
        if (m_sink)
            m_sink->onEvent(e);
    }

    unsigned m_minOrder;
    Size m_header;
    Size m_canary;
    bool m_growing;
    EventSink* m_sink;
    bool m_countExamined;
    BigVector<BlockInfo> m_nodes;        // by handle; a node of size 0 is spare
    std::vector<NodeIndex> m_spare;
    AddressTable m_byAddress;            // every block
    FreeTree m_free{FreeTree::Order::ByAddress}; // the free blocks, grouped by order
    Size m_heapSize = 0;
    HeapTally m_tally;
    std::uint32_t m_examined = 0;
};

} // namespace heapviz
