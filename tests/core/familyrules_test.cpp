// Every rule of heap-model.md (version 2) on examples worked out on paper,
// one rule at a time, the steps written beside each example. Each example
// runs twice: on the naive reference model (support/naiveheap,
// support/naivefamilies, written from the spec alone) and on the engine
// (core/alloc, through the registry); both must give exactly what the paper
// gives.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/alloc/registry.h"
#include "core/sim/run.h"
#include "core/trace/traceparser.h"
#include "support/naiveheap.h"
#include "support/randomtrace.h"

using namespace heapviz;
using naive::Lane;

namespace {

HeapConfig defaults()
{
    // The `default` preset's values, written out (the fields only).
    HeapConfig c;
    c.align = 16;
    c.header = 8;
    c.footer = 8;
    c.minBlock = 32;
    c.prefix = 0;
    c.suffix = 0;
    c.growth = Growth::Exact;
    c.realloc = ReallocPolicy::InPlace;
    c.zero = ZeroPolicy::MinBlock;
    return c;
}

Lane lane(std::string family, std::optional<Size> fixed = std::nullopt, HeapConfig c = defaults())
{
    Lane l;
    l.family = std::move(family);
    c.fixedSize = fixed;
    l.config = c;
    return l;
}

Trace ops(std::string_view text) { return parseTrace(text, "inline.rep"); }

// "[0,8)u0 [8,16)f": u<id> a used block, f a free one.
std::string shape(const std::vector<naive::Block>& blocks)
{
    std::string out;
    for (const naive::Block& b : blocks) {
        if (!out.empty())
            out += ' ';
        out += "[" + std::to_string(b.addr) + "," + std::to_string(b.addr + b.size) + ")";
        out += b.used ? "u" + std::to_string(b.id) : "f";
    }
    return out;
}

std::vector<std::uint32_t> examined(const naive::Result& r)
{
    std::vector<std::uint32_t> out;
    for (const Metrics& m : r.samples)
        out.push_back(m.examined);
    return out;
}

using U = std::vector<std::uint32_t>;

enum class Impl { Naive, Engine };

// The engine's lane for the naive model's description of one.
LaneSpec specOf(const Lane& l)
{
    LaneSpec spec = laneOf(l.family, l.config);
    spec.segregated = {l.classes, l.lifo};
    spec.tlsf.slLog2 = l.slLog2;
    spec.buddy = {l.minOrder, l.buddyHeader};
    spec.pool = {l.slot, l.chunk, l.poolHeader};
    return spec;
}

// The engine's run in the naive model's terms (free blocks have id -1).
naive::Result engineRun(const Trace& t, const Lane& l)
{
    const RunResult r = runTrace(t, {specOf(l), /*countExamined=*/true, false, /*checkInvariants=*/true});
    naive::Result out;
    out.samples.assign(r.samples.begin(), r.samples.end());
    for (const BlockInfo& b : r.finalBlocks)
        out.blocks.push_back({b.at.value(), b.size, b.used, b.used ? b.id : -1, b.used ? b.payload : 0});
    for (const FaultReport& f : r.faults)
        out.faults.push_back({f.line, f.kind, f.id});
    for (const LeakReport& k : r.leaks)
        out.leaks.push_back({k.line, k.id, k.size});
    out.heapSize = r.final.heapSize;
    out.rover = r.finalRover.value();
    return out;
}

class Rules : public ::testing::TestWithParam<Impl> {
protected:
    naive::Result run(const Trace& t, const Lane& l) const
    {
        return GetParam() == Impl::Naive ? naive::runNaive(t, l) : engineRun(t, l);
    }
    std::vector<naive::Block> layoutAfter(Trace t, const Lane& l, std::size_t opCount) const
    {
        if (GetParam() == Impl::Naive)
            return naive::layoutAfter(t, l, opCount);
        t.ops.resize(std::min(opCount, t.ops.size()));
        return engineRun(t, l).blocks;
    }
};

} // namespace

// ---------------------------------------------------------------------------
// The four fits keep version 1's behaviour, through either API.
// ---------------------------------------------------------------------------

TEST(NaiveFits, TheOldApiIsTheLaneApi)
{
    const Trace t = ops("a 0 100\na 1 30\nf 0\na 2 40\nr 1 300\nf 2\n");
    for (Strategy s : kAllStrategies) {
        HeapConfig c = defaults();
        c.fixedSize = 1024;
        const naive::Result a = naive::runNaive(t, c, s);
        const naive::Result b = naive::runNaive(t, lane(std::string(strategyName(s)), 1024));
        EXPECT_EQ(a.samples, b.samples);
        EXPECT_EQ(a.blocks, b.blocks);
        EXPECT_EQ(a.rover, b.rover);
    }
}

