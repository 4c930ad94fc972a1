#pragma once
// FreeTree (and AddressFreeTree): the index of the free blocks that makes
// every fit O(log n).
//
// A B+-tree of height two, tuned for the cache: the free blocks sit in key
// order in chunks of at most kChunk entries (a chunk is a few cache lines,
// searched and shifted in place), and a segment tree over the chunks, in
// order, knows each range's largest block and number of blocks. Ordered
// either by (group, address) or by (size, address):
//  - by address: first fit and next fit ("lowest address >= a with size >=
//    need"), worst fit ("lowest address whose size is the largest"), and
//    ranks for the `examined` metric. A group (0 unless given) orders
//    whole lists one after another: the buddy system's orders share one
//    tree, and "the first block that fits from order k on" is one query;
//  - by (size, address): best fit ("smallest size >= need, lowest address"),
//    found by key alone: this order keeps no segment tree (byAddress()).
// A search reads the segment tree (small, and hot in the cache) or the
// chunks' first keys, and one or two chunks, where a pointer-linked
// balanced tree would chase ~20 nodes scattered over memory; that
// difference is most of an operation's cost.

#include <cassert>
#include <cstdint>
#include <string>
#include <vector>

#include "core/alloc/boundary/chunksearch.h"
#include "core/alloc/boundary/quadtree.h"
#include "core/model/bigvector.h"
#include "core/model/types.h"

