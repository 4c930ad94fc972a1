#pragma once
// SegregatedLists: segregated fits' free blocks in size-class lists
// (heap-model.md, "segregated"; CS:APP 9.9.14). Class i holds the free blocks
// of size in (b(i-1), b(i)], the last class all larger ones. Inside a class
// the list is in address order or in LIFO order (a block enters at the head
// whenever it becomes free or its size changes while free).
//
// All classes share one ClassTree: the free blocks in one sequence, each
// marked with its class, with every class's count and largest block in each
// range. malloc's walk from its class up is one descent in need's class (a
// block of a larger class always fits), and the number of blocks it passes
// (`examined`) comes with it. (A tree per class cost every class a table of
// all the nodes' keys; one tree keyed by (class, address) moved a block
// whenever its class changed, almost every operation.) A ClassTree keeps
// every class's figures for every chunk, so a lane with more than
// kTreeClasses classes keeps its lists as groups of one FreeTree instead
// (GroupedClasses), which costs nothing per class.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/alloc/allocator.h"
#include "core/alloc/boundary/classtree.h"
#include "core/alloc/boundary/groupedclasses.h"

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
    // Node `to`, a free block [at, at + size) next to node `from` with no
    // free block between, takes from's place (malloc's remainder, a block
    // merged with its right neighbour): in place when its class stays and
    // the order is by address, else at its list's head.
    void replace(NodeIndex from, NodeIndex to, Address at, Size size);
    // Node n's block changed size (not address): in place likewise, or it
    // enters its list again.
    void resize(NodeIndex n, Address at, Size size);
    // A hint that node n will soon be erased: loads its key.
    void prefetch(NodeIndex n) const;
    bool contains(NodeIndex n) const;
    // The largest free block's size.
    Size largest() const;

    struct Found {
        NodeIndex node = kNil;
        std::uint32_t examined = 0; // blocks looked at in the lists walked
    };
    // malloc's choice: from the class of need up, the first block of a list
    // (in its order) that is at least `need` bytes. Remembers where it lies,
    // for the erase or replace that follows.
    Found find(Size need);
    // The same search, the blocks it looks at in order (their nodes), the
    // first `limit` of them at most: a view is told a long walk in part.
    std::vector<NodeIndex> walk(Size need, std::size_t limit = std::numeric_limits<std::size_t>::max()) const;

    std::uint32_t classOf(Size size) const;
    std::size_t classes() const { return m_bounds.size() + 1; }
    const std::vector<Size>& bounds() const { return m_bounds; }
    std::uint32_t count(std::uint32_t cls) const;
    bool lifo() const { return m_lifo; }
    // Every class's list, in its order (the head first).
    std::vector<std::vector<NodeIndex>> lists() const;
    // Empty when every list holds exactly its class's blocks with their sizes.
    std::string checkInvariants() const;

private:
    std::vector<Size> m_bounds;
    // Bounds that double from a power of two (the default ones, where the
    // minimum block is one) put a size in its class by its bit width, with
    // no search: log2 of the first bound, else -1.
    int m_doublingFrom = -1;
    bool m_lifo;
    // The most classes a ClassTree holds: its figures for every class in
    // every chunk made a lane of 200 classes twice as slow as GroupedClasses,
    // and one of 1,000 five times.
    static constexpr std::size_t kTreeClasses = 64;
    // Calls f with the lists' store (a branch: two kinds, and the calls inline).
    template <class F> decltype(auto) store(F&& f)
    {
        if (auto* tree = std::get_if<ClassTree>(&m_lists))
            return f(*tree);
        return f(*std::get_if<GroupedClasses>(&m_lists));
    }
    template <class F> decltype(auto) store(F&& f) const
    {
        if (const auto* tree = std::get_if<ClassTree>(&m_lists))
            return f(*tree);
        return f(*std::get_if<GroupedClasses>(&m_lists));
    }

    std::variant<ClassTree, GroupedClasses> m_lists;
    FreeTreePlace m_hint; // the block found last, or the one before the block erased last
};

} // namespace heapviz
