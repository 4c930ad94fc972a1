// Hand-worked examples for every rule of heap-model.md. Each expected layout
// was worked out on paper from the spec (comments show the steps), not copied
// from the program's output. Default preset unless said: align 16, 8+8 tags,
// min_block 32, so need(n) = max(32, roundup(n + 16, 16)).

#include <gtest/gtest.h>

#include "support/heaptesting.h"

using namespace heapviz;
using namespace heapviz::testing;

namespace {

// Free blocks 0:64, 96:96, 224:48, 304:208 between used ones; rover at 304.
constexpr std::string_view kFourHoles = R"(
a 0 48
a 1 16
a 2 80
a 3 16
a 4 32
a 5 16
f 0
f 2
f 4
)";

} // namespace

TEST(Need, RoundsUpWithTagsAndMinimum)
{
    const HeapConfig d = defaultConfig();
    EXPECT_EQ(d.need(0), 32u);   // min_block
    EXPECT_EQ(d.need(16), 32u);  // 16 + 16 = 32
    EXPECT_EQ(d.need(17), 48u);  // 33 -> 48
    EXPECT_EQ(d.need(100), 128u); // 116 -> 128
    const HeapConfig c = csappConfig();
    EXPECT_EQ(c.need(1), 16u);   // 9 -> 16
    EXPECT_EQ(c.need(9), 24u);   // 17 -> 24
    EXPECT_EQ(c.need(4090), 4104u);
    EXPECT_FALSE(d.need(~Size{0})); // beyond any heap: no overflow, no need
}

TEST(Fits, EachStrategyTakesItsBlock)
{
    const std::string ops = std::string(kFourHoles) + "a 6 16\n"; // need 32
    // first: lowest address, 0:64 splits (64 - 32 = 32 >= min_block).
    EXPECT_EQ(runOps(ops, fixedHeap(512), Strategy::First).layout,
              "[0,32)u6 [32,64)f [64,96)u1 [96,192)f [192,224)u3 [224,272)f [272,304)u5 [304,512)f");
    // best: smallest, 224:48, not split (48 - 32 = 16 < 32): internal fragmentation.
    EXPECT_EQ(runOps(ops, fixedHeap(512), Strategy::Best).layout,
              "[0,64)f [64,96)u1 [96,192)f [192,224)u3 [224,272)u6 [272,304)u5 [304,512)f");
    // worst: largest, 304:208.
    EXPECT_EQ(runOps(ops, fixedHeap(512), Strategy::Worst).layout,
              "[0,64)f [64,96)u1 [96,192)f [192,224)u3 [224,272)f [272,304)u5 [304,336)u6 [336,512)f");
    // next: the rover is 304 (end of a5's block), so it takes 304:208 too.
    EXPECT_EQ(runOps(ops, fixedHeap(512), Strategy::Next).layout,
              "[0,64)f [64,96)u1 [96,192)f [192,224)u3 [224,272)f [272,304)u5 [304,336)u6 [336,512)f");
}

TEST(Fits, ExaminedFollowsTheTextbookFreeList)
{
    const std::string ops = std::string(kFourHoles) + "a 6 16\n";
    EXPECT_EQ(runOps(ops, fixedHeap(512), Strategy::First).last().examined, 1u);
    EXPECT_EQ(runOps(ops, fixedHeap(512), Strategy::Next).last().examined, 1u);  // starts at 304
    EXPECT_EQ(runOps(ops, fixedHeap(512), Strategy::Best).last().examined, 4u);  // no exact fit
    EXPECT_EQ(runOps(ops, fixedHeap(512), Strategy::Worst).last().examined, 4u);
    // need 48: 224:48 is an exact fit, the third free block from the bottom.
    const std::string exact = std::string(kFourHoles) + "a 6 32\n";
    EXPECT_EQ(runOps(exact, fixedHeap(512), Strategy::Best).last().examined, 3u);
    // need 128: only 304:208 fits; first fit walks past three blocks to it.
    const std::string big = std::string(kFourHoles) + "a 6 100\n";
    EXPECT_EQ(runOps(big, fixedHeap(512), Strategy::First).last().examined, 4u);
    // a failed search examined every free block
    const std::string none = std::string(kFourHoles) + "a 6 300\n";
    auto failed = runOps(none, fixedHeap(512), Strategy::First);
    EXPECT_EQ(failed.last().examined, 4u);
    EXPECT_EQ(failed.last().failed, 1u);
}

