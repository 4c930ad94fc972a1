#include "core/alloc/boundary/addressranks.h"

#include <algorithm>
#include <bit>
#include <cassert>

namespace heapviz {

AddressRanks::AddressRanks(Address base, Size minBlock)
    : m_base(base), m_shift(unsigned(std::bit_width(std::max<Size>(minBlock, 1))) - 1)
{
}

std::uint32_t AddressRanks::bitsIn(std::size_t line) const
{
    std::uint32_t n = 0;
    for (std::size_t w = line * kWordsPerLine; w < (line + 1) * kWordsPerLine; ++w)
        n += unsigned(std::popcount(m_bits[w]));
    return n;
}

namespace {
// The sum of counts[first, last).
template <class Count> std::uint32_t sumOf(const std::vector<Count>& counts, std::size_t first, std::size_t last)
{
    std::uint32_t sum = 0;
    for (std::size_t i = first; i < last; ++i)
        sum += counts[i];
    return sum;
}
} // namespace

// The bits set in the lines before `line`: whole 4,096-line stretches, then
// whole 64-line blocks of its stretch, then the lines of its block.
std::uint32_t AddressRanks::countBeforeLine(std::size_t line) const
{
    const std::size_t block = line / kLinesPerBlock;
    const std::size_t super = block / kBlocksPerSuper;
    return sumOf(m_perSuper, 0, super) + sumOf(m_perBlock, super * kBlocksPerSuper, block)
           + sumOf(m_perLine, block * kLinesPerBlock, line);
}

void AddressRanks::addToLine(std::size_t line, int delta)
{
    m_perLine[line] = std::uint16_t(m_perLine[line] + delta);
    m_perBlock[line / kLinesPerBlock] += std::uint32_t(delta);
    m_perSuper[line / (kLinesPerBlock * kBlocksPerSuper)] += std::uint32_t(delta);
}

// A growing heap reaches further: the lines at least double (so that this is
// rare); the new lines hold no starts, so every count stands.
void AddressRanks::makeRoomFor(std::size_t granule)
{
    const std::size_t line = lineOf(granule);
    if (line < lines())
        return;
    const std::size_t count = std::max(line + 1, 2 * lines());
    m_bits.resize(count * kWordsPerLine, 0);
    m_perLine.resize(count, 0);
    m_perBlock.resize((count + kLinesPerBlock - 1) / kLinesPerBlock, 0);
    m_perSuper.resize((count + kLinesPerBlock * kBlocksPerSuper - 1) / (kLinesPerBlock * kBlocksPerSuper), 0);
}

bool AddressRanks::insert(Address at)
{
    assert(at >= m_base);
    const std::size_t g = granuleOf(at);
    if (g >= kMaxGranules)
        return false;
    makeRoomFor(g);
    std::uint64_t& word = m_bits[g / 64];
    ++m_count;
    if (word & bitOf(g)) {
        m_shared.push_back(g);
        return true;
    }
    word |= bitOf(g);
    addToLine(lineOf(g), +1);
    return true;
}

void AddressRanks::erase(Address at)
{
    assert(holds(at) && "no free block starts there");
    const std::size_t g = granuleOf(at);
    --m_count;
    if (const auto shared = std::find(m_shared.begin(), m_shared.end(), g); shared != m_shared.end())
        return void(m_shared.erase(shared)); // the granule still holds the other block's start
    m_bits[g / 64] &= ~bitOf(g);
    addToLine(lineOf(g), -1);
}

bool AddressRanks::move(Address from, Address to)
{
    assert(holds(from) && to >= m_base);
    const std::size_t g = granuleOf(from), h = granuleOf(to);
    if (h >= kMaxGranules || lineOf(g) != lineOf(h) || !m_shared.empty() || (m_bits[h / 64] & bitOf(h))) {
        erase(from);
        return insert(to);
    }
    m_bits[g / 64] &= ~bitOf(g);
    m_bits[h / 64] |= bitOf(h);
    return true;
}

bool AddressRanks::holds(Address at) const
{
    if (at < m_base)
        return false;
    const std::size_t g = granuleOf(at);
    return g / 64 < m_bits.size() && (m_bits[g / 64] & bitOf(g));
}

// The lines before at's, the words of its line before its word, and the bits
// of its word below its own.
std::uint32_t AddressRanks::countBelow(Address at) const
{
    assert(m_shared.empty() && "a count is asked for between a realloc's steps");
    if (at <= m_base)
        return 0;
    const std::size_t g = granuleOf(at);
    if (g / 64 >= m_bits.size())
        return m_count;
    const std::size_t line = lineOf(g);
    std::uint32_t n = countBeforeLine(line);
    for (std::size_t w = line * kWordsPerLine; w < g / 64; ++w)
        n += unsigned(std::popcount(m_bits[w]));
    return n + unsigned(std::popcount(m_bits[g / 64] & (bitOf(g) - 1)));
}

std::string AddressRanks::checkInvariants() const
{
    std::uint32_t total = 0;
    for (std::size_t line = 0; line < lines(); ++line) {
        if (m_perLine[line] != bitsIn(line))
            return "address ranks: line " + std::to_string(line) + " counts " + std::to_string(m_perLine[line])
                   + " starts, not " + std::to_string(bitsIn(line));
        if (countBeforeLine(line) != total)
            return "address ranks: the count before line " + std::to_string(line) + " is "
                   + std::to_string(countBeforeLine(line)) + ", not " + std::to_string(total);
        total += bitsIn(line);
    }
    if (sumOf(m_perBlock, 0, m_perBlock.size()) != total || sumOf(m_perSuper, 0, m_perSuper.size()) != total)
        return "address ranks: the counts per 64 or per 4,096 lines do not add up to the starts";
    if (!m_shared.empty())
        return "address ranks: two free blocks start in one granule";
    if (total != m_count)
        return "address ranks: " + std::to_string(total) + " bits set for " + std::to_string(m_count) + " blocks";
    return {};
}

} // namespace heapviz
