#include "core/trace/workloads.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <limits>
#include <stdexcept>
#include <utility>
#include <variant>
#include <vector>

#include "core/trace/rng.h"
#include "core/trace/tracewriter.h"

namespace heapviz {

namespace {

// writeTrace() puts four header lines before the ops.
constexpr LineNo kFirstOpLine = 5;
constexpr std::size_t kMaxOps = std::numeric_limits<LineNo>::max() - kFirstOpLine;

constexpr std::array<std::string_view, 9> kNames = {
    "uniform", "exponential", "lifo", "larson", "ramp", "peak", "plateau", "bursts", "strings"};

// (a * b) >> shift in 128 bits built from 32-bit halves (no __int128, which
// not every compiler has), saturating at the largest 64-bit value.
std::uint64_t mulShiftSaturating(std::uint64_t a, std::uint64_t b, unsigned shift)
{
    constexpr std::uint64_t kLow = 0xffffffff;
    const std::uint64_t p0 = (a & kLow) * (b & kLow);
    const std::uint64_t p1 = (a & kLow) * (b >> 32);
    const std::uint64_t p2 = (a >> 32) * (b & kLow);
    const std::uint64_t p3 = (a >> 32) * (b >> 32);
    const std::uint64_t mid = (p0 >> 32) + (p1 & kLow) + (p2 & kLow);
    const std::uint64_t lo = (p0 & kLow) | (mid << 32);
    const std::uint64_t hi = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
    assert(shift > 0 && shift < 64 && "shift out of range");
    if ((hi >> shift) != 0)
        return std::numeric_limits<std::uint64_t>::max();
    return (hi << (64 - shift)) | (lo >> shift);
}

// -ln(u / 2^64) in Q30 fixed point, from integer arithmetic alone: std::log is
// not required to round the same way everywhere, and one ulp can change a size.
// log2 of the mantissa comes bit by bit from repeated squaring.
std::uint64_t negLnQ30(std::uint64_t u)
{
    constexpr std::uint64_t kLn2Q24 = 11629080; // ln 2 * 2^24, rounded
    constexpr std::uint64_t kTwoQ30 = std::uint64_t{2} << 30;
    u = std::max<std::uint64_t>(u, 1);
    const int zeros = std::countl_zero(u);
    std::uint64_t mantissa = (u << zeros) >> 33; // [1, 2) in Q30
    std::uint64_t fraction = 0;                  // log2(mantissa) in Q30
    for (int bit = 0; bit < 30; ++bit) {
        mantissa = (mantissa * mantissa) >> 30;
        fraction <<= 1;
        if (mantissa >= kTwoQ30) {
            mantissa >>= 1;
            fraction |= 1;
        }
    }
    // u / 2^64 = mantissa * 2^-(zeros + 1)
    const std::uint64_t negLog2 = (static_cast<std::uint64_t>(zeros + 1) << 30) - fraction;
    return (negLog2 * kLn2Q24) >> 24;
}

// The ids live at one moment, each findable and removable in O(1). Removing
// the newest keeps the rest in allocation order, which lifo relies on.
class LiveSet {
public:
    std::size_t size() const { return m_ids.size(); }
    bool empty() const { return m_ids.empty(); }
    TraceId at(std::size_t index) const { return m_ids[index]; }
    TraceId newest() const { return m_ids.back(); }

    bool contains(TraceId id) const
    {
        const auto index = static_cast<std::size_t>(id);
        return index < m_indexOf.size() && m_indexOf[index] != kAbsent;
    }

    void add(TraceId id)
    {
        assert(!contains(id) && "allocating an id that is live");
        const auto index = static_cast<std::size_t>(id);
        if (index >= m_indexOf.size())
            m_indexOf.resize(index + 1, kAbsent);
        m_indexOf[index] = m_ids.size();
        m_ids.push_back(id);
    }

    // Moves the last id into the hole, so the order changes unless id is the newest.
    void remove(TraceId id)
    {
        assert(contains(id) && "freeing an id that is not live");
        const std::size_t hole = m_indexOf[static_cast<std::size_t>(id)];
        const TraceId last = m_ids.back();
        m_ids[hole] = last;
        m_indexOf[static_cast<std::size_t>(last)] = hole;
        m_ids.pop_back();
        m_indexOf[static_cast<std::size_t>(id)] = kAbsent;
    }

private:
    static constexpr std::size_t kAbsent = std::numeric_limits<std::size_t>::max();
    std::vector<TraceId> m_ids;
    std::vector<std::size_t> m_indexOf; // by id: index in m_ids, or kAbsent
};

// Emits the ops of one workload into the chunk being filled, keeps the live
// ids, and holds the budget.
class Builder {
public:
    explicit Builder(const WorkloadSpec& spec)
        : m_spec(spec)
        , m_rng(spec.seed)
        , m_mean(std::clamp(spec.meanSize, spec.minSize, spec.maxSize))
    {
    }

