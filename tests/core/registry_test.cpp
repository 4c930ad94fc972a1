// Lanes as users write them: "NAME[:KEY=VALUE]...", parsed, checked and named
// by the registry of allocator families.

#include <gtest/gtest.h>

#include "core/alloc/boundary/segregatedlists.h"
#include "core/alloc/registry.h"
#include "core/text/units.h"
#include "support/heaptesting.h"

using namespace heapviz;
using namespace heapviz::testing;

namespace {
LaneSpec lane(const std::string& text, const HeapConfig& heap = defaultConfig())
{
    std::string error;
    auto l = parseLane(text, heap, error);
    EXPECT_TRUE(l) << error;
    return l.value_or(LaneSpec{});
}

std::string errorOf(const std::string& text, const HeapConfig& heap = defaultConfig())
{
    std::string error;
    auto l = parseLane(text, heap, error);
    if (l)
        error = validateLane(*l);
    return error;
}
} // namespace

TEST(Registry, EveryFamilyOfTheSpecIsThereInItsOrder)
{
    std::vector<std::string> names;
    for (const Family& f : families())
        names.emplace_back(f.name);
    EXPECT_EQ(names, (std::vector<std::string>{"first", "next", "best", "worst", "segregated", "tlsf", "buddy", "pool"}));
}

TEST(Registry, LanesTakeTheSpecsParameterNames)
{
    EXPECT_TRUE(lane("segregated:order=lifo").segregated.lifo);
    EXPECT_EQ(lane("segregated:classes=32/64/512").segregated.classes, (std::vector<Size>{32, 64, 512}));
    EXPECT_EQ(lane("tlsf:sl_log2=4").tlsf.slLog2, 4u);
    const LaneSpec b = lane("buddy:min_order=4:header=8");
    EXPECT_EQ(b.kind, FamilyKind::Buddy);
    EXPECT_EQ(b.buddy.minOrder, 4u);
    EXPECT_EQ(b.buddy.header, 8u);
    const LaneSpec p = lane("pool:slot=128:chunk=32");
    EXPECT_EQ(p.pool.slot, 128u);
    EXPECT_EQ(p.pool.chunk, 32u);
    EXPECT_EQ(p.text, "pool:slot=128:chunk=32") << "a lane keeps the words it was written in";
    EXPECT_EQ(lane("first:align=8").config.align, 8u) << "a boundary-tag lane's own heap setting wins";
    EXPECT_EQ(lane("pool:canary=8").config.canary, 8u) << "every lane takes a canary";
    EXPECT_EQ(lane("next").placement, Placement::Next);
}

TEST(Registry, AnUnknownFamilyKeyOrValueNamesTheLaneAndWhatWasExpected)
{
    EXPECT_EQ(errorOf("slab"), "lane 'slab': unknown allocator family 'slab' (choose from first, next, best, worst, "
                               "segregated, tlsf, buddy, pool)");
    EXPECT_EQ(errorOf("buddy:align=8"), "lane 'buddy:align=8': buddy takes min_order, header, zero, canary; not 'align'");
    EXPECT_EQ(errorOf("tlsf:sl_log2=9"), "lane 'tlsf:sl_log2=9': sl_log2 takes a number from 0 to 6, not '9'");
    EXPECT_EQ(errorOf("segregated:order=random"),
              "lane 'segregated:order=random': order takes address or lifo, not 'random'");
    EXPECT_EQ(errorOf("pool:slot"), "lane 'pool:slot': expected KEY=VALUE after ':', got 'slot'");
    EXPECT_EQ(errorOf("segregated:classes=64/32"),
              "lane 'segregated:classes=64/32': the size classes must be positive and ascending, like 32/64/512; not 64/32");
}

TEST(Registry, AFixedHeapAFamilyRefusesIsExplained)
{
    EXPECT_EQ(errorOf("buddy", fixedHeap(10000)),
              "lane 'buddy': a buddy heap must be a power of two of at least 32 bytes (2^min_order), like 8 KiB or 64 KiB; "
              "not 10,000 bytes");
    EXPECT_EQ(errorOf("pool:slot=96", fixedHeap(1000)),
              "lane 'pool:slot=96': a pool's heap must be a positive multiple of its slot (96 bytes), not 1,000 bytes");
    EXPECT_EQ(errorOf("pool:slot=12"), "lane 'pool:slot=12': a pool's slot must be a positive multiple of 8 bytes, not 12 bytes");
    EXPECT_EQ(errorOf("buddy", fixedHeap(8192)), "");
    EXPECT_EQ(errorOf("pool", fixedHeap(8192)), "");
}

