#include "core/replay/blockmap.h"

#include <algorithm>
#include <cassert>

namespace heapviz {

namespace {
// How many of the n sorted addresses at `keys` are below `at` (or at most
// `at`, when `orEqual`). A binary search whose halving is a conditional move
// rather than a branch: which way a search for a random address goes cannot
// be predicted, and a mispredicted branch a step cost more than the search.
template <bool orEqual> std::size_t countBelow(const Address* keys, std::size_t n, Address at)
{
    if (n == 0)
        return 0;
    const auto below = [at](Address key) { return orEqual ? key <= at : key < at; };
    const Address* base = keys;
    while (n > 1) {
        const std::size_t half = n / 2;
        base = below(base[half]) ? base + half : base;
        n -= half;
    }
    return std::size_t(base - keys) + (below(*base) ? 1 : 0);
}
} // namespace

BlockMap::const_iterator& BlockMap::const_iterator::operator++()
{
    if (++m_index == m_map->m_runs[m_run]->size) {
        ++m_run;
        m_index = 0;
    }
    return *this;
}

BlockMap::const_iterator& BlockMap::const_iterator::operator--()
{
    if (m_index == 0) {
        --m_run;
        m_index = m_map->m_runs[m_run]->size;
    }
    --m_index;
    return *this;
}

BlockMap::BlockMap() = default;
BlockMap::BlockMap(BlockMap&&) noexcept = default;
BlockMap& BlockMap::operator=(BlockMap&&) noexcept = default;
BlockMap::~BlockMap() = default;

BlockMap::BlockMap(const BlockMap& other)
{
    *this = other;
}

// Copies the runs (reusing this map's), not the spare ones nor the finger.
BlockMap& BlockMap::operator=(const BlockMap& other)
{
    if (this == &other)
        return *this;
    clear();
    for (const auto& run : other.m_runs) {
        auto copy = newRun();
        *copy = *run;
        m_runs.push_back(std::move(copy));
    }
    m_firsts = other.m_firsts;
    m_size = other.m_size;
    return *this;
}

// The run that holds (or would hold) address `at`.
std::size_t BlockMap::runFor(Address at) const
{
    const std::size_t atMostAt = countBelow<true>(m_firsts.data(), m_firsts.size(), at);
    return atMostAt == 0 ? 0 : atMostAt - 1;
}

// Whether runFor(at) is `run`, without the search.
bool BlockMap::holds(std::size_t run, Address at) const
{
    return run < m_firsts.size() && (run == 0 || m_firsts[run] <= at)
           && (run + 1 == m_firsts.size() || at < m_firsts[run + 1]);
}

// runFor, trying the run of the last change first; for the changes only, so
// that reading a map from several threads writes nothing.
std::size_t BlockMap::runForChange(Address at)
{
    if (!holds(m_finger, at))
        m_finger = runFor(at);
    return m_finger;
}

// Where `at` is (or would go) in a run.
std::size_t BlockMap::indexIn(const Run& run, Address at) const
{
    return countBelow<false>(run.keys.data(), run.size, at);
}

// Past the end of a run is the start of the next one.
BlockMap::const_iterator BlockMap::normalized(std::size_t run, std::size_t index) const
{
    if (run < m_runs.size() && index == m_runs[run]->size)
        return {this, run + 1, 0};
    return {this, run, index};
}

BlockMap::const_iterator BlockMap::lower_bound(Address at) const
{
    if (m_runs.empty())
        return end();
    const std::size_t r = runFor(at);
    return normalized(r, indexIn(*m_runs[r], at));
}

BlockMap::const_iterator BlockMap::upper_bound(Address at) const
{
    if (m_runs.empty())
        return end();
    const std::size_t r = runFor(at);
    const Run& run = *m_runs[r];
    const std::size_t i = indexIn(run, at);
    return normalized(r, i < run.size && run.keys[i] == at ? i + 1 : i);
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
    Run& run = *m_runs[runForChange(at)];
    const std::size_t i = indexIn(run, at);
    return i < run.size && run.keys[i] == at ? &run.blocks[i] : nullptr;
}

bool BlockMap::insert(Address at, const LayoutBlock& block)
{
    if (m_runs.empty()) {
        append(at, block);
        return true;
    }
    const std::size_t r = runForChange(at);
    Run& run = *m_runs[r];
    const std::size_t i = indexIn(run, at);
    if (i < run.size && run.keys[i] == at)
        return false;
    std::copy_backward(run.keys.begin() + std::ptrdiff_t(i), run.keys.begin() + std::ptrdiff_t(run.size),
                       run.keys.begin() + std::ptrdiff_t(run.size) + 1);
    std::copy_backward(run.blocks.begin() + std::ptrdiff_t(i), run.blocks.begin() + std::ptrdiff_t(run.size),
                       run.blocks.begin() + std::ptrdiff_t(run.size) + 1);
    run.keys[i] = at;
    run.blocks[i] = block;
    ++run.size;
    m_firsts[r] = run.keys[0];
    ++m_size;
    if (run.size == kCapacity)
        splitRun(r);
    return true;
}

// Moves the upper half of full run r into a new run after it.
void BlockMap::splitRun(std::size_t r)
{
    Run& lower = *m_runs[r];
    auto upper = newRun();
    std::copy(lower.keys.begin() + kRun, lower.keys.end(), upper->keys.begin());
    std::copy(lower.blocks.begin() + kRun, lower.blocks.end(), upper->blocks.begin());
    upper->size = kCapacity - kRun;
    lower.size = kRun;
    insertRun(r + 1, std::move(upper));
}

bool BlockMap::erase(Address at)
{
    if (m_runs.empty())
        return false;
    const std::size_t r = runForChange(at);
    Run& run = *m_runs[r];
    const std::size_t i = indexIn(run, at);
    if (i == run.size || run.keys[i] != at)
        return false;
    std::copy(run.keys.begin() + std::ptrdiff_t(i) + 1, run.keys.begin() + std::ptrdiff_t(run.size),
              run.keys.begin() + std::ptrdiff_t(i));
    std::copy(run.blocks.begin() + std::ptrdiff_t(i) + 1, run.blocks.begin() + std::ptrdiff_t(run.size),
              run.blocks.begin() + std::ptrdiff_t(i));
    --run.size;
    --m_size;
    if (run.size == 0)
        eraseRun(r);
    else
        m_firsts[r] = run.keys[0];
    return true;
}

void BlockMap::clear()
{
    for (auto& run : m_runs)
        m_spare.push_back(std::move(run));
    m_runs.clear();
    m_firsts.clear();
    m_size = 0;
}

// A new last run, starting with `at`.
void BlockMap::appendRun(Address at, const LayoutBlock& block)
{
    auto run = newRun();
    run->keys[0] = at;
    run->blocks[0] = block;
    run->size = 1;
    insertRun(m_runs.size(), std::move(run));
    ++m_size;
}

// An empty run: a spare one if there is one.
std::unique_ptr<BlockMap::Run> BlockMap::newRun()
{
    if (m_spare.empty())
        return std::make_unique<Run>();
    auto run = std::move(m_spare.back());
    m_spare.pop_back();
    run->size = 0;
    return run;
}

void BlockMap::insertRun(std::size_t at, std::unique_ptr<Run> run)
{
    m_firsts.insert(m_firsts.begin() + std::ptrdiff_t(at), run->size ? run->keys[0] : Address());
    m_runs.insert(m_runs.begin() + std::ptrdiff_t(at), std::move(run));
}

void BlockMap::eraseRun(std::size_t at)
{
    m_spare.push_back(std::move(m_runs[at]));
    m_runs.erase(m_runs.begin() + std::ptrdiff_t(at));
    m_firsts.erase(m_firsts.begin() + std::ptrdiff_t(at));
}

BigVector<BlockMap::value_type> BlockMap::flatten() const
{
    BigVector<value_type> flat;
    flat.reserve(m_size);
    for (const auto& [at, block] : *this)
        flat.emplace_back(at, block);
    return flat;
}

void BlockMap::assign(const BigVector<value_type>& flat)
{
    clear();
    for (const auto& [at, block] : flat)
        append(at, block);
}

std::string BlockMap::checkInvariants() const
{
    if (m_firsts.size() != m_runs.size())
        return "block map: not one first address per run";
    std::size_t total = 0;
    const Address* previous = nullptr;
    for (std::size_t r = 0; r < m_runs.size(); ++r) {
        const Run& run = *m_runs[r];
        if (run.size == 0 || run.size >= kCapacity)
            return "block map: a run is empty or full (full ones split)";
        if (m_firsts[r] != run.keys[0])
            return "block map: a run's first address in the index is stale";
        for (std::size_t i = 0; i < run.size; ++i) {
            if (previous && !(*previous < run.keys[i]))
                return "block map: addresses out of order";
            previous = &run.keys[i];
        }
        total += run.size;
    }
    if (total != m_size)
        return "block map: the size differs from the runs' entries";
    return {};
}

bool operator==(const BlockMap& a, const BlockMap& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) {
               return x.first == y.first && x.second == y.second;
           });
}

} // namespace heapviz
