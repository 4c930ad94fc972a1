// The built-in scenarios tell the truth: each bookmarked moment happens at
// the step it names, checked by running the scenario's trace through its
// lanes (runTrace). Every expected number is worked out by hand in the
// comments from the scenario's script and heap-model.md; none is copied from
// a run. A block of k units is exactly k units (scenario.h, "Sizes"); step s
// is samples[s - 1].

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/alloc/registry.h"
#include "core/scenario/scenario.h"
#include "core/sim/run.h"
#include "core/trace/traceparser.h"
#include "core/trace/tracewriter.h"

using namespace heapviz;

namespace {

struct Ran {
    Scenario scenario;
    std::vector<RunResult> lanes;

    // The metrics of lane `lane` at step `step` (0: before the first operation).
    const Metrics& at(std::size_t lane, std::size_t step) const
    {
        return step == 0 ? lanes[lane].initial : lanes[lane].samples[step - 1];
    }
    std::size_t step(std::size_t bookmark) const { return scenario.bookmarks.at(bookmark).step; }
    std::vector<Event> eventsOf(std::size_t lane, std::size_t step) const
    {
        return lanes[lane].events.eventsOf(std::ptrdiff_t(step) - 1);
    }
};

std::vector<LaneSpec> lanesOf(const Scenario& s)
{
    std::vector<LaneSpec> out;
    for (const std::string& text : s.lanes) {
        std::string error;
        auto lane = parseLane(text, s.config, error);
        EXPECT_TRUE(lane) << s.name << ": " << error;
        if (!lane)
            continue;
        EXPECT_EQ(validateLane(*lane), "") << s.name;
        out.push_back(*lane);
    }
    return out;
}

Ran run(std::string_view name, bool events = false)
{
    auto s = makeScenario(name);
    EXPECT_TRUE(s) << name;
    Ran r{*s, {}};
    for (const LaneSpec& lane : lanesOf(r.scenario))
        r.lanes.push_back(runTrace(r.scenario.trace, {.lane = lane, .countExamined = true, .recordEvents = events}));
    return r;
}

template <class E> std::vector<E> eventsOfKind(std::span<const Event> events)
{
    std::vector<E> out;
    for (const Event& e : events)
        if (const auto* x = std::get_if<E>(&e))
            out.push_back(*x);
    return out;
}

constexpr Size kK = 1024; // the unit of most scenarios

} // namespace

TEST(Scenarios, TenAreListedEachWithItsStoryAndEachOpens)
{
    ASSERT_EQ(scenarios().size(), 10u);
    std::set<std::string_view> names;
    for (const ScenarioInfo& info : scenarios()) {
        SCOPED_TRACE(std::string(info.name));
        EXPECT_TRUE(names.insert(info.name).second) << "names are unique";
        const auto s = makeScenario(info.name);
        ASSERT_TRUE(s);
        EXPECT_EQ(s->name, info.name);
        EXPECT_EQ(s->title, info.title);
        EXPECT_FALSE(s->scene.empty());
        EXPECT_FALSE(s->summary.empty());
        EXPECT_EQ(s->trace.name, s->name);
        EXPECT_FALSE(s->trace.ops.empty());
        EXPECT_EQ(s->config.validate(), "");
        EXPECT_EQ(lanesOf(*s).size(), s->lanes.size());
        ASSERT_GE(s->bookmarks.size(), 2u);
        for (std::size_t i = 0; i < s->bookmarks.size(); ++i) {
            EXPECT_GE(s->bookmarks[i].step, 1u);
            EXPECT_LE(s->bookmarks[i].step, s->trace.ops.size());
            EXPECT_FALSE(s->bookmarks[i].text.empty());
            if (i > 0) {
                EXPECT_LE(s->bookmarks[i - 1].step, s->bookmarks[i].step);
            }
        }
        if (s->unit) { // a whole number of 16-byte alignment units (scenario.h, "Sizes")
            EXPECT_EQ(s->unit->bytes % 16, 0u);
        }
    }
    EXPECT_FALSE(makeScenario("no-such-scenario"));
    EXPECT_FALSE(makeScenario("Hypervisor")); // names are exact
}

