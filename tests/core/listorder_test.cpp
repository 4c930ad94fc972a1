// The LIFO lists' order a view shows is the allocator's own: following the
// engine's Listed events from a checkpoint gives, at every step and by any
// path, each list of TLSF, LIFO segregated fits and the pool's stack in the
// order the allocator itself keeps it.

#include <gtest/gtest.h>

#include "core/alloc/registry.h"
#include "core/replay/layoutcursor.h"
#include "core/sim/run.h"
#include "support/heaptesting.h"
#include "support/randomtrace.h"

using namespace heapviz;
using namespace heapviz::testing;

namespace {

LaneSpec lane(const char* text, const HeapConfig& heap)
{
    std::string error;
    const auto spec = parseLane(text, heap, error);
    EXPECT_TRUE(spec) << error;
    EXPECT_EQ(validateLane(*spec), "");
    return *spec;
}

// Every list the allocator keeps at a step is, head first, in falling stamps.
void expectSameOrder(const LayoutSnapshot& truth, const LayoutCursor& cursor, const std::string& where)
{
    const ListOrder order = cursor.listOrder();
    std::size_t listed = 0;
    for (const auto& list : truth.lists) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            ASSERT_GT(order.stamp(list[i]), 0u) << where << ": a free block with no place in its list";
            if (i > 0) {
                ASSERT_GT(order.stamp(list[i - 1]), order.stamp(list[i])) << where << ": position " << i;
            }
        }
        listed += list.size();
    }
    std::size_t free = 0;
    for (const auto& [at, block] : cursor.layout().map())
        free += block.used ? 0 : 1;
    ASSERT_EQ(listed, free) << where << ": every free block is in one list";
}

} // namespace

TEST(ListOrder, FollowsTheAllocatorsOwnListsByAnyPath)
{
    const Trace trace = randomTrace({.seed = 41, .ops = 1500, .ids = 50, .maxSize = 400});
    const HeapConfig growing = defaultConfig();
    const HeapConfig fixed = fixedHeap(64 * 1024);
    for (const LaneSpec& spec : {lane("tlsf", growing), lane("tlsf:sl_log2=2", fixed), lane("segregated:order=lifo", growing),
                                 lane("segregated:order=lifo:classes=32/128", fixed), lane("pool:slot=512", growing),
                                 lane("pool:slot=512", fixed)}) {
        const std::string name = laneTitle(spec);
        // The truth: the allocator's lists after every operation.
        const RunResult run = runTrace(trace, {spec, false, true, false, 1});
        std::vector<LayoutSnapshot> truth;
        for (const PackedLayout& p : run.snapshots)
            truth.push_back(p.unpack());
        ASSERT_FALSE(truth.back().lists.empty()) << name;
        LayoutCursor replayed(run.initialLayout, run.events, 8);
        LayoutCursor fromRun(run.events, std::vector(run.snapshots.begin(), run.snapshots.end()), 1);
        std::uint64_t rng = 7;
        for (int jump = 0; jump < 60; ++jump) {
            rng = rng * 6364136223846793005ull + 1442695040888963407ull;
            const std::size_t step = (rng >> 33) % (trace.ops.size() + 1);
            replayed.seek(step);
            expectSameOrder(truth[step], replayed, name + " step " + std::to_string(step));
        }
        for (std::size_t step = trace.ops.size(); step-- > 1000;) { // backwards, one step at a time
            replayed.seek(step);
            expectSameOrder(truth[step], replayed, name + " back to step " + std::to_string(step));
        }
        fromRun.seek(777);
        expectSameOrder(truth[777], fromRun, name + " from the run's snapshots");
    }
}

TEST(ListOrder, AFreeGoesToTheHeadOfItsList)
{
    // Pool of four 64-byte slots: the lowest on top at first (the spec's
    // initial stack); a, b taken from the top; freeing a then b leaves b on top.
    const Outcome out = runOps("a 0 10\na 1 10\nf 0\nf 1\n", lane("pool:slot=64", fixedHeap(256)), true);
    const RunResult& run = out.run;
    LayoutCursor cursor(run.initialLayout, run.events, 4);
    const auto stackAt = [&](std::size_t step) {
        cursor.seek(step);
        return cursor.listOrder().lists(cursor.layout()).at(0);
    };
    using A = Address;
    EXPECT_EQ(stackAt(0), (std::vector{A(0), A(64), A(128), A(192)}));
    EXPECT_EQ(stackAt(2), (std::vector{A(128), A(192)}));
    EXPECT_EQ(stackAt(3), (std::vector{A(0), A(128), A(192)}));
    EXPECT_EQ(stackAt(4), (std::vector{A(64), A(0), A(128), A(192)}));
    EXPECT_EQ(stackAt(1), (std::vector{A(64), A(128), A(192)})) << "and back again";
}
