#include "core/replay/layout.h"

#include <algorithm>
#include <cassert>
#include <stdexcept>

namespace heapviz {

namespace {
template <class... F> struct Overload : F... { using F::operator()...; };
template <class... F> Overload(F...) -> Overload<F...>;
} // namespace

BlockLayout::BlockLayout(const LayoutSnapshot& picture)
{
    restore(picture);
}

BlockLayout::BlockLayout(const PackedLayout& picture)
{
    restore(picture);
}

BlockLayout::BlockLayout(const HeapConfig& config)
    : m_heapSize(config.fixedSize.value_or(config.prefix + config.suffix))
    , m_rover(config.prefix)
{
    if (config.fixedSize)
        insert(Address(config.prefix), {*config.fixedSize - config.prefix - config.suffix});
}

BlockLayout::Block& BlockLayout::at(Address a)
{
    Block* b = m_blocks.get(a);
    if (!b)
        throw std::logic_error("event names no block at " + std::to_string(a.value()));
    return *b;
}

void BlockLayout::insert(Address a, Block b)
{
    if (!m_blocks.insert(a, b))
        throw std::logic_error("event puts a block where one is at " + std::to_string(a.value()));
}

// Moves the used block at `from` (size bytes) to `to`, and the free block at
// `gapAt` (gap bytes) that it trades places with to `gapTo`.
void BlockLayout::slide(Address from, Address to, [[maybe_unused]] Size size, Address gapAt, Address gapTo)
{
    Block used = at(from);
    const Size gap = at(gapAt).size;
    m_blocks.erase(from);
    m_blocks.erase(gapAt);
    insert(to, used);
    insert(gapTo, {gap});
    assert(used.size == size && "a slide moves the whole block");
}

void BlockLayout::apply(const Event& event)
{
    std::visit(Overload{
                   [&](const HeapGrown& e) {
                       insert(e.at, {e.newSize - e.oldSize});
                       m_heapSize = e.newSize;
                   },
                   [&](const Split& e) {
                       at(e.at).size = e.first;
                       insert(e.at + e.first, {e.size - e.first});
                   },
                   [&](const Coalesced& e) {
                       m_blocks.erase(e.at + e.left);
                       at(e.at).size = e.left + e.right;
                   },
                   [&](const Allocated& e) { at(e.at) = {e.size, true, e.id, e.payload, e.line}; },
                   [&](const Freed& e) { at(e.at) = {e.size}; },
                   [&](const Resized& e) { at(e.at).payload = e.newPayload; },
                   [&](const Moved& e) {
                       if (e.slide)
                           return slide(e.from, e.to, e.fromSize, e.to, e.to + e.fromSize);
                       at(e.to) = {e.toSize, true, e.id, e.payload, e.line};
                       at(e.from) = {e.fromSize};
                   },
                   [&](const RoverMoved& e) { m_rover = e.to; },
                   [](const auto&) {},
               },
               event);
}

void BlockLayout::undo(const Event& event)
{
    std::visit(Overload{
                   [&](const HeapGrown& e) {
                       m_blocks.erase(e.at);
                       m_heapSize = e.oldSize;
                   },
                   [&](const Split& e) {
                       m_blocks.erase(e.at + e.first);
                       at(e.at).size = e.size;
                   },
                   [&](const Coalesced& e) {
                       at(e.at).size = e.left;
                       insert(e.at + e.left, {e.right});
                   },
                   [&](const Allocated& e) { at(e.at) = {e.size}; },
                   [&](const Freed& e) { at(e.at) = {e.size, true, e.id, e.payload, e.line}; },
                   [&](const Resized& e) { at(e.at).payload = e.oldPayload; },
                   [&](const Moved& e) {
                       if (e.slide) // up again, the gap going back below the block
                           return slide(e.to, e.from, e.fromSize, e.to + e.fromSize, e.to);
                       at(e.from) = {e.fromSize, true, e.id, e.payload, e.line};
                       at(e.to) = {e.toSize};
                   },
                   [&](const RoverMoved& e) { m_rover = e.from; },
                   [](const auto&) {},
               },
               event);
}

void BlockLayout::restore(const LayoutSnapshot& s)
{
    m_blocks.assign(s.blocks);
    m_heapSize = s.heapSize;
    m_rover = s.rover;
}

void BlockLayout::restore(const PackedLayout& packed)
{
    PackedLayout::Reader in(packed);
    m_blocks.clear();
    for (std::size_t i = 0; i < in.blocks(); ++i) {
        const auto [at, block] = in.next();
        m_blocks.append(at, block);
    }
    m_heapSize = in.heapSize();
    m_rover = in.rover();
}

std::vector<BlockInfo> BlockLayout::blocks() const
{
    std::vector<BlockInfo> out;
    out.reserve(m_blocks.size());
    for (const auto& [a, b] : m_blocks)
        out.push_back(b.used ? BlockInfo{a, b.size, true, b.id, b.payload, b.line}
                             : BlockInfo{a, b.size});
    return out;
}

std::vector<FreeSpan> BlockLayout::freeSpans() const
{
    std::vector<FreeSpan> out;
    for (const auto& [a, b] : m_blocks)
        if (!b.used)
            out.push_back({a, b.size});
    return out;
}

BlockMap::const_iterator BlockLayout::blockAt(Address a) const
{
    auto it = m_blocks.upper_bound(a);
    if (it == m_blocks.begin())
        return m_blocks.end();
    --it;
    return a < it->first + it->second.size ? it : m_blocks.end();
}

SearchPath visitedBlocks(const std::vector<FreeSpan>& freeBlocks, const Searched& search)
{
    SearchPath path;
    if (search.found)
        path.chosen = search.chosen;
    if (freeBlocks.empty() || !search.addressWalk)
        return path;
    const auto from = std::lower_bound(freeBlocks.begin(), freeBlocks.end(), search.start,
                                       [](const FreeSpan& f, Address a) { return f.at < a; });
    const std::size_t n = freeBlocks.size();
    const std::size_t first = std::size_t(from - freeBlocks.begin());
    for (std::size_t k = 0; k < std::min<std::size_t>(search.examined, n); ++k)
        path.examined.push_back(freeBlocks[(first + k) % n].at);
    return path;
}

} // namespace heapviz
