#pragma once
// ListOrder: where each free block stands in its LIFO list (segregated fits
// with order lifo, TLSF, the pool's stack). The engine tells it with Listed
// events: a block enters its list at the head, so the newest Listed of an
// address is nearest the head. Starting from a picture's lists (the allocator's
// own order at that step) and following Listed events forwards gives each
// free block a stamp; within one list, the higher stamp is nearer the head.
// Which list a block is in is its family's business (registry freeListOf),
// not replay's.

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/model/event.h"
#include "core/replay/layout.h"

namespace heapviz {

class ListOrder {
public:
    ListOrder() = default;
    // From a picture's lists, each head first.
    explicit ListOrder(const std::vector<std::vector<Address>>& lists);

    void apply(const Event& event);
    // 0 for a block never listed (a family whose lists are in address order).
    std::uint64_t stamp(Address at) const;
    bool empty() const { return m_stamps.empty(); }
    // The layout's free blocks as one list, newest first, as a picture keeps
    // them (the lists apart, their order within each is the same).
    std::vector<std::vector<Address>> lists(const BlockLayout& layout) const;

private:
    std::unordered_map<std::uint64_t, std::uint64_t> m_stamps; // address → stamp
    std::uint64_t m_clock = 0;
};

} // namespace heapviz