    // Where the next ops go, with their slots.
    void output(OpList& ops) { m_out = &ops; }

    Rng& rng() { return m_rng; }
    const LiveSet& live() const { return m_live; }
    std::size_t emitted() const { return m_emitted; }
    std::uint32_t slots() const { return m_slots.size(); }
    std::size_t remaining() const { return m_spec.ops - m_emitted; }

    // With freeAtEnd, true once the ops left are only just enough to free what
    // is live (one more may be needed to even out the count; see drainStep()).
    bool mustDrain() const { return m_spec.freeAtEnd && m_live.size() + 1 >= remaining(); }

    TraceId randomLive() { return m_live.at(m_rng.below(m_live.size())); }

    TraceId allocate()
    {
        const TraceId id = m_nextId++;
        allocate(id);
        return id;
    }

    void allocate(TraceId id)
    {
        m_live.add(id);
        emit(OpKind::Malloc, id, drawSize());
    }

    void release(TraceId id)
    {
        m_live.remove(id);
        emit(OpKind::Free, id, 0);
    }

    void resize(TraceId id)
    {
        assert(m_live.contains(id) && "realloc of an id that is not live");
        emit(OpKind::Realloc, id, drawSize());
    }

    // One op of freeing everything live in the ops left. When one op more is
    // left than there are blocks, a realloc of a live block takes it first:
    // frees and mallocs alone would leave the count odd.
    void drainStep(bool newestFirst)
    {
        assert(!m_live.empty() && "draining with nothing live: the budget would not end exactly");
        const TraceId victim = newestFirst ? m_live.newest() : randomLive();
        if (m_live.size() + 1 == remaining())
            resize(victim);
        else
            release(victim);
    }

private:
    Size drawSize()
    {
        switch (m_spec.kind) {
        case WorkloadKind::Exponential: return exponentialSize();
        case WorkloadKind::Bursts: return m_mean; // a sensor's buffers are all one size
        case WorkloadKind::Strings: return stringSize();
        default: return m_rng.range(m_spec.minSize, m_spec.maxSize);
        }
    }

    // Most strings small (minSize to four times it), one in twenty huge (from
    // half of maxSize to maxSize), as a program's strings are.
    Size stringSize()
    {
        if (m_rng.chance(1, 20))
            return m_rng.range(std::max(m_spec.minSize, m_spec.maxSize / 2), m_spec.maxSize);
        const Size small = m_spec.minSize > m_spec.maxSize / 4 ? m_spec.maxSize : m_spec.minSize * 4;
        return m_rng.range(m_spec.minSize, std::max(m_spec.minSize, small));
    }

    // minSize plus an exponential variable of mean (mean - minSize), cut at maxSize.
    Size exponentialSize()
    {
        const Size excess = mulShiftSaturating(m_mean - m_spec.minSize, negLnQ30(m_rng.next()), 30);
        return m_spec.minSize + std::min(excess, m_spec.maxSize - m_spec.minSize);
    }

    void emit(OpKind kind, TraceId id, Size size)
    {
        assert(remaining() > 0 && "a workload went over its ops budget");
        Op op;
        op.kind = kind;
        op.id = id;
        op.size = size;
        op.line = static_cast<LineNo>(m_emitted + kFirstOpLine);
        m_slots.assign(op);
        m_out->push_back(op);
        ++m_emitted;
    }

    WorkloadSpec m_spec;
    Rng m_rng;
    Size m_mean;
    OpList* m_out = nullptr;
    std::size_t m_emitted = 0;
    SlotTable m_slots;
    LiveSet m_live;
    TraceId m_nextId = 0;
};

// Uniform and exponential: allocate mostly until `live` blocks are live, then
// allocate or free at random.
class Mix {
public:
    explicit Mix(std::size_t target) : m_target(target) {}

    void step(Builder& b)
    {
        const bool filling = b.live().size() < m_target;
        const bool allocate = b.live().empty() || b.rng().chance(filling ? 7 : 1, filling ? 8 : 2);
        if (allocate)
            b.allocate();
        else
            b.release(b.randomLive());
    }

private:
    std::size_t m_target;
};

// Runs of pushes and pops, leaning towards `target` live blocks and never
// above twice that.
class Lifo {
public:
    explicit Lifo(std::size_t target)
        : m_target(target)
        , m_ceiling(target > std::numeric_limits<std::size_t>::max() / 2
                        ? std::numeric_limits<std::size_t>::max()
                        : 2 * target)
    {
    }

