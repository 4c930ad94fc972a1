// Events are enough to follow a run: applying them to a BlockLayout gives the
// engine's own layout after every operation, and undoing them walks back
// through exactly the same states.

#include <gtest/gtest.h>

#include "core/layout.h"
#include "core/layoutcursor.h"
#include "support/heaptesting.h"
#include "support/randomtrace.h"

using namespace heapviz;
using namespace heapviz::testing;

namespace {

struct Step {
    std::vector<BlockInfo> blocks;
    Size heapSize;
    Address rover;
};

void replayForwardAndBack(const HeapConfig& config, Strategy strategy, const Trace& trace)
{
    EventLog log;
    EventRecorder recorder(log);
    Simulator sim(config, strategy, trace.slots, &recorder, true);
    recorder.endOperation();
    std::vector<Step> truth{{sim.heap().blocks(), sim.metrics().heapSize, sim.heap().rover()}};
    for (const Op& op : trace.ops) {
        sim.apply(op);
        recorder.endOperation();
        truth.push_back({sim.heap().blocks(), sim.metrics().heapSize, sim.heap().rover()});
    }

    BlockLayout layout(config);
    for (const Event& e : log.eventsOf(-1))
        layout.apply(e);
    const auto same = [&](std::size_t i, const char* way) {
        ASSERT_EQ(shape(layout.blocks()), shape(truth[i].blocks)) << way << " at step " << i;
        ASSERT_EQ(layout.blocks(), truth[i].blocks) << way << " at step " << i;
        ASSERT_EQ(layout.heapSize(), truth[i].heapSize);
        ASSERT_EQ(layout.rover(), truth[i].rover);
    };
    same(0, "forward");
    for (std::size_t op = 0; op < trace.ops.size(); ++op) {
        for (const Event& e : log.eventsOf(std::ptrdiff_t(op)))
            layout.apply(e);
        same(op + 1, "forward");
    }
    for (std::size_t op = trace.ops.size(); op-- > 0;) {
        const auto events = log.eventsOf(std::ptrdiff_t(op));
        for (auto it = events.rbegin(); it != events.rend(); ++it)
            layout.undo(*it);
        same(op, "backward");
    }
}

} // namespace

TEST(Layout, EventsReplayForwardsAndBackwardsForEveryFitAndPreset)
{
    const Trace trace = randomTrace({.seed = 11, .ops = 1500, .ids = 40, .maxSize = 300});
    for (const char* preset : {"default", "csapp"})
        for (bool fixed : {false, true})
            for (Strategy s : kAllStrategies) {
                HeapConfig c = *HeapConfig::fromPreset(preset);
                if (fixed)
                    c.fixedSize = c.prefix + c.suffix + 8192;
                SCOPED_TRACE(std::string(preset) + (fixed ? " fixed " : " grow ")
                             + std::string(strategyName(s)));
                replayForwardAndBack(c, s, trace);
            }
}

TEST(Layout, InPlaceReallocWithExactGrowthReplays)
{
    HeapConfig c = defaultConfig(); // in_place realloc, exact growth: every realloc case
    const Trace trace = randomTrace({.seed = 5, .ops = 3000, .ids = 12, .maxSize = 900});
    for (Strategy s : kAllStrategies)
        replayForwardAndBack(c, s, trace);
}

TEST(Layout, BlockAtFindsTheBlockHoldingAnAddress)
{
    BlockLayout layout(fixedHeap(256));
    layout.apply(Split{Address(0), 256, 64});
    layout.apply(Allocated{Address(0), 64, 9, 40, 1});
    EXPECT_EQ(layout.blockAt(Address(63))->first, Address(0));
    EXPECT_EQ(layout.blockAt(Address(64))->first, Address(64));
    EXPECT_EQ(layout.blockAt(Address(256)), layout.map().end());
}

TEST(SearchPath, ListsTheBlocksEachFitExaminesInOrder)
{
    // Free 0:64, 96:96, 224:48, 304:208, as in the rules tests.
    const std::vector<FreeSpan> holes{{Address(0), 64}, {Address(96), 96}, {Address(224), 48},
                                      {Address(304), 208}};
    const auto at = [](std::initializer_list<std::uint64_t> v) {
        std::vector<Address> out;
        for (auto a : v)
            out.emplace_back(a);
        return out;
    };
    auto first = searchPath(holes, Strategy::First, 80, Address(0));
    EXPECT_EQ(first.examined, at({0, 96}));
    EXPECT_EQ(first.chosen, Address(96));
    auto next = searchPath(holes, Strategy::Next, 80, Address(200));
    EXPECT_EQ(next.examined, at({224, 304}));
    auto wrap = searchPath(holes, Strategy::Next, 90, Address(250));
    EXPECT_EQ(wrap.examined, at({304}));
    auto wrapped = searchPath(holes, Strategy::Next, 210, Address(250));
    EXPECT_EQ(wrapped.examined, at({304, 0, 96, 224}));
    EXPECT_FALSE(wrapped.chosen);
    auto best = searchPath(holes, Strategy::Best, 48, Address(0));
    EXPECT_EQ(best.examined, at({0, 96, 224})); // stops at the exact fit
    auto bestAll = searchPath(holes, Strategy::Best, 50, Address(0));
    EXPECT_EQ(bestAll.examined.size(), 4u);
    EXPECT_EQ(bestAll.chosen, Address(0));
    auto worst = searchPath(holes, Strategy::Worst, 32, Address(0));
    EXPECT_EQ(worst.examined.size(), 4u);
    EXPECT_EQ(worst.chosen, Address(304));
}

