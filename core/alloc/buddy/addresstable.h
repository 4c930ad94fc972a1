#pragma once
// AddressTable: the buddy system's blocks by address, so that a block's buddy
// is found in O(1). A flat hash table with linear probing (deletion by
// backward shift, so no tombstones pile up): one or two cache lines a
// lookup, where a std::map chased a node per level of its tree, and those
// lookups were half of a buddy lane's time. The blocks tile the heap, so
// walking them in address order needs no ordered index: the next block
// starts where one ends.

#include <bit>
#include <cstdint>
#include <vector>

#include "core/alloc/boundary/freetree.h" // NodeIndex, kNil
#include "core/model/bigvector.h"
#include "core/model/types.h"

namespace heapviz {

class AddressTable {
public:
    AddressTable() { m_slots.resize(kFirstCapacity); }

    std::size_t size() const { return m_count; }

    // The node of the block at `at`, or kNil.
    NodeIndex find(Address at) const
    {
        for (std::size_t i = home(at.value());; i = next(i)) {
            const Slot& s = m_slots[i];
            if (s.at == at.value())
                return s.node;
            if (s.at == kEmpty)
                return kNil;
        }
    }

    // A hint that `at` will soon be looked up: loads its home slot.
    void prefetch(Address at) const { __builtin_prefetch(&m_slots[home(at.value())]); }

    // The block at `at` is node n (added, or replacing what was there).
    void set(Address at, NodeIndex n)
    {
        if (2 * (m_count + 1) > m_slots.size())
            rehash(2 * m_slots.size());
        std::size_t i = home(at.value());
        while (m_slots[i].at != kEmpty && m_slots[i].at != at.value())
            i = next(i);
        if (m_slots[i].at == kEmpty)
            ++m_count;
        m_slots[i] = {at.value(), n};
    }

    // No block at `at` any more (nothing happens if there was none).
    void erase(Address at)
    {
        std::size_t hole = home(at.value());
        while (m_slots[hole].at != at.value()) {
            if (m_slots[hole].at == kEmpty)
                return;
            hole = next(hole);
        }
        // Move back each later entry of the run that may not sit past the hole
        // (its home is not cyclically within (hole, i]), so lookups still reach it.
        for (std::size_t i = next(hole); m_slots[i].at != kEmpty; i = next(i)) {
            const std::size_t h = home(m_slots[i].at);
            const bool staysPut = hole < i ? (hole < h && h <= i) : (hole < h || h <= i);
            if (!staysPut) {
                m_slots[hole] = m_slots[i];
                hole = i;
            }
        }
        m_slots[hole] = {};
        --m_count;
    }

private:
    static constexpr std::uint64_t kEmpty = ~std::uint64_t{0}; // no heap reaches this address
    static constexpr std::size_t kFirstCapacity = 64;
    struct Slot {
        std::uint64_t at = kEmpty;
        NodeIndex node = kNil;
    };

    // Fibonacci hashing: blocks' addresses are multiples of powers of two,
    // whose low bits say nothing, so the high bits of the product are used.
    std::size_t home(std::uint64_t at) const
    {
        return std::size_t((at * 0x9E3779B97F4A7C15ull) >> (64 - std::countr_zero(m_slots.size())));
    }
    std::size_t next(std::size_t i) const { return (i + 1) & (m_slots.size() - 1); }

    void rehash(std::size_t capacity)
    {
        BigVector<Slot> old(capacity);
        old.swap(m_slots);
        m_count = 0;
        for (const Slot& s : old)
            if (s.at != kEmpty)
                set(Address(s.at), s.node);
    }

    BigVector<Slot> m_slots; // a power of two of them, at most half used
    std::size_t m_count = 0;
};

} // namespace heapviz
