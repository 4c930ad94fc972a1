#include "core/replay/blockmap.h"

#include <algorithm>

namespace heapviz {

namespace {
bool entryBefore(const BlockMap::value_type& e, Address a) { return e.first < a; }
bool addressBefore(Address a, const BlockMap::value_type& e) { return a < e.first; }
} // namespace

BlockMap::const_iterator& BlockMap::const_iterator::operator++()
{
    if (++m_index == m_map->m_runs[m_run].size()) {
        ++m_run;
        m_index = 0;
    }
    return *this;
}

BlockMap::const_iterator& BlockMap::const_iterator::operator--()
{
    if (m_index == 0) {
        --m_run;
        m_index = m_map->m_runs[m_run].size();
    }
    --m_index;
    return *this;
}

// The run that holds (or would hold) address `at`.
std::size_t BlockMap::runFor(Address at) const
{
    auto it = std::upper_bound(m_firsts.begin(), m_firsts.end(), at);
    return it == m_firsts.begin() ? 0 : std::size_t(it - m_firsts.begin() - 1);
}

// Past the end of a run is the start of the next one.
BlockMap::const_iterator BlockMap::normalized(std::size_t run, std::size_t index) const
{
    if (run < m_runs.size() && index == m_runs[run].size())
        return {this, run + 1, 0};
    return {this, run, index};
}

BlockMap::const_iterator BlockMap::lower_bound(Address at) const
{
    if (m_runs.empty())
        return end();
    const std::size_t r = runFor(at);
    const auto& run = m_runs[r];
    return normalized(r, std::size_t(std::lower_bound(run.begin(), run.end(), at, entryBefore) - run.begin()));
}

BlockMap::const_iterator BlockMap::upper_bound(Address at) const
{
    if (m_runs.empty())
        return end();
    const std::size_t r = runFor(at);
    const auto& run = m_runs[r];
    return normalized(r, std::size_t(std::upper_bound(run.begin(), run.end(), at, addressBefore) - run.begin()));
}

BlockMap::const_iterator BlockMap::find(Address at) const
{
    const auto it = lower_bound(at);
    return it != end() && it->first == at ? it : end();
}

LayoutBlock* BlockMap::get(Address at)
{
    if (m_runs.empty())
        return nullptr;
    auto& run = m_runs[runFor(at)];
    auto it = std::lower_bound(run.begin(), run.end(), at, entryBefore);
    return it != run.end() && it->first == at ? &it->second : nullptr;
}

bool BlockMap::insert(Address at, const LayoutBlock& block)
{
    if (m_runs.empty()) {
        m_runs.push_back({{at, block}});
        m_firsts.push_back(at);
        m_size = 1;
        return true;
    }
    const std::size_t r = runFor(at);
    auto& run = m_runs[r];
    auto it = std::lower_bound(run.begin(), run.end(), at, entryBefore);
    if (it != run.end() && it->first == at)
        return false;
    run.insert(it, {at, block});
    m_firsts[r] = run.front().first;
    ++m_size;
    if (run.size() == 2 * kRun) { // split a full run in two
        std::vector<value_type> upper(run.begin() + kRun, run.end());
        run.resize(kRun);
        m_firsts.insert(m_firsts.begin() + std::ptrdiff_t(r) + 1, upper.front().first);
        m_runs.insert(m_runs.begin() + std::ptrdiff_t(r) + 1, std::move(upper));
    }
    return true;
}

bool BlockMap::erase(Address at)
{
    if (m_runs.empty())
        return false;
    const std::size_t r = runFor(at);
    auto& run = m_runs[r];
    auto it = std::lower_bound(run.begin(), run.end(), at, entryBefore);
    if (it == run.end() || it->first != at)
        return false;
    run.erase(it);
    --m_size;
    if (run.empty()) {
        m_runs.erase(m_runs.begin() + std::ptrdiff_t(r));
        m_firsts.erase(m_firsts.begin() + std::ptrdiff_t(r));
    } else {
        m_firsts[r] = run.front().first;
    }
    return true;
}

void BlockMap::clear()
{
    m_runs.clear();
    m_firsts.clear();
    m_size = 0;
}

BigVector<BlockMap::value_type> BlockMap::flatten() const
{
    BigVector<value_type> flat;
    flat.reserve(m_size);
    for (const auto& run : m_runs)
        flat.insert(flat.end(), run.begin(), run.end());
    return flat;
}

void BlockMap::assign(const BigVector<value_type>& flat)
{
    clear();
    // Runs half full, like freshly split ones: room to grow either way.
    for (std::size_t i = 0; i < flat.size(); i += kRun) {
        const std::size_t end = std::min(flat.size(), i + kRun);
        m_runs.emplace_back(flat.begin() + std::ptrdiff_t(i), flat.begin() + std::ptrdiff_t(end));
        m_firsts.push_back(flat[i].first);
    }
    m_size = flat.size();
}

bool operator==(const BlockMap& a, const BlockMap& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

} // namespace heapviz
