// FamilyBreakdown worked by hand from heap-model.md (sections buddy,
// segregated and Metrics): the used blocks and bytes lost per size class,
// the free blocks per buddy order and Linux's unusable free space index,
// replayed through a session as the charts see it.

#include <gtest/gtest.h>

#include "core/trace/traceparser.h"
#include "support/heaptesting.h"
#include "ui/charts/familybreakdown.h"
#include "ui/session/session.h"

using namespace heapviz;
using namespace heapviz::ui;
using heapviz::testing::defaultConfig;
using heapviz::testing::fixedHeap;

namespace {

std::unique_ptr<Session> record(std::string_view ops, std::vector<std::string> lanes, HeapConfig config)
{
    SessionSettings settings;
    settings.lanes = std::move(lanes);
    settings.config = std::move(config);
    return std::make_unique<Session>(recordSession(parseTrace(std::string(ops), "t.rep"), settings));
}

FamilyBreakdown at(Session& session, std::size_t step, std::size_t lane = 0)
{
    session.seek(step);
    return FamilyBreakdown::of(session.lane(lane).cursor->layout(), session.lane(lane).spec);
}

// Every order's (free blocks, free bytes).
std::vector<std::pair<std::uint32_t, Size>> freeOf(const FamilyBreakdown& b)
{
    std::vector<std::pair<std::uint32_t, Size>> out;
    for (const OrderFree& o : b.orders)
        out.emplace_back(o.freeBlocks, o.freeBytes);
    return out;
}

std::vector<double> indexOf(const FamilyBreakdown& b)
{
    std::vector<double> out;
    for (const OrderFree& o : b.orders)
        out.push_back(o.unusableIndex);
    return out;
}

// Every class's (used blocks, used bytes, lost bytes).
std::vector<std::tuple<std::uint32_t, Size, Size>> lossOf(const FamilyBreakdown& b)
{
    std::vector<std::tuple<std::uint32_t, Size, Size>> out;
    for (const ClassLoss& c : b.classes)
        out.emplace_back(c.blocks, c.usedBytes, c.lostBytes);
    return out;
}

// A 256-byte buddy heap, min_order 4 (16 B), an 8-byte header in each block:
// need(n) is the smallest power of two >= n + 8 and >= 16.
//  a 0 20:  28 -> 32. [0,256) splits to [0,128) [128,256)f, [0,64) [64,128)f,
//           [0,32) used [32,64)f.                       id 0 at [0,32), loses 12
//  a 1 100: 108 -> 128: [128,256), the only free block that large. loses 28
//  a 2 5:   13 -> 16: smallest free >= 16 is [32,64); split: [32,48) used,
//           [48,64) free.                                          loses 11
//  a 3 40:  48 -> 64: free are [48,64) and [64,128): [64,128).     loses 24
//  f 1:     [128,256) free; its buddy [0,128) is no free block: stays apart.
constexpr std::string_view kBuddyOps = "a 0 20\na 1 100\na 2 5\na 3 40\nf 1\n";
const char* const kBuddyLane = "buddy:min_order=4:header=8";

} // namespace

// Orders 4 (16 B) to 8 (256 B), every one listed, empty ones too.
TEST(FamilyBreakdown, BuddyHeapFreeBlocksPerOrderAndTheUnusableIndexByHand)
{
    const auto session = record(kBuddyOps, {kBuddyLane}, fixedHeap(256));
    // After a 0 and a 1: free [32,64) (order 5) and [64,128) (order 6), 96 bytes.
    const FamilyBreakdown two = at(*session, 2);
    ASSERT_EQ(two.orders.size(), 5u);
    EXPECT_EQ(two.orders[0].name, "order 4 (16 B)");
    EXPECT_EQ(two.orders[4].name, "order 8 (256 B)");
    EXPECT_EQ(two.orders[0].blockSize, 16u);
    EXPECT_EQ(two.orders[4].blockSize, 256u);
    EXPECT_EQ(freeOf(two), (std::vector<std::pair<std::uint32_t, Size>>{{0, 0}, {1, 32}, {1, 64}, {0, 0}, {0, 0}}));
    // (free - free in blocks of at least that order) / free:
    // order 4, 5: (96 - 96) / 96; order 6: (96 - 64) / 96; orders 7, 8: (96 - 0) / 96.
    EXPECT_EQ(indexOf(two), (std::vector<double>{0, 0, 32.0 / 96, 1, 1}));

    // After all five: free [48,64) (order 4) and [128,256) (order 7), 144 bytes.
    const FamilyBreakdown five = at(*session, 5);
    EXPECT_EQ(freeOf(five), (std::vector<std::pair<std::uint32_t, Size>>{{1, 16}, {0, 0}, {0, 0}, {1, 128}, {0, 0}}));
    // Order 4: 0; orders 5 to 7: only the 16-byte block is smaller, 16 / 144; order 8: all.
    EXPECT_EQ(indexOf(five), (std::vector<double>{0, 16.0 / 144, 16.0 / 144, 16.0 / 144, 1}));
}

