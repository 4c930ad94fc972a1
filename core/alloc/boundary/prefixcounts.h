#pragma once
// PrefixCounts: a row of small counts (at most 65,535 each) and how many
// they add up to before any of them, kept at three scales: each count, each
// 64 counts' sum, each 4,096 counts' sum. A change is three additions; a sum
// before an item adds at most (items / 4,096) + 63 + 63 numbers, in runs
// that the compiler adds several at a time. For indexes whose counts change
// several times an operation and are summed far less often (best fit's
// AddressRanks, segregated fits' ClassTree), where a Fenwick or segment tree
// made every change climb ~15 levels.

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <vector>

namespace heapviz {

class PrefixCounts {
public:
    std::size_t size() const { return m_items.size(); }

    // Items [0, n), n at least size(): the new ones 0.
    void grow(std::size_t n)
    {
        assert(n >= size());
        fit(n);
    }

    std::uint32_t at(std::size_t i) const { return m_items[i]; }

    // Item i's count goes up by delta (down, if negative).
    void add(std::size_t i, int delta)
    {
        m_items[i] = std::uint16_t(m_items[i] + delta);
        m_blocks[i / kPerBlock] += std::uint32_t(delta);
        m_supers[i / kPerSuper] += std::uint32_t(delta);
        m_total += std::uint32_t(delta);
    }

    // The sum of items [0, i).
    std::uint32_t before(std::size_t i) const
    {
        const std::size_t block = i / kPerBlock;
        const std::size_t super = i / kPerSuper;
        return sumOf(m_supers, 0, super) + sumOf(m_blocks, super * kBlocksPerSuper, block)
               + sumOf(m_items, block * kPerBlock, i);
    }

    std::uint32_t total() const { return m_total; }

    // Items [0, n), those from `first` on given anew by countOf(i) (the rest
    // as they were): when the items from there on moved, as a chunk's slot
    // does when a chunk before it comes or goes.
    template <class F> void rewrite(std::size_t first, std::size_t n, F&& countOf)
    {
        assert(first <= n);
        fit(n);
        for (std::size_t i = first; i < n; ++i)
            m_items[i] = std::uint16_t(countOf(i));
        const std::size_t firstBlock = first / kPerBlock;
        for (std::size_t b = firstBlock; b < m_blocks.size(); ++b)
            m_blocks[b] = sumOf(m_items, b * kPerBlock, std::min(n, (b + 1) * kPerBlock));
        for (std::size_t s = first / kPerSuper; s < m_supers.size(); ++s)
            m_supers[s] = sumOf(m_blocks, s * kBlocksPerSuper, std::min(m_blocks.size(), (s + 1) * kBlocksPerSuper));
        m_total = sumOf(m_supers, 0, m_supers.size());
    }

    // Empty when the sums at each scale are the items'; else what is wrong.
    const char* check() const
    {
        for (std::size_t b = 0; b < m_blocks.size(); ++b)
            if (m_blocks[b] != sumOf(m_items, b * kPerBlock, std::min(size(), (b + 1) * kPerBlock)))
                return "a sum of 64 counts differs from its counts";
        for (std::size_t s = 0; s < m_supers.size(); ++s)
            if (m_supers[s] != sumOf(m_blocks, s * kBlocksPerSuper, std::min(m_blocks.size(), (s + 1) * kBlocksPerSuper)))
                return "a sum of 4,096 counts differs from its counts";
        if (m_total != sumOf(m_supers, 0, m_supers.size()))
            return "the total differs from the counts";
        return "";
    }

private:
    static constexpr std::size_t kPerBlock = 64;
    static constexpr std::size_t kBlocksPerSuper = 64;
    static constexpr std::size_t kPerSuper = kPerBlock * kBlocksPerSuper;

    void fit(std::size_t n)
    {
        m_items.resize(n, 0);
        m_blocks.resize((n + kPerBlock - 1) / kPerBlock, 0);
        m_supers.resize((n + kPerSuper - 1) / kPerSuper, 0);
    }

    template <class Count> static std::uint32_t sumOf(const std::vector<Count>& counts, std::size_t first, std::size_t last)
    {
        std::uint32_t sum = 0;
        for (std::size_t i = first; i < last; ++i)
            sum += counts[i];
        return sum;
    }

    std::vector<std::uint16_t> m_items;
    std::vector<std::uint32_t> m_blocks;
    std::vector<std::uint32_t> m_supers;
    std::uint32_t m_total = 0;
};

} // namespace heapviz
