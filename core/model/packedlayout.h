#pragma once
// A LayoutSnapshot packed into bytes, the form a recording keeps its
// checkpoints in. Blocks tile the heap, so a block's address is stored as
// its distance from where the previous block ended (0, one byte, almost
// always), and a used block's payload as what its block adds to it: about 8
// bytes a block instead of 48, so that many more checkpoints fit in the same
// memory and a jump replays fewer events.

#include <cstdint>
#include <utility>
#include <vector>

#include "core/model/block.h"
#include "core/model/varint.h"

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

    // Reads the blocks back one by one, in address order, then the lists: a
    // layout restores itself from a checkpoint (every jump) straight from
    // the bytes, with no LayoutSnapshot in between.
    class Reader {
    public:
        explicit Reader(const PackedLayout& packed);
        Size heapSize() const { return m_heapSize; }
        Address rover() const { return m_rover; }
        std::size_t blocks() const { return m_blocks; }
        // The next block; there are blocks() of them.
        std::pair<Address, LayoutBlock> next();
        // The lists, once every block has been read.
        std::vector<std::vector<Address>> lists();

    private:
        VarintReader m_in;
        Size m_heapSize = 0;
        Address m_rover;
        std::size_t m_blocks = 0;
        std::uint64_t m_end = 0; // where the previous block ended
    };

    LayoutSnapshot unpack() const;
    std::size_t bytes() const { return m_bytes.capacity() + sizeof(*this); }

private:
    std::vector<std::uint8_t> m_bytes;
};

// Inline: a jump restores tens of thousands of blocks (BlockMap::append).
inline std::pair<Address, LayoutBlock> PackedLayout::Reader::next()
{
    std::pair<Address, LayoutBlock> entry;
    auto& [at, b] = entry;
    at = Address(m_end + std::uint64_t(m_in.nextSigned()));
    const std::uint64_t sizeAndUsed = m_in.next();
    b.size = sizeAndUsed >> 1;
    b.used = sizeAndUsed & 1;
    if (b.used) {
        b.id = m_in.nextSigned();
        b.payload = b.size - std::uint64_t(m_in.nextSigned());
        b.line = LineNo(m_in.next());
    }
    m_end = at.value() + b.size;
    return entry;
}

} // namespace heapviz
