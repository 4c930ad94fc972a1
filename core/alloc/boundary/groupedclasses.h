#pragma once
// GroupedClasses: segregated fits' class lists as groups of one FreeTree,
// for a lane with more classes than a ClassTree takes (SegregatedLists
// chooses). The same calls as ClassTree; a block is keyed by (class,
// address), or (class, entry stamp turned round) so that the newest comes
// first in LIFO order. It costs nothing per class, where a ClassTree keeps
// every class's figures for every chunk, but a block whose class changes is
// erased and inserted again (about twice an operation), where a ClassTree
// moves a bit.

#include <cstdint>
#include <string>

#include "core/alloc/boundary/classtree.h"
#include "core/alloc/boundary/freetree.h"

namespace heapviz {

class GroupedClasses {
public:
    using Place = FreeTreePlace;
    using Hit = ClassTree::Hit;

    explicit GroupedClasses(ClassTree::Order order) : m_lifo(order == ClassTree::Order::NewestFirst) {}

    void insert(NodeIndex n, Address at, Size size, std::uint32_t cls);
    Place erase(NodeIndex n, Place hint = {}) { return m_tree.erase(n, hint); }
    void replace(NodeIndex from, NodeIndex to, Address at, Size size, std::uint32_t cls, Place hint = {});
    void resize(NodeIndex n, Size size, std::uint32_t cls, Place hint = {});
    Hit firstIn(std::uint32_t cls, Size need) const;

    std::uint32_t count() const { return m_tree.count(); }
    std::uint32_t count(std::uint32_t cls) const { return start(cls + 1) - start(cls); }
    Size largest() const { return m_tree.maxSize(); }
    bool contains(NodeIndex n) const { return m_tree.contains(n); }
    Size sizeOf(NodeIndex n) const { return m_tree.sizeOf(n); }
    std::uint32_t classOf(NodeIndex n) const { return m_tree.groupOf(n); }
    void prefetch(NodeIndex n) const { m_tree.prefetch(n); }

    template <class F> void forEachIn(std::uint32_t cls, F&& f) const
    {
        m_tree.forEachWhile([&](NodeIndex n) { return m_tree.groupOf(n) == cls && f(n); }, cls);
    }
    template <class F> void forEach(F&& f) const { m_tree.forEach(f); }
    std::string checkInvariants() const { return m_tree.checkInvariants(); }

private:
    // How many blocks lie in the classes below cls.
    std::uint32_t start(std::uint32_t cls) const { return m_tree.countBelow(Address(0), cls); }

    bool m_lifo;
    FreeTree m_tree{FreeTree::Order::ByAddress}; // by (class, key)
    std::uint64_t m_clock = 0;                   // LIFO stamps, newest highest
};

} // namespace heapviz
