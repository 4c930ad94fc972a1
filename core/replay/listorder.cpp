#include "core/replay/listorder.h"

#include <algorithm>

namespace heapviz {

ListOrder::ListOrder(const std::vector<std::vector<Address>>& lists)
{
    // Tails first, so that each head gets the highest stamp of its list.
    for (const auto& list : lists)
        for (auto it = list.rbegin(); it != list.rend(); ++it)
            m_stamps[it->value()] = ++m_clock;
}

void ListOrder::apply(const Event& event)
{
    if (const auto* listed = std::get_if<Listed>(&event))
        m_stamps[listed->at.value()] = ++m_clock;
}

std::uint64_t ListOrder::stamp(Address at) const
{
    const auto it = m_stamps.find(at.value());
    return it == m_stamps.end() ? 0 : it->second;
}

std::vector<std::vector<Address>> ListOrder::lists(const BlockLayout& layout) const
{
    if (m_stamps.empty())
        return {};
    std::vector<std::pair<std::uint64_t, Address>> free;
    for (const auto& [at, block] : layout.map())
        if (!block.used)
            free.emplace_back(stamp(at), at);
    std::sort(free.begin(), free.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<Address> list;
    for (const auto& f : free)
        list.push_back(f.second);
    return {list};
}

} // namespace heapviz
