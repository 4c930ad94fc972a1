#include "core/alloc/boundary/segregatedlists.h"

#include <algorithm>
#include <bit>

namespace heapviz {

SegregatedLists::SegregatedLists(std::vector<Size> bounds, bool lifo)
    : m_bounds(std::move(bounds)),
      m_lifo(lifo),
      m_lists(GroupedClasses(lifo ? ClassTree::Order::NewestFirst : ClassTree::Order::ByAddress))
{
    const auto order = lifo ? ClassTree::Order::NewestFirst : ClassTree::Order::ByAddress;
    if (classes() <= kTreeClasses)
        m_lists.emplace<ClassTree>(std::uint32_t(classes()), order);
    bool doubling = !m_bounds.empty() && std::has_single_bit(m_bounds[0]);
    for (std::size_t i = 1; doubling && i < m_bounds.size(); ++i)
        doubling = m_bounds[i] == 2 * m_bounds[i - 1];
    if (doubling)
        m_doublingFrom = int(std::countr_zero(m_bounds[0]));
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
    // b << k < size for k = 0 .. bit_width((size - 1) >> log2 b) - 1.
    if (m_doublingFrom >= 0 && size > 0)
        return std::uint32_t(std::min<std::size_t>(std::bit_width((size - 1) >> m_doublingFrom), m_bounds.size()));
    const Size* first = m_bounds.data();
    std::size_t n = m_bounds.size();
    while (n > 1) { // the class lies in [first, first + n]
        const std::size_t half = n / 2;
        first = first[half - 1] < size ? first + half : first;
        n -= half;
    }
    return std::uint32_t(first - m_bounds.data()) + (n == 1 && *first < size);
}

void SegregatedLists::insert(NodeIndex n, Address at, Size size)
{
    store([&](auto& lists) { lists.insert(n, at, size, classOf(size)); });
}

void SegregatedLists::erase(NodeIndex n)
{
    m_hint = store([&](auto& lists) { return lists.erase(n, m_hint); });
}

// By address the block keeps its place whatever its class; a LIFO block
// enters its list again, at the head.
void SegregatedLists::replace(NodeIndex from, NodeIndex to, Address at, Size size)
{
    if (!m_lifo)
        return store([&](auto& lists) { lists.replace(from, to, at, size, classOf(size), m_hint); });
    erase(from);
    insert(to, at, size);
}

void SegregatedLists::resize(NodeIndex n, Address at, Size size)
{
    if (!m_lifo)
        return store([&](auto& lists) { lists.resize(n, size, classOf(size), m_hint); });
    erase(n);
    insert(n, at, size);
}

// The walk passes every block of need's class up to the one taken; when
// none there fits, all of that class, then the head of the next class that
// has a block (every block of a larger class fits, so the classes between
// are empty).
SegregatedLists::Found SegregatedLists::find(Size need)
{
    return store([&](auto& lists) -> Found {
        const std::uint32_t cls = classOf(need);
        ClassTree::Hit hit = lists.firstIn(cls, need);
        std::uint32_t passed = hit.before;
        for (std::uint32_t next = cls + 1; hit.node == kNil && next < classes(); ++next)
            if (lists.count(next) > 0) {
                passed = lists.count(cls);
                hit = lists.firstIn(next, 1);
            }
        if (hit.node == kNil)
            return {kNil, lists.count(cls)};
        m_hint = hit.place;
        return {hit.node, passed + 1};
    });
}

// Not through store(): GCC 12 finds the lambda free of side effects (a
// prefetch has none) and drops the call, prefetch and all (segregated fits
// 7% slower).
void SegregatedLists::prefetch(NodeIndex n) const
{
    if (const auto* tree = std::get_if<ClassTree>(&m_lists))
        tree->prefetch(n);
    else
        std::get_if<GroupedClasses>(&m_lists)->prefetch(n);
}

bool SegregatedLists::contains(NodeIndex n) const
{
    return store([&](const auto& lists) { return lists.contains(n); });
}

Size SegregatedLists::largest() const
{
    return store([](const auto& lists) { return lists.largest(); });
}

std::uint32_t SegregatedLists::count(std::uint32_t cls) const
{
    return store([&](const auto& lists) { return lists.count(cls); });
}

std::vector<NodeIndex> SegregatedLists::walk(Size need, std::size_t limit) const
{
    std::vector<NodeIndex> seen;
    store([&](const auto& lists) {
        for (std::uint32_t cls = classOf(need); cls < classes() && seen.size() < limit; ++cls) {
            bool fits = false;
            lists.forEachIn(cls, [&](NodeIndex n) {
                seen.push_back(n);
                fits = lists.sizeOf(n) >= need;
                return !fits && seen.size() < limit;
            });
            if (fits)
                break;
        }
    });
    return seen;
}

std::vector<std::vector<NodeIndex>> SegregatedLists::lists() const
{
    std::vector<std::vector<NodeIndex>> out(classes());
    store([&](const auto& lists) { lists.forEach([&](NodeIndex n) { out[lists.classOf(n)].push_back(n); }); });
    return out;
}

std::string SegregatedLists::checkInvariants() const
{
    return store([&](const auto& lists) -> std::string {
        std::string wrong;
        lists.forEach([&](NodeIndex n) {
            const Size size = lists.sizeOf(n);
            if (wrong.empty() && classOf(size) != lists.classOf(n))
                wrong = "segregated fits: a free block of " + std::to_string(size) + " bytes is in class "
                        + std::to_string(lists.classOf(n)) + ", not its own";
        });
        if (!wrong.empty())
            return wrong;
        if (auto e = lists.checkInvariants(); !e.empty())
            return "segregated fits: " + e;
        return {};
    });
}

} // namespace heapviz
