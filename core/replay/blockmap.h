#pragma once
// BlockMap: a layout's blocks in address order, stored as the leaves of a
// B+-tree: sorted runs of fewer than 2 * kRun entries, with each run's first
// address in a small index. Lookups are two binary searches; an insert or
// erase shifts a few cache lines; and copying a whole layout (a checkpoint)
// copies a few hundred runs instead of allocating a node per block, which is
// what makes jumping about a long recording fast.
//
// A run keeps its addresses apart from its blocks, so that the search inside
// it reads 8-byte keys (half a KiB a run) rather than 48-byte pairs. Iterating
// therefore yields each entry as a pair made on the spot, an address and a
// reference to its block, not as a reference to a stored pair.
//
// It offers the part of std::map's interface that layouts use.

#include <array>
#include <cassert>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/model/bigvector.h"
#include "core/model/block.h"
#include "core/model/types.h"

namespace heapviz {

class BlockMap {
    struct Run;

public:
    using value_type = std::pair<Address, LayoutBlock>;
    // What iterating yields: the address, and the block where it is stored.
    using reference = std::pair<Address, const LayoutBlock&>;

    class const_iterator {
    public:
        using iterator_category = std::bidirectional_iterator_tag;
        using value_type = BlockMap::value_type;
        using difference_type = std::ptrdiff_t;
        using reference = BlockMap::reference;
        // So that it->first works on an entry made on the spot.
        struct pointer {
            reference entry;
            const reference* operator->() const { return &entry; }
        };

        const_iterator() = default;
        reference operator*() const;
        pointer operator->() const { return {**this}; }
        const_iterator& operator++();
        const_iterator& operator--();
        const_iterator operator++(int) { auto old = *this; ++*this; return old; }
        const_iterator operator--(int) { auto old = *this; --*this; return old; }
        friend bool operator==(const const_iterator& a, const const_iterator& b)
        {
            return a.m_run == b.m_run && a.m_index == b.m_index;
        }

    private:
        friend class BlockMap;
        const_iterator(const BlockMap* map, std::size_t run, std::size_t index)
            : m_map(map), m_run(run), m_index(index) {}
        const BlockMap* m_map = nullptr;
        std::size_t m_run = 0;
        std::size_t m_index = 0;
    };
    using iterator = const_iterator;

    BlockMap();
    BlockMap(const BlockMap& other);
    BlockMap& operator=(const BlockMap& other);
    BlockMap(BlockMap&&) noexcept;
    BlockMap& operator=(BlockMap&&) noexcept;
    ~BlockMap();

    const_iterator begin() const { return {this, 0, 0}; }
    const_iterator end() const { return {this, m_runs.size(), 0}; }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    const_iterator find(Address at) const;
    const_iterator lower_bound(Address at) const; // first block at or after `at`
    const_iterator upper_bound(Address at) const; // first block after `at`

    // The block starting at `at`, or nullptr.
    LayoutBlock* get(Address at);
    // False (and nothing changes) if a block already starts at `at`.
    bool insert(Address at, const LayoutBlock& block);
    // False if no block starts at `at`.
    bool erase(Address at);
    void clear();

    // A block after every other (how a whole layout is built from a
    // checkpoint): no search, and runs half full, like freshly split ones,
    // with room to grow either way.
    void append(Address at, const LayoutBlock& block);

    // The blocks as one flat array in address order (a checkpoint), and back.
    BigVector<value_type> flatten() const;
    void assign(const BigVector<value_type>& flat);

    // Empty when the runs are sound; else which invariant is broken.
    std::string checkInvariants() const;

    friend bool operator==(const BlockMap& a, const BlockMap& b);

private:
    // 32 measured a little faster than 16, 64 or 128 (one lane jumping about
    // a 1M-operation Larson recording): less to shift on an insert or erase,
    // for a longer index of first addresses.
    static constexpr std::size_t kRun = 32;
    static constexpr std::size_t kCapacity = 2 * kRun; // a run splits when it fills up

    struct Run {
        std::size_t size = 0;
        std::array<Address, kCapacity> keys;
        std::array<LayoutBlock, kCapacity> blocks;
    };

    std::size_t runFor(Address at) const;
    std::size_t runForChange(Address at);
    bool holds(std::size_t run, Address at) const;
    std::size_t indexIn(const Run& run, Address at) const;
    const_iterator normalized(std::size_t run, std::size_t index) const;
    std::unique_ptr<Run> newRun();
    void insertRun(std::size_t at, std::unique_ptr<Run> run);
    void eraseRun(std::size_t at);
    void splitRun(std::size_t r);
    void appendRun(Address at, const LayoutBlock& block);

    std::vector<std::unique_ptr<Run>> m_runs;
    std::vector<Address> m_firsts; // m_firsts[r]: the first address of run r
    std::size_t m_size = 0;
    // The run the last change went to: an operation's events (split a block,
    // insert the remainder, mark the block used) mostly touch one run, so
    // it is tried before the search over all runs.
    std::size_t m_finger = 0;
    // Runs emptied (by clear, erase or assign) kept for reuse, so that
    // restoring a checkpoint allocates nothing once the map has been as big.
    std::vector<std::unique_ptr<Run>> m_spare;
};

inline BlockMap::reference BlockMap::const_iterator::operator*() const
{
    const Run& run = *m_map->m_runs[m_run];
    return {run.keys[m_index], run.blocks[m_index]};
}

// Inline, as is PackedLayout::Reader::next: a jump restores tens of
// thousands of blocks, and the two calls a block took were a sixth of it.
inline void BlockMap::append(Address at, const LayoutBlock& block)
{
    assert((m_runs.empty() || m_runs.back()->keys[m_runs.back()->size - 1] < at)
           && "append puts a block after every other");
    if (m_runs.empty() || m_runs.back()->size >= kRun)
        return appendRun(at, block);
    Run& run = *m_runs.back();
    run.keys[run.size] = at;
    run.blocks[run.size] = block;
    ++run.size;
    ++m_size;
}

} // namespace heapviz
