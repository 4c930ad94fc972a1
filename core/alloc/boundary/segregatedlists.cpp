#include "core/alloc/boundary/segregatedlists.h"

#include <algorithm>

namespace heapviz {

SegregatedLists::SegregatedLists(std::vector<Size> bounds, bool lifo)
    : m_bounds(std::move(bounds))
    , m_lifo(lifo)
    , m_lists(m_bounds.size() + 1, FreeTree(FreeTree::Order::ByAddress))
{
}

std::vector<Size> SegregatedLists::defaultBounds(Size minBlock)
{
    std::vector<Size> bounds;
    for (Size b = minBlock; b > 0 && b <= 4096; b *= 2)
        bounds.push_back(b);
    return bounds;
}

std::size_t SegregatedLists::classOf(Size size) const
{
    return std::size_t(std::lower_bound(m_bounds.begin(), m_bounds.end(), size) - m_bounds.begin());
}

// Address order keys by address; LIFO by the stamp turned round, so that the
// newest block has the lowest key and comes first.
Address SegregatedLists::keyFor(NodeIndex, Address at)
{
    return m_lifo ? Address(~++m_clock) : at;
}

void SegregatedLists::insert(NodeIndex n, Address at, Size size)
{
    if (n >= m_classOf.size())
        m_classOf.resize(std::size_t(n) + 1, kNone);
    const std::size_t cls = classOf(size);
    m_classOf[n] = std::uint32_t(cls);
    m_lists[cls].insert(n, keyFor(n, at), size);
}

void SegregatedLists::erase(NodeIndex n)
{
    m_lists[m_classOf[n]].erase(n);
    m_classOf[n] = kNone;
}

SegregatedLists::Found SegregatedLists::find(Size need) const
{
    Found out;
    for (std::size_t cls = classOf(need); cls < m_lists.size(); ++cls) {
        const FreeTree& list = m_lists[cls];
        const NodeIndex n = list.firstFit(Address(0), need);
        if (n == kNil) {
            out.examined += list.count(); // looked at every block of the class
            continue;
        }
        out.node = n;
        out.examined += list.countBelow(list.addressOf(n)) + 1;
        return out;
    }
    return out;
}

std::vector<NodeIndex> SegregatedLists::walk(Size need, std::size_t limit) const
{
    std::vector<NodeIndex> seen;
    for (std::size_t cls = classOf(need); cls < m_lists.size() && seen.size() < limit; ++cls) {
        bool found = false;
        m_lists[cls].forEachWhile([&](NodeIndex n) {
            seen.push_back(n);
            found = m_lists[cls].sizeOf(n) >= need;
            return !found && seen.size() < limit;
        });
        if (found)
            break;
    }
    return seen;
}

std::vector<NodeIndex> SegregatedLists::list(std::size_t cls) const
{
    std::vector<NodeIndex> out;
    m_lists[cls].forEach([&](NodeIndex n) { out.push_back(n); });
    return out;
}

std::string SegregatedLists::checkInvariants() const
{
    for (std::size_t cls = 0; cls < m_lists.size(); ++cls) {
        std::string wrong;
        m_lists[cls].forEach([&](NodeIndex n) {
            if (wrong.empty() && (classOf(m_lists[cls].sizeOf(n)) != cls || m_classOf[n] != cls))
                wrong = "segregated fits: a free block of " + std::to_string(m_lists[cls].sizeOf(n))
                        + " bytes is in class " + std::to_string(cls) + ", not its own";
        });
        if (!wrong.empty())
            return wrong;
        if (auto e = m_lists[cls].checkInvariants(); !e.empty())
            return "segregated fits, class " + std::to_string(cls) + ": " + e;
    }
    return {};
}

} // namespace heapviz
