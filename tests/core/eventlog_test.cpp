// A recording is kept packed (EventLog, PackedLayout, thinned checkpoints):
// what comes back out must be exactly what went in, at any operation asked
// for in any order, and it must stay small, since that is what lets a
// ten-million-operation trace open at all.

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

#include "core/alloc/registry.h"
#include "core/model/eventlog.h"
#include "core/model/packedlayout.h"
#include "core/replay/layoutcursor.h"
#include "core/sim/run.h"
#include "core/trace/workloads.h"
#include "support/heaptesting.h"
#include "support/randomtrace.h"

using namespace heapviz;
using namespace heapviz::testing;

namespace {

constexpr Size kHuge = Size{1} << 60;

// One event of every kind, with values at the edges: addresses far apart and
// going down, the id of free(NULL), lines before, at and after the
// operation's and line 0, every flag set.
std::vector<Event> oneOfEachKind()
{
    return {
        HeapGrown{4096, kHuge, Address(4088)},
        Split{Address(kHuge - 64), 64, 16},
        Coalesced{Address(8), kHuge - 16, 24},
        Allocated{Address(24), 40, 7, 33, 1000},
        Freed{Address(24), 40, -1, 0, 12},
        Resized{Address(kHuge - 8), 1LL << 62, 100, 7},
        Moved{3, Address(900), 48, Address(16), 64, 40, 4'000'000'000u, true},
        RoverMoved{Address(kHuge), Address(0)},
        Searched{56, 4'000'000'000u, true, Address(32), Address(16), false},
        RequestFailed{9, kHuge, 0, 123, 45, 0},
        Fault{FaultKind::InvalidWrite, -5, 999, Address(64), 32, Address(kHuge - 1), 1, 17},
        CompactionStarted{Compactor::TwoFinger, {3, 300, 100}},
        CompactionProgress{2, 96},
        CompactionFinished{7, 700, {1, 300, 300}},
        Listed{Address(40)},
        CanaryBroken{Address(48), 2, 1000, 998, 64, true},
        SearchVisit{SearchVisit::What::List, Address(0), 0, 5, 31, true, 16},
    };
}

// Metrics unlike anything the events predict: every field off, and the
// 32-bit counts going down.
Metrics oddMetrics(std::uint32_t k)
{
    Metrics m;
    m.heapSize = kHuge - k;
    m.livePayload = 3 * k;
    m.allocatedBytes = kHuge / 2 + k;
    m.freeBytes = 0;
    m.largestFree = 77 * k;
    m.peakPayload = kHuge;
    m.highWater = k;
    m.bytesMoved = ~Size{0} - k;
    m.moves = k * k;
    m.freeBlocks = 4'000'000'000u - k;
    m.usedBlocks = k;
    m.failed = 1000 - k;
    m.faults = k % 3;
    m.compactions = 50 - k;
    m.examined = 4'000'000'000u;
    m.interchangeableFree = k % 2;
    return m;
}

Trace larson(std::size_t ops, std::size_t live)
{
    WorkloadSpec spec;
    spec.kind = WorkloadKind::Larson;
    spec.ops = ops;
    spec.live = live;
    return generateWorkload(spec);
}

// A run recorded twice over: packed in its log, and plainly by a sink that
// keeps every event as a value, operation by operation.
struct PlainRecording : EventSink {
    std::vector<std::vector<Event>> ops{1}; // [0]: the setup's
    void onEvent(const Event& e) override { ops.back().push_back(e); }
};

} // namespace

TEST(EventLog, EveryKindOfEventComesBackAsItWent)
{
    const std::vector<Event> events = oneOfEachKind();
    ASSERT_EQ(events.size(), std::variant_size_v<Event>) << "one of each kind";
    EventLog log;
    log.start(Metrics{}, events); // the setup is kept as it is
    log.append(1000, events, oddMetrics(1));
    log.append(3, events, oddMetrics(2)); // a line lower than the last
    log.append(0, {}, oddMetrics(3));
    ASSERT_EQ(log.operations(), 3u);
    EXPECT_EQ(log.eventsOf(-1), events);
    EXPECT_EQ(log.eventsOf(0), events);
    EXPECT_EQ(log.eventsOf(1), events);
    EXPECT_TRUE(log.eventsOf(2).empty());
    EXPECT_EQ(log.metricsAfter(0), Metrics{});
    EXPECT_EQ(log.metricsAfter(3), oddMetrics(3));
    EXPECT_EQ(log.metricsAfter(1), oddMetrics(1)) << "backwards";
    EXPECT_EQ(log.metricsAfter(2), oddMetrics(2));
}

TEST(EventLog, AnyOperationInAnyOrderEqualsTheRunAsItHappened)
{
    std::string error;
    HeapConfig config = defaultConfig();
    config.compact = *CompactTrigger::parse("threshold:0.5", error); // compactions: long operations
    const Trace trace = randomTrace({.seed = 5, .ops = 3000, .ids = 120, .maxSize = 900, .writes = true});
    for (const char* family : {"first", "next", "segregated:order=lifo", "tlsf", "buddy", "pool:slot=1024"}) {
        const LaneSpec lane = *parseLane(family, config, error);
        RunResult run = runTrace(trace, {lane, true, true});
        PlainRecording plain;
        Simulator sim(lane, trace.slots, &plain, true);
        for (const Op& op : trace.ops) {
            plain.ops.emplace_back();
            sim.apply(op);
        }
        ASSERT_EQ(run.events.operations(), trace.ops.size()) << family;
        EXPECT_EQ(run.events.eventsOf(-1), plain.ops[0]) << family;
        std::vector<std::size_t> order(trace.ops.size());
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), std::mt19937(7));
        order.insert(order.end(), {255, 256, 257, 511, 512, 0, trace.ops.size() - 1}); // group edges
        for (std::size_t op : order) {
            ASSERT_EQ(run.events.eventsOf(std::ptrdiff_t(op)), plain.ops[op + 1]) << family << ", op " << op;
            ASSERT_EQ(run.events.metricsAfter(op + 1), run.samples[op]) << family << ", op " << op;
        }
        EXPECT_EQ(run.events.metricsAfter(0), run.initial) << family;
        // A cursor's own reader: forwards, backwards across groups, jumps.
        EventLog::Reader reader(run.events);
        std::vector<std::ptrdiff_t> walk;
        for (std::ptrdiff_t op = 0; op < 600; ++op)
            walk.push_back(op);
        for (std::ptrdiff_t op = 600; op-- > 200;)
            walk.push_back(op);
        walk.push_back(-1);
        for (std::ptrdiff_t op = std::ptrdiff_t(trace.ops.size()); op-- > 2700;)
            walk.push_back(op);
        walk.insert(walk.end(), order.begin(), order.begin() + 300);
        std::vector<Event> events;
        for (std::ptrdiff_t op : walk) {
            reader.eventsOf(op, events);
            ASSERT_EQ(events, plain.ops[std::size_t(op + 1)]) << family << ", op " << op << " through a reader";
        }
    }
}

