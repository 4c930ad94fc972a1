// The naive reference model's trace driver: see naiveheap.h. It owns what
// every family shares (heap-model.md, "Failed requests and faults", "Writes
// and canaries", "Metrics"): the state of each id, the malloc debugger, the
// zero = null policy, writes, the metrics recounted from the blocks after
// every operation, and the leaks. What a family does to its blocks is in
// naivefamilies.cpp.

#include "support/naiveheap.h"

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>

#include "support/naivefamilies.h"

namespace heapviz::naive {
namespace {

enum class IdState { Unknown, Live, Null, Freed };

struct IdInfo {
    IdState state = IdState::Unknown;
    LineNo line = 0;       // line of the op that made the id live
    std::size_t order = 0; // index of that op in the trace (ties of line)
};

class Driver {
public:
    explicit Driver(const Lane& lane)
        : m_cfg(lane.config), m_isPool(lane.family == "pool"), m_family(makeFamily(lane))
    {
    }

    void run(const Op& op, std::size_t opIndex)
    {
        m_family->examined = 0;
        switch (op.kind) {
        case OpKind::Malloc: doMalloc(op, opIndex); break;
        case OpKind::Free: doFree(op); break;
        case OpKind::Realloc: doRealloc(op, opIndex); break;
        case OpKind::Write: doWrite(op); break;
        }
        m_family->endOp();
        sample();
    }

    Result result() const
    {
        Result r;
        r.samples = m_samples;
        r.blocks = m_family->blocks();
        r.faults = m_faults;
        r.leaks = leaks();
        r.heapSize = m_family->heapSize();
        r.rover = m_family->rover();
        return r;
    }

    std::vector<Block> blocks() const { return m_family->blocks(); }

private:
    IdInfo& info(TraceId id) { return m_ids[id]; }

    Size payloadOf(TraceId id) const
    {
        for (const Block& b : m_family->blocks())
            if (b.used && b.id == id)
                return b.payload;
        throw std::logic_error("naive model: a live id without a block");
    }

    void fault(const Op& op, FaultKind kind)
    {
        m_faults.push_back({op.line, kind, op.id});
        ++m_faultCount;
    }

    // malloc(n) of an id that is not live (the caller checked). Used by malloc
    // and by realloc of a null id.
    void mallocInto(const Op& op, std::size_t opIndex)
    {
        IdInfo& in = info(op.id);
        // With zero = null, malloc(0) makes the id null (not a failure).
        if (m_cfg.zero == ZeroPolicy::Null && op.size == 0) {
            in.state = IdState::Null;
            return;
        }
        if (!m_family->allocate(op.id, op.size)) {
            ++m_failed;
            in.state = IdState::Null; // its last malloc returned NULL
            return;
        }
        in.state = IdState::Live;
        in.line = op.line;
        in.order = opIndex;
    }

    void doMalloc(const Op& op, std::size_t opIndex)
    {
        if (info(op.id).state == IdState::Live) {
            fault(op, FaultKind::IdReuse); // skipped
            return;
        }
        mallocInto(op, opIndex);
    }

    void doFree(const Op& op)
    {
        if (op.id == -1)
            return; // f -1: free(NULL)
        IdInfo& in = info(op.id);
        switch (in.state) {
        case IdState::Null: return; // free(NULL): a no-op, not a fault; the id stays null
        case IdState::Freed: fault(op, FaultKind::DoubleFree); return;
        case IdState::Unknown: fault(op, FaultKind::InvalidFree); return;
        case IdState::Live:
            m_family->release(op.id);
            in.state = IdState::Freed;
            return;
        }
    }

    void doRealloc(const Op& op, std::size_t opIndex)
    {
        IdInfo& in = info(op.id);
        if (in.state == IdState::Freed || in.state == IdState::Unknown) {
            fault(op, FaultKind::InvalidRealloc);
            return;
        }
        if (in.state == IdState::Null) {
            mallocInto(op, opIndex); // realloc(NULL, n) = malloc(n)
            return;
        }
        // Live. With zero = null, realloc(id, 0) frees the block and makes the id null.
        if (m_cfg.zero == ZeroPolicy::Null && op.size == 0) {
            m_family->release(op.id);
            in.state = IdState::Null;
            return;
        }
        if (!m_family->resize(op.id, op.size))
            ++m_failed; // B stays as it was; the id stays live
        // The line that made the id live does not change.
    }

