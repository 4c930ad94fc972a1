// One conformance suite over the registry: every allocator family, growing
// and fixed, 100,000 random operations with writes, every invariant of the
// family after each one, the metric definitions, what a search visits, and
// the events replayed forwards and backwards through the live states.

#include <gtest/gtest.h>

#include "core/replay/layout.h"
#include "support/heaptesting.h"
#include "support/randomtrace.h"

using namespace heapviz;
using namespace heapviz::testing;

namespace {

struct Case {
    std::string family;
    bool fixed;
};

std::string caseName(const ::testing::TestParamInfo<Case>& info)
{
    return info.param.family + (info.param.fixed ? "_fixed" : "_grow");
}

std::vector<Case> allCases()
{
    std::vector<Case> cases;
    for (const Family& f : families())
        for (bool fixed : {false, true})
            cases.push_back({std::string(f.name), fixed});
    return cases;
}

// A lane of the family with a canary, on a heap roomy enough to work and small
// enough to fail now and then.
LaneSpec laneFor(const Case& c)
{
    HeapConfig config = defaultConfig();
    config.canary = 8;
    LaneSpec lane = laneOf(c.family, config);
    if (lane.kind == FamilyKind::Pool)
        lane.pool.slot = 768; // the random sizes fit a slot, mostly
    if (c.fixed)
        lane.config.fixedSize = lane.isBoundaryTag() ? 48 * 1024 : lane.kind == FamilyKind::Buddy ? 64 * 1024 : 80 * 768;
    EXPECT_EQ(validateLane(lane), "");
    return lane;
}

class Conformance : public ::testing::TestWithParam<Case> {};

// What a view is told of a search's visits: each numbered by its place, the
// first kToldVisits - 1 of a long walk and then only the one that took.
std::vector<SearchVisit> asTold(std::vector<SearchVisit> visits)
{
    std::vector<SearchVisit> told;
    for (std::size_t i = 0; i < visits.size(); ++i) {
        visits[i].index = std::uint32_t(i + 1);
        if (i < kToldVisits - 1 || visits[i].taken)
            told.push_back(visits[i]);
    }
    return told;
}

// The SearchVisit events among events[0, to).
std::vector<SearchVisit> toldVisits(const std::vector<Event>& events, std::size_t to)
{
    std::vector<SearchVisit> told;
    for (std::size_t e = 0; e < to; ++e)
        if (const auto* v = std::get_if<SearchVisit>(&events[e]))
            told.push_back(*v);
    return told;
}

} // namespace

TEST_P(Conformance, EveryInvariantHoldsAfterEveryOneOf100000Operations)
{
    const LaneSpec lane = laneFor(GetParam());
    const Trace trace = randomTrace({.seed = 11, .ops = 100'000, .ids = 200, .maxSize = 700, .writes = true});
    EventLog log;
    const Simulator* running = nullptr;
    EventRecorder recorder(log, [&] { return running->measureNow(); });
    Simulator sim(lane, trace.slots, &recorder, /*countExamined=*/true);
    running = &sim;
    recorder.endSetup(sim.metrics());
    const Size edges = lane.isBoundaryTag() ? lane.config.prefix + lane.config.suffix : 0;
    const LayoutSnapshot start = pictureOf(sim.allocator());
    BlockLayout layout(start);
    std::vector<std::vector<BlockInfo>> kept; // the live blocks every 997 operations, to come back to
    Size peak = 0;
    for (std::size_t i = 0; i < trace.ops.size(); ++i) {
        const Op& op = trace.ops[i];
        // What the search of a malloc would visit, told before it runs.
        std::vector<SearchVisit> visits;
        if (op.kind == OpKind::Malloc)
            visits = sim.allocator().searchFor(op.size);
        sim.apply(op);
        recorder.endOperation(op.line, sim.metrics());
        ASSERT_EQ(sim.checkInvariants(), "") << lane.text << ", after line " << op.line;
        const Metrics& m = sim.metrics();
        // The packed recording gives back every metric exactly.
        ASSERT_EQ(log.metricsAfter(i + 1), m) << lane.text << ", after line " << op.line;
        peak = std::max(peak, m.livePayload);
        ASSERT_EQ(m.peakPayload, peak);
        ASSERT_EQ(m.heapSize, m.freeBytes + m.allocatedBytes + edges) << "the blocks tile the heap";
        ASSERT_LE(m.livePayload, m.allocatedBytes);
        ASSERT_LE(m.largestFree, m.freeBytes);
        ASSERT_LE(m.utilization(), 1.0);
        bool toldSearch = false;
        const std::vector<Event> events = log.eventsOf(std::ptrdiff_t(i));
        for (std::size_t e = 0; e < events.size(); ++e) {
            layout.apply(events[e]);
            const auto* searched = std::get_if<Searched>(&events[e]);
            if (!searched || op.kind != OpKind::Malloc || visits.empty())
                continue;
            // The block the search took is the visit marked taken; a family that
            // walks blocks or orders counts each visit once in `examined`.
            const auto taken = std::find_if(visits.begin(), visits.end(), [](const SearchVisit& v) {
                return v.taken && v.what == SearchVisit::What::Block;
            });
            if (taken != visits.end()) {
                ASSERT_EQ(taken->at, searched->chosen) << lane.text << ", line " << op.line;
            }
            if (lane.placement != Placement::Tlsf || !lane.isBoundaryTag()) {
                ASSERT_EQ(visits.size(), searched->examined) << lane.text << ", line " << op.line;
            }
            if (!searched->addressWalk && !toldSearch) { // and a view was told them, in order, as events
                ASSERT_EQ(toldVisits(events, e), asTold(visits)) << lane.text << ", line " << op.line;
            }
            toldSearch = true;
        }
        if (i % 997 == 0 || i + 1 == trace.ops.size()) {
            ASSERT_EQ(layout.blocks(), sim.allocator().blocks()) << lane.text << ": replay, after line " << op.line;
            kept.push_back(layout.blocks());
        }
    }
    // And back: undoing the events passes through the same states.
    for (std::size_t op = trace.ops.size(); op-- > 0;) {
        if (op % 997 == 0) { // the state after operation op, reached backwards
            ASSERT_EQ(layout.blocks(), kept[op / 997]) << lane.text << ": undone to after line " << trace.ops[op].line;
        }
        const auto events = log.eventsOf(std::ptrdiff_t(op));
        for (auto it = events.rbegin(); it != events.rend(); ++it)
            layout.undo(*it);
    }
    EXPECT_EQ(layout.blocks(), BlockLayout(start).blocks());
    // The run went through the interesting paths.
    EXPECT_GT(sim.metrics().faults, 100u);
    EXPECT_GT(sim.metrics().failed, 5u);
}

INSTANTIATE_TEST_SUITE_P(EveryFamily, Conformance, ::testing::ValuesIn(allCases()), caseName);
