#pragma once
// SegregatedLists: segregated fits' free blocks in size-class lists
// (heap-model.md, "segregated"; CS:APP 9.9.14). Class i holds the free blocks
// of size in (b(i-1), b(i)], the last class all larger ones. Inside a class
// the list is in address order or in LIFO order (a block enters at the head
// whenever it becomes free or its size changes while free).
//
// Each class is a FreeTree keyed by address, or by an insertion stamp
// turned round (the newest has the lowest key), so the first block of a
// class that fits, in the class's own order, is one O(log n) query, and its
// place in the list (for `examined`) one more.

#include <cstdint>
#include <string>
#include <vector>

#include "core/alloc/allocator.h"
#include "core/alloc/boundary/freetree.h"

namespace heapviz {

class SegregatedLists {
public:
    // Ascending bounds b1 < ... < bm (m + 1 classes); `lifo`: list order.
    SegregatedLists(std::vector<Size> bounds, bool lifo);

    // The spec's default bounds: min_block doubled while it is at most 4096.
    static std::vector<Size> defaultBounds(Size minBlock);

    // Node n is a free block [at, at + size) that enters its class (at the
    // head, in LIFO order); n must not be in a list.
    void insert(NodeIndex n, Address at, Size size);
    void erase(NodeIndex n);
    // A hint that node n will soon be erased: loads its key in its class.
    void prefetch(NodeIndex n) const
    {
        if (contains(n))
            m_lists[m_classOf[n]].prefetch(n);
    }
    bool contains(NodeIndex n) const { return n < m_classOf.size() && m_classOf[n] != kNone; }

    struct Found {
        NodeIndex node = kNil;
        std::uint32_t examined = 0; // blocks looked at in the lists walked
    };
    // malloc's choice: from the class of need up, the first block of a list
    // (in its order) that is at least `need` bytes.
    Found find(Size need) const;
    // The same search, the blocks it looks at in order (their nodes), the
    // first `limit` of them at most: a view is told a long walk in part.
    std::vector<NodeIndex> walk(Size need, std::size_t limit = std::numeric_limits<std::size_t>::max()) const;

    std::size_t classOf(Size size) const;
    std::size_t classes() const { return m_lists.size(); }
    const std::vector<Size>& bounds() const { return m_bounds; }
    std::uint32_t count(std::size_t cls) const { return m_lists[cls].count(); }
    bool lifo() const { return m_lifo; }
    // A class's list, in its order (the head first).
    std::vector<NodeIndex> list(std::size_t cls) const;
    // Empty when every list holds exactly its class's blocks with their sizes.
    std::string checkInvariants() const;

private:
    static constexpr std::uint32_t kNone = ~std::uint32_t{0};
    Address keyFor(NodeIndex n, Address at);

    std::vector<Size> m_bounds;
    bool m_lifo;
    std::vector<FreeTree> m_lists;       // one per class
    std::vector<std::uint32_t> m_classOf; // per node: its class, or kNone
    std::uint64_t m_clock = 0;           // LIFO stamps, newest highest
};

} // namespace heapviz
