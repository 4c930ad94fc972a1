#pragma once
// ClassTree: segregated fits' free blocks, every class list in one index
// (heap-model.md, "segregated"; SegregatedLists gives it the classes).
//
// The blocks lie in one sequence, in address order or in the order they
// entered (LIFO lists: the newest is a list's head), in chunks of at most
// kChunk entries. Each chunk marks its entries of each class with a bit, and
// a segment tree per class over the chunks knows how many blocks of the
// class each range holds and the largest. A class list is its class's
// blocks in the sequence's order, so:
//  - a block whose size moves it to another class keeps its entry: only two
//    bits and two classes' counts change. A tree keyed by (class, address)
//    had to erase it and insert it again, and a remainder or a merged block
//    changes class almost every time (0.86 inserts and 0.84 erases an
//    operation in the 1M-operation Larson replay);
//  - a LIFO block always enters at the sequence's end, with nothing to
//    search for and nothing to shift, and leaves a hole;
//  - "the first block of class c with size >= need, and how many of its
//    class come before it" is one descent of the segment tree and one chunk.

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/alloc/boundary/freetree.h"
#include "core/alloc/boundary/quadtree.h"
#include "core/model/bigvector.h"
#include "core/model/types.h"

namespace heapviz {

class ClassTree {
public:
    enum class Order : std::uint8_t { ByAddress, NewestFirst };

    // Classes 0 .. classes - 1 are ranges of sizes in ascending order: every
    // block of a class is larger than every block of the classes below.
    ClassTree(std::uint32_t classes, Order order) : m_classes(classes), m_order(order) {}

    // Where a node's entry lies, as in a FreeTree: a search tells it, so that
    // the erase or replace of the node it found needs no search.
    using Place = FreeTreePlace;

    // Node n, a free block [at, at + size) of class cls, enters its list (by
    // address, or at the head). n must not be in the tree.
    void insert(NodeIndex n, Address at, Size size, std::uint32_t cls);
    // Removes node n, which must be in the tree. Returns where the entry
    // before it (by address) lies: a free block's left neighbour, about to
    // absorb it, is resized next.
    Place erase(NodeIndex n, Place hint = {});
    // By address: node `to`, a free block [at, at + size) of class cls that
    // is not in the tree, takes node `from`'s entry, which lies where `to`
    // belongs (malloc's remainder, a freed block merged with its right
    // neighbour), whatever the class of either.
    void replace(NodeIndex from, NodeIndex to, Address at, Size size, std::uint32_t cls, Place hint = {});
    // By address: node n's block is now `size` bytes (of class cls), at the
    // same address.
    void resize(NodeIndex n, Size size, std::uint32_t cls, Place hint = {});

    struct Hit {
        NodeIndex node = kNil;
        std::uint32_t before = 0; // blocks of its class ahead of it in the list
        Place place;
    };
    // The first block of class cls's list (in its order) whose size is at
    // least `need`; node kNil if none.
    Hit firstIn(std::uint32_t cls, Size need) const;

    std::uint32_t count() const { return m_total; }
    std::uint32_t count(std::uint32_t cls) const { return m_seg.empty() ? 0 : tree(cls)[0].count; }
    // The largest block's size (0 when there is none).
    Size largest() const;
    bool contains(NodeIndex n) const { return n < m_nodes.size() && m_nodes[n].chunk != kNil; }
    Size sizeOf(NodeIndex n) const { return m_nodes[n].size; }
    std::uint32_t classOf(NodeIndex n) const { return m_nodes[n].cls; }
    // A hint that node n will soon be erased: loads its entry.
    void prefetch(NodeIndex n) const
    {
        if (n < m_nodes.size())
            __builtin_prefetch(&m_nodes[n]);
    }

    // Calls f(node) for the blocks of class cls in their list's order for as
    // long as it returns true (for views and checks).
    template <class F> void forEachIn(std::uint32_t cls, F&& f) const { forEachWhile(f, cls); }
    // Calls f(node) for every block, each list in its order.
    template <class F> void forEach(F&& f) const
    {
        forEachWhile([&](NodeIndex n) {
            f(n);
            return true;
        });
    }

    // Empty when order, bits, counts and maxima are all consistent; else the
    // first broken invariant.
    std::string checkInvariants() const;

private:
    static constexpr std::uint32_t kChunk = 64;
    // A chunk's entries, a bit each: which of them are of a class. A search
    // or a class's largest reads only its class's entries, found by the
    // bits, and a LIFO block that leaves only clears its bit (its entry
    // stays as a hole till the sequence is packed: nothing shifts).
    using Bits = std::uint64_t;
    static_assert(kChunk == 64, "a chunk's entries are one word of bits");
    static Bits below(std::uint32_t i) { return i >= kChunk ? ~Bits{0} : (Bits{1} << i) - 1; }

