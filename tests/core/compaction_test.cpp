// Compaction, worked by hand from heap-model.md ("Compaction"). Default
// preset: 16-byte alignment, need(16) = 32.

#include <gtest/gtest.h>

#include <map>

#include "core/replay/layout.h"
#include "support/heaptesting.h"
#include "support/randomtrace.h"

using namespace heapviz;
using namespace heapviz::testing;

namespace {

HeapConfig compacting(HeapConfig c, const char* trigger, Compactor compactor)
{
    std::string error;
    c.compact = *CompactTrigger::parse(trigger, error);
    c.compactor = compactor;
    return c;
}

// Four 32-byte blocks [0,32) [32,64) [64,96) [96,128) in 256 bytes; ids 0
// and 2 freed: free [0,32), [64,96) and [128,256).
constexpr std::string_view kHoles = "a 0 16\na 1 16\na 2 16\na 3 16\nf 0\nf 2\n";

} // namespace

TEST(Compaction, SlidingKeepsOrderAndGathersTheFreeSpaceAtTheTop)
{
    // 1 slides to 0 (its gap joins [64,96)), 3 slides to 32: two moves, 64 bytes.
    auto r = runOps(kHoles, compacting(fixedHeap(256), "at:6", Compactor::Sliding), Strategy::Next, true);
    EXPECT_EQ(r.layout, "[0,32)u1 [32,64)u3 [64,256)f");
    EXPECT_EQ(r.last().compactions, 1u);
    EXPECT_EQ(r.last().moves, 2u);
    EXPECT_EQ(r.last().bytesMoved, 64u);
    EXPECT_EQ(r.run.finalRover, Address(64)); // the lowest free block
    EXPECT_EQ(r.last().externalFragmentation(), 0.0);
    // The metrics of op 6 are after the compaction; op 5's were before any.
    EXPECT_EQ(r.run.samples[4].compactions, 0u);
}

TEST(Compaction, TwoFingerMovesTheHighestBlockIntoTheLowestHole)
{
    // 3 (highest) fits [0,32): it moves there, its old place joins [64,256).
    // Then 1 has no free block below it: done. One move, order broken.
    auto r = runOps(kHoles, compacting(fixedHeap(256), "at:6", Compactor::TwoFinger), Strategy::First, true);
    EXPECT_EQ(r.layout, "[0,32)u3 [32,64)u1 [64,256)f");
    EXPECT_EQ(r.last().moves, 1u);
    EXPECT_EQ(r.last().bytesMoved, 32u);
}

TEST(Compaction, TwoFingerTakesAWholeBlockWhenTheRestWouldBeTooSmall)
{
    // Free [0,48); id 2 (32 bytes at 80) moves there and takes all 48 bytes
    // (16 left would be below min_block); [80,112) joins the free top.
    auto r = runOps("a 0 32\na 1 16\na 2 16\nf 0\n", compacting(fixedHeap(256), "at:4", Compactor::TwoFinger));
    EXPECT_EQ(r.layout, "[0,48)u2 [48,80)u1 [80,256)f");
    EXPECT_EQ(r.last().allocatedBytes, 80u);
    EXPECT_EQ(r.last().bytesMoved, 32u); // the block's size as it moved
    EXPECT_EQ(r.last().livePayload, 32u); // payloads do not change
}

TEST(Compaction, TwoFingerSlidesIntoAFreeBlockRightBelow)
{
    // Free [0,32) right below id 1: id 1 moves to 0, the rest is one free block.
    auto r = runOps("a 0 16\na 1 16\nf 0\n", compacting(fixedHeap(256), "at:3", Compactor::TwoFinger), Strategy::First, true);
    EXPECT_EQ(r.layout, "[0,32)u1 [32,256)f");
    EXPECT_EQ(r.last().moves, 1u);
}

TEST(Compaction, ABlockThatDoesNotMoveCostsNothing)
{
    auto r = runOps("a 0 16\na 1 16\n", compacting(fixedHeap(256), "at:2", Compactor::Sliding));
    EXPECT_EQ(r.layout, "[0,32)u0 [32,64)u1 [64,256)f");
    EXPECT_EQ(r.last().compactions, 1u);
    EXPECT_EQ(r.last().moves, 0u);
    EXPECT_EQ(r.last().bytesMoved, 0u);
}

