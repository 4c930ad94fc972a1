// A session's lanes stay in lock-step, and stepping anywhere by any path
// gives the state a fresh run reaches.

#include <gtest/gtest.h>

#include "support/heaptesting.h"
#include "support/randomtrace.h"
#include "ui/session/session.h"

using namespace heapviz;
using namespace heapviz::testing;
using namespace heapviz::ui;

TEST(Session, EveryLaneFollowsThePlayheadExactly)
{
    const Trace trace = randomTrace({.seed = 17, .ops = 1200, .ids = 40, .maxSize = 400});
    SessionSettings settings;
    settings.lanes = {"first", "next", "best", "worst"};
    settings.config = fixedHeap(8192);
    Session session(recordSession(trace, settings));
    ASSERT_EQ(session.laneCount(), 4u);
    std::vector<std::size_t> path{10, 11, 600, 599, 0, 1200, 37, 1199, 400};
    for (std::size_t step : path) {
        session.seek(step);
        Trace prefix = trace;
        prefix.ops.resize(step);
        for (std::size_t i = 0; i < session.laneCount(); ++i) {
            const RunResult fresh = runTrace(prefix, {session.lane(i).spec});
            ASSERT_EQ(session.lane(i).cursor->layout().blocks(), fresh.finalBlocks)
                << session.lane(i).spec.text << " at step " << step;
            if (step > 0) {
                ASSERT_EQ(session.metricsAt(i).freeBlocks, fresh.final.freeBlocks);
            }
        }
    }
}

TEST(Session, StepsClampAtBothEnds)
{
    SessionSettings settings;
    settings.config = defaultConfig();
    Session session(recordSession(parseTrace("a 0 10\nf 0\n", "t.rep"), settings));
    session.stepBy(-5);
    EXPECT_EQ(session.step(), 0u);
    session.stepBy(10);
    EXPECT_EQ(session.step(), 2u);
    EXPECT_EQ(session.currentOp()->line, 2u);
}
