#pragma once
// BlockLayout: the picture of a heap that events build. It starts from a
// picture (an allocator's walk, written down before the first operation) and
// applies (or undoes) events one by one, which is how a view follows a run
// forwards and backwards without the engine. It knows events and block
// records only, never an allocator.

#include <optional>
#include <vector>

#include "core/config/heapconfig.h"
#include "core/model/block.h"
#include "core/model/event.h"
#include "core/model/packedlayout.h"
#include "core/replay/blockmap.h"

namespace heapviz {

struct FreeSpan {
    Address at;
    Size size = 0;
};

class BlockLayout {
public:
    using Block = LayoutBlock;

    explicit BlockLayout(const LayoutSnapshot& picture);
    explicit BlockLayout(const PackedLayout& picture);
    // A boundary-tag heap before any event (for tests and hand-made layouts):
    // a fixed heap's one free block, or a growing heap's empty [0, prefix + suffix).
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
    LayoutSnapshot snapshot() const { return {m_blocks.flatten(), m_heapSize, m_rover, {}}; }
    void restore(const LayoutSnapshot& s);
    // The same from a checkpoint as a recording keeps it (its lists aside).
    void restore(const PackedLayout& packed);

    friend bool operator==(const BlockLayout&, const BlockLayout&) = default;

private:
    Block& at(Address a);
    void insert(Address a, Block b);
    void slide(Address from, Address to, Size size, Address gapAt, Address gapTo);

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