TEST_P(Rules, Fits_ExaminedInEachFit)
{
    // Fixed H = 1024, default preset. need(32) = 48, need(96) = 112, need(48) = 64.
    //   a 0 32  [0,48)u0            a 1 32  [48,96)u1
    //   a 2 96  [96,208)u2          a 3 32  [208,256)u3, rest [256,1024)f
    //   f 0, f 2: free [0,48) 48, [96,208) 112, [256,1024) 768.
    // Next fit's rover: after a 3 it is 256 (the block ends at 256, which is
    // not the end of the last block); the frees leave it there.
    // a 4 48 (need 64):
    //   first: 48 no, 112 yes: examined 2, at 96 -> [96,160)u4, rest [160,208)f
    //   next:  from the rover, [256,1024) fits at once: examined 1, at 256
    //   best:  all three (no exact fit): 112 is the smallest: examined 3, at 96
    //   worst: all three: 768: examined 3, at 256
    // a 5 5000 (need 5024) fails: a failed search examines every free block:
    //   first and best leave 3 free blocks ([0,48), [160,208), [256,1024));
    //   next and worst 3 as well ([0,48), [96,208), [320,1024)).
    const Trace t = ops("a 0 32\na 1 32\na 2 96\na 3 32\nf 0\nf 2\na 4 48\na 5 5000\n");
    struct Case {
        const char* family;
        std::uint32_t examined;
        const char* layout;
    } cases[] = {
        {"first", 2, "[0,48)f [48,96)u1 [96,160)u4 [160,208)f [208,256)u3 [256,1024)f"},
        {"next", 1, "[0,48)f [48,96)u1 [96,208)f [208,256)u3 [256,320)u4 [320,1024)f"},
        {"best", 3, "[0,48)f [48,96)u1 [96,160)u4 [160,208)f [208,256)u3 [256,1024)f"},
        {"worst", 3, "[0,48)f [48,96)u1 [96,208)f [208,256)u3 [256,320)u4 [320,1024)f"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.family);
        const naive::Result r = run(t, lane(c.family, 1024));
        EXPECT_EQ(examined(r), (U{1, 1, 1, 1, 0, 0, c.examined, 3}));
        EXPECT_EQ(shape(r.blocks), c.layout);
        EXPECT_EQ(r.samples.back().failed, 1u);
    }
    // The rover: next fit's after a 4 is 320 (the end of [256,320)); prefix otherwise.
    EXPECT_EQ(run(t, lane("next", 1024)).rover, 320u);
    EXPECT_EQ(run(t, lane("first", 1024)).rover, 0u);
}

TEST_P(Rules, Fits_ReallocInPlaceSearchesNothingAndAMoveSearchesAsMalloc)
{
    // Fixed 1024, first fit. a 0 32 -> [0,48)u0 (examined 1), a 1 32 -> [48,96)u1 (1).
    // r 0 20 (need 48 = size): shrink in place, nothing split: examined 0.
    // r 1 100 (need 128): R = [96,1024) free, 48 + 928 >= 128: grows in place: 0.
    // r 0 100 (need 128): R = [48,176) used: step 4, malloc's search: the free
    //   blocks are [176,1024) only: examined 1, placed at 176; [0,48) freed.
    const naive::Result r =
        run(ops("a 0 32\na 1 32\nr 0 20\nr 1 100\nr 0 100\n"), lane("first", 1024));
    EXPECT_EQ(examined(r), (U{1, 1, 0, 0, 1}));
    EXPECT_EQ(shape(r.blocks), "[0,48)f [48,176)u1 [176,304)u0 [304,1024)f");
}

// ---------------------------------------------------------------------------
// segregated
// ---------------------------------------------------------------------------

namespace {
// Fixed H = 1024, default preset: classes <=32, <=64, ..., <=4096, >4096.
//   a 0 32  need 48   [0,48)u0
//   a 1 32  need 48   [48,96)u1
//   a 2 96  need 112  [96,208)u2
//   a 3 32  need 48   [208,256)u3, rest [256,1024)f (class <=1024)
//   f 0     [0,48)f, class (32,64]
//   f 2     [96,208)f, class (64,128]
//   a 4 48  need 64, class (32,64]: [0,48) is too small (examined 1); class
//           (64,128]: [96,208) fits (examined 2). Split: [96,160)u4, and the
//           remainder [160,208) (48 bytes) is free, class (32,64], and being
//           the newest block to enter that list it is at its head.
//   a 5 32  need 48, class (32,64], which holds [0,48) (freed at f 0) and
//           [160,208) (entered at a 4):
//           address order: the lowest address, [0,48): examined 1;
//           lifo order: the head, [160,208): examined 1.
constexpr std::string_view kSegTrace = "a 0 32\na 1 32\na 2 96\na 3 32\nf 0\nf 2\na 4 48\na 5 32\n";
} // namespace

TEST_P(Rules, Segregated_AddressOrderTakesTheLowestAndLifoTheMostRecent)
{
    Lane address = lane("segregated", 1024);
    const naive::Result a = run(ops(kSegTrace), address);
    EXPECT_EQ(shape(a.blocks), "[0,48)u5 [48,96)u1 [96,160)u4 [160,208)f [208,256)u3 [256,1024)f");
    EXPECT_EQ(examined(a), (U{1, 1, 1, 1, 0, 0, 2, 1}));

    Lane lifo = address;
    lifo.lifo = true;
    const naive::Result l = run(ops(kSegTrace), lifo);
    EXPECT_EQ(shape(l.blocks), "[0,48)f [48,96)u1 [96,160)u4 [160,208)u5 [208,256)u3 [256,1024)f");
    EXPECT_EQ(examined(l), (U{1, 1, 1, 1, 0, 0, 2, 1}));
}

TEST_P(Rules, Segregated_LifoReusesTheLastFreedBlockOfAClass)
{
    // Fixed 1024. Four blocks of 48; f 0 then f 2 put [0,48) then [96,144) in
    // class (32,64]; a 4 32 (need 48) takes the head, [96,144), in lifo order,
    // and [0,48) in address order. Both examine 1.
    const Trace t = ops("a 0 32\na 1 32\na 2 32\na 3 32\nf 0\nf 2\na 4 32\n");
    Lane l = lane("segregated", 1024);
    EXPECT_EQ(shape(run(t, l).blocks),
              "[0,48)u4 [48,96)u1 [96,144)f [144,192)u3 [192,1024)f");
    l.lifo = true;
    EXPECT_EQ(shape(run(t, l).blocks),
              "[0,48)f [48,96)u1 [96,144)u4 [144,192)u3 [192,1024)f");
}

