#include "core/alloc/boundary/segregatedlists.h"

#include <algorithm>

namespace heapviz {

SegregatedLists::SegregatedLists(std::vector<Size> bounds, bool lifo)
    : m_bounds(std::move(bounds)), m_lifo(lifo), m_tree(FreeTree::Order::ByAddress, lifo)
{
}

std::vector<Size> SegregatedLists::defaultBounds(Size minBlock)
{
    std::vector<Size> bounds;
    for (Size b = minBlock; b > 0 && b <= 4096; b *= 2)
        bounds.push_back(b);
    return bounds;
}

// The number of bounds below `size`, by a binary search without branches:
// asked two or three times an operation, with sizes that follow no pattern,
// std::lower_bound mispredicted about half its steps.
std::uint32_t SegregatedLists::classOf(Size size) const
{
    const Size* first = m_bounds.data();
    std::size_t n = m_bounds.size();
    while (n > 1) { // the class lies in [first, first + n]
        const std::size_t half = n / 2;
        first = first[half - 1] < size ? first + half : first;
        n -= half;
    }
    return std::uint32_t(first - m_bounds.data()) + (n == 1 && *first < size);
}

// Address order keys by address; LIFO by the stamp turned round, so that the
// newest block has the lowest key and comes first.
Address SegregatedLists::keyFor(Address at)
{
    return m_lifo ? Address(~++m_clock) : at;
}

void SegregatedLists::insert(NodeIndex n, Address at, Size size)
{
    m_tree.insert(n, keyFor(at), size, classOf(size));
}

void SegregatedLists::erase(NodeIndex n) { m_hint = m_tree.erase(n, m_hint); }

void SegregatedLists::replace(NodeIndex from, NodeIndex to, Address at, Size size)
{
    if (staysInPlace(from, size))
        return m_tree.replace(from, to, at, size, m_hint);
    erase(from);
    insert(to, at, size);
}

void SegregatedLists::resize(NodeIndex n, Address at, Size size)
{
    if (staysInPlace(n, size))
        return m_tree.resize(n, size, m_hint);
    erase(n);
    insert(n, at, size);
}

// The walk passes every block of the classes from need's up to the one
// taken, or all of them when none fits.
SegregatedLists::Found SegregatedLists::find(Size need)
{
    std::uint32_t below = 0; // the blocks of the classes before need's
    const NodeIndex n = m_tree.firstFit(Address(0), need, classOf(need), &m_hint, &below);
    const std::uint32_t passed = (n == kNil ? m_tree.count() : m_tree.rankOf(n, m_hint) + 1) - below;
    return {n, passed};
}

std::vector<NodeIndex> SegregatedLists::walk(Size need, std::size_t limit) const
{
    std::vector<NodeIndex> seen;
    if (limit == 0)
        return seen;
    m_tree.forEachWhile(
        [&](NodeIndex n) {
            seen.push_back(n);
            return m_tree.sizeOf(n) < need && seen.size() < limit;
        },
        classOf(need));
    return seen;
}

std::vector<std::vector<NodeIndex>> SegregatedLists::lists() const
{
    std::vector<std::vector<NodeIndex>> out(classes());
    m_tree.forEach([&](NodeIndex n) { out[m_tree.groupOf(n)].push_back(n); });
    return out;
}

std::string SegregatedLists::checkInvariants() const
{
    std::string wrong;
    m_tree.forEach([&](NodeIndex n) {
        const Size size = m_tree.sizeOf(n);
        if (wrong.empty() && classOf(size) != m_tree.groupOf(n))
            wrong = "segregated fits: a free block of " + std::to_string(size) + " bytes is in class "
                    + std::to_string(m_tree.groupOf(n)) + ", not its own";
    });
    if (!wrong.empty())
        return wrong;
    if (auto e = m_tree.checkInvariants(); !e.empty())
        return "segregated fits: " + e;
    return {};
}

} // namespace heapviz
