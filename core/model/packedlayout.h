#pragma once
// A LayoutSnapshot packed into bytes, the form a recording keeps its
// checkpoints in. Blocks tile the heap, so a block's address is stored as
// its distance from where the previous block ended (0, one byte, almost
// always), and a used block's payload as what its block adds to it: about 8
// bytes a block instead of 48, so that many more checkpoints fit in the same
// memory and a jump replays fewer events.

#include <cstdint>
#include <vector>

#include "core/model/block.h"

namespace heapviz {

class PackedLayout {
public:
    PackedLayout() = default;
    explicit PackedLayout(const LayoutSnapshot& snapshot);

    // Packs blocks as they come, in address order, without a LayoutSnapshot
    // in between (a checkpoint of a big heap is taken often).
    class Builder {
    public:
        Builder(Size heapSize, Address rover);
        void add(Address at, const LayoutBlock& block);
        PackedLayout finish(const std::vector<std::vector<Address>>& lists);

    private:
        Size m_heapSize;
        Address m_rover;
        std::vector<std::uint8_t> m_bytes; // the blocks
        std::size_t m_blocks = 0;
        std::uint64_t m_end = 0; // where the previous block ended
    };

    LayoutSnapshot unpack() const;
    std::size_t bytes() const { return m_bytes.capacity() + sizeof(*this); }

private:
    std::vector<std::uint8_t> m_bytes;
};

} // namespace heapviz
