// The sentence under each lane says what happened in plain words.

#include <gtest/gtest.h>

#include "core/text/narration.h"
#include "support/heaptesting.h"

using namespace heapviz;
using namespace heapviz::testing;

namespace {
std::string lastSentence(const std::string& ops, const HeapConfig& c, Strategy s)
{
    const Trace t = parseTrace(ops, "t.rep");
    const RunResult r = runTrace(t, {laneOf(s, c), true, true, false});
    return narrate(t.ops.back(), r.events.eventsOf(std::ptrdiff_t(t.ops.size() - 1)), r.lane);
}
} // namespace

TEST(Narration, SaysWhichBlockTheSearchTook)
{
    // Free 0:64, 96:96, 224:48, 304:208; need(32) = 48: best fit's exact fit at 224 = 0xe0.
    const std::string holes = "a 0 48\na 1 16\na 2 80\na 3 16\na 4 32\na 5 16\nf 0\nf 2\nf 4\na 6 32\n";
    EXPECT_EQ(lastSentence(holes, fixedHeap(512), Strategy::Best),
              "line 10: malloc(32) for id 6 → best fit examined 3 free blocks and took the 48-byte "
              "block at 0xe0 (exact fit)");
}

TEST(Narration, SaysWhenABlockIsSplitOrTakenWhole)
{
    // 256-byte heap: need(10) = 32 splits the one free block.
    EXPECT_EQ(lastSentence("a 0 10\n", fixedHeap(256), Strategy::First),
              "line 1: malloc(10) for id 0 → first fit examined 1 free block and split the 256-byte "
              "free block at 0x0, taking 32 bytes");
    // [0,64) freed, need 48 takes all 64 (16 left is below min_block 32).
    EXPECT_EQ(lastSentence("a 0 48\na 1 16\nf 0\na 2 20\n", fixedHeap(128), Strategy::First),
              "line 4: malloc(20) for id 2 → first fit examined 1 free block and took the whole "
              "64-byte block at 0x0 (16 bytes more than the 48 needed: too few to split off)");
}

TEST(Narration, ExplainsAFailure)
{
    // 64-byte heap, [0,32) used: need(100) = 128 cannot fit; 32 bytes free.
    EXPECT_EQ(lastSentence("a 0 1\na 1 100\n", fixedHeap(64), Strategy::First),
              "line 2: malloc(100) for id 1 → failed: no free block ≥ 128 bytes; 32 bytes are free, "
              "the largest block is 32");
}

TEST(Narration, TellsFaultsAndFrees)
{
    EXPECT_EQ(lastSentence("a 0 1\nf 0\nf 0\n", fixedHeap(64), Strategy::First),
              "line 3: free(id 0) → double free: the id was already freed, skipped");
    EXPECT_EQ(lastSentence("a 0 1\na 1 1\nf 0\nf 1\n", fixedHeap(128), Strategy::First),
              "line 4: free(id 1) → freed the 32-byte block at 0x20, merged with 2 free neighbours");
}

TEST(Narration, NumbersReadWell)
{
    EXPECT_EQ(withCommas(3072), "3,072");
    EXPECT_EQ(withCommas(1234567), "1,234,567");
    EXPECT_EQ(withCommas(12), "12");
    EXPECT_EQ(hexAddress(Address(6720)), "0x1a40");
}

TEST(Narration, TellsACompactionAndARescue)
{
    HeapConfig c = fixedHeap(128);
    std::string error;
    c.compact = *CompactTrigger::parse("on-failure", error);
    // Free [0,32) and [64,96): need 64 fails the first search (2 examined), the
    // slide moves ids 1 and 3 (64 bytes), then [64,128) is an exact fit.
    EXPECT_EQ(lastSentence("a 0 16\na 1 16\na 2 16\na 3 16\nf 0\nf 2\na 4 40\n", c, Strategy::First),
              "line 7: malloc(40) for id 4 → no free block fit (2 examined), so the heap was compacted "
              "(sliding: 2 moves, 64 bytes); then first fit examined 1 free block and took the 64-byte "
              "block at 0x40 (exact fit)");
    c.compact = *CompactTrigger::parse("at:6", error);
    EXPECT_EQ(lastSentence("a 0 16\na 1 16\na 2 16\na 3 16\nf 0\nf 2\n", c, Strategy::First),
              "line 6: free(id 2) → freed the 32-byte block at 0x40; then compacted (sliding: 2 moves, 64 bytes)");
    EXPECT_EQ(narrateMove(Moved{17, Address(0x2a40), 96, Address(0xc80), 96, 80, 3, true}, 1536),
              "moved block 17 (96 bytes) from 0x2a40 to 0xc80; 1,536 bytes moved so far");
}