    // w ID OFFSET LENGTH: changes no block and no metric but faults.
    void doWrite(const Op& op)
    {
        // AMBIGUITY: "w -1 ..." (if a trace could say it) is read as a write to
        // NULL: an invalid write.
        if (op.id == -1) {
            fault(op, FaultKind::InvalidWrite);
            return;
        }
        IdInfo& in = info(op.id);
        switch (in.state) {
        case IdState::Null:
        case IdState::Unknown: fault(op, FaultKind::InvalidWrite); return;
        case IdState::Freed: fault(op, FaultKind::UseAfterFree); return;
        case IdState::Live: break;
        }
        // OFFSET + LENGTH > n: an overflow; otherwise OFFSET < 0: an underflow; a
        // write that is both counts once, as an overflow. (OFFSET + LENGTH > n is
        // worked out without leaving 64 bits: n <= 2^60, |OFFSET| <= 2^63.)
        const Size n = payloadOf(op.id);
        bool overflow = false;
        if (op.offset >= 0) {
            overflow = op.size > n || Size(op.offset) > n - op.size;
        } else {
            const Size below = Size(0) - Size(op.offset); // -OFFSET
            overflow = op.size > n + below;
        }
        if (overflow)
            fault(op, FaultKind::Overflow);
        else if (op.offset < 0)
            fault(op, FaultKind::Underflow);
    }

    void sample()
    {
        Metrics m;
        m.heapSize = m_family->heapSize();
        Size maxUsedEnd = 0;
        for (const Block& b : m_family->blocks()) {
            if (b.used) {
                m.livePayload += b.payload;
                m.allocatedBytes += b.size;
                ++m.usedBlocks;
                maxUsedEnd = std::max(maxUsedEnd, b.addr + b.size);
            } else {
                m.freeBytes += b.size;
                m.largestFree = std::max(m.largestFree, b.size);
                ++m.freeBlocks;
            }
        }
        m_peakPayload = std::max(m_peakPayload, m.livePayload);
        // high_water: growing heap: H; fixed heap: the largest end address of a
        // used block so far.
        if (m_cfg.growing())
            m_highWater = m.heapSize;
        else
            m_highWater = std::max(m_highWater, maxUsedEnd);
        m.peakPayload = m_peakPayload;
        m.highWater = m_highWater;
        // heap-model.md: external fragmentation is always 0 for a pool, whose
        // free slots each serve every request it accepts.
        m.interchangeableFree = m_isPool;
        m.failed = m_failed;
        m.faults = m_faultCount;
        m.examined = m_family->examined;
        m_samples.push_back(m);
    }

    std::vector<LeakReport> leaks() const
    {
        struct Leak {
            LineNo line;
            std::size_t order;
            TraceId id;
        };
        std::vector<Leak> live;
        for (const auto& [id, in] : m_ids)
            if (in.state == IdState::Live)
                live.push_back({in.line, in.order, id});
        std::sort(live.begin(), live.end(), [](const Leak& a, const Leak& b) {
            if (a.line != b.line)
                return a.line < b.line;
            return a.order < b.order;
        });
        std::vector<LeakReport> out;
        for (const Leak& l : live)
            out.push_back({l.line, l.id, payloadOf(l.id)});
        return out;
    }

    HeapConfig m_cfg;
    bool m_isPool;
    std::unique_ptr<Family> m_family;
    std::map<TraceId, IdInfo> m_ids;
    std::vector<Metrics> m_samples;
    std::vector<FaultReport> m_faults;
    Size m_peakPayload = 0;
    Size m_highWater = 0;
    std::uint32_t m_failed = 0;
    std::uint32_t m_faultCount = 0;
};

Lane fitLane(const HeapConfig& config, Strategy strategy)
{
    Lane lane;
    lane.family = std::string(strategyName(strategy));
    lane.config = config;
    return lane;
}

} // namespace

Result runNaive(const Trace& trace, const Lane& lane)
{
    Driver d(lane);
    for (std::size_t i = 0; i < trace.ops.size(); ++i)
        d.run(trace.ops[i], i);
    return d.result();
}

std::vector<Block> layoutAfter(const Trace& trace, const Lane& lane, std::size_t opCount)
{
    Driver d(lane);
    for (std::size_t i = 0; i < trace.ops.size() && i < opCount; ++i)
        d.run(trace.ops[i], i);
    return d.blocks();
}

Result runNaive(const Trace& trace, const HeapConfig& config, Strategy strategy)
{
    return runNaive(trace, fitLane(config, strategy));
}

std::vector<Block> layoutAfter(const Trace& trace, const HeapConfig& config, Strategy strategy,
                               std::size_t opCount)
{
    return layoutAfter(trace, fitLane(config, strategy), opCount);
}

} // namespace heapviz::naive