// The bytes lost per order: block size less payload, the header included.
TEST(FamilyBreakdown, BuddyBytesLostPerOrderByHandAndTheirTotal)
{
    const auto session = record(kBuddyOps, {kBuddyLane}, fixedHeap(256));
    const FamilyBreakdown five = at(*session, 5);
    ASSERT_EQ(five.classes.size(), 5u) << "orders 4 to 8";
    // Order 4: id 2's 16 B block, 5 payload; order 5: id 0's 32, 20; order 6: id 3's 64, 40.
    EXPECT_EQ(lossOf(five), (std::vector<std::tuple<std::uint32_t, Size, Size>>{
                                {1, 16, 11}, {1, 32, 12}, {1, 64, 24}, {0, 0, 0}, {0, 0, 0}}));
    EXPECT_EQ(five.classes[1].name, "order 5 (32 B)");
    EXPECT_EQ(five.classes[1].upperBound, Size{32});
    EXPECT_EQ(five.lostBytes(), 47u);
    // allocated 16 + 32 + 64 = 112, payload 5 + 20 + 40 = 65: 47 again, as the engine measured it.
    const Metrics m = session->metricsAt(0);
    EXPECT_EQ(m.allocatedBytes, 112u);
    EXPECT_EQ(m.livePayload, 65u);
    EXPECT_EQ(five.lostBytes(), m.allocatedBytes - m.livePayload);

    // After a 0 and a 1: order 5 loses 12 of 32, order 7 (id 1's 128 B block) 28.
    const FamilyBreakdown two = at(*session, 2);
    EXPECT_EQ(lossOf(two), (std::vector<std::tuple<std::uint32_t, Size, Size>>{
                               {0, 0, 0}, {1, 32, 12}, {0, 0, 0}, {1, 128, 28}, {0, 0, 0}}));
}

// A buddy header is metadata inside the block: a request of exactly a block
// less the header loses just the header.
TEST(FamilyBreakdown, ABuddyHeaderCountsAsLost)
{
    // min_order 5, header 8: a 24 takes 24 + 8 = 32 bytes, all but the header payload.
    const auto session = record("a 0 24\n", {"buddy:header=8"}, fixedHeap(64));
    const FamilyBreakdown b = at(*session, 1);
    ASSERT_EQ(b.classes.size(), 2u) << "orders 5 and 6";
    EXPECT_EQ(lossOf(b)[0], (std::tuple<std::uint32_t, Size, Size>{1, 32, 8}));
    EXPECT_EQ(b.lostBytes(), 8u);
}

// Nothing free: the index is 0 at every order (Linux would say 1.0).
TEST(FamilyBreakdown, NothingFreeGivesIndexZero)
{
    // Two 32-byte blocks fill a 64-byte heap (min_order 5).
    const auto session = record("a 0 10\na 1 10\n", {"buddy"}, fixedHeap(64));
    const FamilyBreakdown b = at(*session, 2);
    EXPECT_EQ(freeOf(b), (std::vector<std::pair<std::uint32_t, Size>>{{0, 0}, {0, 0}}));
    EXPECT_EQ(indexOf(b), (std::vector<double>{0, 0}));
    // Before any request the one 64-byte block is free: order 5 can use it, and so can order 6.
    EXPECT_EQ(indexOf(at(*session, 0)), (std::vector<double>{0, 0}));
}

