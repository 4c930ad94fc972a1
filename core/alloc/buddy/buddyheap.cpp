#include "core/alloc/buddy/buddyheap.h"

#include <bit>
#include <cassert>
#include <utility>

namespace heapviz {

namespace {
unsigned orderOf(Size size) { return unsigned(std::countr_zero(size)); } // size is a power of two
} // namespace

BuddyHeap::BuddyHeap(const LaneSpec& lane, EventSink* sink, bool countExamined)
    : m_minOrder(lane.buddy.minOrder)
    , m_header(lane.buddy.header)
    , m_canary(lane.config.canary)
    , m_growing(lane.config.growing())
    , m_sink(sink)
    , m_countExamined(countExamined)
{
    if (lane.config.fixedSize) { // one free block [0, H): the initial state, not an event
        m_heapSize = *lane.config.fixedSize;
        const NodeIndex n = newNode(Address(0), m_heapSize);
        m_tally.addFree(m_heapSize);
        addFree(n);
    }
}

// ---- blocks and lists --------------------------------------------------------

NodeIndex BuddyHeap::newNode(Address at, Size size)
{
    NodeIndex n;
    if (!m_spare.empty()) {
        n = m_spare.back();
        m_spare.pop_back();
    } else {
        n = NodeIndex(m_nodes.size());
        m_nodes.emplace_back();
    }
    m_nodes[n].makeFree(at, size);
    m_byAddress.set(at, n);
    return n;
}

// Freeing a block reads its record, then looks its buddy up by address.
void BuddyHeap::prefetch(BlockHandle b, bool buddy) const
{
    if (b >= m_nodes.size())
        return;
    if (!buddy)
        return __builtin_prefetch(&m_nodes[b]);
    m_byAddress.prefetch(Address(m_nodes[b].at.value() ^ m_nodes[b].size));
}

NodeIndex BuddyHeap::nodeAt(Address at) const
{
    return m_byAddress.find(at);
}

void BuddyHeap::addFree(NodeIndex n) { m_free.insert(n, m_nodes[n].at, m_nodes[n].size, orderOf(m_nodes[n].size)); }
void BuddyHeap::removeFree(NodeIndex n) { m_free.erase(n); }

std::uint32_t BuddyHeap::freeOfOrder(unsigned j) const
{
    return m_free.countBelow(Address(0), j + 1) - m_free.countBelow(Address(0), j);
}

unsigned BuddyHeap::heapOrder() const { return m_heapSize == 0 ? 0 : orderOf(m_heapSize); }

// Splits block n (free and out of the lists, or used) in half: n keeps the
// lower half, the upper half is a new free block in its list. Returns it.
NodeIndex BuddyHeap::halve(NodeIndex n)
{
    const Size half = m_nodes[n].size / 2;
    const Address at = m_nodes[n].at;
    emit(Split{at, 2 * half, half});
    m_nodes[n].size = half;
    if (m_nodes[n].used) {
        m_tally.allocatedBytes -= half;
        m_tally.addFree(half);
    } else {
        ++m_tally.freeBlocks;
    }
    const NodeIndex upper = newNode(at + half, half);
    addFree(upper);
    return upper;
}

// A block that has just become free (out of the lists) merges with its buddy
// while that is a free block of its size inside the heap, then joins its list.
void BuddyHeap::mergeUp(NodeIndex n)
{
    for (;;) {
        const Size size = m_nodes[n].size;
        const Address buddyAt(m_nodes[n].at.value() ^ size);
        if (buddyAt.value() + size > m_heapSize)
            break;
        const NodeIndex buddy = nodeAt(buddyAt);
        if (buddy == kNil || m_nodes[buddy].used || m_nodes[buddy].size != size)
            break;
        removeFree(buddy);
        const NodeIndex lower = buddyAt < m_nodes[n].at ? buddy : n;
        const NodeIndex upper = lower == n ? buddy : n;
        emit(Coalesced{m_nodes[lower].at, size, size});
        m_byAddress.erase(m_nodes[upper].at);
        m_nodes[upper] = BlockInfo{};
        m_spare.push_back(upper);
        m_nodes[lower].size = 2 * size;
        --m_tally.freeBlocks;
        n = lower;
    }
    addFree(n);
}

// ---- malloc --------------------------------------------------------------

std::optional<Size> BuddyHeap::need(Size n) const
{
    if (n > kMaxHeapBytes || m_header > kMaxHeapBytes || m_canary > kMaxHeapBytes)
        return std::nullopt;
    const Size total = std::max<Size>({n + m_header + m_canary, Size{1} << m_minOrder, 1});
    if (total > kMaxHeapBytes)
        return std::nullopt;
    return std::bit_ceil(total);
}

BuddyHeap::Search BuddyHeap::search(unsigned k) const
{
    Search s;
    if (m_heapSize == 0)
        return s;
    // The first free block from order k on, in (order, address) order.
    s.node = m_free.firstFit(Address(0), 0, k);
    const unsigned last = s.node != kNil ? m_free.groupOf(s.node) : heapOrder();
    s.orders = last >= k ? last - k + 1 : 0;
    return s;
}

// A growing heap grows until a free block holds `need` bytes: from empty to
// `need`, then doubling, each new upper half merging with a lower half that is
// one free block. False (nothing changed) if that would pass kMaxHeapBytes.
bool BuddyHeap::growFor(Size need)
{
    // First work out how far, so that a growth that cannot finish never starts.
    Size h = m_heapSize;
    bool lowerWhole = h > 0 && m_nodes[nodeAt(Address(0))].size == h && !m_nodes[nodeAt(Address(0))].used;
    Size target = 0;
    if (h == 0) {
        target = need;
    } else {
        for (;;) {
            if (h > kMaxHeapBytes / 2)
                return false;
            const Size largest = lowerWhole ? 2 * h : h; // the block the doubling leaves at the top
            h *= 2;
            if (largest >= need)
                break;
            lowerWhole = lowerWhole && largest == h;
        }
        target = h;
    }
    if (m_heapSize == 0) {
        emit(HeapGrown{0, target, Address(0)});
        m_heapSize = target;
        m_tally.addFree(target);
        addFree(newNode(Address(0), target));
        return true;
    }
    while (m_heapSize < target) {
        const Size old = m_heapSize;
        emit(HeapGrown{old, 2 * old, Address(old)});
        m_heapSize = 2 * old;
        m_tally.addFree(old);
        mergeUp(newNode(Address(old), old));
    }
    return true;
}

// Finds (growing the heap if it may) a free block of order k and halves it
// down to `need` bytes; returns it, free and out of the lists, or kNil.
NodeIndex BuddyHeap::take(unsigned k, Size need)
{
    Search s = search(k);
    if (m_countExamined)
        m_examined += s.orders;
    if (m_countExamined && m_sink) { // the visits are built only for a listener
        tellVisits(orderVisits(k, s), [this](const SearchVisit& v) { emit(v); });
        emit(Searched{need, s.orders, s.node != kNil, Address(0),
                      s.node != kNil ? m_nodes[s.node].at : Address(0), false});
    }
    if (s.node == kNil) {
        if (!m_growing || !growFor(need))
            return kNil;
        s = search(k); // the growth that follows a failed search is not a search
    }
    const NodeIndex n = s.node;
    removeFree(n);
    while (m_nodes[n].size > need)
        halve(n);
    return n;
}

BlockHandle BuddyHeap::allocate(Size n, TraceId id, LineNo line)
{
    const std::optional<Size> size = need(n);
    if (!size)
        return kNoBlock;
    const NodeIndex b = take(orderOf(*size), *size);
    if (b == kNil)
        return kNoBlock;
    BlockInfo& info = m_nodes[b];
    info.used = true;
    info.id = id;
    info.payload = n;
    info.line = line;
    m_tally.use(info.at, info.size, n);
    emit(Allocated{info.at, info.size, id, n, line});
    return b;
}

void BuddyHeap::release(BlockHandle b)
{
    BlockInfo& info = m_nodes[b];
    emit(Freed{info.at, info.size, info.id, info.payload, info.line});
    m_tally.release(info.size, info.payload);
    info.makeFree(info.at, info.size);
    mergeUp(b);
}

void BuddyHeap::setPayload(NodeIndex n, Size payload)
{
    BlockInfo& b = m_nodes[n];
    if (b.payload == payload)
        return;
    emit(Resized{b.at, b.id, b.payload, payload});
    m_tally.livePayload = m_tally.livePayload - b.payload + payload;
    b.payload = payload;
}

// heap-model.md, buddy realloc: the same size in place; smaller by halving in
// place (each upper half free: its buddy is the block, so it stays apart);
// larger by a move, as malloc would have it while the block is in use.
bool BuddyHeap::reallocate(BlockHandle b, Size n)
{
    const std::optional<Size> size = need(n);
    if (!size)
        return false;
    if (*size <= m_nodes[b].size) {
        while (m_nodes[b].size > *size)
            halve(b);
        setPayload(b, n);
        return true;
    }
    const NodeIndex f = take(orderOf(*size), *size);
    if (f == kNil)
        return false;
    // The payload moves to f; the handle b goes with it, and f names the old place.
    BlockInfo moved = m_nodes[b];
    emit(Moved{moved.id, moved.at, moved.size, m_nodes[f].at, m_nodes[f].size, moved.payload, moved.line, false});
    const Address oldAt = moved.at;
    const Size oldSize = moved.size;
    moved.at = m_nodes[f].at;
    moved.size = m_nodes[f].size;
    m_nodes[f] = BlockInfo{oldAt, oldSize};
    m_nodes[b] = moved;
    m_byAddress.set(moved.at, b);
    m_byAddress.set(oldAt, f);
    m_tally.use(moved.at, moved.size, moved.payload);
    m_tally.release(oldSize, moved.payload);
    mergeUp(f);
    setPayload(b, n);
    return true;
}

// ---- views and checks --------------------------------------------------------

void BuddyHeap::forEachBlock(const std::function<void(const BlockInfo&)>& f) const
{
    for (Address at(0); at.value() < m_heapSize;) { // the blocks tile [0, H)
        const BlockInfo& b = m_nodes[nodeAt(at)];
        f(b);
        at = at + b.size;
    }
}

FreeSpace BuddyHeap::freeSpace() const
{
    return {m_tally.freeBlocks, m_tally.freeBytes, m_free.maxSize()};
}

Metrics BuddyHeap::metrics() const { return m_tally.metrics(m_heapSize, m_growing, freeSpace().largest); }

std::uint32_t BuddyHeap::takeExamined() { return std::exchange(m_examined, 0); }

std::vector<SearchVisit> BuddyHeap::searchFor(Size n) const
{
    std::vector<SearchVisit> visits;
    const std::optional<Size> size = need(n);
    if (!size || m_heapSize == 0)
        return visits;
    return orderVisits(orderOf(*size), search(orderOf(*size)));
}

// The orders a search from order k looked at, the last the one it took from.
std::vector<SearchVisit> BuddyHeap::orderVisits(unsigned k, const Search& s) const
{
    std::vector<SearchVisit> visits;
    for (unsigned j = k; j < k + s.orders; ++j)
        visits.push_back({SearchVisit::What::Order, {}, 0, j, 0, s.node != kNil && j + 1 == k + s.orders});
    return visits;
}

Bins BuddyHeap::bins() const
{
    Bins bins{"orders", {"order", "size", "free"}, {}};
    for (unsigned j = m_minOrder; m_heapSize > 0 && j <= heapOrder(); ++j)
        bins.rows.push_back({j, Size{1} << j, freeOfOrder(j)});
    return bins;
}

std::string BuddyHeap::checkInvariants() const
{
    if (m_heapSize != 0 && !std::has_single_bit(m_heapSize))
        return "buddy: the heap (" + std::to_string(m_heapSize) + " bytes) is not a power of two";
    HeapTally recount;
    Address expect(0);
    std::size_t blocks = 0;
    for (Address at(0); at.value() < m_heapSize; at = expect, ++blocks) { // the blocks tile [0, H)
        const NodeIndex n = nodeAt(at);
        const std::string where = " (block at " + std::to_string(at.value()) + ")";
        if (n == kNil || m_nodes[n].at != at)
            return "buddy: the blocks do not tile the heap" + where;
        const BlockInfo& b = m_nodes[n];
        if (!std::has_single_bit(b.size) || b.size < (Size{1} << m_minOrder) || at.value() % b.size != 0)
            return "buddy: a block is not 2^k bytes (k >= min_order) at a multiple of 2^k" + where;
        if (b.used) {
            recount.allocatedBytes += b.size;
            recount.livePayload += b.payload;
            ++recount.usedBlocks;
        } else {
            recount.addFree(b.size);
            if (!m_free.contains(n) || m_free.addressOf(n) != at || m_free.sizeOf(n) != b.size
                || m_free.groupOf(n) != orderOf(b.size))
                return "buddy: a free block is not in its order's list" + where;
            const Address buddyAt(at.value() ^ b.size);
            const NodeIndex buddy = buddyAt.value() + b.size <= m_heapSize ? nodeAt(buddyAt) : kNil;
            if (buddy != kNil && !m_nodes[buddy].used && m_nodes[buddy].size == b.size)
                return "buddy: two free buddies were not merged" + where;
        }
        expect = at + b.size;
    }
    if (blocks != m_byAddress.size())
        return "buddy: the address table holds " + std::to_string(m_byAddress.size()) + " blocks, not "
               + std::to_string(blocks);
    if (expect.value() != m_heapSize)
        return "buddy: the blocks end at " + std::to_string(expect.value()) + ", not at H";
    if (m_free.count() != recount.freeBlocks)
        return "buddy: the order lists hold " + std::to_string(m_free.count()) + " blocks, not the free ones";
    if (recount.freeBytes != m_tally.freeBytes || recount.freeBlocks != m_tally.freeBlocks
        || recount.allocatedBytes != m_tally.allocatedBytes || recount.livePayload != m_tally.livePayload
        || recount.usedBlocks != m_tally.usedBlocks)
        return "buddy: the counts differ from a recount of the blocks";
    return {};
}

} // namespace heapviz
