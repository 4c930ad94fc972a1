#include "core/alloc/boundary/freetree.h"

#include <algorithm>
#include <cassert>

namespace heapviz {

// chunkFor for a key before all of its group's (a search from a group's
// first block: the buddy system's order), tried first at the chunk where
// the last such key fell, which it nearly always falls in again. Checked
// against the first keys of that chunk and the next; a chunk dropped or
// reused since costs only the search.
template <class K>
std::uint32_t BasicFreeTree<K>::slotOfHead(Key key, std::uint32_t group) const
{
    if (group >= m_headChunk.size())
        m_headChunk.resize(group + 1, kNil);
    const std::uint32_t chunk = m_headChunk[group];
    const auto slots = std::uint32_t(m_chunkOrder.size());
    const std::uint32_t slot = chunk < m_slotOf.size() ? m_slotOf[chunk] : slots;
    if (slot < slots && m_chunkOrder[slot] == chunk && (slot == 0 || m_chunkLow[slot] <= key)
        && (slot + 1 == slots || key < m_chunkLow[slot + 1]))
        return slot;
    const std::uint32_t found = chunkFor(m_chunkLow, key);
    m_headChunk[group] = m_chunkOrder[found];
    return found;
}

// Where node n's entry lies: from the hint when it is right, else from the
// chunk its entry names, whose slot is kept, by a scan of the chunk's node
// numbers (loads that do not wait on each other, where a search by key
// waits on a chain of them).
template <class K>
FreeTreePlace BasicFreeTree<K>::find(NodeIndex n, Place hint) const
{
    if (hint.slot < m_chunkOrder.size() && hint.index < chunkAt(hint.slot).count
        && chunkAt(hint.slot).nodes[hint.index] == n)
        return hint;
    assert(contains(n) && "the node is not in the free tree");
    const std::uint32_t chunk = m_keys[n].chunk;
    return {m_slotOf[chunk], indexOfNode(m_chunks[chunk], n)};
}

// The entries of `chunk` from index `from` on have moved into it.
template <class K>
void BasicFreeTree<K>::holdIn(std::uint32_t chunk, std::uint32_t from)
{
    const Chunk& c = m_chunks[chunk];
    for (std::uint32_t i = from; i < c.count; ++i)
        m_keys[c.nodes[i]].chunk = chunk;
}

// A chunk's largest block after one of its entries went from `old` bytes to
// `now` (0: erased): the old maximum stands unless that entry held it and
// shrank, and only then are the entries read. (The chunk's own maximum, which
// its leaf repeats: the chunk is in hand.)
template <class K>
Size BasicFreeTree<K>::maxAfter(const Chunk& c, Size old, Size now)
{
    if (now >= c.max)
        return now;
    return old < c.max ? c.max : largestIn(c);
}

// A chunk's largest block, by looking at every entry.
template <class K>
Size BasicFreeTree<K>::largestIn(const Chunk& c)
{
    Size max = 0;
    for (std::uint32_t i = 0; i < c.count; ++i)
        max = std::max(max, c.sizes[i]);
    return max;
}

// By address: a chunk's maximum, read from every entry, after entries moved
// in or out of it.
template <class K>
void BasicFreeTree<K>::remax(Chunk& c) const
{
    if (byAddress())
        c.max = largestIn(c);
}

template <class K>
void BasicFreeTree<K>::put(Chunk& c, std::uint32_t i, Key key, Size size, NodeIndex n) const
{
    c.keys[i] = key;
    if (byAddress())
        c.sizes[i] = size;
    c.nodes[i] = n;
}

// After one of a chunk's entries went from `old` bytes to `now` (0: not
// there), `added` entries (+1, -1 or 0) with it: sets the chunk's first key,
// and its maximum and count in the segment tree. The count goes to every
// range above it, a plain add a level; the maximum climbs only as far as it
// changes.
template <class K>
void BasicFreeTree<K>::refresh(std::uint32_t slot, Size old, Size now, int added)
{
    Chunk& c = chunkAt(slot);
    m_chunkLow[slot] = c.keys[0];
    if (!byAddress())
        return;
    c.max = maxAfter(c, old, now);
    SegNode* t = seg();
    if (added != 0)
        m_shape.addCount(t, slot, std::uint32_t(added));
    t[m_shape.leafOf(slot)].count = c.count;
    m_shape.setMax(t, slot, c.max);
}

// After a chunk was added or removed at `slot`: the chunks from there on
// moved one slot, so their leaves and the ranges above them are recomputed,
// O(chunks after slot + log chunks) (reading no entries: every chunk's max is
// kept). Once in ~kChunk/2 inserts or erases.
template <class K>
void BasicFreeTree<K>::rebuildSegments(std::uint32_t slot)
{
    const auto chunks = std::uint32_t(m_chunkOrder.size());
    if (!byAddress()) {
        for (std::uint32_t at = slot; at < chunks; ++at)
            m_slotOf[m_chunkOrder[at]] = at;
        return;
    }
    if (chunks > m_shape.leaves || m_seg.empty()) { // the leaves must multiply: all over again
        m_shape = QuadTree::holding(chunks);
        m_seg.assign(m_shape.storage, SegNode{});
        slot = 0;
    }
    // Up to the old last chunk's leaf, which a removal leaves empty.
    const std::uint32_t end = std::min(chunks + 1, m_shape.leaves);
    SegNode* t = seg();
    for (std::uint32_t at = slot; at < end; ++at) {
        if (at == chunks) {
            t[m_shape.leafOf(at)] = SegNode{};
            continue;
        }
        t[m_shape.leafOf(at)] = {chunkAt(at).max, chunkAt(at).count};
        m_slotOf[m_chunkOrder[at]] = at;
    }
    m_shape.rebuildAbove(t, slot, end - 1);
}

// Node n's slot in the key table, which grows (doubling) to hold it.
template <class K>
typename BasicFreeTree<K>::Entry& BasicFreeTree<K>::keyOfNode(NodeIndex n)
{
    if (n >= m_keys.size())
        m_keys.resize(std::max<std::size_t>(n + 1, m_keys.size() * 2));
    return m_keys[n];
}

template <class K>
std::uint32_t BasicFreeTree<K>::newChunk()
{
    std::uint32_t id;
    if (!m_spareChunks.empty()) {
        id = m_spareChunks.back();
        m_spareChunks.pop_back();
    } else {
        id = std::uint32_t(m_chunks.size());
        m_chunks.emplace_back();
        m_slotOf.push_back(kNil);
    }
    m_chunks[id].count = 0;
    m_chunks[id].max = 0;
    clearFrom(m_chunks[id], 0);
    return id;
}

// Splits the full chunk at `slot` in halves.
template <class K>
void BasicFreeTree<K>::splitChunk(std::uint32_t slot)
{
    const std::uint32_t id = newChunk();
    Chunk& full = chunkAt(slot);
    Chunk& fresh = m_chunks[id];
    const std::uint32_t keep = full.count / 2;
    fresh.count = full.count - keep;
    moveEntries(full, keep, full.count, fresh, 0);
    holdIn(id, 0);
    full.count = keep;
    clearFrom(full, keep);
    remax(full);
    remax(fresh);
    m_chunkLow[slot] = full.keys[0];
    m_chunkOrder.insert(m_chunkOrder.begin() + slot + 1, id);
    m_chunkLow.insert(m_chunkLow.begin() + slot + 1, fresh.keys[0]);
    rebuildSegments(slot);
}

// Takes the chunk at `slot` out of the order; the caller rebuilds the segment
// tree from the first slot it changed.
template <class K>
void BasicFreeTree<K>::dropChunk(std::uint32_t slot)
{
    m_spareChunks.push_back(m_chunkOrder[slot]);
    m_chunkOrder.erase(m_chunkOrder.begin() + slot);
    m_chunkLow.erase(m_chunkLow.begin() + slot);
}

template <class K>
void BasicFreeTree<K>::insert(NodeIndex n, Address at, Size size, std::uint32_t group)
{
    assert(!contains(n) && "a node is in the free tree once at most");
    Entry e{at, size, kNil, m_order == Order::ByAddress ? group : 0};
    const Key key = keyOf(e);
    ++m_count;
    if (m_chunkOrder.empty()) { // a first chunk, empty, which the entry goes into below
        m_chunkOrder.push_back(newChunk());
        m_chunkLow.push_back(key);
        rebuildSegments(0);
    }
    const std::uint32_t slot = chunkFor(m_chunkLow, key);
    e.chunk = m_chunkOrder[slot];
    keyOfNode(n) = e;
    Chunk& c = chunkAt(slot);
    const std::uint32_t pos = keysBefore(c, key); // keys are unique: no equal entry
    moveEntries(c, pos, c.count, c, pos + 1);
    put(c, pos, key, size, n);
    ++c.count;
    if (c.count == kChunk)
        splitChunk(slot);
    else
        refresh(slot, 0, size, +1);
}

template <class K>
FreeTreePlace BasicFreeTree<K>::erase(NodeIndex n, Place hint)
{
    const Place p = find(n, hint);
    m_keys[n].chunk = kNil; // out of the tree (contains)
    Chunk& c = chunkAt(p.slot);
    const Size gone = sizeAt(c, p.index);
    moveEntries(c, p.index + 1, c.count, c, p.index);
    dropLast(c);
    --m_count;
    const Place before{p.slot, p.index - 1}; // unchanged by what follows, unless p.index is 0
    if (c.count == 0) {
        dropChunk(p.slot);
        rebuildSegments(p.slot);
        return {};
    }
    // Keep chunks at least a quarter full by merging a small one into its neighbour.
    if (c.count < kChunk / 4 && p.slot + 1 < m_chunkOrder.size()
        && c.count + chunkAt(p.slot + 1).count < kChunk / 2) {
        Chunk& next = chunkAt(p.slot + 1);
        moveEntries(next, 0, next.count, c, c.count);
        const std::uint32_t had = c.count;
        c.count += next.count;
        holdIn(m_chunkOrder[p.slot], had);
        remax(c);
        next.count = 0;
        m_chunkLow[p.slot] = c.keys[0];
        dropChunk(p.slot + 1);
        rebuildSegments(p.slot);
        return before;
    }
    refresh(p.slot, gone, 0, -1);
    return before;
}

template <class K>
void BasicFreeTree<K>::replace(NodeIndex from, NodeIndex to, Address at, Size size, Place hint)
{
    assert(m_order == Order::ByAddress && !contains(to));
    const Place p = find(from, hint);
    Chunk& c = chunkAt(p.slot);
    const Entry e{at, size, m_chunkOrder[p.slot], m_keys[from].group};
    const Key key = keyOf(e);
    assert((p.index == 0 ? p.slot == 0 || chunkAt(p.slot - 1).keys[chunkAt(p.slot - 1).count - 1] < key
                         : c.keys[p.index - 1] < key)
           && (p.index + 1 < c.count ? key < c.keys[p.index + 1]
                                     : p.slot + 1 == m_chunkOrder.size() || key < chunkAt(p.slot + 1).keys[0])
           && "a replacing node must take the replaced one's place in the order");
    m_keys[from].chunk = kNil;
    keyOfNode(to) = e;
    const Size old = c.sizes[p.index];
    put(c, p.index, key, size, to);
    refresh(p.slot, old, size, 0);
}

template <class K>
void BasicFreeTree<K>::resize(NodeIndex n, Size size, Place hint)
{
    assert(m_order == Order::ByAddress && "a size change moves a node in the by-size order");
    const Place p = find(n, hint);
    Chunk& c = chunkAt(p.slot);
    const Size old = c.sizes[p.index];
    c.sizes[p.index] = size;
    m_keys[n].size = size;
    refresh(p.slot, old, size, 0);
}

// The first slot at or after fromSlot whose chunk holds a block >= need, or
// the number of slots if none: a descent of the segment tree.
template <class K>
std::uint32_t BasicFreeTree<K>::firstSlotWithMax(std::uint32_t fromSlot, Size need) const
{
    const std::uint32_t none = std::uint32_t(m_chunkOrder.size());
    if (fromSlot >= none)
        return none;
    const std::uint32_t found
        = m_shape.nextSlotWhere<false>(seg(), fromSlot, [need](const SegNode& n) { return n.max >= need; });
    return found == QuadTree::kNone ? none : std::min(found, none);
}

template <class K>
NodeIndex BasicFreeTree<K>::firstFit(Address from, Size need, std::uint32_t group, Place* found, std::uint32_t* before,
                                     Place at, std::uint32_t* rank) const
{
    assert(m_order == Order::ByAddress);
    const Key key = keyAt(from, group);
    // From before every entry (first and worst fit) the segment tree alone
    // leads to the chunk; else the place `from` falls in, from `at` when its
    // entry is keyed so (keys are unique), else looked up: once for the
    // search and for the count before it.
    const bool fromStart = m_chunkOrder.empty() || key <= m_chunkLow[0];
    const bool atKey = !fromStart && at.slot < m_chunkOrder.size() && at.index < chunkAt(at.slot).count
                       && chunkAt(at.slot).keys[at.index] == key;
    std::uint32_t slot = 0;
    std::uint32_t index = 0;
    if (atKey) {
        slot = at.slot;
        index = at.index;
    } else if (!fromStart) {
        slot = from == Address(0) ? slotOfHead(key, group) : chunkFor(m_chunkLow, key);
        index = keysBefore(chunkAt(slot), key);
    }
    // The nodes in the chunks before `slot`, counted once for both.
    const std::uint32_t belowSlot = fromStart || (!before && !rank) ? 0 : countBeforeSlot(slot);
    if (before)
        *before = fromStart ? 0 : belowSlot + index;
    if (maxSize() < need)
        return kNil;
    // The first entry of chunk `at` from index `i` on that fits, with
    // `below` nodes in the chunks before it.
    const auto hit = [&](std::uint32_t at, std::uint32_t i, std::uint32_t below) {
        const Chunk& c = chunkAt(at);
        for (; i < c.count; ++i)
            if (c.sizes[i] >= need) {
                if (found)
                    *found = {at, i};
                if (rank)
                    *rank = below + i;
                return c.nodes[i];
            }
        return kNil;
    };
    if (fromStart) { // a descent from the root, adding up the nodes it passes
        std::uint32_t below = 0;
        const std::uint32_t first = m_shape.firstSlotWith<false>(seg(), need, below);
        return hit(first, 0, below);
    }
    // The chunk `from` falls in, when it holds a block big enough, then the next one that does.
    if (seg()[m_shape.leafOf(slot)].max >= need)
        if (const NodeIndex n = hit(slot, index, belowSlot); n != kNil)
            return n;
    const std::uint32_t next = firstSlotWithMax(slot + 1, need);
    if (next == m_chunkOrder.size())
        return kNil;
    return hit(next, 0, rank ? countBeforeSlot(next) : 0);
}

template <class K>
std::uint32_t BasicFreeTree<K>::countBelow(Address at, std::uint32_t group) const
{
    assert(m_order == Order::ByAddress);
    return countBelowKey(keyAt(at, group));
}

template <class K>
std::uint32_t BasicFreeTree<K>::countBelowKey(Key key) const
{
    if (m_chunkOrder.empty())
        return 0;
    const std::uint32_t slot = chunkFor(m_chunkLow, key);
    return countBeforeSlot(slot) + keysBefore(chunkAt(slot), key);
}

// The blocks in the chunks before `slot`.
template <class K>
std::uint32_t BasicFreeTree<K>::countBeforeSlot(std::uint32_t slot) const
{
    return m_shape.countBefore(seg(), slot);
}

template <class K>
std::uint32_t BasicFreeTree<K>::rankOf(NodeIndex n, Place hint) const
{
    assert(byAddress());
    const Place p = find(n, hint);
    return countBeforeSlot(p.slot) + p.index;
}

template <class K>
NodeIndex BasicFreeTree<K>::smallestFit(Size need, Place* found) const
{
    assert(m_order == Order::BySize);
    if (maxSize() < need)
        return kNil;
    const Key key = keyOf(Entry{Address(0), need, kNil});
    const std::uint32_t slot = chunkFor(m_chunkLow, key);
    Place at{slot, keysBefore(chunkAt(slot), key)};
    if (at.index == chunkAt(slot).count)
        at = {slot + 1, 0}; // exists: some block is >= need
    if (found)
        *found = at;
    return chunkAt(at.slot).nodes[at.index];
}

template <class K>
std::string BasicFreeTree<K>::checkInvariants() const
{
    std::uint32_t total = 0;
    const Key* prev = nullptr;
    for (std::uint32_t slot = 0; slot < m_chunkOrder.size(); ++slot) {
        const Chunk& c = chunkAt(slot);
        if (c.count == 0 || c.count >= kChunk)
            return "free tree: a chunk is empty or overfull";
        if (m_chunkLow[slot] != c.keys[0])
            return "free tree: a chunk's first key is stale";
        if (!pastCountIsClear(c))
            return "free tree: an entry past a chunk's count is not kPast";
        Size max = 0;
        for (std::uint32_t i = 0; i < c.count; ++i) {
            if (prev && !(*prev < c.keys[i]))
                return "free tree: entries out of order";
            if (c.nodes[i] >= m_keys.size())
                return "free tree: an entry's node is out of range";
            const Entry& k = m_keys[c.nodes[i]];
            if (keyOf(k) != c.keys[i] || k.size != sizeAt(c, i))
                return "free tree: an entry differs from its node's key";
            if (k.chunk != m_chunkOrder[slot] || m_slotOf[k.chunk] != slot)
                return "free tree: a node's chunk or its slot is stale";
            max = std::max(max, sizeAt(c, i));
            prev = &c.keys[i];
        }
        if (byAddress()) {
            const SegNode& leaf = seg()[m_shape.leafOf(slot)];
            if (leaf.max != max || leaf.count != c.count || c.max != max)
                return "free tree: a segment leaf is stale";
        }
        total += c.count;
    }
    if (total != m_count)
        return "free tree: the count differs from the entries";
    if (byAddress() && !m_seg.empty() && !m_shape.consistent(seg()))
        return "free tree: a segment node is stale";
    return {};
}

template class BasicFreeTree<WideFreeTreeKey>;
template class BasicFreeTree<std::uint64_t>;

} // namespace heapviz
