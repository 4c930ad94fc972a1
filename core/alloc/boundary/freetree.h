#pragma once
// FreeTree: the index of the free blocks that makes every fit O(log n).
//
// A B+-tree of height two, tuned for the cache: the free blocks sit in key
// order in chunks of at most kChunk entries (a chunk is a few cache lines,
// searched and shifted in place), and a segment tree over the chunks, in
// order, knows each range's largest block and number of blocks. Ordered
// either by address or by (size, address):
//  - by address: first fit and next fit ("lowest address >= a with size >=
//    need"), worst fit ("lowest address whose size is the largest"), and
//    ranks for the `examined` metric;
//  - by (size, address): best fit ("smallest size >= need, lowest address").
// A search reads the segment tree (small, and hot in the cache) and one or
// two chunks, where a pointer-linked balanced tree would chase ~20 nodes
// scattered over memory; that difference is most of an operation's cost.

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/types.h"

namespace heapviz {

using NodeIndex = std::uint32_t;
inline constexpr NodeIndex kNil = std::numeric_limits<NodeIndex>::max();

class FreeTree {
public:
    enum class Order : std::uint8_t { ByAddress, BySize };

    explicit FreeTree(Order order) : m_order(order) {}

    // Adds node n, a free block [at, at + size). n must not be in the tree.
    void insert(NodeIndex n, Address at, Size size);
    // Removes node n, which must be in the tree.
    void erase(NodeIndex n);
    // By address: node n's block changed size but not address.
    void resize(NodeIndex n, Size size);

    std::uint32_t count() const { return m_count; }
    Size maxSize() const { return m_seg.empty() ? 0 : m_seg[1].max; }

    // By address: the lowest-addressed node at or above `from` whose size is at
    // least `need`; kNil if none.
    NodeIndex firstFit(Address from, Size need) const;
    // By address: how many nodes lie below address `at`.
    std::uint32_t countBelow(Address at) const;
    // By size: the smallest node of size >= need (lowest address among equals).
    NodeIndex smallestFit(Size need) const;

    // The first node of every chunk, in key order: entry points spread evenly
    // over the nodes (a chunk holds from kChunk / 4 to kChunk of them).
    std::vector<NodeIndex> chunkFirsts() const
    {
        std::vector<NodeIndex> firsts;
        firsts.reserve(m_chunkOrder.size());
        for (std::uint32_t slot = 0; slot < m_chunkOrder.size(); ++slot)
            firsts.push_back(chunkAt(slot).entries[0].node);
        return firsts;
    }

    // Calls f(node) for every node in key order (for views and checks: O(n)).
    template <class F> void forEach(F&& f) const
    {
        forEachWhile([&](NodeIndex n) {
            f(n);
            return true;
        });
    }
    // Calls f(node) in key order for as long as it returns true.
    template <class F> void forEachWhile(F&& f) const
    {
        for (std::uint32_t slot = 0; slot < m_chunkOrder.size(); ++slot) {
            const Chunk& c = chunkAt(slot);
            for (std::uint32_t i = 0; i < c.count; ++i)
                if (!f(c.entries[i].node))
                    return;
        }
    }

    // A hint that node n will soon be erased or resized: loads its key.
    void prefetch(NodeIndex n) const
    {
        if (n < m_keys.size())
            __builtin_prefetch(&m_keys[n]);
    }

    Address addressOf(NodeIndex n) const { return m_keys[n].at; }
    Size sizeOf(NodeIndex n) const { return m_keys[n].size; }


    // Empty when ordering, chunk sizes, maxima and counts are all consistent;
    // else the first broken invariant.
    std::string checkInvariants() const;

private:
    static constexpr std::uint32_t kChunk = 64;

    struct Entry {
        Address at;
        Size size = 0;
        NodeIndex node = kNil;
    };
    struct Chunk {
        std::uint32_t count = 0;
        Size max = 0; // its largest entry's size: a rebuild of the segment tree reads it, not every entry
        Entry entries[kChunk];
    };
    struct SegNode {
        Size max = 0;
        std::uint32_t count = 0;
    };
    struct Place {
        std::uint32_t slot; // position in m_chunkOrder
        std::uint32_t index; // position in that chunk
    };

    // An entry's place in the order as one number: its address, or its size
    // and then its address. The one definition of the order.
    __extension__ using Key = unsigned __int128;
    Key keyOf(const Entry& e) const
    {
        return m_order == Order::BySize ? Key(e.size) << 64 | e.at.value() : Key(e.at.value());
    }
    bool before(const Entry& a, const Entry& b) const { return keyOf(a) < keyOf(b); }
    Chunk& chunkAt(std::uint32_t slot) { return m_chunks[m_chunkOrder[slot]]; }
    const Chunk& chunkAt(std::uint32_t slot) const { return m_chunks[m_chunkOrder[slot]]; }

    std::uint32_t slotFor(const Entry& key) const;
    Place find(NodeIndex n) const;
    void refresh(std::uint32_t slot, Size max);
    static Size largestIn(const Entry* entries, std::uint32_t count);
    void rebuildSegments();
    std::uint32_t newChunk();
    void splitChunk(std::uint32_t slot);
    void dropChunk(std::uint32_t slot);
    std::uint32_t firstSlotWithMax(std::uint32_t fromSlot, Size need) const;

    Order m_order;
    std::uint32_t m_count = 0;
    std::vector<Entry> m_keys;             // per node: its entry while in the tree
    std::vector<Chunk> m_chunks;           // pool; m_chunkOrder lists them in key order
    std::vector<std::uint32_t> m_spareChunks;
    std::vector<std::uint32_t> m_chunkOrder;
    std::vector<Key> m_chunkLow;           // per slot: the key of the chunk's first entry
    std::vector<SegNode> m_seg;            // segment tree over slots; leaves at m_leaves
    std::uint32_t m_leaves = 0;
};

} // namespace heapviz
