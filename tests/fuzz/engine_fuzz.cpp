// libFuzzer target: any bytes as a lane and a run of operations on it. The
// first bytes choose the family, its parameters and the heap; the rest are
// operations (malloc, free, realloc, write) on a few ids. After every
// operation every invariant of the family must hold, and at the end the
// events must rebuild the allocator's own blocks, forwards and back to the
// start. Any broken invariant aborts (a crash for libFuzzer).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/alloc/registry.h"
#include "core/replay/layout.h"
#include "core/sim/run.h"

using namespace heapviz;

namespace {

// Reads the fuzzer's bytes as numbers; zeros once they run out.
class Bytes {
public:
    Bytes(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) {}
    bool done() const { return m_at >= m_size; }
    std::uint64_t byte() { return m_at < m_size ? m_data[m_at++] : 0; }
    std::uint64_t word() { return byte() | byte() << 8; }

private:
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_at = 0;
};

[[noreturn]] void broken(const std::string& what)
{
    std::fprintf(stderr, "engine fuzz: %s\n", what.c_str());
    std::abort();
}

LaneSpec laneFrom(Bytes& in)
{
    static const char* const kLanes[] = {
        "first", "next", "best", "worst", "segregated", "segregated:order=lifo", "segregated:classes=48/200:order=lifo",
        "tlsf", "tlsf:sl_log2=1", "buddy", "buddy:min_order=3:header=8", "pool", "pool:slot=24:chunk=3:header=8"};
    HeapConfig config = *HeapConfig::fromPreset(in.byte() % 2 ? "csapp" : "default");
    config.canary = in.byte() % 3 * 4;
    config.zero = in.byte() % 2 ? ZeroPolicy::Null : ZeroPolicy::MinBlock;
    const std::uint64_t compaction = in.byte() % 4;
    if (compaction == 1)
        config.compact.kind = CompactTrigger::Kind::OnFailure;
    if (compaction == 2) {
        config.compact.kind = CompactTrigger::Kind::Threshold;
        config.compact.threshold = 0.5;
    }
    config.compactor = in.byte() % 2 ? Compactor::TwoFinger : Compactor::Sliding;
    std::string error;
    LaneSpec lane = *parseLane(kLanes[in.byte() % std::size(kLanes)], config, error);
    if (in.byte() % 2) { // a fixed heap every family takes: a power of two, a multiple of 24 and of the alignment
        const Size h = Size{1} << (10 + in.byte() % 5);
        lane.config.fixedSize = lane.isBoundaryTag() ? lane.config.prefix + lane.config.suffix + h
                                : lane.kind == FamilyKind::Pool ? h / 24 * 24 : h;
    }
    if (!validateLane(lane).empty())
        lane.config.fixedSize.reset();
    return lane;
}

Trace traceFrom(Bytes& in)
{
    Trace trace;
    trace.name = "fuzz";
    for (LineNo line = 1; !in.done() && line < 4000; ++line) {
        Op op;
        op.line = line;
        op.kind = OpKind(in.byte() % 4);
        op.id = TraceId(in.byte() % 16);
        const std::uint64_t size = in.word();
        op.size = size == 0xffff ? kMaxHeapBytes + 1 : size % 3000; // now and then beyond any heap
        if (op.kind == OpKind::Write) {
            op.offset = std::int64_t(in.word() % 400) - 100;
            op.size = 1 + size % 200;
        }
        trace.ops.push_back(op);
    }
    assignSlots(trace);
    return trace;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    Bytes in(data, size);
    const LaneSpec lane = laneFrom(in);
    if (const std::string why = validateLane(lane); !why.empty())
        broken("a generated lane is invalid: " + why);
    const Trace trace = traceFrom(in);
    RunResult run;
    try {
        run = runTrace(trace, {lane, /*countExamined=*/true, /*recordEvents=*/true, /*checkInvariants=*/true});
    } catch (const std::logic_error& e) {
        broken(lane.text + ": " + e.what());
    }
    // Replay: the events rebuild the allocator's blocks, and undo them again.
    BlockLayout layout(run.initialLayout);
    for (std::size_t op = 0; op < run.events.operations(); ++op)
        for (const Event& e : run.events.eventsOf(std::ptrdiff_t(op)))
            layout.apply(e);
    if (layout.blocks() != run.finalBlocks)
        broken(lane.text + ": replaying the events does not give the final blocks");
    for (std::size_t op = run.events.operations(); op-- > 0;) {
        const auto events = run.events.eventsOf(std::ptrdiff_t(op));
        for (auto it = events.rbegin(); it != events.rend(); ++it)
            layout.undo(*it);
    }
    if (layout.blocks() != BlockLayout(run.initialLayout).blocks())
        broken(lane.text + ": undoing the events does not give the first blocks");
    return 0;
}