TEST(Compaction, OnFailureRescuesARequestThatFitsInTheFreeBytes)
{
    // Fixed 128: free [0,32) and [64,96), 64 bytes in all; need(40) = 64.
    const std::string ops = "a 0 16\na 1 16\na 2 16\na 3 16\nf 0\nf 2\na 4 40\n";
    auto plain = runOps(ops, fixedHeap(128));
    EXPECT_EQ(plain.last().failed, 1u);
    auto rescued = runOps(ops, compacting(fixedHeap(128), "on-failure", Compactor::Sliding));
    EXPECT_EQ(rescued.last().failed, 0u);
    EXPECT_EQ(rescued.layout, "[0,32)u1 [32,64)u3 [64,128)u4");
    EXPECT_EQ(rescued.last().compactions, 1u);
    EXPECT_EQ(rescued.last().examined, 3u); // both free blocks, then the one after compaction
}

TEST(Compaction, OnFailureDoesNotRunWhenTheBytesAreNotThere)
{
    // 64 bytes free in two holes; need(100) = 128 > 64: fail without compacting.
    auto r = runOps("a 0 16\na 1 16\na 2 16\na 3 16\nf 0\nf 2\na 4 100\n",
                    compacting(fixedHeap(128), "on-failure", Compactor::Sliding));
    EXPECT_EQ(r.last().failed, 1u);
    EXPECT_EQ(r.last().compactions, 0u);
}

TEST(Compaction, OnFailureComesBeforeGrowingAGrowingHeap)
{
    // Growing (exact): [0,32) and [64,96) free; need 64 fits after compaction, no growth.
    auto r = runOps("a 0 16\na 1 16\na 2 16\na 3 16\nf 0\nf 2\na 4 40\n",
                    compacting(defaultConfig(), "on-failure", Compactor::Sliding));
    EXPECT_EQ(r.last().heapSize, 128u);
    EXPECT_EQ(r.last().compactions, 1u);
}

TEST(Compaction, ThresholdFiresAfterAnOperationThatFragmentsTooMuch)
{
    // After f 0: one free block [0,32), fragmentation 0 (no compaction).
    // After f 2: [0,32) and [64,96) of a full 128-byte heap: 1 - 32/64 = 0.5 > 0.4.
    auto r = runOps("a 0 16\na 1 16\na 2 16\na 3 16\nf 0\nf 2\n",
                    compacting(fixedHeap(128), "threshold:0.4", Compactor::Sliding));
    EXPECT_EQ(r.run.samples[4].compactions, 0u);
    EXPECT_EQ(r.run.samples[5].compactions, 1u);
    EXPECT_EQ(r.layout, "[0,32)u1 [32,64)u3 [64,128)f");
}

TEST(Compaction, TriggersParseAndRefuseNonsense)
{
    std::string error;
    EXPECT_EQ(CompactTrigger::parse("at:30,10,10", error)->at, (std::vector<std::uint64_t>{10, 30}));
    EXPECT_EQ(CompactTrigger::parse("threshold:0.25", error)->threshold, 0.25);
    EXPECT_EQ(CompactTrigger::parse("on-failure", error)->kind, CompactTrigger::Kind::OnFailure);
    EXPECT_FALSE(CompactTrigger::parse("at:0", error));
    EXPECT_FALSE(CompactTrigger::parse("at:x", error));
    EXPECT_FALSE(CompactTrigger::parse("threshold:1.5", error));
    EXPECT_FALSE(CompactTrigger::parse("sometimes", error));
    EXPECT_NE(error.find("never, on-failure"), std::string::npos);
}

namespace {

// id -> payload of the live blocks.
std::map<TraceId, Size> liveSet(const std::vector<BlockInfo>& blocks)
{
    std::map<TraceId, Size> live;
    for (const BlockInfo& b : blocks)
        if (b.used)
            live[b.id] = b.payload;
    return live;
}

} // namespace