TEST(Registry, TitlesSayWhatDiffers)
{
    EXPECT_EQ(laneTitle(lane("first")), "first fit");
    EXPECT_EQ(laneTitle(lane("segregated:order=lifo")), "segregated (LIFO)");
    EXPECT_EQ(laneTitle(lane("segregated:classes=32/64/512")), "segregated (classes 32/64/512)");
    EXPECT_EQ(laneTitle(lane("tlsf")), "TLSF");
    EXPECT_EQ(laneTitle(lane("tlsf:sl_log2=3")), "TLSF (8 lists a level)");
    EXPECT_EQ(laneTitle(lane("buddy")), "buddy (min 32 B)");
    EXPECT_EQ(laneTitle(lane("pool:slot=128")), "pool (128 B slots)");
    EXPECT_EQ(laneTitle(lane("first:canary=16")), "first fit (canary 16 B)") << "the guardian's two lanes";
    EXPECT_EQ(laneTitle(lane("buddy:canary=8")), "buddy (min 32 B, canary 8 B)");
    EXPECT_EQ(formatBytesShort(8192), "8 KiB");
    EXPECT_EQ(formatBytesShort(1000), "1,000 B");
}

TEST(Registry, HeapWideSettingsApplyWhereTheyMakeSense)
{
    EXPECT_TRUE(appliesTo("align", FamilyKind::BoundaryTag));
    EXPECT_FALSE(appliesTo("align", FamilyKind::Buddy));
    EXPECT_FALSE(appliesTo("growth", FamilyKind::Pool));
    for (FamilyKind k : {FamilyKind::BoundaryTag, FamilyKind::Buddy, FamilyKind::Pool})
        for (const char* option : {"heap", "zero", "canary"})
            EXPECT_TRUE(appliesTo(option, k)) << option;
}

TEST(Registry, TheSegregatedDefaultClassesDoubleFromMinBlockTo4096)
{
    // default preset: 32, 64, ..., 4096 (8 bounds, 9 classes); csapp: 16 ... 4096.
    EXPECT_EQ(SegregatedLists::defaultBounds(32).size(), 8u);
    EXPECT_EQ(SegregatedLists::defaultBounds(32).back(), 4096u);
    EXPECT_EQ(SegregatedLists::defaultBounds(16).front(), 16u);
    EXPECT_EQ(SegregatedLists::defaultBounds(16).size(), 9u);
}

// heap-model.md: class 1 holds sizes <= b1, class i those in (b(i-1), bi],
// the last all larger ones; a size equal to a bound belongs to its class.
TEST(Registry, ASegregatedClassHoldsTheSizesUpToItsBoundAndAboveTheOneBefore)
{
    EXPECT_EQ(SegregatedLists({}, false).classOf(1'000'000), 0u);
    const SegregatedLists one({100}, false);
    EXPECT_EQ(one.classOf(16), 0u);
    EXPECT_EQ(one.classOf(100), 0u);
    EXPECT_EQ(one.classOf(101), 1u);
    const SegregatedLists uneven({24, 40, 48, 512, 600, 4096, 10'000}, true);
    const std::pair<Size, std::uint32_t> expected[] = {{16, 0},   {24, 0},   {25, 1},    {40, 1},   {41, 2},
                                                       {48, 2},   {49, 3},   {512, 3},   {513, 4},  {600, 4},
                                                       {601, 5},  {4096, 5}, {4097, 6},  {10'000, 6},
                                                       {10'001, 7}, {1u << 30, 7}};
    for (const auto& [size, cls] : expected)
        EXPECT_EQ(uneven.classOf(size), cls) << size << " bytes";
}

TEST(Registry, EachFamilyNamesTheListAFreeBlockBelongsIn)
{
    // Segregated, default classes <=32, <=64, ..., <=4096, >4096.
    EXPECT_EQ(freeListOf(lane("segregated"), 48).first, 1u);
    EXPECT_EQ(freeListName(lane("segregated"), {1, 0}), "≤ 64 B");
    EXPECT_EQ(freeListName(lane("segregated"), {8, 0}), "> 4 KiB");
    // TLSF with S = 5, A = 4: 1000 < 512? no: k = 9, f = 1, l = (1000 >> 4) - 32 = 30.
    const FreeListId t = freeListOf(lane("tlsf"), 1000);
    EXPECT_EQ(t.first, 1u);
    EXPECT_EQ(t.second, 30u);
    EXPECT_EQ(freeListName(lane("tlsf"), t), "(1, 30)");
    EXPECT_EQ(freeListOf(lane("buddy"), 256).first, 8u);
    EXPECT_EQ(freeListName(lane("buddy"), {8, 0}), "order 8 (256 B)");
    // A buddy heap of 1 KiB with min_order 5 keeps orders 5 to 10.
    EXPECT_EQ(familyLists(lane("buddy"), 1024).size(), 6u);
    EXPECT_EQ(familyLists(lane("segregated"), 0).size(), 9u);
}

TEST(Registry, ALaneWritesBackAsTheCliReadsIt)
{
    const HeapConfig heap = defaultConfig();
    for (const char* text : {"first", "segregated:classes=32/64/512:order=lifo", "tlsf:sl_log2=4",
                             "buddy:min_order=4:header=8", "pool:slot=128:chunk=32:header=16", "first:align=32",
                             "buddy:canary=8"}) {
        const LaneSpec l = lane(text);
        EXPECT_EQ(laneText(l, heap), text);
        EXPECT_EQ(lane(laneText(l, heap)), l) << "and reads back to the same lane";
    }
}
