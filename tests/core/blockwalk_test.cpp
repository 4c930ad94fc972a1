// An allocator's walk of its blocks (what checkpoints, the final layout and
// the CLI's table are made from) on heaps of tens of thousands of blocks,
// where the fits walk many stretches of the block list side by side: every
// block once, in address order, tiling the heap.

#include <gtest/gtest.h>

#include "core/alloc/registry.h"
#include "core/sim/simulator.h"
#include "core/trace/workloads.h"

using namespace heapviz;

namespace {

void expectWalkTilesTheHeap(const std::string& laneText)
{
    WorkloadSpec spec;
    spec.kind = WorkloadKind::Larson;
    spec.ops = 200'000;
    spec.live = 20'000;
    spec.minSize = 16;
    spec.maxSize = 4096;
    spec.freeAtEnd = false;
    const Trace trace = generateWorkload(spec);
    std::string error;
    const std::optional<LaneSpec> lane = parseLane(laneText, HeapConfig{}, error);
    ASSERT_TRUE(lane) << error;
    Simulator sim(*lane, trace.slots);
    for (std::size_t i = 0; i < trace.ops.size(); ++i) {
        sim.apply(trace.ops[i]);
        if (i % 50'000 != 49'999)
            continue;
        const Metrics m = sim.metrics();
        ASSERT_GT(m.freeBlocks, 1'000u) << "the walk should cross many stretches";
        const HeapConfig& config = lane->config;
        Size end = config.prefix;
        std::uint32_t used = 0, free = 0;
        for (const BlockInfo& b : sim.allocator().blocks()) {
            ASSERT_EQ(b.at.value(), end) << laneText << ": a block out of order, missing or repeated";
            end += b.size;
            (b.used ? used : free) += 1;
        }
        EXPECT_EQ(end, m.heapSize - config.suffix) << laneText;
        EXPECT_EQ(used, m.usedBlocks) << laneText;
        EXPECT_EQ(free, m.freeBlocks) << laneText;
    }
}

} // namespace

TEST(BlockWalk, EveryFitWalksEveryBlockOnceInAddressOrder)
{
    for (const char* lane : {"first", "next", "best", "worst", "segregated", "tlsf"})
        expectWalkTilesTheHeap(lane);
}
