#pragma once
// BlockLayout: the picture of a heap that events build. It starts from a
// config's initial state and applies (or undoes) events one by one, which is
// how a view follows a run forwards and backwards without the engine.

#include <optional>
#include <vector>

#include "core/replay/blockmap.h"
#include "core/model/event.h"
#include "core/alloc/boundary/heap.h"

namespace heapviz {

struct FreeSpan {
    Address at;
    Size size = 0;
};

class BlockLayout {
public:
    using Block = LayoutBlock;

    // The state before any event: a fixed heap's one free block, or a growing
    // heap's empty range [0, prefix + suffix).
    explicit BlockLayout(const HeapConfig& config);

    void apply(const Event& event);
    void undo(const Event& event);

    Size heapSize() const { return m_heapSize; }
    Address rover() const { return m_rover; }
    const BlockMap& map() const { return m_blocks; }
    std::vector<BlockInfo> blocks() const;
    std::vector<FreeSpan> freeSpans() const;
    // The block holding byte `at`, or map().end().
    BlockMap::const_iterator blockAt(Address at) const;

    // A compact copy of the whole state, and a return to it.
    LayoutSnapshot snapshot() const { return {m_blocks.flatten(), m_heapSize, m_rover}; }
    void restore(const LayoutSnapshot& s);

    friend bool operator==(const BlockLayout&, const BlockLayout&) = default;

private:
    Block& at(Address a);
    void insert(Address a, Block b);
    void slide(Address from, Address to, Size size, Address gapAt, Address gapTo);

    Size m_suffix = 0;
    Size m_heapSize = 0;
    Address m_rover;
    BlockMap m_blocks;
};

// What a search visited, in order, and the block it took.
struct SearchPath {
    std::vector<Address> examined;
    std::optional<Address> chosen;
};
// The search its Searched event tells of, on `freeBlocks`, the free blocks
// as the search saw them, in address order.
SearchPath visitedBlocks(const std::vector<FreeSpan>& freeBlocks, const Searched& search);

} // namespace heapviz
