#pragma once
// BoundaryTagHeap: the boundary-tag heap of heap-model.md (blocks with a
// header and footer, split and coalesced at once, grown at the top) under one
// placement policy: the four fits search an address- or size-ordered index of
// all free blocks; segregated fits and TLSF keep their own free lists
// (SegregatedLists, TlsfLists). It knows nothing of trace ids' lifetimes or faults; that is the
// Simulator's job.
//
// Blocks are nodes of a doubly linked list in address order (O(1) neighbours).
// Free blocks are also in the placement's own index: a FreeTree by address
// (first, next and worst fit), by size (best fit, with AddressRanks for
// the rank by address that the `examined` count wants), or the segregated
// or TLSF lists. (Two-finger compaction looks blocks up by address: a
// best-fit heap that compacts so keeps a FreeTree by address from then on.)
// Every change is told to the EventSink as it happens.

#include <string>
#include <vector>

#include "core/alloc/allocator.h"
#include "core/alloc/boundary/addressranks.h"
#include "core/alloc/boundary/freetree.h"
#include "core/alloc/boundary/segregatedlists.h"
#include "core/alloc/boundary/sizeindex.h"
#include "core/alloc/boundary/tlsflists.h"
#include "core/alloc/lanespec.h"
#include "core/model/bigvector.h"

namespace heapviz {

class BoundaryTagHeap final : public Allocator {
public:
    // lane.config must be valid (HeapConfig::validate() empty).
    BoundaryTagHeap(const LaneSpec& lane, EventSink* sink = nullptr, bool countExamined = false);

    std::optional<Size> need(Size n) const override { return m_config.need(n); }
    BlockHandle allocate(Size n, TraceId id, LineNo line) override;
    // Frees a used block and coalesces it with free neighbours (right, then left).
    void release(BlockHandle block) override;
    // realloc by the config's realloc policy (heap-model.md, cases 1 to 4).
    bool reallocate(BlockHandle block, Size n) override;
    // Compacts the heap (heap-model.md, "Compaction"): blocks keep their nodes,
    // so the ids' handles stay valid. Counted in the metrics.
    void compact(Compactor compactor) override;
    bool canCompact() const override { return true; }

    const BlockInfo& block(BlockHandle n) const override { return m_nodes[n].info; }
    void prefetch(BlockHandle n, bool neighbours) const override;
    void forEachBlock(const std::function<void(const BlockInfo&)>& f) const override;
    Size payloadOffset() const override { return m_config.header; }
    Address rover() const override { return m_rover; }
    const HeapConfig& config() const { return m_config; }

    Metrics metrics() const override;
    Size livePayload() const override { return m_livePayload; }
    FreeSpace freeSpace() const override;
    std::uint32_t takeExamined() override;
    std::uint32_t examinedSoFar() const override { return m_examined; }
    std::vector<SearchVisit> searchFor(Size n) const override;
    std::vector<std::vector<Address>> listOrder() const override;
    Bins bins() const override;

    // Empty when every invariant holds, else the first one broken: blocks tile
    // [prefix, H - suffix) in order; sizes are multiples of align and at least
    // min_block; no two free blocks are neighbours; the free trees hold exactly
    // the free blocks with their true sizes; the counters equal a recount; the
    // rover is prefix or the start of a block.
    std::string checkInvariants() const override;

private:
    // One cache line a block: a free's neighbours and a placement's block are
    // read at random, and a node that straddled two lines cost two misses.
    struct alignas(64) Node {
        BlockInfo info;
        NodeIndex prev = kNil;
        NodeIndex next = kNil;
        bool indexed = false; // in the free trees
    };

    // Primitives: each keeps list and counters in step and emits its event.
    // A free block is in the free trees between operations; within one it may
    // be left out while it is being merged or handed out, which saves the
    // trees most of their work (each tree update is O(log n)).
    NodeIndex newNode(Address at, Size size);
    void deleteNode(NodeIndex n);
    void index(NodeIndex n);
    void unindex(NodeIndex n);
    void rankByAddress(NodeIndex n, NodeIndex from = kNil);
    void resize(NodeIndex n, Size size);
    void handIndex(NodeIndex from, NodeIndex to);
    NodeIndex splitBlock(NodeIndex n, Size first, bool handOut = false);
    void absorbNext(NodeIndex n, bool takePlace = false);
    NodeIndex coalesce(NodeIndex n);
    void freeAndCoalesce(NodeIndex n);
    void markUsed(NodeIndex n, TraceId id, Size payload, LineNo line);
    void markFree(NodeIndex n);
    void setPayload(NodeIndex n, Size payload);
    bool grow(Size bytes, bool handOut = false);
    void setRover(Address to);
    void noteUsedEnd(NodeIndex n);

