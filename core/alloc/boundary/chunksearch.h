#pragma once
// What the free indexes built of sorted chunks share (FreeTree, ClassTree):
// the searches (which chunk a key falls in, how many of a chunk's keys come
// before it, where a node's entry lies in its chunk) and the moves of a
// chunk's entries. Each search runs several times an operation on data
// seldom in the nearest cache, so each is written without branches, its
// loads not waiting on one another.

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <type_traits>
#include <vector>

namespace heapviz {

// The slot of the chunk where `key` belongs, given each chunk's first key in
// order: the last whose first key is not after it (the first chunk for a key
// before everything). A binary search without branches: a branching one
// mispredicted about half its steps.
template <class Key> std::uint32_t chunkFor(const std::vector<Key>& firstKeys, Key key)
{
    const Key* low = firstKeys.data();
    std::size_t first = 0;
    for (std::size_t n = firstKeys.size(); n > 1; n -= n / 2)
        first = low[first + n / 2] <= key ? first + n / 2 : first;
    return std::uint32_t(first);
}

// A chunk's entries past its count hold kPast, the largest number there is,
// as key and as node: no key is below it and no node is it (it is kNil), so
// keysBefore and indexOfNode need not test the count (a third of the
// instructions of keysBefore, best fit's most run function). The chunks keep
// it so: a new chunk starts with every entry kPast, and one that gives up
// entries sets the ones they leave (clearFrom, dropLast).
template <class T> inline constexpr T kPast = ~T{0};
template <class Chunk> void clearFrom(Chunk& c, std::uint32_t from)
{
    std::fill(std::begin(c.keys) + from, std::end(c.keys), kPast<std::remove_cvref_t<decltype(c.keys[0])>>);
    std::fill(std::begin(c.nodes) + from, std::end(c.nodes), kPast<std::remove_cvref_t<decltype(c.nodes[0])>>);
}
// Moves entries [first, last) of chunk `from` to `to` from index `at` on; the
// two may be one chunk, the ranges overlapping either way. Nothing to move
// (an entry that goes in at the end: every LIFO block) calls nothing.
// `sizes`: false where the chunks keep no sizes (a FreeTree by size, whose
// keys hold them).
template <class Chunk>
void moveEntries(const Chunk& from, std::uint32_t first, std::uint32_t last, Chunk& to, std::uint32_t at,
                 bool sizes = true)
{
    if (first == last)
        return;
    const std::size_t n = last - first;
    std::memmove(to.keys + at, from.keys + first, n * sizeof(from.keys[0]));
    if (sizes)
        std::memmove(to.sizes + at, from.sizes + first, n * sizeof(from.sizes[0]));
    std::memmove(to.nodes + at, from.nodes + first, n * sizeof(from.nodes[0]));
}

// The chunk's last entry leaves it (its entries moved down one over the one that went).
template <class Chunk> void dropLast(Chunk& c)
{
    --c.count;
    c.keys[c.count] = kPast<std::remove_cvref_t<decltype(c.keys[0])>>;
    c.nodes[c.count] = kPast<std::remove_cvref_t<decltype(c.nodes[0])>>;
}
template <class Chunk> bool pastCountIsClear(const Chunk& c)
{
    const auto past = [](auto x) { return x == kPast<decltype(x)>; };
    return std::all_of(std::begin(c.keys) + c.count, std::end(c.keys), past)
           && std::all_of(std::begin(c.nodes) + c.count, std::end(c.nodes), past);
}

// How many of chunk c's sorted keys (the first c.count of c.keys) come
// before `key`, in two rounds of loads: which eighth of the chunk `key`
// falls in (keys 8, 16, ...), then how far into it. A binary search made six
// rounds, each waiting on the load before. Keys past the count are read too:
// kPast, never before a key.
template <class Chunk, class Key> std::uint32_t keysBefore(const Chunk& c, Key key)
{
    constexpr auto N = std::uint32_t(std::extent_v<decltype(Chunk::keys)>);
    const auto& keys = c.keys;
    constexpr std::uint32_t kPart = 8;
    static_assert(N % kPart == 0);
    std::uint32_t parts = 0;
    for (std::uint32_t i = kPart; i < N; i += kPart)
        parts += keys[i] < key;
    const std::uint32_t first = parts * kPart;
    std::uint32_t before = first;
    for (std::uint32_t i = first; i < first + kPart; ++i)
        before += keys[i] < key;
    return before;
}

// The index of node n among chunk c's nodes (the first c.count), which hold
// it: a scan of all of them, a fixed count the compiler unrolls into vector
// compares (one up to the count was a loop with a branch). The nodes past the
// count are kPast, never n.
template <class Chunk, class Node> std::uint32_t indexOfNode(const Chunk& c, Node n)
{
    constexpr auto N = std::uint32_t(std::extent_v<decltype(Chunk::nodes)>);
    const auto& nodes = c.nodes;
    std::uint32_t at = 0;
    for (std::uint32_t i = 0; i < N; ++i)
        at += nodes[i] == n ? i : 0;
    assert(nodes[at] == n);
    return at;
}

} // namespace heapviz