TEST(Scenarios, GenerationIsDeterministicAndTheTraceReadsBack)
{
    for (const ScenarioInfo& info : scenarios()) {
        SCOPED_TRACE(std::string(info.name));
        const auto a = makeScenario(info.name), b = makeScenario(info.name);
        const std::string text = traceToString(a->trace);
        EXPECT_EQ(text, traceToString(b->trace));
        EXPECT_EQ(a->bookmarks, b->bookmarks);
        const Trace back = parseTrace(text, "back.rep");
        ASSERT_EQ(back.ops.size(), a->trace.ops.size());
        for (std::size_t i = 0; i < back.ops.size(); ++i) {
            EXPECT_EQ(back.ops[i].kind, a->trace.ops[i].kind);
            EXPECT_EQ(back.ops[i].id, a->trace.ops[i].id);
            EXPECT_EQ(back.ops[i].size, a->trace.ops[i].size);
            EXPECT_EQ(back.ops[i].offset, a->trace.ops[i].offset);
            EXPECT_EQ(back.ops[i].line, a->trace.ops[i].line) << "line numbers as written";
        }
    }
}

TEST(Scenarios, EveryLaneRunsWithItsInvariantsKept)
{
    for (const ScenarioInfo& info : scenarios()) {
        SCOPED_TRACE(std::string(info.name));
        const auto s = makeScenario(info.name);
        for (const LaneSpec& lane : lanesOf(*s))
            EXPECT_NO_THROW(runTrace(s->trace, {.lane = lane, .checkInvariants = true}));
    }
}

TEST(Scenarios, DefragmenterAVideoFitsInNoGapThenCompactionMakesRoom)
{
    const Ran r = run("defragmenter");
    const Size disk = 64 * kK, video = 16 * kK;
    ASSERT_EQ(r.scenario.bookmarks.size(), 2u);
    const Metrics& before = r.at(0, r.step(0));
    // No deletion makes a gap wider than 6 MB and growth only narrows a gap,
    // so no gap holds the 16 MB video; deletions go on until half the disk
    // is free after three files grow by 1 MB.
    EXPECT_LE(before.largestFree, 6 * kK);
    EXPECT_GE(before.freeBytes, disk / 2);
    EXPECT_EQ(before.freeBytes % kK, 0u);
    EXPECT_EQ(before.heapSize, disk);
    EXPECT_NE(r.scenario.bookmarks[0].text.find(std::to_string(before.freeBytes / kK) + " of the disk's 64 MB"),
              std::string::npos);
    // The video is the next operation: on-failure compaction (sliding), then it fits.
    ASSERT_EQ(r.step(1), r.step(0) + 1);
    const Metrics& after = r.at(0, r.step(1));
    EXPECT_EQ(before.compactions, 0u);
    EXPECT_EQ(after.compactions, 1u);
    EXPECT_EQ(after.failed, 0u);
    EXPECT_GT(after.moves, 0u);
    EXPECT_NE(r.scenario.bookmarks[1].text.find("slides the " + std::to_string(after.moves) + " files"),
              std::string::npos) << "the sentence counts the moves the engine makes";
    // Sliding leaves one free block at the top; the video takes its low end.
    EXPECT_EQ(after.freeBlocks, 1u);
    EXPECT_EQ(after.freeBytes, before.freeBytes - video);
    EXPECT_EQ(after.largestFree, after.freeBytes);
    EXPECT_EQ(r.lanes[0].final.failed, 0u);
    EXPECT_TRUE(r.lanes[0].leaks.empty());
    EXPECT_TRUE(r.lanes[0].faults.empty());
}