// Segregated fits with classes <= 32, <= 64, <= 128 and > 128, on a 1024-byte
// heap (16-byte alignment, 8-byte header and footer, need = roundup(n + 16, 16)
// and at least 32). Each request splits the low end of the one free block:
//  a 0 10  -> 32  [0,32)    class <= 32,  loses 22
//  a 1 40  -> 64  [32,96)   class <= 64,  loses 24
//  a 2 41  -> 64  [96,160)  class <= 64,  loses 23
//  a 3 100 -> 128 [160,288) class <= 128, loses 28
//  a 4 200 -> 224 [288,512) class > 128,  loses 24
TEST(FamilyBreakdown, SegregatedClassesIncludingTheOpenTopClassByHand)
{
    const auto session = record("a 0 10\na 1 40\na 2 41\na 3 100\na 4 200\n", {"segregated:classes=32/64/128"},
                                fixedHeap(1024));
    const FamilyBreakdown b = at(*session, 5);
    ASSERT_EQ(b.classes.size(), 4u);
    EXPECT_EQ(b.classes[0].name, "≤ 32 B");
    EXPECT_EQ(b.classes[3].name, "> 128 B");
    EXPECT_EQ(b.classes[0].upperBound, Size{32});
    EXPECT_EQ(b.classes[1].upperBound, Size{64});
    EXPECT_EQ(b.classes[2].upperBound, Size{128});
    EXPECT_EQ(b.classes[3].upperBound, std::nullopt) << "the open top class";
    EXPECT_EQ(lossOf(b), (std::vector<std::tuple<std::uint32_t, Size, Size>>{
                             {1, 32, 22}, {2, 128, 47}, {1, 128, 28}, {1, 224, 24}}));
    EXPECT_TRUE(b.orders.empty()) << "orders are the buddy system's";
    // allocated 32 + 64 + 64 + 128 + 224 = 512, payload 10 + 40 + 41 + 100 + 200 = 391.
    const Metrics m = session->metricsAt(0);
    EXPECT_EQ(b.lostBytes(), 121u);
    EXPECT_EQ(b.lostBytes(), m.allocatedBytes - m.livePayload);

    // Before any request every class is listed, empty.
    EXPECT_EQ(lossOf(at(*session, 0)), (std::vector<std::tuple<std::uint32_t, Size, Size>>(4)));
}

TEST(FamilyBreakdown, OtherFamiliesHaveNone)
{
    const auto session = record("a 0 10\na 1 40\n", {"first", "best", "tlsf", "pool"}, fixedHeap(1024));
    for (std::size_t lane = 0; lane < session->laneCount(); ++lane) {
        const FamilyBreakdown b = at(*session, 2, lane);
        EXPECT_TRUE(b.classes.empty()) << session->lane(lane).spec.text;
        EXPECT_TRUE(b.orders.empty()) << session->lane(lane).spec.text;
        EXPECT_FALSE(FamilyBreakdown::hasClasses(session->lane(lane).spec));
    }
}

// A growing buddy heap (min_order 5) starts empty, and its orders grow with it:
//  step 0: H = 0, only order 5, nothing free.
//  a 0 100: need 128; H becomes 128, one block, used whole.      orders 5-7
//  a 1 20:  need 32; nothing free: H doubles to 256 adding [128,256), whose
//           buddy [0,128) is used; split to [128,160) used, [160,192) and
//           [192,256) free.                                      orders 5-8
TEST(FamilyBreakdown, AGrowingBuddyHeapsOrdersGrowWithIt)
{
    const auto session = record("a 0 100\na 1 20\n", {"buddy"}, defaultConfig());
    const FamilyBreakdown zero = at(*session, 0);
    ASSERT_EQ(zero.orders.size(), 1u);
    EXPECT_EQ(zero.orders[0].blockSize, 32u);
    EXPECT_EQ(zero.orders[0].unusableIndex, 0);

    const FamilyBreakdown one = at(*session, 1);
    ASSERT_EQ(one.orders.size(), 3u);
    EXPECT_EQ(freeOf(one), (std::vector<std::pair<std::uint32_t, Size>>{{0, 0}, {0, 0}, {0, 0}}));
    EXPECT_EQ(lossOf(one)[2], (std::tuple<std::uint32_t, Size, Size>{1, 128, 28}));

    const FamilyBreakdown two = at(*session, 2);
    ASSERT_EQ(two.orders.size(), 4u);
    EXPECT_EQ(two.orders[3].name, "order 8 (256 B)");
    EXPECT_EQ(freeOf(two), (std::vector<std::pair<std::uint32_t, Size>>{{1, 32}, {1, 64}, {0, 0}, {0, 0}}));
    // 96 free: order 5 all usable; order 6: 32 of 96 unusable; orders 7, 8: all.
    EXPECT_EQ(indexOf(two), (std::vector<double>{0, 32.0 / 96, 1, 1}));
    EXPECT_EQ(lossOf(two), (std::vector<std::tuple<std::uint32_t, Size, Size>>{
                               {1, 32, 12}, {0, 0, 0}, {1, 128, 28}, {0, 0, 0}}));
}