    void step(Builder& b)
    {
        const std::size_t n = b.live().size();
        if (m_runLeft == 0 || (!m_pushing && n == 0) || (m_pushing && n >= m_ceiling))
            startRun(b, n);
        if (m_pushing)
            b.allocate();
        else
            b.release(b.live().newest());
        --m_runLeft;
    }

private:
    void startRun(Builder& b, std::size_t n)
    {
        if (n == 0)
            m_pushing = true;
        else if (n >= m_ceiling)
            m_pushing = false;
        else
            m_pushing = b.rng().chance(n < m_target ? 3 : 1, 4);
        m_runLeft = b.rng().range(1, std::max<std::size_t>(1, m_target / 4));
    }

    std::size_t m_target;
    std::size_t m_ceiling;
    std::uint64_t m_runLeft = 0;
    bool m_pushing = true;
};

// Larson: fill to `target`, then free a random block and allocate its id again.
class Larson {
public:
    explicit Larson(std::size_t target) : m_target(target) {}

    void step(Builder& b)
    {
        if (m_refill) {
            b.allocate(m_freed);
            m_refill = false;
        } else if (b.live().size() < m_target) {
            b.allocate();
        } else if (b.remaining() == 1) {
            b.resize(b.randomLive()); // no room for a pair: keep `target` live
        } else {
            m_freed = b.randomLive();
            b.release(m_freed);
            m_refill = true;
        }
    }

private:
    std::size_t m_target;
    TraceId m_freed = 0;
    bool m_refill = false;
};

// Ramp: three allocations to one free.
class Ramp {
public:
    void step(Builder& b)
    {
        if (!b.live().empty() && b.rng().chance(1, 4))
            b.release(b.randomLive());
        else
            b.allocate();
    }
};

// Peak: build up to a peak of live/2 to `live` blocks, drop to a tenth, repeat.
class Peak {
public:
    Peak(Builder& b, std::size_t target) : m_target(target), m_goal(pickPeak(b)) {}

    void step(Builder& b)
    {
        updatePhase(b);
        if (!m_building)
            b.release(b.randomLive());
        else if (!b.live().empty() && b.rng().chance(1, 16))
            b.release(b.randomLive());
        else
            b.allocate();
    }

private:
    std::size_t pickPeak(Builder& b) const
    {
        return b.rng().range(std::max<std::size_t>(1, m_target / 2), m_target);
    }

    // Switches from building to freeing at the peak, and back at the trough.
    void updatePhase(Builder& b)
    {
        const std::size_t n = b.live().size();
        if (m_building && n >= m_goal) {
            m_building = false;
            m_goal = n / 10;
        } else if (!m_building && n <= m_goal) {
            m_building = true;
            m_goal = pickPeak(b);
        }
    }

    std::size_t m_target;
    std::size_t m_goal;
    bool m_building = true;
};

// Plateau: `target` allocations, the first seven eighths kept for good, then
// churn among the short-lived rest.
class Plateau {
public:
    explicit Plateau(std::size_t target)
        : m_target(target)
        , m_longLived(target - target / 8)
        , m_churnCeiling(std::max<std::size_t>(1, target / 4))
    {
    }

    void step(Builder& b)
    {
        if (m_allocated < m_target) {
            rampUp(b);
            return;
        }
        const bool allocate = m_shortLived.empty()
            || (m_shortLived.size() < m_churnCeiling && b.rng().chance(1, 2));
        if (allocate) {
            m_shortLived.add(b.allocate());
        } else {
            const TraceId id = m_shortLived.at(b.rng().below(m_shortLived.size()));
            m_shortLived.remove(id);
            b.release(id);
        }
    }

private:
    void rampUp(Builder& b)
    {
        const TraceId id = b.allocate();
        if (m_allocated++ >= m_longLived)
            m_shortLived.add(id);
    }

    std::size_t m_target;
    std::size_t m_longLived;
    std::size_t m_churnCeiling;
    std::size_t m_allocated = 0;
    LiveSet m_shortLived;
};

// A sensor node's bursts: allocate a burst of buffers (one to `live` of
// them), then send and free them newest first, and again.
class Bursts {
public:
    explicit Bursts(std::size_t most) : m_most(most) {}