    struct Entry {
        std::uint64_t key = 0; // the address, or the entry stamp (LIFO)
        Size size = 0;
        std::uint32_t chunk = kNil; // the chunk that holds it while it is in the tree, else kNil
        std::uint32_t cls = 0;
    };
    // The entries side by side, as FreeTree's: a search reads what it compares.
    struct Chunk {
        std::uint32_t count = 0;      // entries in use (LIFO: holes included)
        std::uint64_t keys[kChunk]{}; // past the count kPast (by address): a search reads them
        Size sizes[kChunk]{};
        NodeIndex nodes[kChunk]{}; // kNil for a hole
    };
    // Class cls's segment tree (QuadTree), node 0 its root.
    SegNode* tree(std::uint32_t cls) { return &m_seg[std::size_t(cls) * m_shape.storage + QuadTree::kFront]; }
    const SegNode* tree(std::uint32_t cls) const
    {
        return &m_seg[std::size_t(cls) * m_shape.storage + QuadTree::kFront];
    }
    Size& chunkMax(std::uint32_t chunk, std::uint32_t cls) { return m_chunkMax[std::size_t(chunk) * m_classes + cls]; }
    Size chunkMax(std::uint32_t chunk, std::uint32_t cls) const { return m_chunkMax[std::size_t(chunk) * m_classes + cls]; }
    // A chunk's figures for a class: its largest block, and its count from the bits.
    SegNode figuresOf(std::uint32_t chunk, std::uint32_t cls) const
    {
        return {chunkMax(chunk, cls), std::uint32_t(__builtin_popcountll(members(chunk, cls)))};
    }
    Bits& members(std::uint32_t chunk, std::uint32_t cls) { return m_members[std::size_t(chunk) * m_classes + cls]; }
    Bits members(std::uint32_t chunk, std::uint32_t cls) const { return m_members[std::size_t(chunk) * m_classes + cls]; }
    Bits live(std::uint32_t chunk) const;
    // The next entry of `bits` in list order (the lowest by address, the
    // highest in LIFO order).
    std::uint32_t nextOf(Bits bits) const
    {
        return newestFirst() ? kChunk - 1 - std::uint32_t(__builtin_clzll(bits)) : std::uint32_t(__builtin_ctzll(bits));
    }

    bool newestFirst() const { return m_order == Order::NewestFirst; }
    Chunk& chunkAt(std::uint32_t slot) { return m_chunks[m_chunkOrder[slot]]; }
    const Chunk& chunkAt(std::uint32_t slot) const { return m_chunks[m_chunkOrder[slot]]; }
    std::uint32_t slots() const { return std::uint32_t(m_chunkOrder.size()); }

    // Calls f(node) in list order (LIFO: from the sequence's end) for as long
    // as it returns true: the blocks of class `only`, or all if it is kAll
    // (the chunks with none of class `only` passed over by the segment tree:
    // a class may have a block in few of hundreds of chunks).
    static constexpr std::uint32_t kAll = ~std::uint32_t{0};
    template <class F> void forEachWhile(F&& f, std::uint32_t only = kAll) const
    {
        std::uint32_t slot = newestFirst() ? slots() - 1 : 0;
        for (; slot < slots(); slot += newestFirst() ? -1 : 1) { // from slot 0, LIFO's step wraps past the end
            if (only != kAll && (slot = nextSlotWith(only, slot)) == kNil)
                return;
            const std::uint32_t chunk = m_chunkOrder[slot];
            for (Bits left = only == kAll ? live(chunk) : members(chunk, only); left != 0;) {
                const std::uint32_t i = nextOf(left);
                left &= ~(Bits{1} << i);
                if (!f(m_chunks[chunk].nodes[i]))
                    return;
            }
        }
    }
    std::uint32_t nextSlotWith(std::uint32_t cls, std::uint32_t slot) const;

    Place find(NodeIndex n, Place hint) const;
    Entry& entryOf(NodeIndex n);
    static void put(Chunk& c, std::uint32_t i, const Entry& e, NodeIndex n);
    void openAt(std::uint32_t chunk, std::uint32_t i);
    void closeAt(std::uint32_t chunk, std::uint32_t i);
    void holdIn(std::uint32_t chunk, std::uint32_t from);
    void change(std::uint32_t slot, std::uint32_t i, std::uint32_t oldClass, Size oldSize, std::uint32_t cls, Size size);
    Size largestOf(std::uint32_t chunk, std::uint32_t cls) const;
    // Adds `delta` (+1 or -1, as an unsigned wrap) to class cls's count in the
    // leaf of the chunk at `slot` and every range above it (the chunk's own
    // count is its bits').
    void addCount(std::uint32_t slot, std::uint32_t cls, std::uint32_t delta)
    {
        m_shape.addCount(tree(cls), slot, delta);
    }
    void raiseMax(std::uint32_t slot, std::uint32_t cls, Size size);
    void lowerMax(std::uint32_t slot, std::uint32_t cls);
    void summarise(std::uint32_t chunk);
    void rebuildSegments(std::uint32_t slot);
    std::uint32_t newChunk();
    std::uint32_t appendChunk();
    void splitChunk(std::uint32_t slot);
    void dropChunk(std::uint32_t slot);
    void mergeNext(std::uint32_t slot);
    void repack();

    std::uint32_t m_classes;
    Order m_order;
    std::uint32_t m_total = 0;
    std::uint64_t m_clock = 0;             // LIFO stamps, newest highest
    BigVector<Entry> m_nodes;              // per node: its entry while in the tree
    BigVector<Chunk> m_chunks;             // pool; m_chunkOrder lists them in sequence order
    std::vector<std::uint32_t> m_spareChunks;
    std::vector<std::uint32_t> m_chunkOrder;
    std::vector<std::uint32_t> m_slotOf;   // per chunk: its slot in m_chunkOrder
    std::vector<std::uint64_t> m_chunkLow; // per slot: the key of the chunk's first entry
    // Per chunk and class: its largest block of the class, kept with the
    // chunk so that a chunk moving to another slot copies it rather than
    // reading its entries again (the count is its bits').
    BigVector<Size> m_chunkMax;
    BigVector<Bits> m_members;   // per chunk and class: which entries are of the class
    // A segment tree over the slots per class, one after another (class-major:
    // a search or an update walks one class's tree, small and hot in the
    // cache), all of one shape: a range's (or a chunk's) blocks of the class
    // and the largest.
    BigVector<SegNode> m_seg;
    QuadTree m_shape;
};

} // namespace heapviz