TEST(Fits, BestFitTieGoesToLowestAddress)
{
    // Free: 0:48, 80:48, 160:96, 288:32.
    const std::string holes = "a 0 32\na 1 16\na 2 32\na 3 16\na 4 80\na 5 16\nf 0\nf 2\nf 4\n";
    auto r = runOps(holes + "a 6 32\n", fixedHeap(320), Strategy::Best); // need 48: 0 and 80 tie
    EXPECT_EQ(r.layout, "[0,48)u6 [48,80)u1 [80,128)f [128,160)u3 [160,256)f [256,288)u5 [288,320)f");
    EXPECT_EQ(r.last().examined, 1u); // the exact fit at 0 ends the search
    // need 32: the exact fit is the highest block, 288:32
    auto s = runOps(holes + "a 6 16\n", fixedHeap(320), Strategy::Best);
    EXPECT_EQ(s.layout, "[0,48)f [48,80)u1 [80,128)f [128,160)u3 [160,256)f [256,288)u5 [288,320)u6");
    EXPECT_EQ(s.last().examined, 4u);
}

TEST(Fits, BestFitCountsAnExactFitPastATerabyteRequest)
{
    // Growing heap. a0 needs 2^40 + 16 bytes: [0, T) with T = 1099511627792;
    // a1, a2, a3 need 32 each above it. Freeing a0 and a2 leaves free blocks
    // 0:T and T+32:32; a4 (need 32) takes the exact fit at T+32, the second
    // free block from the bottom. (Best fit counts ranks by address in a map
    // of 16-byte granules, which stops at 4 GiB: past it, it counts another way.)
    const auto r = runOps("a 0 1099511627776\na 1 16\na 2 16\na 3 16\nf 0\nf 2\na 4 16\n", defaultConfig(),
                          Strategy::Best);
    EXPECT_EQ(r.layout, "[0,1099511627792)f [1099511627792,1099511627824)u1 [1099511627824,1099511627856)u4 "
                        "[1099511627856,1099511627888)u3");
    EXPECT_EQ(r.last().examined, 2u);
}

TEST(Fits, WorstFitTieGoesToLowestAddress)
{
    // Free: 0:64, 96:64, 192:64; all equal, so the lowest.
    const std::string ops = "a 0 48\na 1 16\na 2 48\na 3 16\nf 0\nf 2\na 4 16\n";
    EXPECT_EQ(runOps(ops, fixedHeap(256), Strategy::Worst).layout,
              "[0,32)u4 [32,64)f [64,96)u1 [96,160)f [160,192)u3 [192,256)f");
}

TEST(Split, RemainderBelowMinBlockStaysInTheBlock)
{
    // 64 - 48 = 16 < 32: the whole 64-byte block is used for need 48.
    auto r = runOps("a 0 48\na 1 16\nf 0\na 2 20\n", fixedHeap(128));
    EXPECT_EQ(r.layout, "[0,64)u2 [64,96)u1 [96,128)f");
    EXPECT_EQ(r.last().allocatedBytes, 96u);
    EXPECT_EQ(r.last().livePayload, 36u);
    EXPECT_DOUBLE_EQ(r.last().internalFragmentation(), 1.0 - 36.0 / 96.0);
}