namespace {
std::string lastSentence(const std::string& ops, const std::string& laneText, HeapConfig c)
{
    std::string error;
    const auto lane = parseLane(laneText, c, error);
    EXPECT_TRUE(lane) << error;
    EXPECT_EQ(validateLane(*lane), "");
    const Trace t = parseTrace(ops, "t.rep");
    const RunResult r = runTrace(t, {*lane, true, true, false});
    return narrate(t.ops.back(), r.events.eventsOf(std::ptrdiff_t(t.ops.size() - 1)), r.lane);
}
} // namespace

TEST(Narration, EachFamilyTellsItsSearchInItsOwnTerms)
{
    // Buddy, 256 bytes, min_order 3: need(5) = 8; orders 3 to 8 looked at, the
    // 256-byte block halved five times (128, 64, 32, 16, 8).
    EXPECT_EQ(lastSentence("a 0 5\n", "buddy:min_order=3", fixedHeap(256)),
              "line 1: malloc(5) for id 0 → the buddy system looked at 6 orders and halved the 256-byte free block "
              "at 0x0 5 times, taking 8 bytes");
    // Freeing [0,8): its buddy [8,16) is free (merge: 16), then [16,32) (32) ... up to 256: five merges.
    EXPECT_EQ(lastSentence("a 0 5\nf 0\n", "buddy:min_order=3", fixedHeap(256)),
              "line 2: free(id 0) → freed the 8-byte block at 0x0, merged with its buddy 5 times");
    // A fixed pool of four 64-byte slots starts with the lowest on top.
    EXPECT_EQ(lastSentence("a 0 10\n", "pool", fixedHeap(256)),
              "line 1: malloc(10) for id 0 → the pool popped the slot at 0x0 off the free stack");
    EXPECT_EQ(lastSentence("a 0 10\nf 0\n", "pool", fixedHeap(256)),
              "line 2: free(id 0) → pushed the slot at 0x0 back on the free stack");
    EXPECT_EQ(lastSentence("a 0 100\n", "pool", fixedHeap(256)),
              "line 1: malloc(100) for id 0 → failed: larger than a slot (64 bytes)");
    // TLSF, one free block of 4096 in list (4, 0) (k = 12, f = 12 - 9 + 1): need(10)
    // = 32 is small: list (0, 2), empty; the first level's bitmap leads to level 4.
    EXPECT_EQ(lastSentence("a 0 10\n", "tlsf", fixedHeap(4096)),
              "line 1: malloc(10) for id 0 → TLSF looked past its first level (3 bitmap probes) and split the "
              "4,096-byte free block at 0x0, taking 32 bytes");
}

TEST(Narration, ABadWriteSaysWhatItHit)
{
    // A pool of 80-byte slots, 8-byte header and canary: id 0's payload of 64
    // fills [8,72) of slot [0,80), its canary [72,80); slot [80,160) is next.
    // The write [68,84) runs 12 bytes past the payload: the whole canary and
    // 4 bytes of the next slot's header.
    HeapConfig c = fixedHeap(800);
    c.canary = 8;
    EXPECT_EQ(lastSentence("a 0 64\na 1 64\nw 0 60 16\n", "pool:slot=80:header=8", c),
              "line 3: write of 16 bytes at offset 60 into id 0 → overflow of id 0 (payload 64): 12 bytes past the "
              "payload, over its 8-byte canary and 4 bytes into the header of the block at 0x50");
    // Default preset, canary 8: need(64) = roundup(88, 16) = 96: header [0,8),
    // payload [8,72), canary [72,80), slack [80,88), footer [88,96).
    EXPECT_EQ(lastSentence("a 0 64\nw 0 60 16\n", "first", c),
              "line 2: write of 16 bytes at offset 60 into id 0 → overflow of id 0 (payload 64): 12 bytes past the "
              "payload, over its 8-byte canary and 4 bytes into its 8 bytes of slack");
    // An underflow of 4 bytes into id 0's own header.
    EXPECT_EQ(lastSentence("a 0 64\nw 0 -4 4\n", "first", c),
              "line 2: write of 4 bytes at offset -4 into id 0 → underflow of id 0 (payload 64): 4 bytes before "
              "the payload, 4 bytes into its 8-byte header");
    EXPECT_EQ(lastSentence("a 0 64\nf 0\nw 0 0 1\n", "first", c),
              "line 3: write of 1 byte at offset 0 into id 0 → use after free: the id was freed");
}