TEST_P(Rules, Segregated_AFailedSearchCountsTheClassesFromTheClassOfNeedUp)
{
    // After kSegTrace (address order) the free blocks are [160,208) (48, class
    // (32,64]) and [256,1024) (768, class (512,1024]).
    //   a 6 2000: need 2016, class (1024,2048]: the classes from there up hold
    //             no block: examined 0, failed (a fixed heap).
    //   a 7 700:  need 720, class (512,1024]: [256,1024) fits: examined 1.
    const std::string text = std::string(kSegTrace) + "a 6 2000\na 7 700\n";
    const naive::Result r = run(ops(text), lane("segregated", 1024));
    EXPECT_EQ(r.samples[8].examined, 0u);
    EXPECT_EQ(r.samples[8].failed, 1u);
    EXPECT_EQ(r.samples[9].examined, 1u);
    EXPECT_EQ(shape(r.blocks),
              "[0,48)u5 [48,96)u1 [96,160)u4 [160,208)f [208,256)u3 [256,976)u7 [976,1024)f");
}

TEST_P(Rules, Segregated_ClassesOfItsOwn)
{
    // classes {48}: class 1 holds sizes <= 48, class 2 all larger ones.
    // In kSegTrace, a 4 48 (need 64) starts at class 2, whose address-ordered
    // list is [96,208) (112), [256,1024) (768): [96,208) fits at once:
    // examined 1 (the 48-byte [0,48) in class 1 is not looked at).
    Lane l = lane("segregated", 1024);
    l.classes = {48};
    const naive::Result r = run(ops(kSegTrace), l);
    EXPECT_EQ(r.samples[6].examined, 1u);
    // a 5 32 (need 48, class 1): [0,48) and [160,208), address order: [0,48).
    EXPECT_EQ(shape(r.blocks), "[0,48)u5 [48,96)u1 [96,160)u4 [160,208)f [208,256)u3 [256,1024)f");
}

// ---------------------------------------------------------------------------
// tlsf
// ---------------------------------------------------------------------------

TEST_P(Rules, Tlsf_PassesOverAnExactFitBelowTheRoundedBoundary)
{
    // Default preset: align 16 so A = 4, S = 5, SMALL = 2^9 = 512.
    // need(1024) = 1040. r = 1040 + 2^(10-5) - 1 = 1071 -> k = 10, f = 2,
    // l = (1071 >> 5) - 32 = 1. A free block of 1040 lives in (2, (1040 >> 5) - 32)
    // = (2, 0): below l, so it is passed over.
    // Fixed H = 4096:
    //   a 0 1024  [0,4096) is in (4, 0): a higher first level: examined 3.
    //             [0,1040)u0, rest [1040,4096)f
    //   a 1 16    need 32 -> (0, 2); the rest (3024) is in (3, 15): examined 3.
    //             [1040,1072)u1, rest [1072,4096)f (3024, (3, 15))
    //   f 0       [0,1040)f, in (2, 0)
    //   a 2 1024  (2, l' >= 1) are empty; first level 3 holds [1072,4096):
    //             examined 3, placed there although [0,1040) is exactly need.
    const naive::Result r =
        run(ops("a 0 1024\na 1 16\nf 0\na 2 1024\n"), lane("tlsf", 4096));
    EXPECT_EQ(shape(r.blocks), "[0,1040)f [1040,1072)u1 [1072,2112)u2 [2112,4096)f");
    EXPECT_EQ(examined(r), (U{3, 3, 0, 3}));
    // First fit takes the exact fit.
    EXPECT_EQ(shape(run(ops("a 0 1024\na 1 16\nf 0\na 2 1024\n"), lane("first", 4096)).blocks),
              "[0,1040)u2 [1040,1072)u1 [1072,4096)f");
}

TEST_P(Rules, Tlsf_AnExactHeapDoesNotGrowForALastBlockItPassedOver)
{
    // Growing, exact growth, default preset.
    //   a 1 16    need 32: nothing free: examined 2; grows 32: [0,32)u1, H = 32
    //   a 0 2080  need 2096: examined 2; grows 2096: [32,2128)u0, H = 2128
    //   f 0       [32,2128)f, 2096 bytes, k = 11: (3, (2096 >> 6) - 32) = (3, 0)
    //   a 2 2048  need 2064: r = 2064 + 2^(11-5) - 1 = 2127 -> (3, (2127 >> 6) - 32)
    //             = (3, 1). (3, 0) is below; no higher level: examined 2. The
    //             last block is free and 2096 >= 2064: no growth; placed at its
    //             low end and split (2096 - 2064 = 32 >= min_block):
    //             [32,2096)u2 [2096,2128)f, H stays 2128.
    //   a 3 100   need 128 -> (0, 8); the only free block, 32 bytes, is in (0, 2):
    //             examined 2; the last block is free but too small: exact growth
    //             by 128 - 32 = 96: [2096,2224)u3, H = 2224.
    const naive::Result r =
        run(ops("a 1 16\na 0 2080\nf 0\na 2 2048\na 3 100\n"), lane("tlsf"));
    EXPECT_EQ(examined(r), (U{2, 2, 0, 2, 2}));
    EXPECT_EQ(r.samples[3].heapSize, 2128u);
    EXPECT_EQ(shape(layoutAfter(ops("a 1 16\na 0 2080\nf 0\na 2 2048\na 3 100\n"), lane("tlsf"), 4)),
              "[0,32)u1 [32,2096)u2 [2096,2128)f");
    EXPECT_EQ(shape(r.blocks), "[0,32)u1 [32,2096)u2 [2096,2224)u3");
    EXPECT_EQ(r.heapSize, 2224u);
}