TEST(Free, CoalescesRightThenLeft)
{
    auto r = runOps("a 0 16\na 1 16\na 2 16\na 3 16\nf 0\nf 2\nf 1\n", fixedHeap(128),
                    Strategy::First, /*recordEvents=*/true);
    EXPECT_EQ(r.layout, "[0,96)f [96,128)u3");
    const auto events = r.run.events.eventsOf(6);
    ASSERT_EQ(events.size(), 3u);
    EXPECT_TRUE(std::holds_alternative<Freed>(events[0]));
    const auto& right = std::get<Coalesced>(events[1]); // with [64,96) first
    EXPECT_EQ(right.at, Address(32));
    EXPECT_EQ(right.right, 32u);
    const auto& left = std::get<Coalesced>(events[2]);  // then [0,32) takes [32,96)
    EXPECT_EQ(left.at, Address(0));
    EXPECT_EQ(left.left, 32u);
    EXPECT_EQ(left.right, 64u);
    EXPECT_EQ(r.last().freeBlocks, 1u);
    EXPECT_EQ(r.last().largestFree, 96u);
}

TEST(Rover, FollowsPlacementsAndReturnsToPrefixAtTheEnd)
{
    const HeapConfig c = fixedHeap(128);
    EXPECT_EQ(runOps("a 0 16\n", c, Strategy::Next).run.finalRover, Address(32));
    EXPECT_EQ(runOps("a 0 16\na 1 16\na 2 16\n", c, Strategy::Next).run.finalRover, Address(96));
    // the fourth block ends the heap's last block: back to prefix
    EXPECT_EQ(runOps("a 0 16\na 1 16\na 2 16\na 3 16\n", c, Strategy::Next).run.finalRover,
              Address(0));
    // with a prefix the rover starts (and returns) there
    HeapConfig p = fixedHeap(128 + 16);
    p.prefix = 16;
    EXPECT_EQ(runOps("a 0 16\na 1 16\na 2 16\na 3 16\n", p, Strategy::Next).run.finalRover,
              Address(16));
}

TEST(Rover, WrapsAroundWhenNothingAboveFits)
{
    // Rover at 160; above it only 160:32; need 64 wraps to 0:64.
    auto r = runOps("a 0 40\na 1 16\na 2 16\na 3 16\nf 0\na 4 40\n", fixedHeap(192), Strategy::Next);
    EXPECT_EQ(r.layout, "[0,64)u4 [64,96)u1 [96,128)u2 [128,160)u3 [160,192)f");
    EXPECT_EQ(r.run.finalRover, Address(64));
    EXPECT_EQ(r.last().examined, 2u); // 160:32, then 0:64 after the wrap
}

TEST(Rover, MovesToTheStartOfTheBlockItEndsUpInside)
{
    // Rover at 96, the start of free [96,160). Freeing [64,96) merges it into
    // [64,160) (rover -> 64), then [32,64) merges too (rover -> 32).
    auto r = runOps("a 0 16\na 1 16\na 2 16\nf 1\nf 2\n", fixedHeap(160), Strategy::Next);
    EXPECT_EQ(r.layout, "[0,32)u0 [32,160)f");
    EXPECT_EQ(r.run.finalRover, Address(32));
}

TEST(Rover, OtherStrategiesHaveNone)
{
    EXPECT_EQ(runOps("a 0 16\na 1 16\n", fixedHeap(128), Strategy::First).run.finalRover, Address(0));
}

TEST(Realloc, ShrinkSplitsTheTail)
{
    // need(20) = 48; 128 - 48 = 80 >= 32: tail [48,128) is free; R is used.
    auto r = runOps("a 0 100\na 1 16\nr 0 20\n", fixedHeap(256));
    EXPECT_EQ(r.layout, "[0,48)u0 [48,128)f [128,160)u1 [160,256)f");
    EXPECT_EQ(r.last().livePayload, 36u);
}

TEST(Realloc, ShrinkMergesTheTailWithAFreeRightNeighbour)
{
    auto r = runOps("a 0 100\nr 0 20\n", fixedHeap(256));
    EXPECT_EQ(r.layout, "[0,48)u0 [48,256)f");
}

