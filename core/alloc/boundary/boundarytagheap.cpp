#include "core/alloc/boundary/boundarytagheap.h"

#include <algorithm>
#include <cassert>
#include <utility>

namespace heapviz {

BoundaryTagHeap::BoundaryTagHeap(const LaneSpec& lane, EventSink* sink, bool countExamined)
    : m_config(lane.config)
    , m_placement(lane.placement)
    , m_sink(sink)
    , m_countExamined(countExamined)
    , m_useBySize(lane.placement == Placement::Best)
    , m_useByAddress(lane.placement == Placement::First || lane.placement == Placement::Next
                     || lane.placement == Placement::Worst)
    , m_rover(lane.config.prefix)
{
    const HeapConfig& config = lane.config;
    if (lane.placement == Placement::Segregated) {
        const auto& bounds = lane.segregated.classes;
        m_segregated.emplace(bounds.empty() ? SegregatedLists::defaultBounds(config.minBlock) : bounds,
                             lane.segregated.lifo);
    }
    if (lane.placement == Placement::Tlsf)
        m_tlsf.emplace(lane.tlsf.slLog2, config.align);
    if (lane.placement == Placement::Best && countExamined)
        m_ranks.emplace(Address(config.prefix), config.minBlock);
    assert(config.validate().empty() && "BoundaryTagHeap needs a valid HeapConfig");
    if (config.fixedSize) {
        // A fixed heap starts as one free block; that is its initial state, not an event.
        m_heapSize = *config.fixedSize;
        NodeIndex n = newNode(Address(config.prefix), m_heapSize - config.prefix - config.suffix);
        m_first = m_last = n;
        m_freeBytes = m_nodes[n].info.size;
        m_freeBlocks = 1;
        index(n);
    } else {
        m_heapSize = config.prefix + config.suffix;
        if (config.growth == Growth::Chunk)
            grow(config.chunk);
    }
}

// ---- primitives ------------------------------------------------------------

NodeIndex BoundaryTagHeap::newNode(Address at, Size size)
{
    NodeIndex n;
    if (!m_spareNodes.empty()) {
        n = m_spareNodes.back();
        m_spareNodes.pop_back();
    } else {
        n = NodeIndex(m_nodes.size());
        m_nodes.emplace_back();
    }
    Node& x = m_nodes[n];
    x.info.makeFree(at, size);
    x.prev = x.next = kNil;
    x.indexed = false;
    return n;
}

void BoundaryTagHeap::deleteNode(NodeIndex n)
{
    m_nodes[n].info.size = 0;
    m_spareNodes.push_back(n);
}

void BoundaryTagHeap::index(NodeIndex n)
{
    Node& x = m_nodes[n];
    assert(!x.info.used && !x.indexed && "only an unindexed free block can be indexed");
    x.indexed = true;
    if (m_useBySize)
        m_bySize.insert(n, x.info.at, x.info.size);
    if (m_useByAddress)
        m_byAddress.insert(n, x.info.at, x.info.size);
    rankByAddress(n);
    if (m_segregated)
        m_segregated->insert(n, x.info.at, x.info.size);
    if (m_tlsf)
        m_tlsf->insert(n, x.info.size);
    noteListed(n);
}

// Best fit's AddressRanks learn of indexed block n, which took indexed
// block `from`'s place when there is one. A block beyond the heap they can
// map (a trace's huge request) hands the counting to a FreeTree by address,
// which has no such bound, for good.
void BoundaryTagHeap::rankByAddress(NodeIndex n, NodeIndex from)
{
    if (!m_ranks)
        return;
    const Address at = m_nodes[n].info.at;
    if (from == kNil ? m_ranks->insert(at) : m_ranks->move(m_nodes[from].info.at, at))
        return;
    m_ranks.reset();
    indexByAddress();
}

// A block entered its LIFO list at the head: told, so that a view of the lists
// can follow their order.
void BoundaryTagHeap::noteListed(NodeIndex n)
{
    if (m_tlsf || (m_segregated && m_segregated->lifo()))
        emit(Listed{m_nodes[n].info.at});
}

void BoundaryTagHeap::unindex(NodeIndex n)
{
    Node& x = m_nodes[n];
    if (!x.indexed)
        return;
    x.indexed = false;
    if (m_useBySize)
        m_bySize.erase(n, m_hint.bySize);
    if (m_useByAddress)
        m_hint.byAddress = m_byAddress.erase(n, m_hint.byAddress);
    if (m_ranks)
        m_ranks->erase(x.info.at);
    if (m_segregated)
        m_segregated->erase(n);
    if (m_tlsf)
        m_tlsf->erase(n);
}

// Free block `to` takes indexed block `from`'s place in the indexes: it lies
// where `from` did by address (malloc's remainder, or a freed block merged
// with its right neighbour), so that tree changes one entry in place, where
// an erase and an insert would shift entries and climb the tree twice.
void BoundaryTagHeap::handIndex(NodeIndex from, NodeIndex to)
{
    assert(m_nodes[from].indexed && !m_nodes[to].indexed && !m_nodes[to].info.used);
    m_nodes[from].indexed = false;
    m_nodes[to].indexed = true;
    const BlockInfo& b = m_nodes[to].info;
    if (m_useByAddress)
        m_byAddress.replace(from, to, b.at, b.size, m_hint.byAddress);
    if (m_useBySize) {
        m_bySize.erase(from, m_hint.bySize);
        m_bySize.insert(to, b.at, b.size);
    }
    rankByAddress(to, from); // from's address stands until its node is used again, after this
    if (m_segregated)
        m_segregated->replace(from, to, b.at, b.size);
    if (m_tlsf) {
        m_tlsf->erase(from);
        m_tlsf->insert(to, b.size);
    }
    noteListed(to);
}

// Changes a block's size in place; an indexed block's trees follow (its
// address, the by-address key, stays, so that tree only updates its maxima),
// and a free block whose size changes enters its class or TLSF list again,
// at the head (heap-model.md: as it does when it becomes free).
void BoundaryTagHeap::resize(NodeIndex n, Size size)
{
    Node& x = m_nodes[n];
    x.info.size = size;
    if (!x.indexed)
        return;
    if (m_useByAddress)
        m_byAddress.resize(n, size, m_hint.byAddress);
    if (m_useBySize) {
        m_bySize.erase(n);
        m_bySize.insert(n, x.info.at, size);
    }
    if (m_segregated)
        m_segregated->resize(n, x.info.at, size);
    if (m_tlsf) {
        m_tlsf->erase(n);
        m_tlsf->insert(n, size);
    }
    noteListed(n);
}

// Splits block n after `first` bytes; n keeps its state, the new second block
// (returned) is free. `handOut`: n is the indexed free block malloc found,
// which leaves the indexes, its remainder taking its place.
NodeIndex BoundaryTagHeap::splitBlock(NodeIndex n, Size first, bool handOut)
{
    const Address at = m_nodes[n].info.at;
    const Size total = m_nodes[n].info.size;
    assert(first > 0 && first < total && "a split must leave two non-empty blocks");
    const NodeIndex second = newNode(at + first, total - first);
    Node& x = m_nodes[n];
    m_nodes[second].prev = n;
    m_nodes[second].next = x.next;
    if (x.next != kNil)
        m_nodes[x.next].prev = second;
    else
        m_last = second;
    x.next = second;
    if (x.info.used) {
        m_allocatedBytes -= total - first;
        m_freeBytes += total - first;
    }
    ++m_freeBlocks;
    if (handOut) {
        x.info.size = first;
        handIndex(n, second);
    } else {
        resize(n, first);
        index(second);
    }
    emit(Split{at, total, first});
    return second;
}

// Block n (used or free) takes in the free block after it. `takePlace`: n is
// a block just freed, not yet indexed, that stays as it is after this, so
// it takes its neighbour's place in the indexes.
void BoundaryTagHeap::absorbNext(NodeIndex n, bool takePlace)
{
    const NodeIndex r = m_nodes[n].next;
    assert(r != kNil && !m_nodes[r].info.used && "only a free right neighbour can be absorbed");
    assert((!takePlace || (!m_nodes[n].info.used && !m_nodes[n].indexed && m_nodes[r].indexed))
           && "only a block just freed takes an indexed neighbour's place");
    const Address gone = m_nodes[r].info.at;
    const Size rightSize = m_nodes[r].info.size;
    emit(Coalesced{m_nodes[n].info.at, m_nodes[n].info.size, rightSize});
    if (!takePlace)
        unindex(r);
    Node& x = m_nodes[n];
    x.next = m_nodes[r].next;
    if (x.next != kNil)
        m_nodes[x.next].prev = n;
    else
        m_last = n;
    deleteNode(r);
    --m_freeBlocks;
    if (x.info.used) {
        m_allocatedBytes += rightSize;
        m_freeBytes -= rightSize;
    }
    resize(n, x.info.size + rightSize);
    if (m_nodes[n].info.used)
        noteUsedEnd(n);
    // The rover must not lie strictly inside a block.
    if (m_rover == gone)
        setRover(m_nodes[n].info.at);
    if (takePlace)
        handIndex(r, n);
}

// Merges free block n with free neighbours, right first; returns the result.
NodeIndex BoundaryTagHeap::coalesce(NodeIndex n)
{
    const NodeIndex next = m_nodes[n].next;
    const NodeIndex prev = m_nodes[n].prev;
    const bool leftFree = prev != kNil && !m_nodes[prev].info.used;
    if (next != kNil && !m_nodes[next].info.used)
        absorbNext(n, !leftFree);
    if (leftFree) {
        absorbNext(prev);
        return prev;
    }
    return n;
}

// Coalesces a block that has just become free and indexes what results.
void BoundaryTagHeap::freeAndCoalesce(NodeIndex n)
{
    const NodeIndex result = coalesce(n);
    if (!m_nodes[result].indexed)
        index(result);
}

void BoundaryTagHeap::markUsed(NodeIndex n, TraceId id, Size payload, LineNo line)
{
    unindex(n);
    BlockInfo& b = m_nodes[n].info;
    b.used = true;
    b.id = id;
    b.payload = payload;
    b.line = line;
    m_freeBytes -= b.size;
    --m_freeBlocks;
    m_allocatedBytes += b.size;
    m_livePayload += payload;
    ++m_usedBlocks;
    noteUsedEnd(n);
    emit(Allocated{b.at, b.size, id, payload, line});
}

// A used block becomes free; the caller coalesces and indexes it.
void BoundaryTagHeap::markFree(NodeIndex n)
{
    BlockInfo& b = m_nodes[n].info;
    emit(Freed{b.at, b.size, b.id, b.payload, b.line});
    m_allocatedBytes -= b.size;
    m_freeBytes += b.size;
    ++m_freeBlocks;
    m_livePayload -= b.payload;
    --m_usedBlocks;
    b.makeFree(b.at, b.size); // a free block has no id, payload or line
}

void BoundaryTagHeap::setPayload(NodeIndex n, Size payload)
{
    BlockInfo& b = m_nodes[n].info;
    if (b.payload == payload)
        return;
    emit(Resized{b.at, b.id, b.payload, payload});
    m_livePayload = m_livePayload - b.payload + payload;
    b.payload = payload;
}

// Adds `bytes` at the top as a free block, merged with a free last block.
// False (nothing changed) if the heap would outgrow kMaxHeapBytes.
// `handOut`: malloc takes the result at once (acquire), so it stays out of
// the indexes rather than going in only to come out again: a tenth of the
// churn trace's mallocs grow the heap, and each saves an insert and an
// erase. Its lists are told all the same (Listed), as in the long way.
bool BoundaryTagHeap::grow(Size bytes, bool handOut)
{
    if (bytes > kMaxHeapBytes - m_heapSize)
        return false;
    const Size oldSize = m_heapSize;
    const Address top = heapEnd();
    m_heapSize += bytes;
    const NodeIndex n = newNode(top, bytes);
    m_nodes[n].prev = m_last;
    if (m_last != kNil)
        m_nodes[m_last].next = n;
    else
        m_first = n;
    m_last = n;
    m_freeBytes += bytes;
    ++m_freeBlocks;
    emit(HeapGrown{oldSize, m_heapSize, top});
    if (!handOut) {
        freeAndCoalesce(n);
        return true;
    }
    if (const NodeIndex below = m_nodes[n].prev; below != kNil && !m_nodes[below].info.used)
        unindex(below);
    noteListed(coalesce(n));
    return true;
}

void BoundaryTagHeap::setRover(Address to)
{
    if (m_placement != Placement::Next || to == m_rover)
        return;
    emit(RoverMoved{m_rover, to});
    m_rover = to;
}

void BoundaryTagHeap::noteUsedEnd(NodeIndex n)
{
    const BlockInfo& b = m_nodes[n].info;
    m_highWater = std::max(m_highWater, (b.at + b.size).value());
}

// ---- malloc ----------------------------------------------------------------

NodeIndex BoundaryTagHeap::findFit(Size need)
{
    NodeIndex found = kNil;
    // First and next fit's searches count, for `examined`, the free blocks
    // below the rover (next fit) and below the block found.
    std::uint32_t belowRover = 0, belowFound = 0;
    std::uint32_t* const rover = m_countExamined ? &belowRover : nullptr;
    std::uint32_t* const rank = m_countExamined ? &belowFound : nullptr;
    switch (m_placement) {
    case Placement::First:
        found = m_byAddress.firstFit(Address(0), need, 0, &m_hint.byAddress, nullptr, {}, rank);
        break;
    case Placement::Next:
        found = m_byAddress.firstFit(m_rover, need, 0, &m_hint.byAddress, rover, m_hint.rover, rank);
        if (found == kNil)
            found = m_byAddress.firstFit(Address(0), need, 0, &m_hint.byAddress, nullptr, {}, rank);
        break;
    case Placement::Best:
        found = m_bySize.smallestFit(need, &m_hint.bySize);
        break;
    case Placement::Worst:
        // The largest block, lowest address first: the first block as large as the maximum.
        if (m_byAddress.maxSize() >= need)
            found = m_byAddress.firstFit(Address(0), m_byAddress.maxSize(), 0, &m_hint.byAddress);
        break;
    case Placement::Segregated: {
        const SegregatedLists::Found f = m_segregated->find(need);
        if (m_countExamined)
            tellSearch(need, f.node, f.examined, false, Address(0));
        return f.node;
    }
    case Placement::Tlsf: {
        const TlsfLists::Found f = m_tlsf->find(need);
        if (m_countExamined)
            tellSearch(need, f.node, f.examined, false, Address(0));
        return f.node;
    }
    }
    if (m_countExamined)
        countSearch(need, found, belowRover, belowFound);
    return found;
}

// Counts a search's `examined` and tells it (a Searched event).
void BoundaryTagHeap::tellSearch(Size need, NodeIndex found, std::uint32_t examined, bool addressWalk, Address start)
{
    m_examined += examined;
    if (!m_sink) // nothing listens: the count is all that is kept
        return;
    if (!addressWalk)
        tellVisits(familyVisits(need, found, examined), [this](const SearchVisit& v) { emit(v); });
    emit(Searched{need, examined, found != kNil, start, found != kNil ? m_nodes[found].info.at : Address(0),
                  addressWalk});
}

// The textbook count of a search over an address-ordered free list: first fit
// stops at its fit, next fit walks from the rover and wraps, best fit stops
// only at an exact fit, worst fit sees every free block; a failed search saw
// them all. First and next fit's searches count the blocks below the one they
// find; best fit's exact fit is ranked by address (AddressRanks): O(log n).
void BoundaryTagHeap::countSearch(Size need, NodeIndex found, std::uint32_t belowRover, std::uint32_t belowFound)
{
    const std::uint32_t all = m_freeBlocks;
    std::uint32_t seen = all;
    // Only next fit starts its walk anywhere but at the lowest free block.
    const Address start = m_placement == Placement::Next ? m_rover : Address(0);
    if (found != kNil) {
        const BlockInfo& chosen = m_nodes[found].info;
        switch (m_placement) {
        case Placement::First: // its search counted the blocks below the one found
            seen = belowFound + 1;
            break;
        case Placement::Next: // so did next fit's
            seen = chosen.at >= m_rover ? belowFound - belowRover + 1 : all - belowRover + belowFound + 1;
            break;
        case Placement::Best: // best fit's, by size, could not
            if (chosen.size == need)
                seen = 1 + (m_ranks ? m_ranks->countBelow(chosen.at) : m_byAddress.rankOf(found, m_hint.byAddress));
            break;
        default: // worst fit sees them all
            break;
        }
    }
    tellSearch(need, found, seen, true, start);
}

std::uint32_t BoundaryTagHeap::takeExamined() { return std::exchange(m_examined, 0); }

// Finds (growing the heap if it may) a free block for `need` bytes and splits
// it so that the returned free block, taken out of the trees, is the one to use.
NodeIndex BoundaryTagHeap::acquire(Size need)
{
    NodeIndex f = findFit(need);
    if (f == kNil && m_config.compact.kind == CompactTrigger::Kind::OnFailure && m_freeBytes >= need) {
        compact(m_config.compactor); // enough bytes, in pieces: gather them and look again
        f = findFit(need);
    }
    const bool lastFree = m_last != kNil && !m_nodes[m_last].info.used;
    if (f == kNil && lastFree && m_nodes[m_last].info.size >= need && m_config.growing()
        && m_config.growth == Growth::Exact)
        f = m_last; // passed over by a good fit's rounding (tlsf): an exact heap does not grow
    if (f == kNil) {
        if (!m_config.growing())
            return kNil;
        Size bytes = std::max(need, m_config.chunk);
        if (m_config.growth == Growth::Exact)
            bytes = lastFree ? need - m_nodes[m_last].info.size : need;
        if (!grow(bytes, true))
            return kNil;
        f = m_last;
    }
    // Handed out: its remainder alone stays in the indexes, where it was (or
    // enters them, after a growth that left f out).
    if (m_nodes[f].info.size - need >= m_config.minBlock)
        splitBlock(f, need, m_nodes[f].indexed);
    else
        unindex(f);
    return f;
}

// Next fit's rule after a placement: the rover goes to the end of the placed
// block, or back to prefix when that is the end of the heap's last block.
static Address roverAfter(Address end, bool last, Size prefix)
{
    return last ? Address(prefix) : end;
}

BlockHandle BoundaryTagHeap::allocate(Size n, TraceId id, LineNo line)
{
    const std::optional<Size> need = m_config.need(n);
    return need ? place(*need, id, n, line) : kNoBlock;
}

// malloc's placement of a `need`-byte block holding `payload` bytes.
NodeIndex BoundaryTagHeap::place(Size need, TraceId id, Size payload, LineNo line)
{
    const NodeIndex f = acquire(need);
    if (f == kNil)
        return kNil;
    markUsed(f, id, payload, line);
    const BlockInfo& b = m_nodes[f].info;
    setRover(roverAfter(b.at + b.size, m_nodes[f].next == kNil, m_config.prefix));
    // The remainder, where the rover now is, took the found block's entry.
    m_hint.rover = m_hint.byAddress;
    return f;
}

// Freeing a block reads its node, then its neighbours' nodes and (when they
// are free) their keys in the free tree: each a cache miss at random, as
// nodes are numbered in order of creation, not of address.
void BoundaryTagHeap::prefetch(BlockHandle n, bool neighbours) const
{
    if (n >= m_nodes.size())
        return;
    if (!neighbours)
        return __builtin_prefetch(&m_nodes[n]);
    for (const NodeIndex side : {m_nodes[n].prev, m_nodes[n].next}) {
        if (side >= m_nodes.size())
            continue;
        __builtin_prefetch(&m_nodes[side]);
        if (m_useByAddress)
            m_byAddress.prefetch(side);
        if (m_useBySize)
            m_bySize.prefetch(side);
        if (m_segregated)
            m_segregated->prefetch(side);
        if (m_tlsf)
            m_tlsf->prefetch(side);
    }
}

void BoundaryTagHeap::release(BlockHandle block)
{
    markFree(block);
    freeAndCoalesce(block);
}

// ---- realloc ---------------------------------------------------------------

bool BoundaryTagHeap::reallocate(BlockHandle block, Size payload)
{
    const std::optional<Size> wanted = m_config.need(payload);
    if (!wanted)
        return false;
    const Size need = *wanted;
    const bool done = m_config.realloc == ReallocPolicy::Move ? reallocByMove(block, need)
                                                                 : reallocInPlace(block, need);
    if (done)
        setPayload(block, payload);
    return done;
}

// heap-model.md, realloc cases 1 to 3, falling back to case 4 (move).
bool BoundaryTagHeap::reallocInPlace(NodeIndex b, Size need)
{
    const Size size = m_nodes[b].info.size;
    const NodeIndex r = m_nodes[b].next;
    const bool rightFree = r != kNil && !m_nodes[r].info.used;

    if (need <= size) { // 1. shrink in place
        if (size - need >= m_config.minBlock) {
            const NodeIndex tail = splitBlock(b, need);
            const NodeIndex after = m_nodes[tail].next;
            if (after != kNil && !m_nodes[after].info.used)
                absorbNext(tail);
        }
        return true;
    }
    if (rightFree && size + m_nodes[r].info.size >= need) { // 2. grow into R
        const Size extra = need - size;
        if (m_nodes[r].info.size - extra >= m_config.minBlock)
            splitBlock(r, extra);
        absorbNext(b);
        return true;
    }
    if (m_config.growing() && m_config.growth == Growth::Exact) { // 3. grow the heap under B
        const bool last = r == kNil;
        const bool rightIsLast = rightFree && m_nodes[r].next == kNil;
        if (last || rightIsLast) {
            const Size missing = need - size - (last ? 0 : m_nodes[r].info.size);
            if (grow(missing)) {
                absorbNext(b);
                return true;
            }
        }
    }
    return reallocByMove(b, need); // 4.
}

// Case 4: a new block as malloc would have it while B is still used, the
// payload moves there, then B is freed. B's node goes with the payload, so
// the id keeps its handle.
bool BoundaryTagHeap::reallocByMove(NodeIndex b, Size need)
{
    const NodeIndex f = acquire(need);
    if (f == kNil)
        return false;
    swapIntoFree(b, f);
    const BlockInfo& now = m_nodes[b].info;
    setRover(roverAfter(now.at + now.size, m_nodes[b].next == kNil, m_config.prefix));
    freeAndCoalesce(f);
    return true;
}

// ---- compaction ------------------------------------------------------------

FreeSpace BoundaryTagHeap::freeSpace() const
{
    return {m_freeBlocks, m_freeBytes, largestFree()};
}

// Each placement's own index knows the largest free block.
Size BoundaryTagHeap::largestFree() const
{
    if (m_segregated)
        return m_segregated->largest();
    if (m_tlsf)
        return m_tlsf->largest();
    return m_useBySize ? m_bySize.maxSize() : m_byAddress.maxSize();
}

void BoundaryTagHeap::compact(Compactor compactor)
{
    emit(CompactionStarted{compactor, freeSpace()});
    m_movesAtStart = m_moves;
    m_bytesAtStart = m_bytesMoved;
    noteProgress();
    if (compactor == Compactor::Sliding) {
        slideAll();
    } else {
        indexByAddress();
        while (twoFingerMove()) {
        }
    }
    ++m_compactions;
    // The rover goes to the lowest free block.
    Address lowestFree(m_config.prefix);
    for (NodeIndex n = m_first; n != kNil; n = m_nodes[n].next)
        if (!m_nodes[n].info.used) {
            lowestFree = m_nodes[n].info.at;
            break;
        }
    setRover(lowestFree);
    emit(CompactionFinished{m_moves - m_movesAtStart, m_bytesMoved - m_bytesAtStart, freeSpace()});
}

// Tells where the running compaction stands: at its start, or after a move
// (its free space merged, so that the heap is whole again).
void BoundaryTagHeap::noteProgress()
{
    emit(CompactionProgress{m_moves - m_movesAtStart, m_bytesMoved - m_bytesAtStart});
}

// Sliding (mark-compact): every used block, lowest first, slides down to the
// end of the one before; the free space rises to the top as one block.
void BoundaryTagHeap::slideAll()
{
    Address cursor(m_config.prefix);
    for (NodeIndex n = m_first; n != kNil; n = m_nodes[n].next) {
        if (!m_nodes[n].info.used)
            continue;
        if (m_nodes[n].info.at != cursor) {
            slideDown(n, m_nodes[n].prev); // a single free block lies in between
            noteProgress();
        }
        cursor = m_nodes[n].info.at + m_nodes[n].info.size;
    }
}

// Two-finger: the highest used block that some lower free block can hold
// moves to the lowest such block. False when no block can move down.
bool BoundaryTagHeap::twoFingerMove()
{
    // One sweep up notes, for each used block, the largest free block below
    // it: a block can move down exactly when that is at least its size. (The
    // sweep is O(n); asking the tree for each block would be O(n log n).)
    m_sweep.clear();
    Size largestBelow = 0;
    for (NodeIndex n = m_first; n != kNil; n = m_nodes[n].next) {
        const BlockInfo& b = m_nodes[n].info;
        if (!b.used)
            largestBelow = std::max(largestBelow, b.size);
        else if (largestBelow >= b.size)
            m_sweep.push_back(n);
    }
    if (m_sweep.empty())
        return false;
    const NodeIndex n = m_sweep.back(); // the highest that can move
    const NodeIndex target = m_byAddress.firstFit(Address(0), m_nodes[n].info.size);
    assert(target != kNil && m_nodes[target].info.at < m_nodes[n].info.at && "the sweep promised a lower fit");
    if (m_nodes[target].next == n)
        slideDown(n, target);
    else
        moveInto(n, target);
    noteProgress();
    return true;
}

// The used block trades places with the free block right below it, which
// then merges with a free block above.
void BoundaryTagHeap::slideDown(NodeIndex used, NodeIndex gap)
{
    BlockInfo& b = m_nodes[used].info;
    assert(!m_nodes[gap].info.used && m_nodes[gap].next == used && "a slide needs the free block right below");
    const Address to = m_nodes[gap].info.at;
    emit(Moved{b.id, b.at, b.size, to, b.size, b.payload, b.line, true});
    unindex(gap);
    swapPositions(gap, used);
    m_nodes[used].info.at = to;
    m_nodes[gap].info.at = to + m_nodes[used].info.size;
    index(gap);
    ++m_moves;
    m_bytesMoved += m_nodes[used].info.size;
    const NodeIndex above = m_nodes[gap].next;
    if (above != kNil && !m_nodes[above].info.used)
        absorbNext(gap);
}

// Two-finger's move to a lower, separate free block: placed at its low end as
// malloc would place it (the whole block when the rest is too small to be one),
// then the old place is freed and coalesced.
void BoundaryTagHeap::moveInto(NodeIndex used, NodeIndex target)
{
    const Size size = m_nodes[used].info.size;
    if (m_nodes[target].info.size - size >= m_config.minBlock)
        splitBlock(target, size);
    swapIntoFree(used, target);
    ++m_moves;
    m_bytesMoved += size;
    freeAndCoalesce(target);
}

// The used block takes the place (and all the bytes) of free block `target`;
// `target` takes the used block's old place and size, free, for the caller to
// coalesce. Told as a Moved event (a swap).
void BoundaryTagHeap::swapIntoFree(NodeIndex used, NodeIndex target)
{
    BlockInfo& b = m_nodes[used].info;
    BlockInfo& t = m_nodes[target].info;
    const Size size = b.size;
    emit(Moved{b.id, b.at, size, t.at, t.size, b.payload, b.line, false});
    unindex(target);
    swapPositions(target, used);
    std::swap(b.at, t.at);
    b.size = t.size;
    t.size = size;
    m_allocatedBytes = m_allocatedBytes + b.size - size;
    m_freeBytes = m_freeBytes - b.size + size;
    noteUsedEnd(used);
}

// Exchanges the places of two nodes in the block list (their addresses are
// the caller's to set, afterwards).
void BoundaryTagHeap::swapPositions(NodeIndex a, NodeIndex b)
{
    if (m_nodes[b].info.at < m_nodes[a].info.at)
        std::swap(a, b); // a is the lower one from here on
    Node& x = m_nodes[a];
    Node& y = m_nodes[b];
    const NodeIndex xp = x.prev, xn = x.next, yp = y.prev, yn = y.next;
    if (xn == b) { // neighbours: ... xp a b yn ...  ->  ... xp b a yn ...
        y.prev = xp;
        y.next = a;
        x.prev = b;
        x.next = yn;
    } else {
        y.prev = xp;
        y.next = xn;
        x.prev = yp;
        x.next = yn;
        m_nodes[xn].prev = b;
        m_nodes[yp].next = a;
    }
    (xp != kNil ? m_nodes[xp].next : m_first) = b;
    (yn != kNil ? m_nodes[yn].prev : m_last) = a;
}

// Two-finger looks blocks up by address: best fit keeps no such index unless
// asked to, so it starts one here and keeps it from then on.
void BoundaryTagHeap::indexByAddress()
{
    if (m_useByAddress)
        return;
    m_useByAddress = true;
    for (NodeIndex n = m_first; n != kNil; n = m_nodes[n].next)
        if (m_nodes[n].indexed)
            m_byAddress.insert(n, m_nodes[n].info.at, m_nodes[n].info.size);
}

// ---- views and checks --------------------------------------------------------

// Segregated fits' and TLSF's lists hold exactly the free blocks, each in its own list.
std::string BoundaryTagHeap::checkLists() const
{
    if (!m_segregated && !m_tlsf)
        return {};
    std::vector<Size> sizes(m_nodes.size(), 0);
    for (NodeIndex n = m_first; n != kNil; n = m_nodes[n].next) {
        const bool listed = m_segregated ? m_segregated->contains(n) : m_tlsf->contains(n);
        if (listed != !m_nodes[n].info.used)
            return "a free block is missing from its list, or a used one is in a list (block at "
                   + std::to_string(m_nodes[n].info.at.value()) + ")";
        sizes[n] = m_nodes[n].info.size;
    }
    return m_segregated ? m_segregated->checkInvariants() : m_tlsf->checkInvariants(sizes);
}

// Where walks of the block list may start side by side, in address order:
// the first block, and blocks that cut the list into stretches of about
// equal length. Nodes are numbered in order of creation, not of address, so
// nodes picked evenly by number are blocks picked at random; sorted by
// address, every 64th of 1,024 picks is a start. Any family's heap has
// them, whatever its free index.
std::vector<NodeIndex> BoundaryTagHeap::walkStarts() const
{
    constexpr std::size_t kWalkers = 16, kPicks = 64 * kWalkers;
    std::vector<NodeIndex> starts;
    if (m_first == kNil)
        return starts;
    starts.push_back(m_first);
    std::vector<NodeIndex> picks;
    const std::size_t step = std::max<std::size_t>(1, m_nodes.size() / kPicks);
    for (std::size_t n = 0; n < m_nodes.size(); n += step)
        if (m_nodes[n].info.size != 0 && n != m_first) // size 0: a spare node
            picks.push_back(NodeIndex(n));
    std::sort(picks.begin(), picks.end(),
              [this](NodeIndex a, NodeIndex b) { return m_nodes[a].info.at < m_nodes[b].info.at; });
    const std::size_t every = std::max<std::size_t>(1, picks.size() / kWalkers);
    for (std::size_t i = every; i < picks.size(); i += every)
        starts.push_back(picks[i]);
    return starts;
}

// The nodes lie in order of creation, not of address, so each step along
// the list is a cache miss, and a checkpoint's walk of the whole heap was a
// tenth of a long recording's time. Walking several stretches of the list
// at once keeps that many misses in flight; each stretch is copied, then
// handed to f in order.
void BoundaryTagHeap::forEachBlock(const std::function<void(const BlockInfo&)>& f) const
{
    const std::vector<NodeIndex> starts = walkStarts();
    std::vector<std::vector<BlockInfo>> stretches(starts.size());
    for (std::vector<BlockInfo>& stretch : stretches) // about even, by the starts' spread
        stretch.reserve(2 * (m_usedBlocks + m_freeBlocks) / stretches.size());
    std::vector<NodeIndex> at = starts;
    for (bool walking = true; walking;) {
        walking = false;
        for (std::size_t k = 0; k < at.size(); ++k) {
            const NodeIndex end = k + 1 < starts.size() ? starts[k + 1] : kNil;
            if (at[k] == end || at[k] == kNil) // kNil: the last stretch's end
                continue;
            stretches[k].push_back(m_nodes[at[k]].info);
            at[k] = m_nodes[at[k]].next;
            walking = true;
        }
    }
    for (const std::vector<BlockInfo>& stretch : stretches)
        for (const BlockInfo& b : stretch)
            f(b);
}

// Segregated fits' and TLSF's search for a block of `wanted` bytes, step by
// step: the blocks of the class lists walked, or the lists the bitmaps lead
// to and the head taken.
std::vector<SearchVisit> BoundaryTagHeap::familyVisits(Size wanted) const
{
    if (m_segregated)
        return segregatedVisits(wanted, m_segregated->walk(wanted));
    return tlsfVisits(wanted);
}

// The part of a search a view is told (tellVisits), given what the search
// found and how many blocks it examined: for segregated fits, the walk's
// first steps and the block taken numbered where it stood, without walking
// the lists any further (a class list can hold thousands of blocks).
std::vector<SearchVisit> BoundaryTagHeap::familyVisits(Size wanted, NodeIndex found, std::uint32_t examined) const
{
    if (!m_segregated)
        return tlsfVisits(wanted);
    std::vector<SearchVisit> visits = segregatedVisits(wanted, m_segregated->walk(wanted, kToldVisits - 1));
    if (found != kNil && visits.size() < examined) { // the walk went on past the told part to `found`
        visits.push_back(segregatedVisit(found, wanted));
        visits.back().index = examined;
    }
    return visits;
}

// One step of segregated fits' walk: a block of its class list.
SearchVisit BoundaryTagHeap::segregatedVisit(NodeIndex n, Size wanted) const
{
    const BlockInfo& b = m_nodes[n].info;
    return {SearchVisit::What::Block, b.at, b.size, std::uint32_t(m_segregated->classOf(b.size)), 0, b.size >= wanted};
}

std::vector<SearchVisit> BoundaryTagHeap::segregatedVisits(Size wanted, const std::vector<NodeIndex>& walked) const
{
    std::vector<SearchVisit> visits;
    visits.reserve(walked.size() + 1);
    for (NodeIndex n : walked)
        visits.push_back(segregatedVisit(n, wanted));
    return visits;
}

// TLSF's search: the list the request maps to, the list the bitmaps lead to
// (when another), and the head taken.
std::vector<SearchVisit> BoundaryTagHeap::tlsfVisits(Size wanted) const
{
    std::vector<SearchVisit> visits;
    const TlsfLists::Found f = m_tlsf->find(wanted);
    const TlsfLists::List from = m_tlsf->listFor(wanted);
    visits.push_back({SearchVisit::What::List, {}, 0, from.f, from.l, f.node != kNil && f.list == from});
    if (f.node != kNil) {
        if (!(f.list == from))
            visits.push_back({SearchVisit::What::List, {}, 0, f.list.f, f.list.l, true});
        const BlockInfo& b = m_nodes[f.node].info;
        visits.push_back({SearchVisit::What::Block, b.at, b.size, f.list.f, f.list.l, true});
    }
    return visits;
}

// The fits' searches as the textbook walks an address-ordered free list (the
// walk countSearch counts): from the lowest free block at or above the start,
// wrapping round, up to the block taken, or through all of them.
std::vector<SearchVisit> BoundaryTagHeap::searchFor(Size n) const
{
    std::vector<SearchVisit> visits;
    const std::optional<Size> wanted = m_config.need(n);
    if (m_segregated || m_tlsf)
        return wanted ? familyVisits(*wanted) : visits;
    std::vector<const BlockInfo*> free;
    for (NodeIndex i = m_first; i != kNil; i = m_nodes[i].next)
        if (!m_nodes[i].info.used)
            free.push_back(&m_nodes[i].info);
    if (free.empty())
        return visits;
    const Address start = m_placement == Placement::Next ? m_rover : Address(0);
    std::size_t first = 0;
    while (first < free.size() && free[first]->at < start)
        ++first;
    // The block each fit takes (none when nothing fits).
    const BlockInfo* pick = nullptr;
    for (std::size_t k = 0; k < free.size() && wanted; ++k) {
        const BlockInfo* b = free[(first + k) % free.size()];
        if (b->size < *wanted)
            continue;
        const bool better = !pick || (m_placement == Placement::Best && b->size < pick->size)
                            || (m_placement == Placement::Worst && b->size > pick->size);
        if (m_placement == Placement::First || m_placement == Placement::Next) {
            pick = b;
            break;
        }
        if (better)
            pick = b;
        if (m_placement == Placement::Best && b->size == *wanted)
            break;
    }
    for (std::size_t k = 0; k < free.size(); ++k) {
        const BlockInfo* b = free[(first + k) % free.size()];
        visits.push_back({SearchVisit::What::Block, b->at, b->size, 0, 0, b == pick});
        const bool stop = b == pick && m_placement != Placement::Worst
                          && (m_placement != Placement::Best || b->size == *wanted);
        if (stop)
            break;
    }
    return visits;
}

std::vector<std::vector<Address>> BoundaryTagHeap::listOrder() const
{
    std::vector<std::vector<Address>> lists;
    const auto addresses = [&](const std::vector<NodeIndex>& nodes) {
        std::vector<Address> out;
        for (NodeIndex n : nodes)
            out.push_back(m_nodes[n].info.at);
        return out;
    };
    if (m_tlsf)
        for (const std::vector<NodeIndex>& list : m_tlsf->lists())
            lists.push_back(addresses(list));
    if (m_segregated && m_segregated->lifo())
        for (const std::vector<NodeIndex>& list : m_segregated->lists())
            lists.push_back(addresses(list));
    return lists;
}

Bins BoundaryTagHeap::bins() const
{
    if (m_segregated) { // free blocks per class, by its upper bound (none for the last)
        Bins bins{"classes", {"bound", "free"}, {}};
        for (std::uint32_t c = 0; c < m_segregated->classes(); ++c) {
            const auto& bounds = m_segregated->bounds();
            bins.rows.push_back({c < bounds.size() ? std::optional<std::uint64_t>(bounds[c]) : std::nullopt,
                                 m_segregated->count(c)});
        }
        return bins;
    }
    if (m_tlsf)
        return {"lists", {"fl", "sl", "count"}, m_tlsf->nonEmpty()};
    return {"free blocks", {"free", "largest"}, {{m_freeBlocks, freeSpace().largest}}};
}

Metrics BoundaryTagHeap::metrics() const
{
    Metrics m;
    m.heapSize = m_heapSize;
    m.livePayload = m_livePayload;
    m.allocatedBytes = m_allocatedBytes;
    m.freeBytes = m_freeBytes;
    m.largestFree = freeSpace().largest;
    m.freeBlocks = m_freeBlocks;
    m.usedBlocks = m_usedBlocks;
    m.highWater = m_config.growing() ? m_heapSize : m_highWater;
    m.compactions = m_compactions;
    m.moves = m_moves;
    m.bytesMoved = m_bytesMoved;
    return m;
}

std::string BoundaryTagHeap::checkInvariants() const
{
    const auto where = [](const BlockInfo& b) { return " (block at " + std::to_string(b.at.value()) + ")"; };
    Address expect(m_config.prefix);
    Size live = 0, allocated = 0, freeBytes = 0, largest = 0;
    std::uint32_t used = 0, freeCount = 0;
    bool roverOk = m_rover == Address(m_config.prefix);
    NodeIndex prev = kNil;
    for (NodeIndex n = m_first; n != kNil; prev = n, n = m_nodes[n].next) {
        const Node& x = m_nodes[n];
        const BlockInfo& b = x.info;
        if (x.prev != prev)
            return "block list: a back link is wrong" + where(b);
        if (b.at != expect)
            return "tiling: a block starts at " + std::to_string(b.at.value()) + ", not at "
                   + std::to_string(expect.value());
        if (b.size % m_config.align != 0 || b.size < m_config.minBlock)
            return "block size " + std::to_string(b.size) + " is not a multiple of align or below min_block" + where(b);
        if (!b.used && prev != kNil && !m_nodes[prev].info.used)
            return "two free blocks are neighbours" + where(b);
        if (b.used && b.size < m_config.header + m_config.footer + b.payload)
            return "a used block is smaller than its payload and tags" + where(b);
        roverOk = roverOk || b.at == m_rover;
        if (b.used) {
            ++used;
            live += b.payload;
            allocated += b.size;
        } else {
            ++freeCount;
            freeBytes += b.size;
            if (!x.indexed)
                return "a free block is missing from the free trees" + where(b);
            largest = std::max(largest, b.size);
            const auto stale = [&](const auto& tree, bool inUse) {
                return inUse && (tree.addressOf(n) != b.at || tree.sizeOf(n) != b.size);
            };
            if (stale(m_bySize, m_useBySize) || stale(m_byAddress, m_useByAddress))
                return "free tree: holds a stale address or size" + where(b);
            if (m_ranks && !m_ranks->holds(b.at))
                return "address ranks: a free block is missing" + where(b);
        }
        expect = b.at + b.size;
    }
    if (prev != m_last)
        return "block list: the last block is not the list's end";
    if (expect != heapEnd())
        return "tiling: blocks end at " + std::to_string(expect.value()) + ", not at H - suffix = "
               + std::to_string(heapEnd().value());
    if (used != m_usedBlocks || freeCount != m_freeBlocks || live != m_livePayload
        || allocated != m_allocatedBytes || freeBytes != m_freeBytes)
        return "counters differ from a recount of the blocks";
    const auto treeFault = [&](const auto& tree, bool inUse) -> std::string {
        if (!inUse)
            return {};
        if (tree.count() != freeCount || tree.maxSize() != largest)
            return "free tree: its count or largest size differs from the free blocks";
        return tree.checkInvariants();
    };
    for (std::string e : {treeFault(m_bySize, m_useBySize), treeFault(m_byAddress, m_useByAddress)})
        if (!e.empty())
            return e;
    if (m_ranks) {
        if (m_ranks->count() != freeCount)
            return "address ranks: " + std::to_string(m_ranks->count()) + " blocks, not "
                   + std::to_string(freeCount);
        if (auto e = m_ranks->checkInvariants(); !e.empty())
            return e;
    }
    if (largestFree() != largest)
        return "the largest free block is " + std::to_string(largest) + " bytes, not "
               + std::to_string(largestFree());
    if (!roverOk)
        return "the rover (" + std::to_string(m_rover.value()) + ") is neither prefix nor a block start";
    if (auto e = checkLists(); !e.empty())
        return e;
    if (m_config.fixedSize && m_heapSize != *m_config.fixedSize)
        return "a fixed heap changed size";
    return {};
}

} // namespace heapviz