TEST_P(Rules, Tlsf_ExaminesOneInTheSameFirstLevelAndListsAreLifo)
{
    // Fixed 1024. need(32) = 48 -> (0, 3) (48 / 16).
    //   a 0..3 32: [0,48) [48,96) [96,144) [144,192); each search finds the
    //              big rest in a higher first level: examined 3.
    //   f 0, f 2:  (0, 3) holds [0,48), then [96,144) at its head.
    //   a 4 32:    (0, 3) is non-empty: examined 1; its head, [96,144).
    const naive::Result r = run(
        ops("a 0 32\na 1 32\na 2 32\na 3 32\nf 0\nf 2\na 4 32\n"), lane("tlsf", 1024));
    EXPECT_EQ(examined(r), (U{3, 3, 3, 3, 0, 0, 1}));
    EXPECT_EQ(shape(r.blocks), "[0,48)f [48,96)u1 [96,144)u4 [144,192)u3 [192,1024)f");
}

TEST_P(Rules, Tlsf_FailsWhenNothingIsFoundInAFixedHeap)
{
    // Fixed 64: [0,64)f is (0, 4). a 0 100: need 128 -> (0, 8): nothing at
    // (0, >= 8), no higher level: examined 2, failed.
    const naive::Result r = run(ops("a 0 100\n"), lane("tlsf", 64));
    EXPECT_EQ(examined(r), (U{2}));
    EXPECT_EQ(r.samples[0].failed, 1u);
}

// ---------------------------------------------------------------------------
// buddy
// ---------------------------------------------------------------------------

TEST_P(Rules, Buddy_TheWorkedExampleOfTheBrief)
{
    // Fixed H = 256, min_order 3 (8 bytes), header 0.
    //   a 0 5   need 8. Only [0,256) is free; orders 3..8 looked at: examined 6.
    //           Split 256 -> 128 -> 64 -> 32 -> 16 -> 8: [0,8)u0, free
    //           [8,16) [16,32) [32,64) [64,128) [128,256).
    //   a 1 20  need 32: order 5 holds [32,64): examined 1. [32,64)u1.
    //   a 2 30  need 32: order 5 empty, order 6 holds [64,128): examined 2.
    //           Split: [64,96)u2, [96,128)f.
    //   a 3 50  need 64: order 6 empty, order 7 holds [128,256): examined 2.
    //           Split: [128,192)u3, [192,256)f.
    //   f 2     [64,96) free; its buddy 64 ^ 32 = 96, [96,128), is free and
    //           32 bytes: merge [64,128). Its buddy 64 ^ 64 = 0 is [0,8): stop.
    // Free: 8 at 8, 16 at 16, 64 at 64, 64 at 192.
    Lane l = lane("buddy", 256);
    l.minOrder = 3;
    const naive::Result r = run(ops("a 0 5\na 1 20\na 2 30\na 3 50\nf 2\n"), l);
    EXPECT_EQ(shape(r.blocks), "[0,8)u0 [8,16)f [16,32)f [32,64)u1 [64,128)f [128,192)u3 [192,256)f");
    EXPECT_EQ(examined(r), (U{6, 1, 2, 2, 0}));
    const Metrics& m = r.samples.back();
    EXPECT_EQ(m.heapSize, 256u);
    EXPECT_EQ(m.livePayload, 75u);     // 5 + 20 + 50
    EXPECT_EQ(m.allocatedBytes, 104u); // 8 + 32 + 64
    EXPECT_EQ(m.freeBytes, 152u);      // 8 + 16 + 64 + 64
    EXPECT_EQ(m.freeBlocks, 4u);
    EXPECT_EQ(m.usedBlocks, 3u);
    EXPECT_EQ(m.largestFree, 64u);
    EXPECT_EQ(m.peakPayload, 105u); // before the free
    EXPECT_EQ(m.highWater, 192u);   // fixed: the end of [128,192)
    EXPECT_EQ(r.rover, 0u);
}