TEST(SearchPath, AgreesWithTheEnginesExaminedCount)
{
    const Trace trace = randomTrace({.seed = 21, .ops = 2000, .ids = 50, .maxSize = 400});
    for (Strategy s : kAllStrategies) {
        const HeapConfig c = fixedHeap(16384);
        EventLog log;
        EventRecorder recorder(log);
        Simulator sim(c, s, trace.slots, &recorder, true);
        recorder.endOperation();
        BlockLayout layout(c);
        for (const Op& op : trace.ops) {
            const std::size_t before = log.events.size();
            sim.apply(op);
            recorder.endOperation();
            for (std::size_t i = before; i < log.events.size(); ++i) {
                const Event& e = log.events[i];
                if (const auto* searched = std::get_if<Searched>(&e)) {
                    auto path = searchPath(layout.freeSpans(), s, searched->need, layout.rover());
                    ASSERT_EQ(path.examined.size(), searched->examined) << "line " << op.line;
                    ASSERT_EQ(path.chosen.has_value(), searched->found);
                }
                layout.apply(e);
            }
        }
    }
}

TEST(LayoutCursor, AnyPathToAStepGivesTheStateOfAFreshRunToIt)
{
    const Trace trace = randomTrace({.seed = 13, .ops = 3000, .ids = 60, .maxSize = 500});
    for (Strategy s : kAllStrategies) {
        const HeapConfig c = defaultConfig();
        const RunResult run = runTrace(trace, {c, s, false, true, false});
        LayoutCursor cursor(c, run.events, 8); // interval 375: jumps use checkpoints
        ASSERT_EQ(cursor.steps(), trace.ops.size());
        std::uint64_t rng = 99;
        for (int jump = 0; jump < 40; ++jump) {
            rng = rng * 6364136223846793005ull + 1442695040888963407ull;
            const std::size_t target = (rng >> 33) % (trace.ops.size() + 1);
            cursor.seek(target);
            // The truth: a fresh run of the first `target` operations.
            Trace prefix = trace;
            prefix.ops.resize(target);
            const RunResult fresh = runTrace(prefix, {c, s});
            ASSERT_EQ(shape(cursor.layout().blocks()), shape(fresh.finalBlocks)) << "step " << target;
            ASSERT_EQ(cursor.layout().blocks(), fresh.finalBlocks);
            ASSERT_EQ(cursor.layout().rover(), fresh.finalRover);
        }
        cursor.seek(trace.ops.size());
        EXPECT_EQ(cursor.layout().blocks(), run.finalBlocks);
        cursor.seek(0);
        EXPECT_EQ(cursor.layout().blocks(), BlockLayout(c).blocks());
    }
}

TEST(LayoutCursor, TheRunsOwnSnapshotsEqualAReplayOfItsEvents)
{
    const Trace trace = randomTrace({.seed = 23, .ops = 2000, .ids = 50, .maxSize = 500});
    HeapConfig c = csappConfig();
    const std::size_t every = 300;
    const RunResult run = runTrace(trace, {c, Strategy::Next, false, true, false, every});
    ASSERT_EQ(run.snapshots.size(), 1 + trace.ops.size() / every);
    LayoutCursor replayed(c, run.events, 8);
    LayoutCursor fromRun(c, run.events, run.snapshots, every);
    for (std::size_t step : {0u, 299u, 300u, 1000u, 1999u, 2000u, 17u}) {
        replayed.seek(step);
        fromRun.seek(step);
        ASSERT_EQ(fromRun.layout(), replayed.layout()) << "step " << step;
    }
}

TEST(LayoutCursor, PartialStepsShowAnOperationEventByEvent)
{
    const Trace trace = randomTrace({.seed = 29, .ops = 400, .ids = 30, .maxSize = 300});
    const HeapConfig c = fixedHeap(4096);
    const RunResult run = runTrace(trace, {c, Strategy::Best, false, true, false});
    LayoutCursor cursor(c, run.events, 4);
    for (std::size_t step : {0u, 57u, 211u, 399u}) {
        const auto events = run.events.eventsOf(std::ptrdiff_t(step));
        // Applying the events one at a time by hand is the truth.
        LayoutCursor truth(c, run.events, 4);
        truth.seek(step);
        BlockLayout expected = truth.layout();
        for (std::size_t k = 0; k <= events.size(); ++k) {
            cursor.seek(step, k);
            ASSERT_EQ(cursor.layout(), expected) << "step " << step << " + " << k << " events";
            if (k < events.size())
                expected.apply(events[k]);
        }
        cursor.seek(step + 1);
        EXPECT_EQ(cursor.layout(), expected) << "all the events make the whole step";
    }
}
