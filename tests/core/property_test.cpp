// Properties that hold after every operation of long random runs: the heap's
// invariants (tiling, no neighbouring free blocks, the free trees agree with
// the block list, counters equal a recount, the rover on a block start) and
// the metric definitions.

#include <gtest/gtest.h>

#include "support/heaptesting.h"
#include "support/randomtrace.h"

using namespace heapviz;
using namespace heapviz::testing;

namespace {

struct Case {
    std::string preset;
    bool fixed;
    Strategy strategy;
};

std::string caseName(const ::testing::TestParamInfo<Case>& info)
{
    return info.param.preset + (info.param.fixed ? "_fixed_" : "_grow_")
           + std::string(strategyName(info.param.strategy));
}

std::vector<Case> allCases()
{
    std::vector<Case> cases;
    for (const char* preset : {"default", "csapp"})
        for (bool fixed : {false, true})
            for (Strategy s : kAllStrategies)
                cases.push_back({preset, fixed, s});
    return cases;
}

class Invariants : public ::testing::TestWithParam<Case> {};

} // namespace

TEST_P(Invariants, HoldAfterEveryOneOf100000RandomOperations)
{
    const Case& c = GetParam();
    HeapConfig config = *HeapConfig::fromPreset(c.preset);
    if (c.fixed) // roomy enough to work, small enough to fail now and then
        config.fixedSize = config.prefix + config.suffix + 48 * 1024;
    const Trace trace = randomTrace({.seed = 7, .ops = 100'000, .ids = 200, .maxSize = 700});
    Simulator sim(laneOf(c.strategy, config), trace.slots, nullptr, /*countExamined=*/true);
    Size peak = 0;
    std::uint32_t freeBefore = sim.metrics().freeBlocks;
    for (const Op& op : trace.ops) {
        sim.apply(op);
        const std::string broken = sim.checkInvariants();
        ASSERT_EQ(broken, "") << "after line " << op.line;
        const Metrics& m = sim.metrics();
        peak = std::max(peak, m.livePayload);
        ASSERT_EQ(m.peakPayload, peak);
        ASSERT_EQ(m.heapSize, m.freeBytes + m.allocatedBytes + config.prefix + config.suffix);
        ASSERT_LE(m.livePayload, m.allocatedBytes);
        ASSERT_LE(m.largestFree, m.freeBytes);
        ASSERT_LE(m.examined, freeBefore); // one search sees each free block at most once
        freeBefore = m.freeBlocks;
        ASSERT_GE(m.utilization(), 0.0);
        ASSERT_LE(m.utilization(), 1.0);
    }
    // The run did exercise the interesting paths.
    EXPECT_GT(sim.metrics().faults, 100u);
    EXPECT_GT(sim.metrics().failed, 10u);
}

INSTANTIATE_TEST_SUITE_P(AllFitsPresetsAndHeaps, Invariants, ::testing::ValuesIn(allCases()),
                         caseName);

TEST(Invariants, SameTraceSameResult)
{
    const Trace trace = randomTrace({.seed = 3, .ops = 5000});
    for (Strategy s : kAllStrategies) {
        RunOptions o{laneOf(s, defaultConfig()), true, true, false};
        const RunResult a = runTrace(trace, o);
        const RunResult b = runTrace(trace, o);
        EXPECT_EQ(a.samples, b.samples);
        EXPECT_EQ(a.finalBlocks, b.finalBlocks);
        EXPECT_EQ(a.events.allEvents(), b.events.allEvents());
    }
}
