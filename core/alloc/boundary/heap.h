#pragma once
// Heap: the blocks of one simulated heap under one placement strategy, and the
// block-level operations of heap-model.md (malloc placement, free with
// coalescing, realloc, growth). It knows nothing of trace ids' lifetimes or
// faults; that is the Simulator's job.
//
// Blocks are nodes of a doubly linked list in address order (O(1) neighbours).
// Free blocks are also in a FreeTree for the strategy's search; best fit
// keeps a second tree by address only when the `examined` count is wanted.
// Every change is told to the EventSink as it happens.

#include <string>
#include <vector>

#include "core/model/block.h"
#include "core/replay/blockmap.h"
#include "core/model/event.h"
#include "core/alloc/boundary/freetree.h"
#include "core/config/heapconfig.h"
#include "core/model/metrics.h"
#include "core/alloc/strategy.h"

namespace heapviz {

class Heap {
public:
    // config must be valid (HeapConfig::validate() empty).
    Heap(const HeapConfig& config, Strategy strategy, EventSink* sink = nullptr,
         bool countExamined = false);

    // Places a block of `need` bytes for id as malloc does, growing a growing
    // heap if no free block fits. Returns the used block, or kNil (nothing
    // changed) when no block can be had.
    NodeIndex allocate(Size need, TraceId id, Size payload, LineNo line);

    // Frees a used block and coalesces it with free neighbours (right, then left).
    void release(NodeIndex block);

    // realloc of a used block to a `need`-byte block holding `payload` bytes,
    // by the config's realloc policy. The block keeps its node wherever it
    // ends up. False when the request fails (the block is as it was).
    bool reallocate(NodeIndex block, Size need, Size payload);

    // Compacts the heap (heap-model.md, "Compaction"): blocks keep their nodes,
    // so the ids' handles stay valid. Counted in the metrics.
    void compact(Compactor compactor);

    const BlockInfo& block(NodeIndex n) const { return m_nodes[n].info; }
    std::vector<BlockInfo> blocks() const; // in address order
    LayoutSnapshot snapshot() const;      // the same, as a layout checkpoint
    Address rover() const { return m_rover; }
    const HeapConfig& config() const { return m_config; }
    Strategy strategy() const { return m_strategy; }

    // The block-related metrics as they are now (failed and faults excluded).
    Metrics metrics() const;
    FreeSpace freeSpace() const;
    // Free blocks examined since the last call to takeExamined().
    std::uint32_t takeExamined();
    std::uint32_t examinedSoFar() const { return m_examined; }

    // Empty when every invariant holds, else the first one broken: blocks tile
    // [prefix, H - suffix) in order; sizes are multiples of align and at least
    // min_block; no two free blocks are neighbours; the free trees hold exactly
    // the free blocks with their true sizes; the counters equal a recount; the
    // rover is prefix or the start of a block.
    std::string checkInvariants() const;

private:
    struct Node {
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
    void resize(NodeIndex n, Size size);
    NodeIndex splitBlock(NodeIndex n, Size first);
    void absorbNext(NodeIndex n);
    NodeIndex coalesce(NodeIndex n);
    void freeAndCoalesce(NodeIndex n);
    void markUsed(NodeIndex n, TraceId id, Size payload, LineNo line);
    void markFree(NodeIndex n);
    void setPayload(NodeIndex n, Size payload);
    bool grow(Size bytes);
    void setRover(Address to);
    void noteUsedEnd(NodeIndex n);

    // malloc's steps: search (with the `examined` count), growth, placement.
    NodeIndex findFit(Size need);
    void countSearch(Size need, NodeIndex found);
    NodeIndex acquire(Size need);
    bool reallocInPlace(NodeIndex block, Size need);
    bool reallocByMove(NodeIndex block, Size need);

    // Compaction's steps.
    void slideAll();
    bool twoFingerMove();
    void slideDown(NodeIndex used, NodeIndex gap);
    void moveInto(NodeIndex used, NodeIndex target);
    void swapIntoFree(NodeIndex used, NodeIndex target);
    void swapPositions(NodeIndex a, NodeIndex b);
    void indexByAddress();
    void noteProgress();

    Address heapEnd() const { return Address(m_heapSize - m_config.suffix); }
    void emit(const Event& e)
    {
        if (m_sink)
            m_sink->onEvent(e);
    }

    HeapConfig m_config;
    Strategy m_strategy;
    EventSink* m_sink;
    bool m_countExamined;

    std::vector<Node> m_nodes;
    std::vector<NodeIndex> m_spareNodes;
    NodeIndex m_first = kNil;
    NodeIndex m_last = kNil;
    FreeTree m_bySize{FreeTree::Order::BySize};       // best fit only
    FreeTree m_byAddress{FreeTree::Order::ByAddress}; // the other fits, and `examined`
    bool m_useBySize;
    bool m_useByAddress;

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