TEST(Realloc, ShrinkTooSmallToSplitOnlyChangesThePayload)
{
    auto r = runOps("a 0 100\nr 0 90\n", fixedHeap(256)); // need 112; 128 - 112 = 16
    EXPECT_EQ(r.layout, "[0,128)u0 [128,256)f");
    EXPECT_EQ(r.last().livePayload, 90u);
}

TEST(Realloc, GrowsIntoTheFreeRightNeighbour)
{
    // B = [0,32), R = [32,256) free; need(50) = 80: R splits, rest stays free.
    auto r = runOps("a 0 16\na 1 16\nf 1\nr 0 50\n", fixedHeap(256));
    EXPECT_EQ(r.layout, "[0,80)u0 [80,256)f");
}

TEST(Realloc, TakesAllOfTheRightNeighbourWhenTheRestWouldBeTooSmall)
{
    // B = [0,32), R = [32,64); need(30) = 48 leaves 16 of R: B takes all of it.
    auto r = runOps("a 0 16\na 1 16\na 2 16\na 3 16\nf 1\nr 0 30\n", fixedHeap(128));
    EXPECT_EQ(r.layout, "[0,64)u0 [64,96)u2 [96,128)u3");
    EXPECT_EQ(r.last().allocatedBytes, 128u);
}

TEST(Realloc, GrowsTheHeapUnderTheLastBlock)
{
    auto r = runOps("a 0 16\nr 0 100\n", defaultConfig()); // grow by 128 - 32 = 96
    EXPECT_EQ(r.layout, "[0,128)u0");
    EXPECT_EQ(r.last().heapSize, 128u);
}

TEST(Realloc, GrowsTheHeapUnderAFreeLastRightNeighbour)
{
    // B = [0,32), R = [32,96) free and last; need 128: grow by 128 - 32 - 64 = 32.
    auto r = runOps("a 0 16\na 1 48\nf 1\nr 0 100\n", defaultConfig());
    EXPECT_EQ(r.layout, "[0,128)u0");
    EXPECT_EQ(r.last().heapSize, 128u);
}

TEST(Realloc, MovesWhenItCannotGrowInPlace)
{
    // R is used, the heap is fixed: malloc(40) takes [64,128), then [0,32) is freed.
    auto r = runOps("a 0 16\na 1 16\nr 0 40\n", fixedHeap(256), Strategy::First, true);
    EXPECT_EQ(r.layout, "[0,32)f [32,64)u1 [64,128)u0 [128,256)f");
    bool moved = false;
    for (const Event& e : r.run.events.eventsOf(2))
        if (const auto* m = std::get_if<Moved>(&e)) {
            moved = true;
            EXPECT_EQ(m->from, Address(0));
            EXPECT_EQ(m->to, Address(64));
        }
    EXPECT_TRUE(moved);
}

TEST(Realloc, FailureLeavesTheBlockAsItWas)
{
    auto r = runOps("a 0 16\na 1 16\nr 0 40\n", fixedHeap(96));
    EXPECT_EQ(r.layout, "[0,32)u0 [32,64)u1 [64,96)f");
    EXPECT_EQ(r.last().failed, 1u);
    EXPECT_EQ(r.last().livePayload, 32u); // still 16 + 16
}

TEST(Realloc, MovePolicyMovesEvenToShrink)
{
    HeapConfig c = fixedHeap(256);
    c.realloc = ReallocPolicy::Move;
    // malloc(20) takes [128,176) while [0,128) is in use; then [0,128) is freed.
    auto r = runOps("a 0 100\nr 0 20\n", c);
    EXPECT_EQ(r.layout, "[0,128)f [128,176)u0 [176,256)f");
}