// A scenario's unit (1 GiB of the story = 1 KiB of heap): on 4 KiB, three
// 1 KiB blocks with the middle one freed leave 1 and 1 GiB free in two
// pieces; a 2 GiB request (need(2032) = 2,048) fails. Sizes that are not
// whole units (the request's payload, a write's bytes) stay bytes.
TEST(Narration, SaysSizesInAStorysOwnUnitWhereTheyAreWhole)
{
    const std::string ops = "a 0 1008\na 1 1008\na 2 1008\nf 1\na 3 2032\n";
    const Trace t = parseTrace(ops, "t.rep");
    const RunResult r = runTrace(t, {laneOf(Strategy::First, fixedHeap(4096)), true, true, false});
    const SizeUnit gib{"GiB", 1024};
    EXPECT_EQ(narrate(t.ops.back(), r.events.eventsOf(4), r.lane, &gib),
              "line 5: malloc(2,032) for id 3 → failed: no free block ≥ 2 GiB; 2 GiB are free, the largest "
              "block is 1 GiB");
    EXPECT_EQ(narrate(t.ops[0], r.events.eventsOf(0), r.lane, &gib),
              "line 1: malloc(1,008) for id 0 → first fit examined 1 free block and split the 4 GiB free "
              "block at 0x0, taking 1 GiB");
    EXPECT_EQ(narrate(t.ops.back(), r.events.eventsOf(4), r.lane),
              "line 5: malloc(2,032) for id 3 → failed: no free block ≥ 2,048 bytes; 2,048 bytes are free, "
              "the largest block is 1,024")
        << "without a unit, as before";
}

namespace {
NarrationParts lastParts(const std::string& ops, const HeapConfig& c, const std::string& laneText)
{
    std::string error;
    const auto lane = parseLane(laneText, c, error);
    EXPECT_TRUE(lane) << error;
    const Trace t = parseTrace(ops, "t.rep");
    const RunResult r = runTrace(t, {*lane, true, true, false});
    const auto events = r.events.eventsOf(std::ptrdiff_t(t.ops.size() - 1));
    const NarrationParts parts = narrateParts(t.ops.back(), events, r.lane);
    EXPECT_EQ(narrate(t.ops.back(), events, r.lane), parts.call + " → " + parts.outcome)
        << "the window's two parts make the one sentence";
    return parts;
}
} // namespace

// A window says the call once above its lanes, and under each lane only what
// that lane's heap did with it.
TEST(Narration, PartsSayTheCallOnceAndEachLanesOutcome)
{
    // Free 0:64, 96:96, 224:48, 304:208; need(32) = 48. First fit takes the
    // block at 0, whose 16 spare bytes are below the 32-byte least block;
    // best fit's exact fit is at 224 = 0xe0.
    const std::string holes = "a 0 48\na 1 16\na 2 80\na 3 16\na 4 32\na 5 16\nf 0\nf 2\nf 4\na 6 32\n";
    const NarrationParts first = lastParts(holes, fixedHeap(512), "first");
    const NarrationParts best = lastParts(holes, fixedHeap(512), "best");
    EXPECT_EQ(first.call, "line 10: malloc(32) for id 6");
    EXPECT_EQ(best.call, first.call);
    EXPECT_EQ(first.outcome, "first fit examined 1 free block and took the whole 64-byte block at 0x0 "
                             "(16 bytes more than the 48 needed: too few to split off)");
    EXPECT_EQ(best.outcome, "best fit examined 3 free blocks and took the 48-byte block at 0xe0 (exact fit)");
}

TEST(Narration, ACanaryCheckOpensTheOutcome)
{
    // Default preset, canary 8: id 0's payload [8,72), its canary [72,80). The
    // write [60,76) at line 2 reaches 4 bytes into the canary; the free at
    // line 3 checks it, then frees the 96-byte block (need(64) = 96).
    HeapConfig c = fixedHeap(512);
    c.canary = 8;
    const NarrationParts parts = lastParts("a 0 64\nw 0 60 16\nf 0\n", c, "first");
    EXPECT_EQ(parts.call, "line 3: free(id 0)");
    EXPECT_EQ(parts.outcome.rfind("the canary check fails here (the write at line 2 damaged it); freed the "
                                  "96-byte block at 0x0",
                                  0),
              0u)
        << parts.outcome;
}
