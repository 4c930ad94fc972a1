// Events are enough to follow a run: applying them to a BlockLayout gives the
// engine's own layout after every operation, and undoing them walks back
// through exactly the same states.

#include <gtest/gtest.h>

#include "core/replay/layout.h"
#include "core/replay/layoutcursor.h"
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
    EventRecorder recorder(log, [&] { return Metrics{}; });
    Simulator sim(laneOf(strategy, config), trace.slots, &recorder, true);
    recorder.endSetup(Metrics{});
    std::vector<Step> truth{{sim.allocator().blocks(), sim.metrics().heapSize, sim.allocator().rover()}};
    for (const Op& op : trace.ops) {
        sim.apply(op);
        recorder.endOperation(op.line, Metrics{});
        truth.push_back({sim.allocator().blocks(), sim.metrics().heapSize, sim.allocator().rover()});
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

namespace {

// The textbook searches over an address-ordered free list, written out as a
// class would on the blackboard: the oracle for what the engine's Searched
// events say each fit visited.
SearchPath textbookSearch(const std::vector<FreeSpan>& freeBlocks, Strategy strategy, Size need, Address rover)
{
    SearchPath path;
    const auto walk = [&](auto begin, auto end) { // until a block fits
        for (auto it = begin; it != end; ++it) {
            path.examined.push_back(it->at);
            if (it->size >= need) {
                path.chosen = it->at;
                return true;
            }
        }
        return false;
    };
    if (strategy == Strategy::First) {
        walk(freeBlocks.begin(), freeBlocks.end());
    } else if (strategy == Strategy::Next) {
        auto start = std::find_if(freeBlocks.begin(), freeBlocks.end(), [&](const FreeSpan& f) { return f.at >= rover; });
        if (!walk(start, freeBlocks.end()))
            walk(freeBlocks.begin(), start);
    } else { // best and worst see every block, but best stops at an exact fit
        const FreeSpan* pick = nullptr;
        for (const FreeSpan& f : freeBlocks) {
            path.examined.push_back(f.at);
            if (f.size < need)
                continue;
            if (strategy == Strategy::Best && f.size == need) {
                pick = &f;
                break;
            }
            if (!pick || (strategy == Strategy::Best ? f.size < pick->size : f.size > pick->size))
                pick = &f;
        }
        if (pick)
            path.chosen = pick->at;
    }
    return path;
}

// The Searched event of the last operation of `ops` (which must search).
Searched lastSearch(std::string_view ops, const HeapConfig& config, Strategy strategy)
{
    const Outcome r = runOps(ops, config, strategy, /*recordEvents=*/true);
    const auto events = r.run.events.eventsOf(std::ptrdiff_t(r.run.events.operations()) - 1);
    for (const Event& e : events)
        if (const auto* s = std::get_if<Searched>(&e))
            return *s;
    ADD_FAILURE() << "the last operation searched nothing";
    return {};
}

std::vector<Address> addresses(std::initializer_list<std::uint64_t> v)
{
    std::vector<Address> out;
    for (auto a : v)
        out.emplace_back(a);
    return out;
}

} // namespace

TEST(SearchPath, TheEngineTellsTheBlocksEachFitExaminesInOrder)
{
    // Free 0:64, 96:96, 224:48, 304:208 (rover at 304), as in the rules tests.
    const std::string holes = "a 0 48\na 1 16\na 2 80\na 3 16\na 4 32\na 5 16\nf 0\nf 2\nf 4\n";
    const std::vector<FreeSpan> before{{Address(0), 64}, {Address(96), 96}, {Address(224), 48}, {Address(304), 208}};
    const HeapConfig c = fixedHeap(512);
    const auto visited = [&](Strategy s, const char* request) {
        return visitedBlocks(before, lastSearch(holes + request, c, s));
    };
    // need(64) = 80: first fit passes 0:64 and takes 96.
    auto first = visited(Strategy::First, "a 9 64\n");
    EXPECT_EQ(first.examined, addresses({0, 96}));
    EXPECT_EQ(first.chosen, Address(96));
    // Next fit starts at the rover (304) and takes it.
    auto next = visited(Strategy::Next, "a 9 64\n");
    EXPECT_EQ(next.examined, addresses({304}));
    // need(200) = 224 > every block: next fit walks 304, wraps to 0, 96, 224 and fails.
    auto wrapped = visited(Strategy::Next, "a 9 200\n");
    EXPECT_EQ(wrapped.examined, addresses({304, 0, 96, 224}));
    EXPECT_FALSE(wrapped.chosen);
    // need(32) = 48: best fit stops at the exact fit 224:48.
    auto best = visited(Strategy::Best, "a 9 32\n");
    EXPECT_EQ(best.examined, addresses({0, 96, 224}));
    EXPECT_EQ(best.chosen, Address(224));
    // need(50) = 80, no exact fit: best fit sees all four and takes 96:96.
    auto bestAll = visited(Strategy::Best, "a 9 50\n");
    EXPECT_EQ(bestAll.examined, addresses({0, 96, 224, 304}));
    EXPECT_EQ(bestAll.chosen, Address(96));
    auto worst = visited(Strategy::Worst, "a 9 16\n");
    EXPECT_EQ(worst.examined, addresses({0, 96, 224, 304}));
    EXPECT_EQ(worst.chosen, Address(304));
}

TEST(SearchPath, EverySearchTheEngineTellsIsTheTextbookOne)
{
    const Trace trace = randomTrace({.seed = 21, .ops = 2000, .ids = 50, .maxSize = 400});
    for (Strategy s : kAllStrategies) {
        const HeapConfig c = fixedHeap(16384);
        EventLog log;
        EventRecorder recorder(log, [] { return Metrics{}; });
        Simulator sim(laneOf(s, c), trace.slots, &recorder, true);
        recorder.endSetup(Metrics{});
        BlockLayout layout(c);
        for (const Op& op : trace.ops) {
            sim.apply(op);
            recorder.endOperation(op.line, Metrics{});
            for (const Event& e : log.eventsOf(std::ptrdiff_t(log.operations()) - 1)) {
                if (const auto* searched = std::get_if<Searched>(&e)) {
                    const auto told = visitedBlocks(layout.freeSpans(), *searched);
                    const auto truth = textbookSearch(layout.freeSpans(), s, searched->need, layout.rover());
                    ASSERT_EQ(told.examined, truth.examined) << strategyName(s) << ", line " << op.line;
                    ASSERT_EQ(told.chosen, truth.chosen) << strategyName(s) << ", line " << op.line;
                }
                layout.apply(e);
            }
        }
    }
}

// A jump restores a checkpoint straight from its packed bytes, into a
// layout that held another step: it must be the layout the checkpoint was
// taken of, and go on from there as that one does (a heap of thousands of
// blocks, so that the restored map has many runs to change).
TEST(Layout, RestoredFromAPackedCheckpointItGoesOnAsTheOriginal)
{
    const Trace trace = randomTrace({.seed = 5, .ops = 12000, .ids = 4000, .maxSize = 300, .faults = false});
    const RunResult run = runTrace(trace, {laneOf(Strategy::First, defaultConfig()), false, true, false});
    BlockLayout original(run.initialLayout);
    const auto forward = [&](BlockLayout& layout, std::size_t from, std::size_t to) {
        for (std::size_t op = from; op < to; ++op)
            for (const Event& e : run.events.eventsOf(std::ptrdiff_t(op)))
                layout.apply(e);
    };
    forward(original, 0, 8000);
    ASSERT_GT(original.map().size(), 1000u);
    BlockLayout restored(run.initialLayout); // another step's picture, overwritten
    restored.restore(PackedLayout(original.snapshot()));
    EXPECT_EQ(restored.blocks(), original.blocks());
    EXPECT_EQ(restored.heapSize(), original.heapSize());
    EXPECT_EQ(restored.rover(), original.rover());
    forward(original, 8000, trace.ops.size());
    forward(restored, 8000, trace.ops.size());
    EXPECT_EQ(restored.blocks(), run.finalBlocks);
    EXPECT_EQ(restored.blocks(), original.blocks());
}

TEST(LayoutCursor, AnyPathToAStepGivesTheStateOfAFreshRunToIt)
{
    const Trace trace = randomTrace({.seed = 13, .ops = 3000, .ids = 60, .maxSize = 500});
    for (Strategy s : kAllStrategies) {
        const HeapConfig c = defaultConfig();
        const RunResult run = runTrace(trace, {laneOf(s, c), false, true, false});
        LayoutCursor cursor(run.initialLayout, run.events, 8); // interval 375: jumps use checkpoints
        ASSERT_EQ(cursor.steps(), trace.ops.size());
        std::uint64_t rng = 99;
        for (int jump = 0; jump < 40; ++jump) {
            rng = rng * 6364136223846793005ull + 1442695040888963407ull;
            const std::size_t target = (rng >> 33) % (trace.ops.size() + 1);
            cursor.seek(target);
            // The truth: a fresh run of the first `target` operations.
            Trace prefix = trace;
            prefix.ops.resize(target);
            const RunResult fresh = runTrace(prefix, {laneOf(s, c)});
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
    const RunResult run = runTrace(trace, {laneOf(Strategy::Next, c), false, true, false, every});
    ASSERT_EQ(run.snapshots.size(), 1 + trace.ops.size() / every);
    LayoutCursor replayed(run.initialLayout, run.events, 8);
    LayoutCursor fromRun(run.events, run.snapshots, every);
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
    const RunResult run = runTrace(trace, {laneOf(Strategy::Best, c), false, true, false});
    LayoutCursor cursor(run.initialLayout, run.events, 4);
    for (std::size_t step : {0u, 57u, 211u, 399u}) {
        const auto events = run.events.eventsOf(std::ptrdiff_t(step));
        // Applying the events one at a time by hand is the truth.
        LayoutCursor truth(run.initialLayout, run.events, 4);
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