TEST_P(Rules, Buddy_GrowsFromNothingThenDoublesAndMergesWithTheLowHalf)
{
    // Growing, min_order 5 (32 bytes).
    //   a 0 20   need 32; H = 0: no search (examined 0); H becomes 32: [0,32)u0
    //   a 1 20   need 32; orders 5..5: examined 1, none; H doubles: [0,32) is
    //            used, so [32,64) stays apart: [32,64)u1, H = 64
    //   f 0      [0,32)f; its buddy [32,64) is used
    //   a 2 100  need 128 (order 7 > log2 64): examined 0. Doubles: [64,128)f
    //            ([0,64) is not one free block), H = 128, still nothing of 128;
    //            again: [128,256)f, H = 256. [128,256)u2.
    //   f 1      [32,64)f merges with [0,32) -> [0,64), with [64,128) -> [0,128);
    //            its buddy [128,256) is used.
    const naive::Result r =
        run(ops("a 0 20\na 1 20\nf 0\na 2 100\nf 1\n"), lane("buddy"));
    EXPECT_EQ(examined(r), (U{0, 1, 0, 0, 0}));
    std::vector<Size> heap;
    for (const Metrics& m : r.samples)
        heap.push_back(m.heapSize);
    EXPECT_EQ(heap, (std::vector<Size>{32, 64, 64, 256, 256}));
    EXPECT_EQ(shape(layoutAfter(ops("a 0 20\na 1 20\nf 0\na 2 100\nf 1\n"), lane("buddy"), 4)),
              "[0,32)f [32,64)u1 [64,128)f [128,256)u2");
    EXPECT_EQ(shape(r.blocks), "[0,128)f [128,256)u2");
    EXPECT_EQ(r.samples.back().highWater, 256u); // growing: H

    // The doubling merges with [0,H) when that is one free block:
    //   a 0 20 -> [0,32)u0, H = 32; f 0 -> [0,32)f;
    //   a 1 50: need 64 (order 6 > 5): examined 0; H doubles and [32,64)
    //   merges with [0,32): [0,64)f, H = 64; [0,64)u1.
    const naive::Result m = run(ops("a 0 20\nf 0\na 1 50\n"), lane("buddy"));
    EXPECT_EQ(shape(m.blocks), "[0,64)u1");
    EXPECT_EQ(examined(m), (U{0, 0, 0}));
}

TEST_P(Rules, Buddy_ReallocShrinksByHalvingAndGrowsByMoving)
{
    // Fixed 256, min_order 5.
    //   a 0 200  need 256: order 8: examined 1. [0,256)u0
    //   r 0 20   need 32: halving 256 -> 128 -> 64 -> 32, each upper half free
    //            and apart: [0,32)u0 [32,64)f [64,128)f [128,256)f. examined 0
    //   r 0 32   need 32 = size: in place (payload 32). examined 0
    //   r 0 40   need 64: a new block as malloc: order 6 holds [64,128):
    //            examined 1; then [0,32) freed merges with [32,64) -> [0,64);
    //            its buddy [64,128) is used.
    //   r 0 300  need 512 (order 9 > 8): examined 0; a fixed heap: failed, B stays.
    const naive::Result r =
        run(ops("a 0 200\nr 0 20\nr 0 32\nr 0 40\nr 0 300\n"), lane("buddy", 256));
    EXPECT_EQ(shape(layoutAfter(ops("a 0 200\nr 0 20\n"), lane("buddy", 256), 2)),
              "[0,32)u0 [32,64)f [64,128)f [128,256)f");
    EXPECT_EQ(examined(r), (U{1, 0, 0, 1, 0}));
    EXPECT_EQ(shape(r.blocks), "[0,64)f [64,128)u0 [128,256)f");
    EXPECT_EQ(r.samples[2].livePayload, 32u);
    EXPECT_EQ(r.samples.back().failed, 1u);
    EXPECT_EQ(r.samples.back().livePayload, 40u);
}

TEST_P(Rules, Buddy_HeaderIsPartOfNeed)
{
    // header 8: a 0 24 needs 32 (24 + 8), a 1 25 needs 64 (33 -> 64).
    Lane l = lane("buddy", 256);
    l.buddyHeader = 8;
    EXPECT_EQ(shape(run(ops("a 0 24\na 1 25\n"), l).blocks),
              "[0,32)u0 [32,64)f [64,128)u1 [128,256)f");
}

// ---------------------------------------------------------------------------
// pool
// ---------------------------------------------------------------------------

TEST_P(Rules, Pool_ReusesTheLastFreedSlotAndGrowsByChunkLowestOnTop)
{
    // Growing, slot 64, chunk 4.
    //   a 0 10   stack empty: grow 4 slots (H = 256), pushed so 0 is on top:
    //            pops 0. examined 0
    //   a 1 10   pops 64 (examined 1)      a 2 64  pops 128 (fits exactly; 1)
    //   f 0      pushes 0                  f 2     pushes 128 (top)
    //   a 3 1    pops 128 (the last freed)  a 4 1   pops 0   a 5 1  pops 192
    //   a 6 1    stack empty: grows [256,512), pops 256. examined 0
    const naive::Result r = run(
        ops("a 0 10\na 1 10\na 2 64\nf 0\nf 2\na 3 1\na 4 1\na 5 1\na 6 1\n"), [] {
            Lane l = lane("pool");
            l.slot = 64;
            l.chunk = 4;
            return l;
        }());
    EXPECT_EQ(examined(r), (U{0, 1, 1, 0, 0, 1, 1, 1, 0}));
    EXPECT_EQ(shape(r.blocks), "[0,64)u4 [64,128)u1 [128,192)u3 [192,256)u5 [256,320)u6 [320,384)f "
                               "[384,448)f [448,512)f");
    const Metrics& m = r.samples.back();
    EXPECT_EQ(m.heapSize, 512u);
    EXPECT_EQ(m.freeBlocks, 3u);
    EXPECT_EQ(m.freeBytes, 192u);
    EXPECT_EQ(m.largestFree, 64u);
    EXPECT_EQ(m.usedBlocks, 5u);
    EXPECT_EQ(m.allocatedBytes, 320u);
    EXPECT_EQ(m.livePayload, 14u); // 10 + 1 + 1 + 1 + 1
    EXPECT_EQ(m.highWater, 512u);
    EXPECT_EQ(r.samples[0].heapSize, 256u);
}