TEST(Scenarios, HypervisorRefusesA32GiBMachineWith64GiBFreeUnderFirstAndWorstFit)
{
    const Ran r = run("hypervisor");
    enum { best, first, worst };
    ASSERT_EQ(r.scenario.lanes, (std::vector<std::string>{"best", "first", "worst"}));
    // Layout (GiB): 0:32 32:16 48:16 64:32 96:24 120:16 136:24 160:24 184:8 192:64;
    // 10 starts, then 32:16, 64:32 and 120:16 stop: step 13.
    ASSERT_EQ(r.step(0), 13u);
    for (int lane : {best, first, worst}) {
        EXPECT_EQ(r.at(lane, 13).freeBytes, 64 * kK);
        EXPECT_EQ(r.at(lane, 13).largestFree, 32 * kK);
        EXPECT_EQ(r.at(lane, 13).freeBlocks, 3u);
    }
    // 16 GiB then 8 GiB (step 15). Best: 16 -> 32:16 (tie with 120:16, lower
    // address), 8 -> 120:16 (smallest), left 64:32 and 128:8. First: 16 ->
    // 32:16, 8 -> 64:32, left 72:24, 120:16. Worst: 16 -> 64:32 (left 80:16),
    // 8 -> 32:16 (three 16s, lowest), left 40:8, 80:16, 120:16.
    ASSERT_EQ(r.step(1), 15u);
    EXPECT_EQ(r.at(best, 15).largestFree, 32 * kK);
    EXPECT_EQ(r.at(first, 15).largestFree, 24 * kK);
    EXPECT_EQ(r.at(worst, 15).largestFree, 16 * kK);
    // 160:24 stops (step 16: 64 GiB free everywhere), the 32 GiB machine (step 17).
    ASSERT_EQ(r.step(2), 17u);
    for (int lane : {best, first, worst})
        EXPECT_EQ(r.at(lane, 16).freeBytes, 64 * kK);
    EXPECT_EQ(r.at(first, 16).largestFree, 24 * kK);  // 72:24, 120:16, 160:24
    EXPECT_EQ(r.at(worst, 16).largestFree, 24 * kK);  // 40:8, 80:16, 120:16, 160:24
    EXPECT_EQ(r.at(best, 17).failed, 0u);
    EXPECT_EQ(r.at(first, 17).failed, 1u);
    EXPECT_EQ(r.at(worst, 17).failed, 1u);
    // Step 18: the 8 GiB machine stops and everything is compacted (at:18):
    // one free gap of 256 - (168 + 16 [+ 32 for best]) GiB.
    ASSERT_EQ(r.step(3), 18u);
    EXPECT_EQ(r.scenario.config.compact.at, (std::vector<std::uint64_t>{18}));
    for (int lane : {best, first, worst}) {
        EXPECT_EQ(r.at(lane, 18).compactions, 1u);
        EXPECT_EQ(r.at(lane, 18).freeBlocks, 1u);
    }
    EXPECT_EQ(r.at(best, 18).freeBytes, 40 * kK);
    EXPECT_EQ(r.at(first, 18).freeBytes, 72 * kK);
    EXPECT_EQ(r.at(worst, 18).freeBytes, 72 * kK);
    // Step 19: the machine starts on every host; no new failure.
    ASSERT_EQ(r.step(4), 19u);
    EXPECT_EQ(r.at(best, 19).failed, 0u);
    EXPECT_EQ(r.at(first, 19).failed, 1u);
    EXPECT_EQ(r.at(worst, 19).freeBytes, 40 * kK);
    for (const RunResult& lane : r.lanes) {
        EXPECT_TRUE(lane.leaks.empty());
        EXPECT_TRUE(lane.faults.empty()); // the refused machine's stop is free(NULL)
    }
}

TEST(Scenarios, CargoHoldBestFitRefusesTheLongContainerWorstFitLoads)
{
    const Ran r = run("cargo-hold");
    enum { best, worst };
    // 0:12 12:12 24:6 30:18 48:12 loaded, 12:12 and 30:18 unloaded: step 7.
    ASSERT_EQ(r.step(0), 7u);
    EXPECT_EQ(r.at(best, 7).freeBytes, 30 * kK);
    EXPECT_EQ(r.at(best, 7).largestFree, 18 * kK);
    // 6 m: best -> the 12 m bay (6 left, 18 whole); worst -> the 18 m bay (12 left).
    ASSERT_EQ(r.step(1), 8u);
    EXPECT_EQ(r.at(best, 8).largestFree, 18 * kK);
    EXPECT_EQ(r.at(worst, 8).largestFree, 12 * kK);
    EXPECT_EQ(r.at(worst, 8).freeBlocks, 2u); // 12:12 and 36:12
    // 12 m, 12 m: best -> 30:18 (6 left), then two 6 m gaps: refused.
    // worst -> 12:12 (tie, lower address), then 36:12.
    ASSERT_EQ(r.step(2), 10u);
    EXPECT_EQ(r.at(best, 10).failed, 1u);
    EXPECT_EQ(r.at(best, 10).freeBytes, 12 * kK);
    EXPECT_EQ(r.at(best, 10).largestFree, 6 * kK);
    EXPECT_EQ(r.at(worst, 10).failed, 0u);
    EXPECT_EQ(r.at(worst, 10).freeBytes, 0u);
}