    void step(Builder& b)
    {
        if (m_filling && b.live().size() >= m_burst)
            m_filling = false;
        if (!m_filling && b.live().empty()) {
            m_filling = true;
            m_burst = b.rng().range(1, m_most);
        }
        if (m_filling)
            b.allocate();
        else
            b.release(b.live().newest());
    }

private:
    std::size_t m_most;
    std::uint64_t m_burst = 0;
    bool m_filling = false;
};

using Generator = std::variant<Mix, Bursts, Lifo, Larson, Ramp, Peak, Plateau>;

// The generator of spec's kind (peak draws its first peak from b's numbers).
Generator makeGenerator(Builder& b, const WorkloadSpec& spec)
{
    switch (spec.kind) {
    case WorkloadKind::Uniform:
    case WorkloadKind::Exponential:
    case WorkloadKind::Strings: return Mix(spec.live);
    case WorkloadKind::Bursts: return Bursts(spec.live);
    case WorkloadKind::Lifo: return Lifo(spec.live);
    case WorkloadKind::Larson: return Larson(spec.live);
    case WorkloadKind::Ramp: return Ramp();
    case WorkloadKind::Peak: return Peak(b, spec.live);
    case WorkloadKind::Plateau: return Plateau(spec.live);
    }
    throw std::invalid_argument("unknown workload kind");
}

// Stacks and a sensor's sends free the newest block first when they drain too.
bool drainsNewestFirst(WorkloadKind kind)
{
    return kind == WorkloadKind::Bursts || kind == WorkloadKind::Lifo;
}

} // namespace

std::string_view workloadName(WorkloadKind kind)
{
    const auto index = static_cast<std::size_t>(kind);
    return index < kNames.size() ? kNames[index] : std::string_view("unknown");
}

std::optional<WorkloadKind> workloadFromName(std::string_view name)
{
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == name)
            return static_cast<WorkloadKind>(i);
    }
    return std::nullopt;
}

std::string validateWorkload(const WorkloadSpec& spec)
{
    if (static_cast<std::size_t>(spec.kind) >= kNames.size())
        return "The workload kind is not one of uniform, exponential, lifo, larson, ramp, peak, plateau, bursts, strings.";
    if (spec.ops == 0)
        return "ops must be at least 1.";
    if (spec.ops > kMaxOps)
        return "ops must be at most " + std::to_string(kMaxOps) + ", as line numbers are 32-bit.";
    if (spec.freeAtEnd && spec.ops < 2)
        return "ops must be at least 2 with freeAtEnd, to free what is allocated.";
    if (spec.live == 0)
        return "live must be at least 1.";
    if (spec.minSize > spec.maxSize)
        return "minSize (" + std::to_string(spec.minSize) + ") must not be greater than maxSize ("
            + std::to_string(spec.maxSize) + ").";
    return {};
}

// A workload being generated: its builder and its generator, which steps one
// op at a time until the budget is spent or, with freeAtEnd, only just
// covers freeing what is live.
struct WorkloadStream::State {
    explicit State(const WorkloadSpec& spec)
        : builder(spec), generator(makeGenerator(builder, spec)), newestFirst(drainsNewestFirst(spec.kind))
    {
    }

    void step()
    {
        if (builder.mustDrain())
            return builder.drainStep(newestFirst);
        [[maybe_unused]] const std::size_t before = builder.emitted();
        std::visit([&](auto& gen) { gen.step(builder); }, generator);
        assert(builder.emitted() == before + 1 && "a workload step emits exactly one op");
    }

    Builder builder;
    Generator generator;
    bool newestFirst;
};

WorkloadStream::WorkloadStream(const WorkloadSpec& spec)
    : m_name(std::string(workloadName(spec.kind)) + "(seed=" + std::to_string(spec.seed) + ")")
{
    if (std::string problem = validateWorkload(spec); !problem.empty())
        throw std::invalid_argument(problem);
    m_state = std::make_unique<State>(spec);
}

WorkloadStream::~WorkloadStream() = default;

std::uint32_t WorkloadStream::slots() const
{
    return m_state->builder.slots();
}

bool WorkloadStream::read(OpList& chunk, std::size_t most)
{
    chunk.clear();
    m_state->builder.output(chunk);
    while (chunk.size() < most && m_state->builder.remaining() > 0)
        m_state->step();
    return !chunk.empty();
}

Trace generateWorkload(const WorkloadSpec& spec)
{
    WorkloadStream stream(spec);
    Trace trace;
    trace.name = stream.name();
    trace.ops.reserve(spec.ops);
    stream.read(trace.ops, spec.ops);
    trace.slots = stream.slots();
    trace.header = traceHeader(trace);
    return trace;
}

} // namespace heapviz
