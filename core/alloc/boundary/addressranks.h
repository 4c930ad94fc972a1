#pragma once
// AddressRanks: how many free blocks start below an address, for best fit's
// `examined` (its walk over the address-ordered list stops at an exact fit,
// so the count is that block's rank by address).
//
// A bit per granule of the heap where a free block starts, and the bits set
// counted at three scales: per line of 512 granules (one cache line of
// bits), per 64 lines and per 4,096. Insert and erase change three counts;
// a count below an address adds at most 128 + 63 + 63 of them and the words
// of one line. Best fit changes starts two or three times an operation and
// asks a count only at an exact fit (about one malloc in three): a Fenwick
// tree, which made both O(log lines), cost best fit 3% more. Before either,
// best fit kept a second FreeTree by address, which cost it a third of its
// time.

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/bigvector.h"
#include "core/model/types.h"

namespace heapviz {

class AddressRanks {
public:
    // Blocks start at `base` or above. A free block is at least `minBlock`
    // bytes (heap-model.md: splits, growth and the heap itself never leave
    // less), so with a granule of the largest power of two not above it, no
    // two free blocks start in one granule: but for a moment inside a
    // realloc that grows into its right neighbour, which splits off a
    // smaller piece and absorbs it at once. Such a second start is kept
    // apart (m_shared) until one of the two goes; no count is asked for in
    // that moment.
    AddressRanks(Address base, Size minBlock);

    // A free block starts at `at`; none did. False, and nothing changes,
    // when `at` lies beyond the granules this keeps (kMaxGranules: 4 GiB
    // of heap in 16-byte granules, 32 MiB of bits), as a trace's huge
    // request can put it: the caller counts some other way from then on.
    [[nodiscard]] bool insert(Address at);
    // The free block at `at` is gone.
    void erase(Address at);
    // The free block at `from` now starts at `to` (its place handed on:
    // malloc's remainder, a freed block merged with its right neighbour).
    // Within one line of bits, as a block of a few KiB nearly always is,
    // only two bits change: the line's count, and the tree above it, stay.
    // False as insert() is.
    [[nodiscard]] bool move(Address from, Address to);
    // How many free blocks start below `at`.
    std::uint32_t countBelow(Address at) const;
    bool holds(Address at) const;
    std::uint32_t count() const { return m_count; }

    // Empty when the line sums agree with the bits; else what is wrong.
    std::string checkInvariants() const;

private:
    static constexpr std::size_t kWordsPerLine = 8; // 8 x 64 bits: one cache line
    static constexpr std::size_t kMaxGranules = std::size_t{1} << 28;

    static constexpr std::size_t kGranulesPerLine = 64 * kWordsPerLine;
    static constexpr std::size_t kLinesPerBlock = 64;
    static constexpr std::size_t kBlocksPerSuper = 64;

    std::size_t granuleOf(Address at) const { return std::size_t((at - m_base) >> m_shift); }
    static std::size_t lineOf(std::size_t granule) { return granule / kGranulesPerLine; }
    static std::uint64_t bitOf(std::size_t granule) { return std::uint64_t{1} << (granule % 64); }
    std::size_t lines() const { return m_bits.size() / kWordsPerLine; }
    std::uint32_t bitsIn(std::size_t line) const;
    std::uint32_t countBeforeLine(std::size_t line) const;
    void addToLine(std::size_t line, int delta);
    void makeRoomFor(std::size_t granule);

    Address m_base;
    unsigned m_shift;
    BigVector<std::uint64_t> m_bits;
    std::vector<std::uint16_t> m_perLine;  // bits set in each line (at most 512)
    std::vector<std::uint32_t> m_perBlock; // in each 64 lines
    std::vector<std::uint32_t> m_perSuper; // in each 4,096 lines
    std::vector<std::size_t> m_shared; // granules where a second free block starts, once for each
    std::uint32_t m_count = 0;
};

} // namespace heapviz
