#pragma once
// SizeIndex: best fit's free blocks by (size, address), in a FreeTree of
// 64-bit keys (size << 32 | address) while every block lies below 4 GiB,
// and of 128-bit keys from the first block beyond until the index is empty
// again (a trace's huge request can put one there). The narrow keys
// compare in one instruction and take half the bytes: best fit's searches
// and shifts within chunks are most of its time (the chunk search alone was
// an eighth of a churn replay's instructions with the wide keys).

#include <string>
#include <vector>

#include "core/alloc/boundary/freetree.h"

namespace heapviz {

class SizeIndex {
public:
    using Place = FreeTreePlace;

    // Adds node n, a free block [at, at + size); n must not be in the index.
    void insert(NodeIndex n, Address at, Size size)
    {
        if (m_wide.count() == 0 && NarrowFreeTree::fitsNarrowBySize(at, size))
            return m_narrow.insert(n, at, size);
        if (m_narrow.count() > 0)
            widen();
        m_wide.insert(n, at, size);
    }
    // Removes node n, which must be in the index.
    Place erase(NodeIndex n, Place hint = {}) { return narrow() ? m_narrow.erase(n, hint) : m_wide.erase(n, hint); }
    // The smallest node of size >= need (lowest address among equals); kNil if none.
    NodeIndex smallestFit(Size need, Place* found = nullptr) const
    {
        return narrow() ? m_narrow.smallestFit(need, found) : m_wide.smallestFit(need, found);
    }

    std::uint32_t count() const { return m_narrow.count() + m_wide.count(); }
    Size maxSize() const { return narrow() ? m_narrow.maxSize() : m_wide.maxSize(); }
    Address addressOf(NodeIndex n) const { return narrow() ? m_narrow.addressOf(n) : m_wide.addressOf(n); }
    Size sizeOf(NodeIndex n) const { return narrow() ? m_narrow.sizeOf(n) : m_wide.sizeOf(n); }
    void prefetch(NodeIndex n) const { narrow() ? m_narrow.prefetch(n) : m_wide.prefetch(n); }
    std::string checkInvariants() const
    {
        if (m_narrow.count() > 0 && m_wide.count() > 0)
            return "size index: blocks in both its narrow and its wide tree";
        return narrow() ? m_narrow.checkInvariants() : m_wide.checkInvariants();
    }

private:
    // Narrow until the first block beyond 4 GiB; an empty index is either.
    bool narrow() const { return m_wide.count() == 0; }

    // Moves every block to the wide tree (a search's hints go stale, which
    // costs only their next search).
    void widen()
    {
        std::vector<NodeIndex> nodes;
        nodes.reserve(m_narrow.count());
        m_narrow.forEach([&](NodeIndex n) { nodes.push_back(n); });
        for (const NodeIndex n : nodes)
            m_wide.insert(n, m_narrow.addressOf(n), m_narrow.sizeOf(n));
        m_narrow = NarrowFreeTree{FreeTreeOrder::BySize};
    }

    NarrowFreeTree m_narrow{FreeTreeOrder::BySize};
    FreeTree m_wide{FreeTreeOrder::BySize};
};

} // namespace heapviz