    // malloc's steps: search (with the `examined` count), growth, placement.
    NodeIndex place(Size need, TraceId id, Size payload, LineNo line);
    NodeIndex findFit(Size need);
    void countSearch(Size need, NodeIndex found, std::uint32_t belowRover, std::uint32_t belowFound);
    void tellSearch(Size need, NodeIndex found, std::uint32_t examined, bool addressWalk, Address start);
    std::vector<SearchVisit> familyVisits(Size wanted) const;
    std::vector<SearchVisit> familyVisits(Size wanted, NodeIndex found, std::uint32_t examined) const;
    SearchVisit segregatedVisit(NodeIndex n, Size wanted) const;
    std::vector<SearchVisit> segregatedVisits(Size wanted, const std::vector<NodeIndex>& walked) const;
    std::vector<SearchVisit> tlsfVisits(Size wanted) const;
    NodeIndex acquire(Size need);
    bool reallocInPlace(NodeIndex block, Size need);
    bool reallocByMove(NodeIndex block, Size need);

    std::vector<NodeIndex> walkStarts() const;

    // Compaction's steps.
    void slideAll();
    bool twoFingerMove();
    void slideDown(NodeIndex used, NodeIndex gap);
    void moveInto(NodeIndex used, NodeIndex target);
    void swapIntoFree(NodeIndex used, NodeIndex target);
    void swapPositions(NodeIndex a, NodeIndex b);
    void indexByAddress();
    std::string checkLists() const;
    void noteListed(NodeIndex n);
    void noteProgress();

    Size largestFree() const;
    Address heapEnd() const { return Address(m_heapSize - m_config.suffix); }
    void emit(const Event& e)
    {
        if (m_sink)
            m_sink->onEvent(e);
    }

    HeapConfig m_config;
    Placement m_placement;
    EventSink* m_sink;
    bool m_countExamined;

    BigVector<Node> m_nodes;
    std::vector<NodeIndex> m_spareNodes;
    NodeIndex m_first = kNil;
    NodeIndex m_last = kNil;
    SizeIndex m_bySize;                               // best fit only
    AddressFreeTree m_byAddress{FreeTree::Order::ByAddress}; // the other fits (and two-finger), `examined`, largest_free
    std::optional<AddressRanks> m_ranks;              // best fit's `examined`: an exact fit's rank by address
    std::optional<SegregatedLists> m_segregated;      // segregated only
    std::optional<TlsfLists> m_tlsf;                  // tlsf only
    bool m_useBySize;
    bool m_useByAddress;
    // Where the indexes' next change likely is, so that it needs no search:
    // the block a search found (handed out next), or by address the free
    // block before one just erased (the left neighbour that absorbs it); and
    // where the entry of the free block next fit's rover stands at likely is
    // (malloc's remainder took the found block's), so that the next search
    // starts there without looking the rover up.
    struct {
        FreeTree::Place byAddress, bySize, rover;
    } m_hint;

    Size m_heapSize = 0;
    Size m_livePayload = 0;
    Size m_allocatedBytes = 0;
    Size m_freeBytes = 0;
    std::uint32_t m_usedBlocks = 0;
    std::uint32_t m_freeBlocks = 0;
    Size m_highWater = 0; // fixed heap: largest end of a used block so far
    Address m_rover;
    std::uint32_t m_examined = 0;
    std::vector<NodeIndex> m_sweep; // two-finger's scratch: the blocks that can move
    std::uint32_t m_compactions = 0;
    std::uint64_t m_moves = 0;
    Size m_bytesMoved = 0;
    std::uint64_t m_movesAtStart = 0; // of the running compaction
    Size m_bytesAtStart = 0;
};

} // namespace heapviz
