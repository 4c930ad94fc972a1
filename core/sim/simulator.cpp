#include "core/sim/simulator.h"

#include "core/alloc/registry.h"

#include <algorithm>

namespace heapviz {

Simulator::Simulator(const LaneSpec& lane, std::uint32_t slots, EventSink* sink, bool countExamined)
    : m_lane(lane)
    , m_alloc(makeAllocator(lane, sink, countExamined))
    , m_compactsAfterOps(m_alloc->canCompact() && lane.config.compact.watchesOperations())
    , m_sink(sink)
    , m_ids(slots)
{
    m_peakPayload = m_alloc->livePayload();
}

// The engine's time goes mostly to waiting for memory: an operation reads its
// id's entry, then the entry's block, then the block's neighbours, each a
// cache miss at random. The trace says what comes next, so each is asked for
// an operation or two before it is needed, and the waits overlap with the
// work of the operations before (about a quarter less time for the fits).
void Simulator::prefetch(const Op* upcoming, std::size_t count) const
{
    // The trace itself, read in order, is fetched ahead too: left to the
    // hardware, its reads stalled a buddy lane's replay by a third in some
    // builds (README, Benchmarks).
    if (count > 8)
        __builtin_prefetch(&upcoming[8]);
    if (count > 2 && upcoming[2].slot < m_ids.size())
        __builtin_prefetch(&m_ids[upcoming[2].slot]);
    if (count > 1)
        prefetchBlock(upcoming[1], false);
    if (count > 0)
        prefetchBlock(upcoming[0], true);
}

void Simulator::prefetchBlock(const Op& op, bool neighbours) const
{
    if (op.kind == OpKind::Malloc || op.slot >= m_ids.size())
        return;
    const IdEntry& entry = m_ids[op.slot];
    if (entry.state == IdState::Live)
        m_alloc->prefetch(entry.live.block, neighbours);
}

void Simulator::apply(const Op& op)
{
    if (op.slot != kNoSlot) {
        if (op.slot >= m_ids.size())
            m_ids.resize(op.slot + 1);
        IdEntry& entry = m_ids[op.slot];
        switch (op.kind) {
        case OpKind::Malloc: doMalloc(op, entry); break;
        case OpKind::Free: doFree(op, entry); break;
        case OpKind::Realloc: doRealloc(op, entry); break;
        case OpKind::Write: doWrite(op, entry); break;
        }
    } // else "f -1": C's free(NULL), nothing to do
    ++m_operations;
    if (m_compactsAfterOps)
        compactIfTriggered();
    measure(op.kind);
}

// The triggers that look at an operation once it is done: at:N and
// threshold:F (on-failure acts inside the heap's search).
void Simulator::compactIfTriggered()
{
    const CompactTrigger& t = m_lane.config.compact;
    const bool fire = t.firesAfter(m_operations)
                      || (t.kind == CompactTrigger::Kind::Threshold
                          && m_alloc->metrics().externalFragmentation() > t.threshold);
    if (fire)
        m_alloc->compact(m_lane.config.compactor);
}

void Simulator::doMalloc(const Op& op, IdEntry& entry)
{
    if (entry.state == IdState::Live)
        return fault(op, FaultKind::IdReuse, entry);
    if (op.size == 0 && m_lane.config.zero == ZeroPolicy::Null) {
        entry.become(IdState::Null, op.line); // malloc(0) returned NULL: not a failure
        return;
    }
    const BlockHandle block = m_alloc->allocate(op.size, op.id, op.line);
    if (block == kNoBlock) {
        entry.become(IdState::Null, op.line);
        return fail(op);
    }
    entry.become(IdState::Live, op.line, block);
}

void Simulator::doFree(const Op& op, IdEntry& entry)
{
    switch (entry.state) {
    case IdState::Live:
    {
        checkCanary(op, entry);
        const BlockHandle block = entry.live.block;
        const BlockInfo& b = m_alloc->block(block);
        entry.freed = {b.at.value(), b.size, b.payload};
        entry.state = IdState::Freed;
        m_alloc->release(block);
        return;
    }
    case IdState::Null: return; // free(NULL)
    case IdState::Freed: return fault(op, FaultKind::DoubleFree, entry);
    case IdState::Unknown: return fault(op, FaultKind::InvalidFree, entry);
    }
}

void Simulator::doRealloc(const Op& op, IdEntry& entry)
{
    switch (entry.state) {
    case IdState::Null: return doMalloc(op, entry); // realloc(NULL, n)
    case IdState::Freed:
    case IdState::Unknown: return fault(op, FaultKind::InvalidRealloc, entry);
    case IdState::Live: break;
    }
    checkCanary(op, entry);
    if (op.size == 0 && m_lane.config.zero == ZeroPolicy::Null) {
        m_alloc->release(entry.live.block); // realloc(p, 0) frees p and returns NULL
        entry.become(IdState::Null, entry.line);
        return;
    }
    if (!m_alloc->reallocate(entry.live.block, op.size))
        return fail(op); // the old block stays as it was
}

// heap-model.md, "Writes and canaries": a write past the payload's end is an
// overflow (also when it starts before it), one that only starts before it an
// underflow; to a freed id a use after free, to a null or unknown id an
// invalid write. A write changes no block.
void Simulator::doWrite(const Op& op, IdEntry& entry)
{
    switch (entry.state) {
    case IdState::Freed: return fault(op, FaultKind::UseAfterFree, entry);
    case IdState::Null:
    case IdState::Unknown: return fault(op, FaultKind::InvalidWrite, entry);
    case IdState::Live: break;
    }
    __extension__ typedef __int128 Wide; // offset + length never overflows here
    const BlockInfo& b = m_alloc->block(entry.live.block);
    const Wide payloadAt = Wide(b.at.value()) + Wide(m_alloc->payloadOffset());
    const Wide from = Wide(op.offset);
    const Wide to = from + Wide(op.size);
    const Wide n = Wide(b.payload);
    const auto clip = [&](Wide a) { return Address(std::uint64_t(std::clamp<Wide>(payloadAt + a, 0, Wide(m_alloc->metrics().heapSize)))); };
    if (to > n) {
        const Address first = clip(std::max(from, n));
        const Wide canary = Wide(m_lane.config.canary);
        if (canary > 0 && from < n + canary && entry.live.canaryHit == 0) // the damage reaches the canary
            entry.live.canaryHit = op.line;
        return fault(op, FaultKind::Overflow, entry, first, clip(to) - first);
    }
    if (from < 0) {
        const Address first = clip(from);
        return fault(op, FaultKind::Underflow, entry, first, clip(std::min<Wide>(to, 0)) - first);
    }
}

// Where a real allocator checks a canary (a free, a realloc) and finds it
// damaged, it says so; the fault itself was counted at the write.
void Simulator::checkCanary(const Op& op, IdEntry& entry)
{
    if (entry.live.canaryHit == 0)
        return;
    if (m_sink) {
        const BlockInfo& b = m_alloc->block(entry.live.block);
        m_sink->onEvent(CanaryBroken{b.at, op.id, op.line, entry.live.canaryHit, b.size, op.kind == OpKind::Realloc});
    }
    entry.live.canaryHit = 0;
}

void Simulator::fault(const Op& op, FaultKind kind, const IdEntry& entry, Address damageAt, Size damage)
{
    m_faults.push_back({op.line, kind, op.id});
    ++m_faultCount;
    if (!m_sink)
        return;
    FreedBlock concerned{0, 0, 0}; // none
    if (entry.state == IdState::Live) {
        const BlockInfo& b = m_alloc->block(entry.live.block);
        concerned = {b.at.value(), b.size, b.payload};
    } else if (entry.state == IdState::Freed) {
        concerned = entry.freed;
    }
    m_sink->onEvent(Fault{kind, op.id, op.line, Address(concerned.at), concerned.size, damageAt, damage, concerned.payload});
}

void Simulator::fail(const Op& op)
{
    ++m_failed;
    if (m_sink) {
        const FreeSpace now = m_alloc->freeSpace();
        m_sink->onEvent(RequestFailed{op.id, op.size, m_alloc->need(op.size).value_or(0), now.bytes, now.largest, op.line});
    }
}

Metrics Simulator::measureNow() const
{
    Metrics m = m_alloc->metrics();
    m.failed = m_failed;
    m.faults = m_faultCount;
    m.peakPayload = std::max(m_peakPayload, m.livePayload);
    m.examined = m_alloc->examinedSoFar();
    return m;
}

// After every operation only what cannot wait is taken: the operation's
// `examined` count (the heap starts the next one from 0) and the peak, which
// only a malloc or a realloc can raise. The rest of the metrics is read from
// the heap when asked for (metrics()): a replay that wants only the final
// figures, as the CLI's, saves 3-6% of a fit's time.
void Simulator::measure(OpKind kind)
{
    m_examined = m_alloc->takeExamined();
    if (kind == OpKind::Malloc || kind == OpKind::Realloc)
        m_peakPayload = std::max(m_peakPayload, m_alloc->livePayload());
    m_measured = false;
}

const Metrics& Simulator::metrics() const
{
    if (!m_measured) {
        m_metrics = measureNow();
        m_metrics.examined = m_examined;
        m_measured = true;
    }
    return m_metrics;
}

std::vector<LeakReport> Simulator::leaks() const
{
    // Sorted as packed numbers (line, then the id's slot), which a sort
    // compares and moves in one instruction each: sorting the reports
    // themselves cost a churn trace's replay 5% of its instructions.
    std::vector<std::uint64_t> order;
    for (std::size_t slot = 0; slot < m_ids.size(); ++slot)
        if (m_ids[slot].state == IdState::Live)
            order.push_back(std::uint64_t(m_ids[slot].line) << 32 | slot);
    std::sort(order.begin(), order.end());
    std::vector<LeakReport> out;
    out.reserve(order.size());
    for (const std::uint64_t key : order) {
        const IdEntry& e = m_ids[std::uint32_t(key)];
        const BlockInfo& b = m_alloc->block(e.live.block);
        out.push_back({e.line, b.id, b.payload});
    }
    // Ids made live on one line (a script's) come in the order of their ids.
    const auto byId = [](const LeakReport& a, const LeakReport& b) { return a.id < b.id; };
    for (auto run = out.begin(); run != out.end();) {
        const auto end = std::find_if(run, out.end(), [&](const LeakReport& l) { return l.line != run->line; });
        std::sort(run, end, byId);
        run = end;
    }
    return out;
}

std::string Simulator::checkInvariants() const
{
    if (auto e = m_alloc->checkInvariants(); !e.empty())
        return e;
    std::uint32_t live = 0;
    for (const IdEntry& e : m_ids) {
        if (e.state != IdState::Live)
            continue;
        ++live;
        const BlockInfo& b = m_alloc->block(e.live.block);
        if (!b.used || b.size == 0)
            return "id table: a live id points at a block that is not used";
    }
    if (live != metrics().usedBlocks)
        return "id table: " + std::to_string(live) + " live ids but "
               + std::to_string(metrics().usedBlocks) + " used blocks";
    if (metrics().peakPayload < metrics().livePayload)
        return "metrics: the peak payload is below the live payload";
    return {};
}

} // namespace heapviz