TEST_P(Rules, Pool_AFixedPoolStartsLowestOnTopAndFailsWhenEmpty)
{
    // Fixed 192, slot 64: stack 0 (top), 64, 128.
    //   a 0, a 1, a 2 take 0, 64, 128 (examined 1 each); a 3 fails (empty,
    //   examined 0); f 1 pushes 64; a 4 takes 64.
    Lane l = lane("pool", 192);
    const naive::Result r = run(ops("a 0 8\na 1 8\na 2 8\na 3 8\nf 1\na 4 8\n"), l);
    EXPECT_EQ(examined(r), (U{1, 1, 1, 0, 0, 1}));
    EXPECT_EQ(shape(r.blocks), "[0,64)u0 [64,128)u4 [128,192)u2");
    EXPECT_EQ(r.samples[3].failed, 1u);
    EXPECT_EQ(r.samples[2].highWater, 192u);
    EXPECT_EQ(r.samples[0].highWater, 64u);
}

TEST_P(Rules, Pool_ReallocInPlaceOrFails)
{
    // Growing, slot 64, chunk 64, header 8: a request fits when n + 8 <= 64.
    //   a 0 10   grows 64 slots, pops 0                       (examined 0)
    //   r 0 56   56 + 8 = 64: in place, payload 56           (examined 0)
    //   r 0 57   65 > 64: fails, the block stays (payload 56)
    //   a 1 57   fails (a pool serves one size): the id is null (examined 0,
    //            although the stack holds slots: the request does not fit)
    //   r 1 8    realloc of a null id = malloc: pops 64      (examined 1)
    Lane l = lane("pool");
    l.poolHeader = 8;
    const naive::Result r = run(ops("a 0 10\nr 0 56\nr 0 57\na 1 57\nr 1 8\n"), l);
    EXPECT_EQ(examined(r), (U{0, 0, 0, 0, 1}));
    EXPECT_EQ(r.samples[1].livePayload, 56u);
    EXPECT_EQ(r.samples[2].livePayload, 56u);
    EXPECT_EQ(r.samples[2].failed, 1u);
    EXPECT_EQ(r.samples[3].failed, 2u);
    EXPECT_EQ(r.samples[4].failed, 2u);
    EXPECT_EQ(r.samples[4].usedBlocks, 2u);
    EXPECT_EQ(r.heapSize, 64u * 64u);
    EXPECT_EQ(r.blocks[1].id, 1);
}

// ---------------------------------------------------------------------------
// The malloc debugger and writes, in every family
// ---------------------------------------------------------------------------

TEST_P(Rules, Writes_EachFaultKindOnceAtItsLine)
{
    // a 0 10 (payload n = 10), then writes:
    //   line 2  w 0 0 10    ends at 10 = n: fine
    //   line 3  w 0 5 6     5 + 6 = 11 > 10: overflow (of 1 byte)
    //   line 4  w 0 -2 4    -2 + 4 = 2 <= 10, offset < 0: underflow (of 2)
    //   line 5  w 0 -2 20   18 > 10 and offset < 0: both, counted once, as overflow
    //   line 6  w 0 10 1    offset >= n: overflow (the whole write past the payload)
    //   line 7  w 0 -1 1    ends at 0: underflow
    //   line 8  f 0
    //   line 9  w 0 0 1     a freed id: use after free
    //   line 10 w 7 0 1     an id never allocated: invalid write
    //   line 11 a 8 5000    fails in a fixed heap: id 8 is null
    //   line 12 w 8 0 1     a null id: invalid write
    const Trace t = ops("a 0 10\nw 0 0 10\nw 0 5 6\nw 0 -2 4\nw 0 -2 20\nw 0 10 1\nw 0 -1 1\nf 0\n"
                        "w 0 0 1\nw 7 0 1\na 8 5000\nw 8 0 1\n");
    const std::vector<naive::FaultReport> expected = {
        {3, FaultKind::Overflow, 0},     {4, FaultKind::Underflow, 0},
        {5, FaultKind::Overflow, 0},     {6, FaultKind::Overflow, 0},
        {7, FaultKind::Underflow, 0},    {9, FaultKind::UseAfterFree, 0},
        {10, FaultKind::InvalidWrite, 7}, {12, FaultKind::InvalidWrite, 8},
    };
    for (const char* family : {"first", "next", "best", "worst", "segregated", "tlsf", "buddy", "pool"}) {
        SCOPED_TRACE(family);
        const Size fixed = std::string(family) == "pool" ? 256 : 1024;
        const naive::Result r = run(t, lane(family, fixed));
        EXPECT_EQ(r.faults, expected);
        std::vector<std::uint32_t> faults;
        for (const Metrics& m : r.samples)
            faults.push_back(m.faults);
        EXPECT_EQ(faults, (U{0, 0, 1, 2, 3, 4, 5, 5, 6, 7, 7, 8}));
        // A write changes no metric but faults (and searches nothing).
        for (std::size_t i = 1; i < 7; ++i) {
            Metrics a = r.samples[0], b = r.samples[i];
            EXPECT_EQ(b.examined, 0u);
            a.faults = b.faults = 0;
            a.examined = 0;
            EXPECT_EQ(a, b) << "after line " << i + 1;
        }
        EXPECT_EQ(r.samples.back().failed, 1u);
    }
}