TEST(Growth, ExactGrowsByTheNeedOrWhatTheFreeTopBlockLacks)
{
    // [0,32) then [32,160); then 64 more bytes for a need of 64.
    auto r = runOps("a 0 16\na 1 100\nf 0\na 2 40\n", defaultConfig());
    EXPECT_EQ(r.layout, "[0,32)f [32,160)u1 [160,224)u2");
    EXPECT_EQ(r.last().heapSize, 224u);
    // top block [32,64) free: need 80 grows by 80 - 32 = 48, the top block fits exactly.
    auto t = runOps("a 0 16\na 1 16\nf 1\na 2 50\n", defaultConfig());
    EXPECT_EQ(t.layout, "[0,32)u0 [32,112)u2");
    EXPECT_EQ(t.last().heapSize, 112u);
    EXPECT_EQ(t.last().highWater, 112u); // a growing heap's high water is H
}

TEST(Growth, ChunkGrowsOnceAtStartThenByAtLeastTheChunk)
{
    HeapConfig c = defaultConfig();
    c.growth = Growth::Chunk;
    c.chunk = 256;
    EXPECT_EQ(runOps("", c).run.final.heapSize, 256u);
    // need 320 > 256 free: grow by max(320, 256), merge, place low, 256 left.
    auto r = runOps("a 0 300\n", c);
    EXPECT_EQ(r.layout, "[0,320)u0 [320,576)f");
    EXPECT_EQ(r.last().heapSize, 576u);
}

TEST(FixedHeap, HighWaterIsTheLargestUsedEndSoFar)
{
    auto r = runOps("a 0 16\na 1 16\nf 1\n", fixedHeap(256));
    EXPECT_EQ(r.last().highWater, 64u);
    EXPECT_EQ(r.last().peakPayload, 32u);
    EXPECT_DOUBLE_EQ(r.last().utilization(), 32.0 / 64.0);
    EXPECT_EQ(r.run.samples.front().highWater, 32u);
}

TEST(Metrics, ExternalFragmentationFromTheLargestFreeBlock)
{
    // Free 0:64, 96:96, 224:48, 304:208 = 416 bytes, largest 208.
    auto r = runOps(kFourHoles, fixedHeap(512));
    const Metrics& m = r.last();
    EXPECT_EQ(m.freeBytes, 416u);
    EXPECT_EQ(m.largestFree, 208u);
    EXPECT_EQ(m.freeBlocks, 4u);
    EXPECT_EQ(m.usedBlocks, 3u);
    EXPECT_DOUBLE_EQ(m.externalFragmentation(), 0.5);
    EXPECT_EQ(m.livePayload, 48u);
    EXPECT_EQ(m.allocatedBytes, 96u);
    EXPECT_EQ(m.peakPayload, 48u + 16 + 80 + 16 + 32 + 16);
    EXPECT_EQ(m.highWater, 304u);
}

TEST(Metrics, EmptyHeapRatiosAreZero)
{
    const Metrics m = runOps("a 0 16\nf 0\n", defaultConfig()).last();
    EXPECT_EQ(m.externalFragmentation(), 0.0); // one free block: nothing fragmented
    EXPECT_EQ(m.internalFragmentation(), 0.0); // nothing used
    EXPECT_EQ(Metrics{}.utilization(), 0.0);
}

TEST(Csapp, FirstBlocksMatchTheTextbookAllocator)
{
    // Initial heap: 12 bytes of padding and prologue, one 4096-byte chunk
    // [12,4108), a 4-byte epilogue: H = 4112.
    auto r = runOps("a 0 1\n", csappConfig());
    EXPECT_EQ(r.layout, "[12,28)u0 [28,4108)f");
    EXPECT_EQ(r.last().heapSize, 4112u);
    // need(4090) = 4104 > 4080 free: extend by max(4104, 4096) = 4104 -> H = 8216;
    // the new chunk merges with [28,4108) into [28,8212) and the block goes low.
    auto s = runOps("a 0 1\na 1 4090\n", csappConfig());
    EXPECT_EQ(s.layout, "[12,28)u0 [28,4132)u1 [4132,8212)f");
    EXPECT_EQ(s.last().heapSize, 8216u);
}

