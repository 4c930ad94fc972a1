#include "core/alloc/boundary/classtree.h"

#include <algorithm>
#include <cassert>

namespace heapviz {

// Where node n's entry lies: from the hint when it is right, else from the
// chunk its entry names.
ClassTree::Place ClassTree::find(NodeIndex n, Place hint) const
{
    if (hint.slot < slots() && hint.index < chunkAt(hint.slot).count && chunkAt(hint.slot).nodes[hint.index] == n)
        return hint;
    assert(contains(n) && "the node is not in the class tree");
    const std::uint32_t chunk = m_nodes[n].chunk;
    return {m_slotOf[chunk], indexOfNode(m_chunks[chunk], n)};
}

// Node n's entry in the node table, which grows (doubling) to hold it.
ClassTree::Entry& ClassTree::entryOf(NodeIndex n)
{
    if (n >= m_nodes.size())
        m_nodes.resize(std::max<std::size_t>(n + 1, m_nodes.size() * 2));
    return m_nodes[n];
}

void ClassTree::put(Chunk& c, std::uint32_t i, const Entry& e, NodeIndex n)
{
    c.keys[i] = e.key;
    c.sizes[i] = e.size;
    c.nodes[i] = n;
}

// Makes room at index i of a chunk, the entries from there on and their
// bits moving up one.
void ClassTree::openAt(std::uint32_t chunk, std::uint32_t i)
{
    Chunk& c = m_chunks[chunk];
    moveEntries(c, i, c.count, c, i + 1);
    if (++c.count == i + 1) // at the end (always, in LIFO order): no bits move
        return;
    Bits* bits = &members(chunk, 0);
    for (std::uint32_t cls = 0; cls < m_classes; ++cls)
        bits[cls] = (bits[cls] & below(i)) | ((bits[cls] & ~below(i)) << 1);
}

// By address: closes the gap of entry i, whose bit is cleared, the entries
// after it and their bits moving down one.
void ClassTree::closeAt(std::uint32_t chunk, std::uint32_t i)
{
    Chunk& c = m_chunks[chunk];
    moveEntries(c, i + 1, c.count, c, i);
    dropLast(c);
    Bits* bits = &members(chunk, 0);
    for (std::uint32_t cls = 0; cls < m_classes; ++cls)
        bits[cls] = (bits[cls] & below(i)) | ((bits[cls] >> 1) & ~below(i));
}

// The entries of `chunk` from index `from` on have moved into it.
void ClassTree::holdIn(std::uint32_t chunk, std::uint32_t from)
{
    const Chunk& c = m_chunks[chunk];
    for (std::uint32_t i = from; i < c.count; ++i)
        m_nodes[c.nodes[i]].chunk = chunk;
}

// A chunk's entries that are blocks, of any class (not holes).
ClassTree::Bits ClassTree::live(std::uint32_t chunk) const
{
    Bits all = 0;
    for (std::uint32_t cls = 0; cls < m_classes; ++cls)
        all |= members(chunk, cls);
    return all;
}

// The largest of a chunk's blocks of class cls, 0 if none.
Size ClassTree::largestOf(std::uint32_t chunk, std::uint32_t cls) const
{
    const Chunk& c = m_chunks[chunk];
    Size max = 0;
    for (Bits left = members(chunk, cls); left != 0; left &= left - 1)
        max = std::max(max, c.sizes[__builtin_ctzll(left)]);
    return max;
}

// Class cls in the chunk at `slot` now holds a block of `size` bytes: the
// maximum climbs as far as it grows.
void ClassTree::raiseMax(std::uint32_t slot, std::uint32_t cls, Size size)
{
    Size& max = chunkMax(m_chunkOrder[slot], cls);
    max = std::max(max, size);
    m_shape.raiseMax(tree(cls), slot, size);
}

// Class cls's largest block in the chunk at `slot` may have gone: read from
// its blocks, then climbed as far as it changes.
void ClassTree::lowerMax(std::uint32_t slot, std::uint32_t cls)
{
    const Size max = largestOf(m_chunkOrder[slot], cls);
    chunkMax(m_chunkOrder[slot], cls) = max;
    m_shape.setMax(tree(cls), slot, max);
}

// Entry i of the chunk at `slot` went from (oldClass, oldSize) to (cls,
// size), already written in the chunk.
void ClassTree::change(std::uint32_t slot, std::uint32_t i, std::uint32_t oldClass, Size oldSize, std::uint32_t cls,
                       Size size)
{
    const std::uint32_t chunk = m_chunkOrder[slot];
    if (oldClass != cls) {
        members(chunk, oldClass) &= ~(Bits{1} << i);
        members(chunk, cls) |= Bits{1} << i;
        addCount(slot, oldClass, ~std::uint32_t{0});
        addCount(slot, cls, 1);
    }
    raiseMax(slot, cls, size);
    if (oldSize == chunkMax(chunk, oldClass) && (oldClass != cls || size < oldSize))
        lowerMax(slot, oldClass);
}

// A chunk's largest block of each class, from its bits.
void ClassTree::summarise(std::uint32_t chunk)
{
    for (std::uint32_t cls = 0; cls < m_classes; ++cls)
        chunkMax(chunk, cls) = largestOf(chunk, cls);
}

// After a chunk was added or removed at `slot`: the leaves from there on are
// copied from their chunks and the ranges above them recomputed (the leaves
// double, and everything is, when the chunks outgrow them).
void ClassTree::rebuildSegments(std::uint32_t slot)
{
    const std::uint32_t chunks = slots();
    if (chunks > m_shape.leaves || m_seg.empty()) {
        m_shape = QuadTree::holding(chunks);
        m_seg.assign(std::size_t(m_classes) * m_shape.storage, SegNode{});
        slot = 0;
    }
    const std::uint32_t end = std::min(chunks + 1, m_shape.leaves); // up to the old last leaf, which a removal empties
    for (std::uint32_t at = slot; at < chunks; ++at)
        m_slotOf[m_chunkOrder[at]] = at;
    for (std::uint32_t cls = 0; cls < m_classes; ++cls) {
        SegNode* t = tree(cls);
        for (std::uint32_t at = slot; at < end; ++at)
            t[m_shape.leafOf(at)] = at == chunks ? SegNode{} : figuresOf(m_chunkOrder[at], cls);
        m_shape.rebuildAbove(t, slot, end - 1);
    }
}

// A chunk, empty, from the spares or new.
std::uint32_t ClassTree::newChunk()
{
    std::uint32_t id;
    if (!m_spareChunks.empty()) {
        id = m_spareChunks.back();
        m_spareChunks.pop_back();
    } else {
        id = std::uint32_t(m_chunks.size());
        m_chunks.emplace_back();
        m_slotOf.push_back(kNil);
        m_chunkMax.resize(m_chunkMax.size() + m_classes);
        m_members.resize(m_members.size() + m_classes);
    }
    m_chunks[id].count = 0;
    clearFrom(m_chunks[id], 0);
    std::fill_n(&members(id, 0), m_classes, Bits{0});
    summarise(id);
    return id;
}

// Starts an empty chunk after the last one; returns its slot.
std::uint32_t ClassTree::appendChunk()
{
    m_chunkOrder.push_back(newChunk());
    m_chunkLow.push_back(0); // set by the entry that goes in first
    rebuildSegments(slots() - 1);
    return slots() - 1;
}

// Splits the full chunk at `slot` in halves (by address).
void ClassTree::splitChunk(std::uint32_t slot)
{
    const std::uint32_t id = newChunk();
    const std::uint32_t fullId = m_chunkOrder[slot];
    Chunk& full = m_chunks[fullId];
    Chunk& fresh = m_chunks[id];
    const std::uint32_t keep = full.count / 2;
    fresh.count = full.count - keep;
    moveEntries(full, keep, full.count, fresh, 0);
    full.count = keep;
    clearFrom(full, keep);
    for (std::uint32_t cls = 0; cls < m_classes; ++cls) {
        members(id, cls) = members(fullId, cls) >> keep;
        members(fullId, cls) &= below(keep);
    }
    holdIn(id, 0);
    summarise(fullId);
    summarise(id);
    m_chunkOrder.insert(m_chunkOrder.begin() + slot + 1, id);
    m_chunkLow.insert(m_chunkLow.begin() + slot + 1, fresh.keys[0]);
    rebuildSegments(slot);
}

// By address: takes the chunk at `slot` out of the order; the caller
// rebuilds the segment tree from the first slot it changed.
void ClassTree::dropChunk(std::uint32_t slot)
{
    m_spareChunks.push_back(m_chunkOrder[slot]);
    m_chunkOrder.erase(m_chunkOrder.begin() + slot);
    m_chunkLow.erase(m_chunkLow.begin() + slot);
}

// By address: merges the chunk after `slot` into it (they fit in one).
void ClassTree::mergeNext(std::uint32_t slot)
{
    const std::uint32_t chunk = m_chunkOrder[slot], nextId = m_chunkOrder[slot + 1];
    Chunk& c = m_chunks[chunk];
    Chunk& next = m_chunks[nextId];
    const std::uint32_t had = c.count;
    moveEntries(next, 0, next.count, c, had);
    c.count += next.count;
    next.count = 0;
    for (std::uint32_t cls = 0; cls < m_classes; ++cls)
        members(chunk, cls) |= members(nextId, cls) << had;
    holdIn(chunk, had);
    summarise(chunk);
    dropChunk(slot + 1);
    rebuildSegments(slot);
}

// LIFO: moves every block forward, in order, into as few chunks as hold
// them, leaving no holes, and rebuilds the segment tree.
void ClassTree::repack()
{
    std::uint32_t to = 0, at = 0; // where the next block goes: a block only moves forward
    for (std::uint32_t slot = 0; slot < slots(); ++slot) {
        const Chunk& from = chunkAt(slot);
        for (std::uint32_t i = 0; i < from.count; ++i) {
            const NodeIndex n = from.nodes[i];
            if (n == kNil)
                continue;
            if (at == kChunk) {
                ++to;
                at = 0;
            }
            // One entry: stored as it is, where three calls of memmove for
            // it were a tenth of a LIFO lane's instructions.
            Chunk& into = chunkAt(to);
            into.keys[at] = from.keys[i];
            into.sizes[at] = from.sizes[i];
            into.nodes[at++] = n;
            m_nodes[n].chunk = m_chunkOrder[to];
        }
    }
    const std::uint32_t used = m_total == 0 ? 0 : to + 1;
    for (std::uint32_t slot = used; slot < slots(); ++slot)
        m_spareChunks.push_back(m_chunkOrder[slot]);
    m_chunkOrder.resize(used);
    m_chunkLow.resize(used);
    for (std::uint32_t slot = 0; slot < used; ++slot) {
        const std::uint32_t chunk = m_chunkOrder[slot];
        Chunk& c = m_chunks[chunk];
        c.count = slot + 1 < used ? kChunk : at;
        clearFrom(c, c.count);
        std::fill_n(&members(chunk, 0), m_classes, Bits{0});
        for (std::uint32_t i = 0; i < c.count; ++i)
            members(chunk, m_nodes[c.nodes[i]].cls) |= Bits{1} << i;
        m_chunkLow[slot] = c.keys[0];
        summarise(chunk);
    }
    m_seg.clear(); // the leaves fit the chunks again
    rebuildSegments(0);
}

void ClassTree::insert(NodeIndex n, Address at, Size size, std::uint32_t cls)
{
    assert(!contains(n) && "a node is in the class tree once at most");
    assert(cls < m_classes);
    Entry e{newestFirst() ? ++m_clock : at.value(), size, kNil, cls};
    if (m_chunkOrder.empty())
        appendChunk();
    std::uint32_t slot = newestFirst() ? slots() - 1 : chunkFor(m_chunkLow, e.key);
    if (chunkAt(slot).count == kChunk) { // full: a LIFO block starts a chunk, one by address splits it
        if (newestFirst())
            slot = appendChunk();
        else {
            splitChunk(slot);
            if (e.key >= m_chunkLow[slot + 1])
                ++slot;
        }
    }
    const std::uint32_t chunk = m_chunkOrder[slot];
    Chunk& c = m_chunks[chunk];
    const std::uint32_t pos = newestFirst() ? c.count : keysBefore(c, e.key);
    openAt(chunk, pos);
    e.chunk = chunk;
    put(c, pos, e, n);
    members(chunk, cls) |= Bits{1} << pos;
    entryOf(n) = e;
    ++m_total;
    if (pos == 0)
        m_chunkLow[slot] = e.key;
    addCount(slot, cls, 1);
    raiseMax(slot, cls, size);
}

ClassTree::Place ClassTree::erase(NodeIndex n, Place hint)
{
    const Place p = find(n, hint);
    Entry& e = m_nodes[n];
    e.chunk = kNil; // out of the tree (contains)
    const std::uint32_t chunk = m_chunkOrder[p.slot];
    Chunk& c = m_chunks[chunk];
    members(chunk, e.cls) &= ~(Bits{1} << p.index);
    --m_total;
    // A LIFO block leaves a hole, its chunk keeping its slot, emptied or
    // not: the sequence's old end empties all the time, and a chunk leaving
    // the order moves every later one, each class's tree to be rebuilt from
    // there (a seventh of the time when it did). The sequence is packed again
    // when it is half holes.
    if (newestFirst()) {
        c.nodes[p.index] = kNil;
        addCount(p.slot, e.cls, ~std::uint32_t{0});
        if (e.size == chunkMax(chunk, e.cls))
            lowerMax(p.slot, e.cls);
        if (slots() * kChunk > 2 * (m_total + kChunk))
            repack();
        return {};
    }
    closeAt(chunk, p.index);
    const Place before{p.slot, p.index - 1}; // unchanged by what follows, unless p.index is 0
    if (c.count == 0) {
        dropChunk(p.slot);
        rebuildSegments(p.slot);
        return {};
    }
    m_chunkLow[p.slot] = c.keys[0];
    // Keep chunks at least a quarter full by merging a small one with the next.
    if (c.count < kChunk / 4 && p.slot + 1 < slots() && c.count + chunkAt(p.slot + 1).count < kChunk / 2) {
        mergeNext(p.slot);
        return before;
    }
    addCount(p.slot, e.cls, ~std::uint32_t{0});
    if (e.size == chunkMax(chunk, e.cls))
        lowerMax(p.slot, e.cls);
    return before;
}

void ClassTree::replace(NodeIndex from, NodeIndex to, Address at, Size size, std::uint32_t cls, Place hint)
{
    assert(!newestFirst() && !contains(to) && cls < m_classes);
    const Place p = find(from, hint);
    Chunk& c = chunkAt(p.slot);
    assert((p.index + 1 < c.count ? at.value() < c.keys[p.index + 1]
                                  : p.slot + 1 == slots() || at.value() < m_chunkLow[p.slot + 1])
           && (p.index > 0 ? c.keys[p.index - 1] < at.value()
                           : p.slot == 0 || chunkAt(p.slot - 1).keys[chunkAt(p.slot - 1).count - 1] < at.value())
           && "a replacing node must take the replaced one's place in the order");
    const Entry old = m_nodes[from];
    m_nodes[from].chunk = kNil;
    const Entry e{at.value(), size, old.chunk, cls};
    put(c, p.index, e, to);
    entryOf(to) = e;
    if (p.index == 0)
        m_chunkLow[p.slot] = e.key;
    change(p.slot, p.index, old.cls, old.size, cls, size);
}

void ClassTree::resize(NodeIndex n, Size size, std::uint32_t cls, Place hint)
{
    assert(!newestFirst() && "a LIFO block that changes size enters its list again");
    const Place p = find(n, hint);
    Entry& e = m_nodes[n];
    const Entry old = e;
    e.size = size;
    e.cls = cls;
    chunkAt(p.slot).sizes[p.index] = size;
    change(p.slot, p.index, old.cls, old.size, cls, size);
}

// A descent of class cls's tree to the first chunk, in list order, holding
// a block of the class of `need` bytes or more (adding up the class's blocks
// in the chunks passed), then that chunk's blocks of the class, by its bits.
ClassTree::Hit ClassTree::firstIn(std::uint32_t cls, Size need) const
{
    if (m_seg.empty() || tree(cls)[0].max < need)
        return {};
    Hit hit;
    // Newest first, the last chunk, where every block enters, comes first:
    // when it holds one big enough, there is no descent.
    std::uint32_t slot = slots() - 1;
    if (!newestFirst())
        slot = m_shape.firstSlotWith<false>(tree(cls), need, hit.before);
    else if (tree(cls)[m_shape.leafOf(slot)].max < need)
        slot = m_shape.firstSlotWith<true>(tree(cls), need, hit.before);
    const std::uint32_t chunk = m_chunkOrder[slot];
    const Chunk& c = m_chunks[chunk];
    for (Bits left = members(chunk, cls); left != 0;) {
        const std::uint32_t i = nextOf(left);
        left &= ~(Bits{1} << i);
        if (c.sizes[i] >= need) {
            hit.node = c.nodes[i];
            hit.place = {slot, i};
            return hit;
        }
        ++hit.before;
    }
    assert(false && "a chunk's maximum promised a block");
    return {};
}

// The first slot from `slot` on, in list order, whose chunk holds a block of
// class cls; kNil if none. Climbs while the subtree after holds none, then
// descends to its first leaf that does.
std::uint32_t ClassTree::nextSlotWith(std::uint32_t cls, std::uint32_t slot) const
{
    const auto any = [](const SegNode& n) { return n.count > 0; };
    const std::uint32_t found = newestFirst() ? m_shape.nextSlotWhere<true>(tree(cls), slot, any)
                                              : m_shape.nextSlotWhere<false>(tree(cls), slot, any);
    return found == QuadTree::kNone ? kNil : found;
}

// The largest block is in the highest class that has one (classes are
// ranges of sizes, in order): asked after every operation, and the top
// class or the one below it nearly always has one.
Size ClassTree::largest() const
{
    for (std::uint32_t cls = m_classes; cls-- > 0 && !m_seg.empty();)
        if (tree(cls)[0].count > 0)
            return tree(cls)[0].max;
    return 0;
}

std::string ClassTree::checkInvariants() const
{
    const std::uint32_t k = m_classes;
    std::uint32_t total = 0;
    const std::uint64_t* prev = nullptr;
    for (std::uint32_t slot = 0; slot < slots(); ++slot) {
        const std::uint32_t chunk = m_chunkOrder[slot];
        const Chunk& c = m_chunks[chunk];
        if ((c.count == 0 && !newestFirst()) || c.count > kChunk)
            return "class tree: a chunk is empty or overfull";
        if ((!newestFirst() && m_chunkLow[slot] != c.keys[0]) || m_slotOf[chunk] != slot)
            return "class tree: a chunk's first key or slot is stale";
        if (!pastCountIsClear(c))
            return "class tree: an entry past a chunk's count is not kPast";
        if ((live(chunk) & ~below(c.count)) != 0)
            return "class tree: a chunk's bits name entries past its count";
        for (std::uint32_t i = 0; i < c.count; ++i) {
            const Bits bit = Bits{1} << i;
            const NodeIndex n = c.nodes[i];
            if (n == kNil) {
                if (!newestFirst() || (live(chunk) & bit) != 0)
                    return "class tree: a hole by address, or one that is marked a block";
                continue;
            }
            if (prev && !(*prev < c.keys[i]))
                return "class tree: entries out of order";
            prev = &c.keys[i];
            if (n >= m_nodes.size() || m_nodes[n].cls >= k)
                return "class tree: an entry's node or class is out of range";
            const Entry& e = m_nodes[n];
            if (e.key != c.keys[i] || e.size != c.sizes[i] || e.chunk != chunk)
                return "class tree: an entry differs from its node's";
            for (std::uint32_t cls = 0; cls < k; ++cls)
                if (((members(chunk, cls) & bit) != 0) != (cls == e.cls))
                    return "class tree: an entry's bits name another class than its own";
            ++total;
        }
        for (std::uint32_t cls = 0; cls < k; ++cls) {
            const SegNode want = figuresOf(chunk, cls);
            const SegNode& leaf = tree(cls)[m_shape.leafOf(slot)];
            if (chunkMax(chunk, cls) != largestOf(chunk, cls) || leaf.count != want.count || leaf.max != want.max)
                return "class tree: a chunk's or a leaf's count or maximum is stale";
        }
    }
    if (total != m_total)
        return "class tree: the count differs from the entries";
    for (std::uint32_t cls = 0; cls < k && !m_seg.empty(); ++cls)
        if (!m_shape.consistent(tree(cls)))
            return "class tree: a segment node is stale";
    return {};
}

} // namespace heapviz