TEST_P(Rules, Writes_TheSkippedOperationsAndLeaksInEveryFamily)
{
    //   1 a 0 8   2 a 0 8 (id reuse)   3 f 1 (invalid free)   4 r 2 8 (invalid realloc)
    //   5 f 0     6 f 0 (double free)  7 r 0 8 (invalid realloc: freed)
    //   8 a 3 16  9 a 4 0 (zero = min_block: a smallest block)   leaks: 3 (line 8), 4 (line 9)
    const Trace t = ops("a 0 8\na 0 8\nf 1\nr 2 8\nf 0\nf 0\nr 0 8\na 3 16\na 4 0\n");
    for (const char* family : {"first", "next", "best", "worst", "segregated", "tlsf", "buddy", "pool"}) {
        SCOPED_TRACE(family);
        const naive::Result r = run(t, lane(family));
        EXPECT_EQ(r.faults, (std::vector<naive::FaultReport>{{2, FaultKind::IdReuse, 0},
                                                              {3, FaultKind::InvalidFree, 1},
                                                              {4, FaultKind::InvalidRealloc, 2},
                                                              {6, FaultKind::DoubleFree, 0},
                                                              {7, FaultKind::InvalidRealloc, 0}}));
        EXPECT_EQ(r.leaks, (std::vector<naive::LeakReport>{{8, 3, 16}, {9, 4, 0}}));
        EXPECT_EQ(r.samples.back().usedBlocks, 2u);
        EXPECT_EQ(r.samples.back().faults, 5u);
    }
}

TEST_P(Rules, Writes_ZeroNullInEveryFamily)
{
    // zero = null: a 0 0 makes id 0 null (not a failure); f 0 is free(NULL);
    // a 1 8; r 1 0 frees the block and makes id 1 null; w 1 0 1 is an invalid
    // write; r 1 8 is malloc(8).
    const Trace t = ops("a 0 0\nf 0\nf 0\na 1 8\nr 1 0\nw 1 0 1\nr 1 8\n");
    for (const char* family : {"first", "next", "best", "worst", "segregated", "tlsf", "buddy", "pool"}) {
        SCOPED_TRACE(family);
        HeapConfig c = defaults();
        c.zero = ZeroPolicy::Null;
        const naive::Result r = run(t, lane(family, std::nullopt, c));
        EXPECT_EQ(r.faults, (std::vector<naive::FaultReport>{{6, FaultKind::InvalidWrite, 1}}));
        EXPECT_EQ(r.samples.back().failed, 0u);
        EXPECT_EQ(r.samples[0].usedBlocks, 0u);
        EXPECT_EQ(r.samples[4].usedBlocks, 0u);
        EXPECT_EQ(r.samples[6].usedBlocks, 1u);
        EXPECT_EQ(r.leaks, (std::vector<naive::LeakReport>{{7, 1, 8}}));
    }
}

// ---------------------------------------------------------------------------
// Canaries grow need in every family
// ---------------------------------------------------------------------------

TEST_P(Rules, Canary_GrowsNeedInEveryBoundaryTagFamily)
{
    // Default preset: need(16) = max(32, roundup(16 + 8 + 0 + 8, 16)) = 32;
    // with canary 8: roundup(16 + 8 + 8 + 8, 16) = 48.
    for (const char* family : {"first", "next", "best", "worst", "segregated", "tlsf"}) {
        SCOPED_TRACE(family);
        HeapConfig c = defaults();
        EXPECT_EQ(shape(run(ops("a 0 16\n"), lane(family, 256, c)).blocks),
                  "[0,32)u0 [32,256)f");
        c.canary = 8;
        EXPECT_EQ(shape(run(ops("a 0 16\n"), lane(family, 256, c)).blocks),
                  "[0,48)u0 [48,256)f");
        // A growing exact heap grows by the larger need.
        EXPECT_EQ(run(ops("a 0 16\n"), lane(family, std::nullopt, c)).heapSize, 48u);
    }
}

TEST_P(Rules, Canary_GrowsNeedInTheBuddySystemAndThePool)
{
    // buddy, min_order 5: need(30) = 32; with canary 4: 34 -> 64.
    HeapConfig c = defaults();
    EXPECT_EQ(shape(run(ops("a 0 30\n"), lane("buddy", 256, c)).blocks),
              "[0,32)u0 [32,64)f [64,128)f [128,256)f");
    c.canary = 4;
    EXPECT_EQ(shape(run(ops("a 0 30\n"), lane("buddy", 256, c)).blocks),
              "[0,64)u0 [64,128)f [128,256)f");

    // pool, slot 64: 60 fits; with canary 8, 60 + 8 > 64 fails, 56 + 8 fits.
    c.canary = 0;
    EXPECT_EQ(run(ops("a 0 60\n"), lane("pool", 128, c)).samples[0].failed, 0u);
    c.canary = 8;
    const naive::Result r = run(ops("a 0 60\na 1 56\nr 1 57\n"), lane("pool", 128, c));
    EXPECT_EQ(r.samples[0].failed, 1u);
    EXPECT_EQ(r.samples[1].usedBlocks, 1u);
    EXPECT_EQ(r.samples[2].failed, 2u);
}

TEST_P(Rules, Canary_AnOverflowIntoTheCanaryIsStillOneOverflow)
{
    // canary 8: w 0 16 4 writes 4 bytes past a 16-byte payload, inside the
    // canary: still an overflow, counted once, at the write; the free is no fault.
    HeapConfig c = defaults();
    c.canary = 8;
    const naive::Result r = run(ops("a 0 16\nw 0 16 4\nf 0\n"), lane("first", 256, c));
    EXPECT_EQ(r.faults, (std::vector<naive::FaultReport>{{2, FaultKind::Overflow, 0}}));
    EXPECT_EQ(r.samples.back().faults, 1u);
}

// ---------------------------------------------------------------------------
// Random traces: the model keeps its own invariants (it throws when the blocks
// stop tiling the heap, two free neighbours or two free buddies are left, or
// a pool's stack is not its free slots) in every family and setting, and the
// counts add up after every operation.
// ---------------------------------------------------------------------------

