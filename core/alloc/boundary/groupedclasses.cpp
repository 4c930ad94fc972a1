#include "core/alloc/boundary/groupedclasses.h"

#include <cassert>

namespace heapviz {

// By address a block's key is its address; in LIFO order its stamp turned
// round, so that the newest has the lowest key and comes first.
void GroupedClasses::insert(NodeIndex n, Address at, Size size, std::uint32_t cls)
{
    m_tree.insert(n, m_lifo ? Address(~++m_clock) : at, size, cls);
}

// By address: in place when the class stays, else out of one group and into
// the other.
void GroupedClasses::replace(NodeIndex from, NodeIndex to, Address at, Size size, std::uint32_t cls, Place hint)
{
    assert(!m_lifo && "a LIFO block that changes size enters its list again");
    if (cls == m_tree.groupOf(from))
        return m_tree.replace(from, to, at, size, hint);
    m_tree.erase(from, hint);
    insert(to, at, size, cls);
}

void GroupedClasses::resize(NodeIndex n, Size size, std::uint32_t cls, Place hint)
{
    assert(!m_lifo && "a LIFO block that changes size enters its list again");
    if (cls == m_tree.groupOf(n))
        return m_tree.resize(n, size, hint);
    const Address at = m_tree.addressOf(n);
    m_tree.erase(n, hint);
    insert(n, at, size, cls);
}

// The first fit from the class's first block on, if it is in the class;
// the blocks before it in its class are its rank less the classes' below.
GroupedClasses::Hit GroupedClasses::firstIn(std::uint32_t cls, Size need) const
{
    Hit hit;
    std::uint32_t below = 0;
    const NodeIndex n = m_tree.firstFit(Address(0), need, cls, &hit.place, &below);
    if (n == kNil || m_tree.groupOf(n) != cls)
        return {};
    hit.node = n;
    hit.before = m_tree.rankOf(n, hit.place) - below;
    return hit;
}

} // namespace heapviz