TEST(Scenarios, RadioSpectrumSessionsCoalesceWhenTheyEnd)
{
    const Ran r = run("radio-spectrum", /*events=*/true);
    enum { best, first };
    const Size kHz = 64;
    // kHz: 0:200 200:25 225:200 425:25 450:200 650:25 675:200, 875..1000 free;
    // the streams at 225 and 450 end; the 400 kHz link (step 10) fails.
    ASSERT_EQ(r.step(0), 10u);
    for (int lane : {best, first}) {
        EXPECT_EQ(r.at(lane, 9).freeBytes, 525 * kHz);
        EXPECT_EQ(r.at(lane, 9).largestFree, 200 * kHz);
        EXPECT_EQ(r.at(lane, 10).failed, 1u);
    }
    // The call (step 11): best fit's smallest fitting block is 875:125; first fit's lowest is 225:200.
    ASSERT_EQ(r.step(1), 11u);
    const auto bestCall = eventsOfKind<Allocated>(r.eventsOf(best, 11));
    const auto firstCall = eventsOfKind<Allocated>(r.eventsOf(first, 11));
    ASSERT_EQ(bestCall.size(), 1u);
    ASSERT_EQ(firstCall.size(), 1u);
    EXPECT_EQ(bestCall[0].at.value(), 875 * kHz);
    EXPECT_EQ(firstCall[0].at.value(), 225 * kHz);
    // The call at 425 ends (step 12) and merges with both neighbours.
    ASSERT_EQ(r.step(2), 12u);
    EXPECT_EQ(eventsOfKind<Coalesced>(r.eventsOf(best, 12)).size(), 2u);
    EXPECT_EQ(r.at(best, 12).largestFree, 425 * kHz);  // 225..650
    EXPECT_EQ(r.at(first, 12).largestFree, 400 * kHz); // 250..650
    // The link again (step 13): it fits in both.
    ASSERT_EQ(r.step(3), 13u);
    for (int lane : {best, first})
        EXPECT_EQ(r.at(lane, 13).failed, 1u);
}

TEST(Scenarios, SensorNodeThePoolNeverFragmentsAndTakesOneStep)
{
    const Ran r = run("sensor-node");
    enum { pool, first };
    const auto& ops = r.scenario.trace.ops;
    for (std::size_t step = 1; step <= ops.size(); ++step) {
        const Metrics& p = r.at(pool, step);
        EXPECT_EQ(p.externalFragmentation(), 0.0); // the spec: always 0 for a pool
        if (ops[step - 1].kind == OpKind::Malloc) {
            EXPECT_EQ(p.examined, 1u) << "a slot from the stack, at step " << step;
        }
        // 56 bytes in a 56-byte slot; in an 80-byte block: 1 - 56/80 = 30%.
        if (p.usedBlocks > 0) {
            EXPECT_EQ(p.internalFragmentation(), 0.0);
            EXPECT_DOUBLE_EQ(r.at(first, step).internalFragmentation(), 1.0 - 56.0 / 80.0);
        }
    }
    EXPECT_EQ(r.lanes[pool].final.failed, 0u);
    EXPECT_EQ(r.lanes[first].final.failed, 0u);
    // The first summary, [0,80), is freed while the second, [80,160), is kept:
    // free are [0,80) and [160,1792): 1 - 1632 / 1712.
    const Metrics& split = r.at(first, r.step(0));
    EXPECT_EQ(split.freeBlocks, 2u);
    EXPECT_EQ(split.freeBytes, 1712u);
    EXPECT_EQ(split.largestFree, 1632u);
    EXPECT_GT(split.externalFragmentation(), 0.0);
    EXPECT_EQ(r.at(pool, r.step(0)).externalFragmentation(), 0.0);
    EXPECT_TRUE(r.lanes[pool].leaks.empty());
}

TEST(Scenarios, StringsTheHugeOnesGrowTheHeapAndSegregatedFitsSearchesLess)
{
    const Ran r = run("strings");
    enum { segregated, first };
    const auto& ops = r.scenario.trace.ops;
    const Size huge = 8192; // the workload's huge strings: maxSize / 2 and up
    ASSERT_EQ(r.scenario.bookmarks.size(), 3u);
    const std::size_t grows = r.step(0);
    EXPECT_GE(ops[grows - 1].size, huge);
    for (std::size_t i = 0; i + 1 < grows; ++i)
        EXPECT_FALSE(ops[i].kind == OpKind::Malloc && ops[i].size >= huge) << "the first huge string";
    for (int lane : {segregated, first})
        EXPECT_GT(r.at(lane, grows).heapSize, r.at(lane, grows - 1).heapSize) << "the heap grows for it";
    // Its hole is at least its block (coalescing only enlarges it).
    const std::size_t freed = r.step(1);
    EXPECT_EQ(ops[freed - 1].kind, OpKind::Free);
    for (int lane : {segregated, first})
        EXPECT_GE(r.at(lane, freed).largestFree, huge + 16);
    EXPECT_LT(r.lanes[segregated].totalExamined(), r.lanes[first].totalExamined());
}