TEST(Csapp, ZeroSizeMallocIsNullAndReallocToZeroFrees)
{
    auto r = runOps("a 0 0\nf 0\nr 0 10\nr 0 0\nf 0\n", csappConfig());
    EXPECT_EQ(r.last().failed, 0u);
    EXPECT_EQ(r.last().faults, 0u); // free(NULL) twice is fine
    EXPECT_EQ(r.layout, "[12,4108)f");
    EXPECT_TRUE(r.run.leaks.empty());
}

TEST(Zero, MinBlockPolicyGivesASmallestBlock)
{
    auto r = runOps("a 0 0\n", fixedHeap(128));
    EXPECT_EQ(r.layout, "[0,32)u0 [32,128)f");
}

TEST(Faults, EachKindIsReportedWithItsLineAndSkipped)
{
    auto r = runOps("a 0 16\nf 0\nf 0\nf 5\nr 7 10\nr 0 10\na 1 16\na 1 16\nf -1\n", fixedHeap(256));
    const std::vector<FaultReport> expected{{3, FaultKind::DoubleFree, 0},
                                            {4, FaultKind::InvalidFree, 5},
                                            {5, FaultKind::InvalidRealloc, 7},
                                            {6, FaultKind::InvalidRealloc, 0},
                                            {8, FaultKind::IdReuse, 1}};
    EXPECT_EQ(r.run.faults, expected);
    EXPECT_EQ(r.last().faults, 5u);
    EXPECT_EQ(r.layout, "[0,32)u1 [32,256)f"); // the skipped ops changed nothing
    ASSERT_EQ(r.run.leaks.size(), 1u);
    EXPECT_EQ(r.run.leaks[0], (LeakReport{7, 1, 16}));
}

TEST(Faults, EachFaultEventNamesTheBlockItConcerns)
{
    // a 0 16 takes [0,32); a 1 40 takes [32,96) (need 64). After f 0 the
    // double free of 0 concerns its old block [0,32), though it is free now;
    // the reuse of live id 1 concerns [32,96); id 5 never had a block.
    auto r = runOps("a 0 16\na 1 40\nf 0\nf 0\na 1 8\nf 5\n", fixedHeap(256), Strategy::First,
                    /*recordEvents=*/true);
    std::vector<Fault> faults;
    for (const Event& e : r.run.events.allEvents())
        if (const auto* f = std::get_if<Fault>(&e))
            faults.push_back(*f);
    ASSERT_EQ(faults.size(), 3u);
    EXPECT_EQ(faults[0].kind, FaultKind::DoubleFree);
    EXPECT_EQ(faults[0].at, Address(0));
    EXPECT_EQ(faults[0].size, 32u);
    EXPECT_EQ(faults[1].kind, FaultKind::IdReuse);
    EXPECT_EQ(faults[1].at, Address(32));
    EXPECT_EQ(faults[1].size, 64u);
    EXPECT_EQ(faults[2].kind, FaultKind::InvalidFree);
    EXPECT_EQ(faults[2].size, 0u);
}