TEST(EventLog, ALarsonTraceTakesUnder30BytesAnOperation)
{
    // Events and metrics; the window's checkpoints add at most 40% of that
    // (ui's kCheckpointShare), which keeps a session under the 40 bytes a
    // lane-operation of issue 12. (TLSF and segregated fits also tell each
    // search's visits, and take more: see the README.)
    const Trace trace = larson(200'000, 5'000);
    std::string error;
    for (const char* family : {"first", "best", "worst", "next", "buddy"}) {
        const LaneSpec lane = *parseLane(family, defaultConfig(), error);
        const RunResult run = runTrace(trace, {lane, true, true});
        const double perOp = double(run.events.bytes()) / double(trace.ops.size());
        EXPECT_LT(perOp, 30.0) << family;
    }
}

TEST(PackedLayout, ComesBackAsItWent)
{
    LayoutSnapshot s;
    s.heapSize = kHuge;
    s.rover = Address(kHuge - 8);
    s.blocks.push_back({Address(8), LayoutBlock{32, true, -1, 32, 7}});
    s.blocks.push_back({Address(40), LayoutBlock{64}});
    s.blocks.push_back({Address(200), LayoutBlock{kHuge - 400, true, 1LL << 40, 1, 0}}); // after a gap
    s.blocks.push_back({Address(kHuge - 200), LayoutBlock{16, true, 3, 0, 4'000'000'000u}});
    s.lists = {{Address(40), Address(8)}, {}, {Address(kHuge - 200)}};
    const LayoutSnapshot back = PackedLayout(s).unpack();
    EXPECT_EQ(back.blocks, s.blocks);
    EXPECT_EQ(back.heapSize, s.heapSize);
    EXPECT_EQ(back.rover, s.rover);
    EXPECT_EQ(back.lists, s.lists);
}

TEST(Checkpoints, ThinnedToTheirShareAndStillEveryStepIsReachedExactly)
{
    const Trace trace = larson(60'000, 8'000);
    std::string error;
    const LaneSpec lane = *parseLane("first", defaultConfig(), error);
    RunOptions thinned{lane, true, true, false, /*snapshotEvery=*/64, /*snapshotShare=*/0.25};
    RunResult run = runTrace(trace, thinned);
    std::size_t snapshotBytes = 0;
    for (const PackedLayout& p : run.snapshots)
        snapshotBytes += p.bytes();
    EXPECT_GT(run.snapshotInterval, 64u) << "thinned";
    EXPECT_EQ(run.snapshotInterval % 64, 0u);
    EXPECT_EQ(run.snapshots.size(), 1 + trace.ops.size() / run.snapshotInterval) << "every one at its step";
    EXPECT_LE(double(snapshotBytes), std::max(double(kSnapshotFloor), 0.25 * double(run.events.bytes())) * 1.1);

    LayoutCursor fromRun(run.events, std::move(run.snapshots), run.snapshotInterval);
    LayoutCursor replayed(run.initialLayout, run.events, 8);
    std::mt19937 rng(3);
    for (int i = 0; i < 40; ++i) {
        const std::size_t step = rng() % (trace.ops.size() + 1);
        fromRun.seek(step);
        replayed.seek(step);
        ASSERT_EQ(fromRun.layout(), replayed.layout()) << "step " << step;
    }
}
