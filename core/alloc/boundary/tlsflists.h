#pragma once
// TlsfLists: TLSF's two-level array of LIFO free lists with its bitmaps
// (heap-model.md, "tlsf"; Masmano et al.; Conte's tlsf.c), mapping whole
// block sizes. A free block of size s lives in list (f, l):
//   s < SMALL = 2^(S + A):  f = 0, l = s / align
//   otherwise, k = floor(log2 s):  f = k - (S + A) + 1, l = (s >> (k - S)) - 2^S
// malloc rounds the request up to the next list boundary, then takes the
// head of the first non-empty list at or after it in its first level, else
// the head of the lowest non-empty list of the next non-empty first level:
// two bitmap lookups, O(1), whatever the number of free blocks.

#include <cstdint>
#include <string>
#include <vector>

#include "core/alloc/allocator.h"
#include "core/alloc/boundary/freetree.h"
#include "core/alloc/boundary/largestfree.h"
#include "core/model/bigvector.h"

namespace heapviz {

class TlsfLists {
public:
    // S = slLog2 (0 to 6), A = log2(align).
    TlsfLists(unsigned slLog2, Size align);

    struct List {
        unsigned f = 0;
        unsigned l = 0;
        friend bool operator==(const List&, const List&) = default;
    };
    // The list a free block of `size` bytes lives in.
    List listOf(Size size) const { return listOf(size, m_slLog2, m_alignLog2); }
    // The same for any S and A, without lists (for views).
    static List listOf(Size size, unsigned slLog2, unsigned alignLog2);
    // The list malloc starts at for a `need`-byte request (rounded up).
    List listFor(Size need) const;
    // The smallest block size a list holds: what a request is rounded up to.
    static Size floorOf(List list, unsigned slLog2, unsigned alignLog2);

    // Node n becomes the head of its size's list; n must be in no list.
    void insert(NodeIndex n, Size size);
    void erase(NodeIndex n);
    // A hint that node n will soon be erased: loads its links.
    void prefetch(NodeIndex n) const
    {
        if (n < m_where.size()) {
            __builtin_prefetch(&m_where[n]);
            __builtin_prefetch(&m_prev[n]);
            __builtin_prefetch(&m_next[n]);
            m_largest.prefetch(n);
        }
    }
    // The largest free block's size.
    Size largest() const { return m_largest.largest(); }
    bool contains(NodeIndex n) const { return n < m_where.size() && m_where[n] != kNone; }

    struct Found {
        NodeIndex node = kNil;
        std::uint32_t examined = 0; // bitmap probes: 1 in the first level, 3 past it, 2 when none
        List list;                  // where the head was taken
    };
    Found find(Size need) const;
    // The non-empty lists, lowest first, each head first.
    std::vector<std::vector<NodeIndex>> lists() const;
    // The lists that hold blocks, lowest first: (f, l, count).
    std::vector<std::vector<std::optional<std::uint64_t>>> nonEmpty() const;
    // Empty when the bitmaps agree with the lists and every block is in its list.
    std::string checkInvariants(const std::vector<Size>& sizeOfNode) const;

private:
    static constexpr std::uint32_t kNone = ~std::uint32_t{0};
    static constexpr unsigned kFirstLevels = 64;
    std::uint32_t index(List list) const { return list.f * (1u << m_slLog2) + list.l; }

    unsigned m_slLog2;
    unsigned m_alignLog2;
    Size m_small;                          // SMALL = 2^(S + A)
    std::uint64_t m_firstLevel = 0;        // bit f: some list of level f holds a block
    std::vector<std::uint64_t> m_secondLevel; // per f, bit l: list (f, l) holds a block
    std::vector<NodeIndex> m_heads;        // per list
    BigVector<NodeIndex> m_prev, m_next;   // per node: its neighbours in its list
    BigVector<std::uint32_t> m_where;      // per node: its list's index, or kNone
    LargestFree m_largest;
};

} // namespace heapviz
