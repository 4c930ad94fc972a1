#include "core/alloc/boundary/tlsflists.h"

#include <bit>
#include <cassert>

namespace heapviz {

TlsfLists::TlsfLists(unsigned slLog2, Size align)
    : m_slLog2(slLog2)
    , m_alignLog2(unsigned(std::countr_zero(align)))
    , m_small(Size{1} << (slLog2 + m_alignLog2))
    , m_secondLevel(kFirstLevels, 0)
    , m_heads(std::size_t(kFirstLevels) << slLog2, kNil)
{
}

TlsfLists::List TlsfLists::listOf(Size s, unsigned slLog2, unsigned alignLog2)
{
    if (s < (Size{1} << (slLog2 + alignLog2)))
        return {0, unsigned(s >> alignLog2)};
    const unsigned k = unsigned(std::bit_width(s)) - 1;
    return {k - (slLog2 + alignLog2) + 1, unsigned((s >> (k - slLog2)) - (Size{1} << slLog2))};
}

Size TlsfLists::floorOf(List list, unsigned slLog2, unsigned alignLog2)
{
    if (list.f == 0)
        return Size{list.l} << alignLog2;
    const unsigned k = list.f + slLog2 + alignLog2 - 1; // the size's top bit
    return ((Size{1} << slLog2) + list.l) << (k - slLog2);
}

TlsfLists::List TlsfLists::listFor(Size need) const
{
    Size r = need;
    if (r >= m_small)
        r += (Size{1} << (unsigned(std::bit_width(r)) - 1 - m_slLog2)) - 1;
    return listOf(r);
}

void TlsfLists::insert(NodeIndex n, Size size)
{
    if (n >= m_where.size()) {
        m_where.resize(std::size_t(n) + 1, kNone);
        m_prev.resize(m_where.size(), kNil);
        m_next.resize(m_where.size(), kNil);
    }
    assert(m_where[n] == kNone && "a block is in one TLSF list at most");
    const List list = listOf(size);
    const std::uint32_t i = index(list);
    m_where[n] = i;
    m_prev[n] = kNil;
    m_next[n] = m_heads[i];
    if (m_heads[i] != kNil)
        m_prev[m_heads[i]] = n;
    m_heads[i] = n;
    m_secondLevel[list.f] |= std::uint64_t{1} << list.l;
    m_firstLevel |= std::uint64_t{1} << list.f;
    m_largest.set(n, size);
}

void TlsfLists::erase(NodeIndex n)
{
    const std::uint32_t i = m_where[n];
    (m_prev[n] != kNil ? m_next[m_prev[n]] : m_heads[i]) = m_next[n];
    if (m_next[n] != kNil)
        m_prev[m_next[n]] = m_prev[n];
    m_where[n] = kNone;
    m_largest.set(n, 0);
    if (m_heads[i] == kNil) { // the list is empty now: its bits go
        const unsigned f = i >> m_slLog2, l = i & ((1u << m_slLog2) - 1);
        m_secondLevel[f] &= ~(std::uint64_t{1} << l);
        if (m_secondLevel[f] == 0)
            m_firstLevel &= ~(std::uint64_t{1} << f);
    }
}

TlsfLists::Found TlsfLists::find(Size need) const
{
    const List from = listFor(need);
    if (from.f >= kFirstLevels)
        return {kNil, 2, {}};
    // Lists l' >= l of the first level f: one probe of its bitmap.
    const std::uint64_t here = from.l >= 64 ? 0 : m_secondLevel[from.f] & (~std::uint64_t{0} << from.l);
    if (here != 0) {
        const List at{from.f, unsigned(std::countr_zero(here))};
        return {m_heads[index(at)], 1, at};
    }
    // Else the lowest non-empty list of the next first level that has one.
    const std::uint64_t above = from.f + 1 >= 64 ? 0 : m_firstLevel & (~std::uint64_t{0} << (from.f + 1));
    if (above == 0)
        return {kNil, 2, {}};
    const unsigned f = unsigned(std::countr_zero(above));
    const List at{f, unsigned(std::countr_zero(m_secondLevel[f]))};
    return {m_heads[index(at)], 3, at};
}

std::vector<std::vector<NodeIndex>> TlsfLists::lists() const
{
    std::vector<std::vector<NodeIndex>> out;
    for (NodeIndex head : m_heads) {
        if (head == kNil)
            continue;
        out.emplace_back();
        for (NodeIndex n = head; n != kNil; n = m_next[n])
            out.back().push_back(n);
    }
    return out;
}

std::vector<std::vector<std::optional<std::uint64_t>>> TlsfLists::nonEmpty() const
{
    std::vector<std::vector<std::optional<std::uint64_t>>> rows;
    for (std::uint32_t i = 0; i < m_heads.size(); ++i) {
        std::uint64_t count = 0;
        for (NodeIndex n = m_heads[i]; n != kNil; n = m_next[n])
            ++count;
        if (count)
            rows.push_back({i >> m_slLog2, i & ((1u << m_slLog2) - 1), count});
    }
    return rows;
}

std::string TlsfLists::checkInvariants(const std::vector<Size>& sizeOfNode) const
{
    for (std::uint32_t i = 0; i < m_heads.size(); ++i) {
        const unsigned f = i >> m_slLog2, l = i & ((1u << m_slLog2) - 1);
        const bool bit = (m_secondLevel[f] >> l) & 1;
        if (bit != (m_heads[i] != kNil))
            return "tlsf: the second-level bitmap of (" + std::to_string(f) + ", " + std::to_string(l)
                   + ") disagrees with its list";
        for (NodeIndex n = m_heads[i], prev = kNil; n != kNil; prev = n, n = m_next[n]) {
            if (m_prev[n] != prev || m_where[n] != i)
                return "tlsf: a list's links are broken";
            if (index(listOf(sizeOfNode[n])) != i)
                return "tlsf: a free block of " + std::to_string(sizeOfNode[n]) + " bytes is in the wrong list";
        }
    }
    for (unsigned f = 0; f < kFirstLevels; ++f)
        if (((m_firstLevel >> f) & 1) != (m_secondLevel[f] != 0))
            return "tlsf: the first-level bitmap disagrees at level " + std::to_string(f);
    return {};
}

} // namespace heapviz