TEST(Writes, EachBadWriteIsAFaultAtItsLineAndChangesNoBlock)
{
    // id 0: 40 bytes in [0,64) (need 64), payload at 8. id 1 freed, id 2 never allocated.
    auto r = runOps("a 0 40\na 1 8\nf 1\nw 0 0 40\nw 0 36 8\nw 0 -4 4\nw 0 -2 50\nw 1 0 1\nw 2 0 1\nw 0 40 1\n",
                    fixedHeap(256), Strategy::First, /*recordEvents=*/true);
    const std::vector<FaultReport> expected{{5, FaultKind::Overflow, 0},     // 36 + 8 = 44 > 40
                                            {6, FaultKind::Underflow, 0},    // offset -4
                                            {7, FaultKind::Overflow, 0},     // both: an overflow
                                            {8, FaultKind::UseAfterFree, 1}, // id 1 was freed
                                            {9, FaultKind::InvalidWrite, 2}, // id 2 never was
                                            {10, FaultKind::Overflow, 0}};   // wholly past the payload
    EXPECT_EQ(r.run.faults, expected);
    EXPECT_EQ(r.last().faults, 6u);
    EXPECT_EQ(r.layout, "[0,64)u0 [64,256)f");
    // The damage: line 5 writes [44,52): 4 bytes past the payload end at 48.
    std::vector<Fault> faults;
    for (const Event& e : r.run.events.allEvents())
        if (const auto* f = std::get_if<Fault>(&e))
            faults.push_back(*f);
    ASSERT_EQ(faults.size(), 6u);
    EXPECT_EQ(faults[0].damageAt, Address(48));
    EXPECT_EQ(faults[0].damage, 4u);
    EXPECT_EQ(faults[1].damageAt, Address(4)); // [4,8): the header's last 4 bytes
    EXPECT_EQ(faults[1].damage, 4u);
    EXPECT_EQ(faults[2].damageAt, Address(48)); // [6,56): counted as an overflow of [48,56)
    EXPECT_EQ(faults[2].damage, 8u);
    EXPECT_EQ(faults[0].at, Address(0)) << "the block concerned";
    EXPECT_EQ(faults[0].size, 64u);
}

TEST(Writes, ACanaryGrowsNeed)
{
    HeapConfig c = defaultConfig();
    c.canary = 8;
    EXPECT_EQ(c.need(16), 48u); // 16 + 8 + 8 + 8 = 40 -> 48
    EXPECT_EQ(c.need(8), 32u);  // 32: min_block
    c.canary = 16;
    EXPECT_EQ(c.need(16), 48u); // 48
    EXPECT_EQ(c.need(17), 64u); // 49 -> 64
}

TEST(Faults, AFailedMallocMakesTheIdNull)
{
    // a 0 fails (need 128 > 64): id 0 is null, so free is free(NULL) and
    // realloc is malloc; neither is a fault.
    auto r = runOps("a 0 100\nf 0\nr 0 10\n", fixedHeap(64));
    EXPECT_EQ(r.last().failed, 1u);
    EXPECT_EQ(r.last().faults, 0u);
    EXPECT_EQ(r.layout, "[0,32)u0 [32,64)f");
    ASSERT_EQ(r.run.leaks.size(), 1u);
    EXPECT_EQ(r.run.leaks[0].line, 3u); // the realloc made it live
}

TEST(Failures, HugeRequestsFailWithoutOverflow)
{
    auto r = runOps("a 0 18446744073709551615\na 1 1152921504606846976\n", defaultConfig());
    EXPECT_EQ(r.last().failed, 2u);
    EXPECT_EQ(r.last().heapSize, 0u);
    auto f = runOps("a 0 18446744073709551615\n", fixedHeap(256));
    EXPECT_EQ(f.last().failed, 1u);
}

TEST(Config, ImpossibleSettingsAreRefusedWithAReason)
{
    HeapConfig c = defaultConfig();
    c.align = 24;
    EXPECT_NE(c.validate().find("power of two"), std::string::npos);
    c = defaultConfig();
    c.minBlock = 40;
    EXPECT_NE(c.validate().find("multiple of the alignment (16 bytes), not 40 bytes"), std::string::npos);
    c = defaultConfig();
    c.minBlock = 16;
    c.header = 16;
    EXPECT_NE(c.validate().find("must hold a header and a footer (24 bytes)"), std::string::npos);
    EXPECT_NE(fixedHeap(100).validate().find("try 96 bytes or 112 bytes"), std::string::npos);
    EXPECT_NE(fixedHeap(16).validate().find("no room"), std::string::npos);
    EXPECT_EQ(fixedHeap(4112, csappConfig()).validate(), "");
    EXPECT_NE(fixedHeap(4113, csappConfig()).validate(), "");
}