TEST(Scenarios, ParticlesTheOffScreenOnesLeakAndAreListedAtTheEnd)
{
    const Ran r = run("particles");
    // Independently of the generator: the ids allocated and never freed.
    std::map<TraceId, LineNo> lineOf;
    std::set<TraceId> freed;
    std::size_t liveAtBookmark = 0;
    const auto& ops = r.scenario.trace.ops;
    for (std::size_t i = 0; i < ops.size(); ++i) {
        if (ops[i].kind == OpKind::Malloc)
            lineOf[ops[i].id] = ops[i].line;
        else if (ops[i].kind == OpKind::Free)
            freed.insert(ops[i].id);
        if (i + 1 == r.step(0))
            liveAtBookmark = lineOf.size() - freed.size();
    }
    std::vector<LeakReport> expected;
    for (const auto& [id, line] : lineOf)
        if (!freed.contains(id))
            expected.push_back({line, id, 48});
    ASSERT_FALSE(expected.empty());
    EXPECT_NE(r.scenario.bookmarks.back().text.find(" " + std::to_string(expected.size()) + " off-screen"),
              std::string::npos);
    EXPECT_EQ(r.scenario.bookmarks.back().step, ops.size());
    for (const RunResult& lane : r.lanes) {
        std::vector<LeakReport> leaks = lane.leaks;
        std::sort(leaks.begin(), leaks.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
        EXPECT_EQ(leaks, expected);
        EXPECT_EQ(lane.samples[r.step(0) - 1].usedBlocks, liveAtBookmark);
        EXPECT_EQ(lane.final.usedBlocks, expected.size());
        EXPECT_TRUE(lane.faults.empty());
    }
    // First fit: need(48) = 64 bytes a particle; the leaks alone hold that much heap.
    EXPECT_GE(r.lanes[0].final.heapSize, expected.size() * 64);
}

TEST(Scenarios, PowerOfTwoTheBuddySystemsRoundingShowsAndRefusesAJob)
{
    const Ran r = run("power-of-two");
    enum { buddy, first };
    // Jobs of 33, 17, 9, 5, 3 nodes (payload k KiB - 16): the buddy system
    // grants 64 + 32 + 16 + 8 + 4 = 124 KiB for 67 KiB - 80 bytes.
    ASSERT_EQ(r.step(0), 5u);
    const Size payload = 67 * kK - 5 * 16;
    EXPECT_EQ(r.at(buddy, 5).livePayload, payload);
    EXPECT_EQ(r.at(buddy, 5).allocatedBytes, 124 * kK);
    EXPECT_GT(r.at(buddy, 5).internalFragmentation(), 0.46); // 1 - 68,528 / 126,976 = 0.4603
    EXPECT_EQ(r.at(first, 5).allocatedBytes, 67 * kK);
    EXPECT_LT(r.at(first, 5).internalFragmentation(), 0.002); // 80 / 68,608
    // 65 nodes: 128 granted, [128, 256).
    ASSERT_EQ(r.step(1), 6u);
    EXPECT_EQ(r.at(buddy, 6).allocatedBytes, 252 * kK);
    // 60 nodes need 64: the buddy heap has only [124, 128) free.
    ASSERT_EQ(r.step(2), 7u);
    EXPECT_EQ(r.at(buddy, 7).failed, 1u);
    EXPECT_EQ(r.at(buddy, 7).freeBytes, 4 * kK);
    EXPECT_EQ(r.at(first, 7).failed, 0u);
    EXPECT_EQ(r.at(first, 7).freeBytes, (256 - 67 - 65 - 60) * kK);
}

TEST(Scenarios, GuardianTheOverflowIsCaughtByTheCanaryAndTheFaultsAtTheirLines)
{
    const Ran r = run("guardian", /*events=*/true);
    enum { plain, canary };
    ASSERT_EQ(r.scenario.lanes, (std::vector<std::string>{"first", "first:canary=16"}));
    // a 0 64, a 1 32, w 0 0 64, w 0 0 76, f 0, f 0, w 0 0 8, f 1 on lines 5..12.
    const std::vector<FaultReport> faults = {
        {8, FaultKind::Overflow, 0}, {10, FaultKind::DoubleFree, 0}, {11, FaultKind::UseAfterFree, 0}};
    for (const RunResult& lane : r.lanes) {
        EXPECT_EQ(lane.faults, faults);
        EXPECT_TRUE(lane.leaks.empty());
    }
    ASSERT_EQ(r.step(0), 3u);
    EXPECT_EQ(r.at(plain, 3).faults, 0u);
    // Step 4: 12 bytes past the payload [8, 72). Without canaries the block
    // is 80 bytes (8 + 64 + 8): the footer [72, 80), then 4 bytes of the next
    // block's header at 80. With 16: 96 bytes, the canary [72, 88) holds all 12.
    ASSERT_EQ(r.step(1), 4u);
    for (int lane : {plain, canary}) {
        const auto f = eventsOfKind<Fault>(r.eventsOf(lane, 4));
        ASSERT_EQ(f.size(), 1u);
        EXPECT_EQ(f[0].damageAt.value(), 72u);
        EXPECT_EQ(f[0].damage, 12u);
    }
    const auto next = [&](int lane) { return eventsOfKind<Allocated>(r.eventsOf(lane, 2)).at(0).at.value(); };
    EXPECT_EQ(next(plain), 80u);  // 72 + 12 = 84 > 80: into its header
    EXPECT_EQ(next(canary), 96u); // 84 <= 88: inside the canary
    // Step 5: the free checks the canary, in the canary lane only.
    ASSERT_EQ(r.step(2), 5u);
    EXPECT_TRUE(eventsOfKind<CanaryBroken>(r.eventsOf(plain, 5)).empty());
    const auto caught = eventsOfKind<CanaryBroken>(r.eventsOf(canary, 5));
    ASSERT_EQ(caught.size(), 1u);
    EXPECT_EQ(caught[0].damagedAt, 8u);
    ASSERT_EQ(r.step(3), 6u);
    ASSERT_EQ(r.step(4), 7u);
    EXPECT_EQ(r.at(canary, 7).faults, 3u);
}

TEST(Scenarios, FiftyPercentNextFitAtEquilibriumHasHalfAsManyFreeBlocks)
{
    const Ran r = run("fifty-percent", /*events=*/true);
    const RunResult& next = r.lanes[0];
    ASSERT_EQ(next.lane.family, "next");
    // 400 allocations into an empty growing heap: each grows it exactly, none is free.
    EXPECT_EQ(r.at(0, r.step(0)).freeBlocks, 0u);
    EXPECT_EQ(r.at(0, r.step(0)).usedBlocks, 400u);
    // Knuth (TAOCP 2.5, the fifty-percent rule): at equilibrium with N used
    // blocks, each equally likely to be freed next (Larson frees a random
    // one), the free blocks average about p N / 2, where p is the chance that
    // an allocation leaves a remainder (splits). p is counted from the run's
    // Split events; the window starts after 10 N operations, long after the
    // warm-up, and ends before the final frees. Tolerance 0.05: the free count
    // has a standard deviation near sqrt(200) = 14, 0.035 of N per sample;
    // the mean over ~7,000 steps with a correlation time near N = 400 steps
    // has ~18 independent samples, so ~0.01; the rule's own approximations
    // (the free block at the top, growth taking a block whole) add well under
    // 0.01. 0.05 is five standard deviations and the biases together.
    const std::size_t from = 4000, to = r.step(2);
    ASSERT_GT(to, from + 5000);
    double ratio = 0;
    std::size_t mallocs = 0, splits = 0;
    for (std::size_t step = from; step <= to; ++step) {
        const Metrics& m = r.at(0, step);
        ASSERT_EQ(m.usedBlocks + (r.scenario.trace.ops[step - 1].kind == OpKind::Free ? 1u : 0u), 400u);
        ratio += double(m.freeBlocks) / double(m.usedBlocks);
        if (r.scenario.trace.ops[step - 1].kind == OpKind::Malloc) {
            ++mallocs;
            splits += eventsOfKind<Split>(r.eventsOf(0, step)).empty() ? 0 : 1;
        }
    }
    ratio /= double(to - from + 1);
    const double p = double(splits) / double(mallocs);
    EXPECT_GT(p, 0.9); // sizes spread over 16..4096: an exact fit is rare
    EXPECT_NEAR(ratio, p / 2, 0.05);
    EXPECT_TRUE(next.leaks.empty());
}
