#pragma once
// LargestFree: the largest free block's size, kept exactly as blocks come
// and go, for free lists in no size order (TLSF's LIFO lists). A max-tree
// over node numbers: a change climbs from its leaf only as far as a maximum
// changes, and the largest is the root. The metrics ask for it after every
// operation; a by-address free tree kept just for it cost TLSF a third of
// its time.

#include <algorithm>
#include <vector>

#include "core/alloc/boundary/freetree.h"
#include "core/model/bigvector.h"

namespace heapviz {

class LargestFree {
public:
    // Node n is a free block of `size` bytes, or (0) no free block.
    void set(NodeIndex n, Size size)
    {
        if (n >= m_leaves)
            growTo(n);
        std::size_t i = m_leaves + std::size_t(n);
        m_max[i] = size;
        for (i /= 2; i >= 1; i /= 2) {
            const Size up = std::max(m_max[2 * i], m_max[2 * i + 1]);
            if (up == m_max[i])
                break;
            m_max[i] = up;
        }
    }
    Size largest() const { return m_max.size() > 1 ? m_max[1] : 0; }
    void prefetch(NodeIndex n) const
    {
        if (n < m_leaves)
            __builtin_prefetch(&m_max[m_leaves + std::size_t(n)]);
    }

private:
    // Doubles the leaves until n has one, and rebuilds the maxima above them.
    void growTo(NodeIndex n)
    {
        std::size_t leaves = std::max<std::size_t>(m_leaves, 64);
        while (leaves <= n)
            leaves *= 2;
        BigVector<Size> max(2 * leaves, 0);
        std::copy(m_max.begin() + std::ptrdiff_t(m_leaves), m_max.end(), max.begin() + std::ptrdiff_t(leaves));
        for (std::size_t i = leaves - 1; i >= 1; --i)
            max[i] = std::max(max[2 * i], max[2 * i + 1]);
        m_max = std::move(max);
        m_leaves = leaves;
    }

    BigVector<Size> m_max; // the tree, root at 1, leaf of node n at m_leaves + n
    std::size_t m_leaves = 0;
};

} // namespace heapviz