namespace {

// The random trace with a write after every third operation, to an id of the
// trace, at offsets and lengths that are sometimes in bounds and sometimes not.
Trace withWrites(Trace t, std::uint64_t seed)
{
    Trace out;
    out.name = t.name;
    std::uint64_t x = seed * 2654435761u + 1;
    auto next = [&] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
    };
    for (std::size_t i = 0; i < t.ops.size(); ++i) {
        out.ops.push_back(t.ops[i]);
        if (i % 3 == 2 && t.ops[i].id >= 0) {
            Op w;
            w.kind = OpKind::Write;
            w.id = t.ops[i - 1].id >= 0 ? t.ops[i - 1].id : t.ops[i].id;
            w.offset = std::int64_t(next() % 600) - 100;
            w.size = 1 + next() % 200;
            out.ops.push_back(w);
        }
    }
    for (std::size_t i = 0; i < out.ops.size(); ++i)
        out.ops[i].line = LineNo(i + 1);
    assignSlots(out);
    return out;
}

} // namespace

TEST_P(Rules, Random_EveryFamilyKeepsItsInvariants)
{
    std::vector<Lane> lanes;
    for (bool fixed : {false, true})
        for (int variant = 0; variant < 4; ++variant) {
            HeapConfig c = defaults();
            if (variant == 1) { // csapp-like
                c.align = 8;
                c.header = c.footer = 4;
                c.minBlock = 16;
                c.prefix = 12;
                c.suffix = 4;
                c.growth = Growth::Chunk;
                c.chunk = 4096;
                c.realloc = ReallocPolicy::Move;
                c.zero = ZeroPolicy::Null;
            }
            if (variant == 2)
                c.canary = 8;
            if (variant == 3) {
                c.growth = Growth::Chunk;
                c.chunk = 1000 / 16 * 16;
                c.zero = ZeroPolicy::Null;
                c.canary = 3;
            }
            for (const char* f : {"first", "next", "best", "worst", "segregated", "tlsf"}) {
                Lane l = lane(f, fixed ? std::optional<Size>(c.prefix + c.suffix + 16384) : std::nullopt, c);
                lanes.push_back(l);
                if (std::string(f) == "segregated") {
                    l.lifo = true;
                    lanes.push_back(l);
                    l.classes = {48, 100, 1000};
                    lanes.push_back(l);
                }
                if (std::string(f) == "tlsf") {
                    l.slLog2 = 2;
                    lanes.push_back(l);
                }
            }
            Lane b = lane("buddy", fixed ? std::optional<Size>(16384) : std::nullopt, c);
            b.minOrder = variant + 3;
            b.buddyHeader = variant == 3 ? 8 : 0;
            lanes.push_back(b);
            Lane p = lane("pool", fixed ? std::optional<Size>(48 * 200) : std::nullopt, c);
            p.slot = variant == 0 ? 64 : 48;
            p.chunk = 1 + variant * 7;
            p.poolHeader = variant == 3 ? 8 : 0;
            lanes.push_back(p);
        }
    for (std::uint64_t seed : {1, 2}) {
        const Trace t = withWrites(heapviz::testing::randomTrace({.seed = seed, .ops = 1500, .ids = 40, .maxSize = 700}), seed);
        for (const Lane& l : lanes) {
            SCOPED_TRACE(l.family + (l.config.fixedSize ? " fixed" : " grow") + " seed " + std::to_string(seed));
            naive::Result r;
            ASSERT_NO_THROW(r = run(t, l));
            ASSERT_EQ(r.samples.size(), t.ops.size());
            const bool tag = l.family != "buddy" && l.family != "pool";
            const Size pad = tag ? l.config.prefix + l.config.suffix : 0;
            std::uint32_t lastFaults = 0;
            for (const Metrics& m : r.samples) {
                ASSERT_EQ(m.allocatedBytes + m.freeBytes + pad, m.heapSize);
                ASSERT_LE(m.livePayload, m.allocatedBytes);
                ASSERT_LE(m.largestFree, m.freeBytes);
                ASSERT_GE(m.faults, lastFaults);
                lastFaults = m.faults;
            }
            EXPECT_EQ(r.faults.size(), r.samples.back().faults);
        }
    }
}

TEST_P(Rules, Random_OneSegregatedClassInAddressOrderIsFirstFit)
{
    // With one class that holds every size, segregated walks all free blocks
    // in address order and takes the first that fits: first fit, examined
    // included (a failure counts all the free blocks, as first fit's does).
    const Trace t = withWrites(heapviz::testing::randomTrace({.seed = 5, .ops = 2000, .ids = 30, .maxSize = 900}), 5);
    for (bool fixed : {false, true}) {
        Lane seg = lane("segregated", fixed ? std::optional<Size>(8192) : std::nullopt);
        seg.classes = {kMaxHeapBytes};
        const naive::Result a = run(t, seg);
        const naive::Result b = run(t, lane("first", seg.config.fixedSize));
        EXPECT_EQ(a.samples, b.samples);
        EXPECT_EQ(a.blocks, b.blocks);
        EXPECT_EQ(a.faults, b.faults);
    }
}

INSTANTIATE_TEST_SUITE_P(NaiveModelAndEngine, Rules, ::testing::Values(Impl::Naive, Impl::Engine),
                         [](const ::testing::TestParamInfo<Impl>& info) {
                             return info.param == Impl::Naive ? std::string("naive") : std::string("engine");
                         });