namespace heapviz {

using NodeIndex = std::uint32_t;
inline constexpr NodeIndex kNil = std::numeric_limits<NodeIndex>::max();

// Where a node's entry lies in a FreeTree. A search tells it, so that an
// erase, a replace or a rank of the node it found needs no search of its own
// (malloc's steps after its search); checked before use, so one that has
// gone stale only costs that search. (Outside the class: its members'
// defaults must be complete where FreeTree's default arguments use them.)
struct FreeTreePlace {
    std::uint32_t slot = ~std::uint32_t{0}; // position in the tree's chunk order
    std::uint32_t index = 0;                 // position in that chunk
};

enum class FreeTreeOrder : std::uint8_t { ByAddress, BySize };

// KeyType holds an entry's place in the order: 128 bits for a tree by
// (group, address) or (size, address) (FreeTree), 64 for one by address
// alone (AddressFreeTree: first, next and worst fit) or by (size, address)
// where both lie below 2^32 (NarrowFreeTree, see SizeIndex), whose keys then
// take half the bytes and one word to compare (next fit 6.5% faster).
template <class KeyType> class BasicFreeTree {
public:
    using Order = FreeTreeOrder;
    using Key = KeyType;

    explicit BasicFreeTree(Order order) : m_order(order) {}

    // Whether a block [at, at + size) has a narrow key in a tree by size:
    // its size and address below 2^32 each.
    static bool fitsNarrowBySize(Address at, Size size) { return (at.value() | size) >> 32 == 0; }

    using Place = FreeTreePlace;

    // Adds node n, a free block [at, at + size) (in `group`, by address). n
    // must not be in the tree.
    void insert(NodeIndex n, Address at, Size size, std::uint32_t group = 0);
    // Removes node n, which must be in the tree. Returns where the entry
    // before it lies, as a hint (a free block's left neighbour, about to
    // absorb it, is resized next).
    Place erase(NodeIndex n, Place hint = {});
    // By address: node `to`, a free block [at, at + size) that is not in the
    // tree, takes node `from`'s entry, which must lie where `to` belongs
    // (malloc's remainder, or a freed block merged with its right neighbour):
    // one entry changes in place, and the counts above it stay.
    void replace(NodeIndex from, NodeIndex to, Address at, Size size, Place hint = {});
    // By address: node n's block changed size but not address.
    void resize(NodeIndex n, Size size, Place hint = {});

    std::uint32_t count() const { return m_count; }
    // The largest block's size (0 when there is none): by size, the last entry's.
    Size maxSize() const
    {
        if (m_chunkOrder.empty())
            return 0;
        if (byAddress())
            return seg()[0].max;
        const Chunk& last = chunkAt(std::uint32_t(m_chunkOrder.size() - 1));
        return sizeAt(last, last.count - 1);
    }
    bool contains(NodeIndex n) const { return n < m_keys.size() && m_keys[n].chunk != kNil; }

    // By address: the first node at or after (group, from) whose size is at
    // least `need`; kNil if none. `found`: where it lies; `before`: how many
    // nodes lie before (group, from). `at`: where an entry keyed (group,
    // from) may lie, checked (next fit's rover, which malloc leaves at its
    // remainder's entry): the search then starts there without looking it up.
    // `rank`: how many nodes lie before the one found, added up on the way
    // to it (first and next fit's `examined`), where rankOf climbs again.
    NodeIndex firstFit(Address from, Size need, std::uint32_t group = 0, Place* found = nullptr,
                       std::uint32_t* before = nullptr, Place at = {}, std::uint32_t* rank = nullptr) const;
    // By address: how many nodes lie before (group, at).
    std::uint32_t countBelow(Address at, std::uint32_t group = 0) const;
    // By address: how many nodes lie before node n, which is in the tree.
    std::uint32_t rankOf(NodeIndex n, Place hint = {}) const;
    // By size: the smallest node of size >= need (lowest address among equals).
    NodeIndex smallestFit(Size need, Place* found = nullptr) const;

    // Calls f(node) for every node in key order (for views and checks: O(n)).
    template <class F> void forEach(F&& f) const
    {
        forEachWhile([&](NodeIndex n) {
            f(n);
            return true;
        });
    }
    // Calls f(node) in key order for as long as it returns true, from the
    // first node of `group` on (by address).
    template <class F> void forEachWhile(F&& f, std::uint32_t group = 0) const
    {
        const Key from = keyAt(Address(0), group);
        for (std::uint32_t slot = m_chunkOrder.empty() ? 0 : chunkFor(m_chunkLow, from); slot < m_chunkOrder.size(); ++slot) {
            const Chunk& c = chunkAt(slot);
            for (std::uint32_t i = 0; i < c.count; ++i)
                if (c.keys[i] >= from && !f(c.nodes[i]))
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
    std::uint32_t groupOf(NodeIndex n) const { return m_keys[n].group; }


    // Empty when ordering, chunk sizes, maxima and counts are all consistent;
    // else the first broken invariant.
    std::string checkInvariants() const;

private:
    static constexpr std::uint32_t kChunk = 64;

    static constexpr bool kWide = sizeof(Key) > sizeof(std::uint64_t);
    // A tree by address keeps a segment tree over its chunks, their largest
    // blocks and counts, for its searches by size and its ranks, and its
    // entries' sizes beside their keys. A tree by size needs neither: its
    // smallest fit is found by key alone, its largest block is its last
    // entry, and an entry's size is the high part of its key. Keeping them
    // cost best fit a tenth of its instructions (the maxima climbing after
    // every insert and erase, and a third array to shift).
    bool byAddress() const { return m_order == Order::ByAddress; }

    // A node's key, size and chunk, in the table by node (m_keys): an erase
    // or a resize of node n starts from here.
    struct Entry {
        Address at;
        Size size = 0;
        std::uint32_t chunk = kNil; // the chunk that holds it while it is in the tree, else kNil
        std::uint32_t group = 0;    // by address only
    };
    // The entries as three arrays side by side, so that a search reads only
    // what it compares: a binary search the keys (16 bytes an entry, where a
    // whole entry took 24), a fit scan the sizes (8: a third of the lines).
    struct Chunk {
        std::uint32_t count = 0;
        Size max = 0; // by address: its largest entry's size; a rebuild of the segment tree reads it, not every entry
        Key keys[kChunk]{}; // past the count kPast: a search reads them
        Size sizes[kChunk]{}; // by address only
        NodeIndex nodes[kChunk]{};
    };
    // Entry i's size, from its key where the chunks keep no sizes.
    Size sizeAt(const Chunk& c, std::uint32_t i) const
    {
        if (byAddress())
            return c.sizes[i];
        if constexpr (kWide)
            return Size(c.keys[i] >> 64);
        else
            return Size(c.keys[i] >> 32);
    }
    // The segment tree over the slots (QuadTree), node 0 its root; kept
    // by address only.
    SegNode* seg() { return m_seg.data() + QuadTree::kFront; }
    const SegNode* seg() const { return m_seg.data() + QuadTree::kFront; }

    // An entry's place in the order as one number: its group or its size,
    // then its address (a narrow key by address: the address; by size: the
    // two halves of one word). The one definition of the order.
    Key keyOf(const Entry& e) const { return keyAt(e.at, m_order == Order::BySize ? e.size : e.group); }
    Key keyAt(Address at, std::uint64_t high) const
    {
        if constexpr (kWide) {
            return Key(high) << 64 | at.value();
        } else if (m_order == Order::BySize) {
            assert(fitsNarrowBySize(at, high) && "a narrow key by size holds two 32-bit halves");
            return high << 32 | at.value();
        } else {
            assert(high == 0 && "a narrow key by address has no group");
            return at.value();
        }
    }
    Chunk& chunkAt(std::uint32_t slot) { return m_chunks[m_chunkOrder[slot]]; }
    const Chunk& chunkAt(std::uint32_t slot) const { return m_chunks[m_chunkOrder[slot]]; }

    std::uint32_t slotOfHead(Key key, std::uint32_t group) const;
    std::uint32_t countBelowKey(Key key) const;
    Place find(NodeIndex n, Place hint) const;
    void holdIn(std::uint32_t chunk, std::uint32_t from);
    std::uint32_t countBeforeSlot(std::uint32_t slot) const;
    void refresh(std::uint32_t slot, Size old, Size now, int added);
    static Size largestIn(const Chunk& c);
    void remax(Chunk& c) const;
    void put(Chunk& c, std::uint32_t i, Key key, Size size, NodeIndex n) const;
    void moveEntries(const Chunk& from, std::uint32_t first, std::uint32_t last, Chunk& to, std::uint32_t at) const
    {
        heapviz::moveEntries(from, first, last, to, at, byAddress());
    }
    static Size maxAfter(const Chunk& c, Size old, Size now);
    Entry& keyOfNode(NodeIndex n);
    void rebuildSegments(std::uint32_t slot);
    std::uint32_t newChunk();
    void splitChunk(std::uint32_t slot);
    void dropChunk(std::uint32_t slot);
    std::uint32_t firstSlotWithMax(std::uint32_t fromSlot, Size need) const;

    Order m_order;
    std::uint32_t m_count = 0;
    BigVector<Entry> m_keys;               // per node: its entry while in the tree
    BigVector<Chunk> m_chunks;             // pool; m_chunkOrder lists them in key order
    std::vector<std::uint32_t> m_spareChunks;
    std::vector<std::uint32_t> m_chunkOrder;
    std::vector<std::uint32_t> m_slotOf;   // per chunk: its slot in m_chunkOrder
    std::vector<Key> m_chunkLow;           // per slot: the key of the chunk's first entry
    BigVector<SegNode> m_seg;              // segment tree over slots (seg())
    mutable std::vector<std::uint32_t> m_headChunk; // per group: the chunk its head fell in last (slotOfHead)
    QuadTree m_shape;
};

__extension__ using WideFreeTreeKey = unsigned __int128;
// By (group, address) or (size, address): the buddy system's orders, best
// fit, segregated fits' grouped classes.
using FreeTree = BasicFreeTree<WideFreeTreeKey>;
// By address alone.
using AddressFreeTree = BasicFreeTree<std::uint64_t>;
// By (size, address), both below 2^32.
using NarrowFreeTree = BasicFreeTree<std::uint64_t>;

} // namespace heapviz
