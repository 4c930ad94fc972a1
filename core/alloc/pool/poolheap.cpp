#include "core/alloc/pool/poolheap.h"

#include <algorithm>
#include <utility>

namespace heapviz {

PoolHeap::PoolHeap(const LaneSpec& lane, EventSink* sink, bool countExamined)
    : m_slot(lane.pool.slot)
    , m_chunk(lane.pool.chunk)
    , m_header(lane.pool.header)
    , m_canary(lane.config.canary)
    , m_growing(lane.config.growing())
    , m_sink(sink)
    , m_countExamined(countExamined)
{
    if (lane.config.fixedSize) // every slot free, the lowest on top: the initial state, not events
        addSlots(*lane.config.fixedSize / m_slot, false);
}

// Appends `count` free slots at the top and pushes them so that the lowest
// ends on top; `told`: as events (a growth), not as the initial state.
void PoolHeap::addSlots(std::uint64_t count, bool told)
{
    const auto first = BlockHandle(m_slots.size());
    for (std::uint64_t i = 0; i < count; ++i) {
        m_slots.push_back(BlockInfo{Address((first + i) * m_slot), m_slot});
        m_tally.addFree(m_slot);
    }
    for (std::uint64_t i = count; i-- > 0;) {
        m_stack.push_back(BlockHandle(first + i));
        if (told)
            emit(Listed{m_slots[first + i].at});
    }
}

std::optional<Size> PoolHeap::need(Size n) const
{
    if (n > m_slot || m_header > m_slot || m_canary > m_slot || n + m_header + m_canary > m_slot)
        return std::nullopt;
    return m_slot;
}

BlockHandle PoolHeap::allocate(Size n, TraceId id, LineNo line)
{
    const bool fits = need(n).has_value();
    const std::uint32_t examined = fits && !m_stack.empty() ? 1 : 0; // the top looked at, or nothing to look at
    if (m_countExamined)
        m_examined += examined;
    if (m_countExamined && m_sink) { // the visits are built only for a listener
        const bool found = examined == 1;
        tellVisits(searchFor(n), [this](const SearchVisit& v) { emit(v); });
        emit(Searched{fits ? m_slot : 0, examined, found, Address(0),
                      found ? m_slots[m_stack.back()].at : Address(0), false});
    }
    if (!fits)
        return kNoBlock;
    if (m_stack.empty()) {
        const Size heap = m_slots.size() * m_slot;
        if (!m_growing || m_chunk > (kMaxHeapBytes - heap) / m_slot)
            return kNoBlock;
        // One free block of chunk slots appears, then is cut into its slots.
        const Size bytes = m_chunk * m_slot;
        emit(HeapGrown{heap, heap + bytes, Address(heap)});
        for (std::uint64_t i = 0; i + 1 < m_chunk; ++i)
            emit(Split{Address(heap + i * m_slot), bytes - i * m_slot, m_slot});
        addSlots(m_chunk, true);
    }
    const BlockHandle b = m_stack.back();
    m_stack.pop_back();
    BlockInfo& s = m_slots[b];
    s.used = true;
    s.id = id;
    s.payload = n;
    s.line = line;
    m_tally.use(s.at, s.size, n);
    emit(Allocated{s.at, s.size, id, n, line});
    return b;
}

void PoolHeap::release(BlockHandle b)
{
    BlockInfo& s = m_slots[b];
    emit(Freed{s.at, s.size, s.id, s.payload, s.line});
    m_tally.release(s.size, s.payload);
    s.makeFree(s.at, s.size);
    m_stack.push_back(b);
    emit(Listed{s.at});
}

bool PoolHeap::reallocate(BlockHandle b, Size n)
{
    if (!need(n))
        return false;
    BlockInfo& s = m_slots[b];
    if (s.payload != n) {
        emit(Resized{s.at, s.id, s.payload, n});
        m_tally.livePayload = m_tally.livePayload - s.payload + n;
        s.payload = n;
    }
    return true;
}

void PoolHeap::forEachBlock(const std::function<void(const BlockInfo&)>& f) const
{
    for (const BlockInfo& s : m_slots)
        f(s);
}

FreeSpace PoolHeap::freeSpace() const
{
    return {m_tally.freeBlocks, m_tally.freeBytes, m_tally.freeBlocks ? m_slot : 0};
}

Metrics PoolHeap::metrics() const
{
    Metrics m = m_tally.metrics(m_slots.size() * m_slot, m_growing, freeSpace().largest);
    m.interchangeableFree = true; // every free slot serves every request a pool accepts
    return m;
}

std::uint32_t PoolHeap::takeExamined() { return std::exchange(m_examined, 0); }

std::vector<SearchVisit> PoolHeap::searchFor(Size n) const
{
    if (!need(n) || m_stack.empty())
        return {};
    const BlockInfo& top = m_slots[m_stack.back()];
    return {{SearchVisit::What::Block, top.at, top.size, 0, 0, true}};
}

std::vector<std::vector<Address>> PoolHeap::listOrder() const
{
    std::vector<Address> stack; // the top first
    for (auto it = m_stack.rbegin(); it != m_stack.rend(); ++it)
        stack.push_back(m_slots[*it].at);
    return {stack};
}

Bins PoolHeap::bins() const
{
    return {"slots", {"slot", "free", "used"}, {{m_slot, m_tally.freeBlocks, m_tally.usedBlocks}}};
}

std::string PoolHeap::checkInvariants() const
{
    std::vector<bool> stacked(m_slots.size(), false);
    for (BlockHandle b : m_stack) {
        if (b >= m_slots.size() || stacked[b])
            return "pool: the free stack holds a slot twice, or one that is not there";
        if (m_slots[b].used)
            return "pool: a used slot is on the free stack";
        stacked[b] = true;
    }
    HeapTally recount;
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
        const BlockInfo& s = m_slots[i];
        if (s.at != Address(i * m_slot) || s.size != m_slot)
            return "pool: slot " + std::to_string(i) + " is not where or as large as a slot is";
        if (!s.used && !stacked[i])
            return "pool: a free slot is missing from the stack";
        if (s.used) {
            recount.allocatedBytes += s.size;
            recount.livePayload += s.payload;
            ++recount.usedBlocks;
        } else {
            recount.addFree(s.size);
        }
    }
    if (recount.freeBytes != m_tally.freeBytes || recount.freeBlocks != m_tally.freeBlocks
        || recount.allocatedBytes != m_tally.allocatedBytes || recount.livePayload != m_tally.livePayload
        || recount.usedBlocks != m_tally.usedBlocks)
        return "pool: the counts differ from a recount of the slots";
    return {};
}

} // namespace heapviz