TEST(Compaction, PropertiesHoldOnRandomRuns)
{
    const Trace trace = randomTrace({.seed = 31, .ops = 6000, .ids = 120, .maxSize = 600, .faults = false});
    std::string every;
    for (int n = 50; n <= 6000; n += 50)
        every += (every.empty() ? "at:" : ",") + std::to_string(n);
    for (Compactor compactor : {Compactor::Sliding, Compactor::TwoFinger})
        for (Strategy s : kAllStrategies) {
            HeapConfig plain = fixedHeap(64 * 1024);
            const RunResult without = runTrace(trace, {laneOf(s, plain)});
            HeapConfig c = compacting(plain, every.c_str(), compactor);
            Simulator sim(laneOf(s, c), trace.slots, nullptr, true);
            for (std::size_t i = 0; i < trace.ops.size(); ++i) {
                const auto before = liveSet(sim.allocator().blocks());
                sim.apply(trace.ops[i]);
                ASSERT_EQ(sim.checkInvariants(), "");
                if ((i + 1) % 50 != 0)
                    continue;
                const auto blocks = sim.allocator().blocks();
                if (compactor == Compactor::Sliding) {
                    std::size_t freeBlocks = 0;
                    for (const BlockInfo& b : blocks)
                        freeBlocks += !b.used;
                    ASSERT_LE(freeBlocks, 1u) << "after a sliding compaction";
                    if (freeBlocks == 1) {
                        ASSERT_FALSE(blocks.back().used) << "the free block is at the top";
                    }
                }
            }
            // Compaction moves blocks but never changes who is live or their payloads
            // (the heap is roomy: only the impossibly large requests fail, either way).
            EXPECT_EQ(sim.metrics().failed, without.final.failed);
            EXPECT_EQ(liveSet(sim.allocator().blocks()), liveSet(without.finalBlocks));
            EXPECT_EQ(sim.metrics().compactions, 120u);
        }
}

TEST(Compaction, EventsReplayAndUndoThroughCompactions)
{
    const Trace trace = randomTrace({.seed = 41, .ops = 1500, .ids = 60, .maxSize = 400});
    for (const char* trigger : {"threshold:0.3", "on-failure", "at:100,500,900,1400"})
        for (Compactor compactor : {Compactor::Sliding, Compactor::TwoFinger})
            for (Strategy s : kAllStrategies) {
                const HeapConfig c = compacting(fixedHeap(12 * 1024), trigger, compactor);
                const RunResult run = runTrace(trace, {laneOf(s, c), true, true, true});
                BlockLayout layout(c);
                for (const Event& e : run.events.eventsOf(-1))
                    layout.apply(e);
                std::vector<BlockLayout> states{layout};
                for (std::size_t op = 0; op < trace.ops.size(); ++op) {
                    for (const Event& e : run.events.eventsOf(std::ptrdiff_t(op)))
                        layout.apply(e);
                    states.push_back(layout);
                }
                ASSERT_EQ(layout.blocks(), run.finalBlocks) << trigger;
                for (std::size_t op = trace.ops.size(); op-- > 0;) {
                    const auto events = run.events.eventsOf(std::ptrdiff_t(op));
                    for (auto it = events.rbegin(); it != events.rend(); ++it)
                        layout.undo(*it);
                    ASSERT_EQ(layout, states[op]) << trigger << " back to step " << op;
                }
            }
}

TEST(Compaction, TheEngineMeasuresEveryPointAViewStopsAt)
{
    // Sliding on kHoles after op 6: point 0 before any move (free 0:32, 64:32,
    // 128:128: 3 blocks, largest 128); after 1 slides to 0 its old place
    // joins [64,96): free [32,96) and [128,256), 2 blocks, largest 128; after
    // 3 slides to 32: one free block [64,256) of 192 bytes.
    auto r = runOps(kHoles, compacting(fixedHeap(256), "at:6", Compactor::Sliding), Strategy::First, true);
    const EventLog& log = r.run.events;
    const auto events = log.eventsOf(5);
    ASSERT_EQ(progressPoints(events), 3u);
    const struct { std::uint32_t freeBlocks; Size largest; std::uint64_t moves; Size bytes; } expected[] = {
        {3, 128, 0, 0}, {2, 128, 1, 32}, {1, 192, 2, 64}};
    for (std::size_t point = 0; point < 3; ++point) {
        const auto m = log.metricsWithin(5, eventsThroughPoint(events, point));
        ASSERT_TRUE(m) << "point " << point;
        EXPECT_EQ(m->freeBlocks, expected[point].freeBlocks) << "point " << point;
        EXPECT_EQ(m->largestFree, expected[point].largest) << "point " << point;
        EXPECT_EQ(m->freeBytes, 192u) << "compaction moves no byte in or out of the free space";
        EXPECT_EQ(m->moves, expected[point].moves) << "point " << point;
        EXPECT_EQ(m->bytesMoved, expected[point].bytes) << "point " << point;
        EXPECT_EQ(m->usedBlocks, 2u);
    }
    EXPECT_FALSE(log.metricsWithin(5, events.size())) << "the whole operation is a sample of its own";
    EXPECT_FALSE(log.metricsWithin(4, log.eventsOf(4).size()));
}
