#pragma once
// BlockMap: a layout's blocks in address order, stored as the leaves of a
// B+-tree: sorted runs of at most 2 * kRun entries, with each run's first
// address in a small index. Lookups are two binary searches; an insert or
// erase shifts a few cache lines; and copying a whole layout (a checkpoint)
// copies a few hundred runs instead of allocating a node per block, which is
// what makes jumping about a long recording fast.
//
// It offers the part of std::map's interface that layouts use.

#include <cstdint>
#include <iterator>
#include <utility>
#include <vector>

#include "core/model/bigvector.h"
#include "core/model/block.h"
#include "core/model/types.h"

namespace heapviz {

class BlockMap {
public:
    using value_type = std::pair<Address, LayoutBlock>;

    class const_iterator {
    public:
        using iterator_category = std::bidirectional_iterator_tag;
        using value_type = BlockMap::value_type;
        using difference_type = std::ptrdiff_t;
        using pointer = const value_type*;
        using reference = const value_type&;

        const_iterator() = default;
        reference operator*() const { return m_map->m_runs[m_run][m_index]; }
        pointer operator->() const { return &**this; }
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

    // The blocks as one flat array in address order (a checkpoint), and back.
    BigVector<value_type> flatten() const;
    void assign(const BigVector<value_type>& flat);

    friend bool operator==(const BlockMap& a, const BlockMap& b);

private:
    static constexpr std::size_t kRun = 64;

    std::size_t runFor(Address at) const;
    const_iterator normalized(std::size_t run, std::size_t index) const;

    std::vector<std::vector<value_type>> m_runs;
    std::vector<Address> m_firsts; // m_firsts[r]: the first address of run r
    std::size_t m_size = 0;
};

} // namespace heapviz
