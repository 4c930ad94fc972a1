// Every trace of ../shared/traces through every allocator family, both
// presets, growing and fixed heaps, with the invariants checked as it runs.
// Skipped on a clone that has no shared folder beside it.

#include <gtest/gtest.h>

#include <bit>
#include <filesystem>

#include "support/heaptesting.h"

using namespace heapviz;
using namespace heapviz::testing;

namespace {

class SharedTrace : public ::testing::TestWithParam<std::string> {};

std::string traceName(const ::testing::TestParamInfo<std::string>& info)
{
    std::string name = std::filesystem::path(info.param).stem().string();
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    return name;
}

// Invariant checks cost O(blocks) each: after every operation for the first
// few thousand, then every 97th, and always after the last.
void runChecked(const Trace& trace, const LaneSpec& lane)
{
    ASSERT_EQ(validateLane(lane), "");
    Simulator sim(lane, trace.slots, nullptr, true);
    for (std::size_t i = 0; i < trace.ops.size(); ++i) {
        sim.apply(trace.ops[i]);
        if (i < 3000 || i % 97 == 0 || i + 1 == trace.ops.size()) {
            ASSERT_EQ(sim.checkInvariants(), "") << trace.name << ":" << trace.ops[i].line << " " << lane.text;
        }
    }
    const Metrics& m = sim.metrics();
    EXPECT_EQ(m.faults, 0u) << "the published traces are well-formed programs";
    if (!lane.config.fixedSize && lane.kind != FamilyKind::Pool) { // a pool serves one size only
        EXPECT_EQ(m.failed, 0u) << lane.text << ": a growing heap never fails a real-sized request";
    }
}

// A fixed heap of room for the peak payload and a quarter more (so that the
// families that waste most run out first), in a size each family takes.
LaneSpec fixedFor(const Trace& trace, LaneSpec lane)
{
    const RunResult r = runTrace(trace, {lane});
    Size room = 0;
    for (const Metrics& m : r.samples)
        room = std::max(room, m.peakPayload);
    room = room * 5 / 4;
    const HeapConfig& c = lane.config;
    switch (lane.kind) {
    case FamilyKind::BoundaryTag:
        lane.config.fixedSize = c.prefix + c.suffix + std::max(room / c.align * c.align, c.minBlock);
        break;
    case FamilyKind::Buddy: lane.config.fixedSize = std::bit_ceil(std::max<Size>(room, 1) * 2); break;
    case FamilyKind::Pool: lane.config.fixedSize = std::max<Size>(room / lane.pool.slot, 1) * lane.pool.slot; break;
    }
    return lane;
}

} // namespace

TEST_P(SharedTrace, RunsThroughEveryFamilyPresetAndHeapWithInvariants)
{
    if (GetParam().empty())
        GTEST_SKIP() << "no ../shared/traces beside the project";
    const Trace trace = loadTrace(GetParam());
    for (const char* preset : {"default", "csapp"})
        for (const Family& family : families()) {
            const LaneSpec grow = laneOf(family.name, *HeapConfig::fromPreset(preset));
            runChecked(trace, grow);
            runChecked(trace, fixedFor(trace, grow));
        }
}

// Listed at build time; an empty list (no shared folder) makes one skipped test.
INSTANTIATE_TEST_SUITE_P(Traces, SharedTrace,
                         ::testing::ValuesIn([] {
                             auto files = sharedTraceFiles();
                             return files.empty() ? std::vector<std::string>{""} : files;
                         }()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                             return info.param.empty() ? std::string("none") : traceName(info);
                         });

TEST(SharedTraceFolder, IsThereOrSkipped)
{
    if (sharedTracesDir().empty())
        GTEST_SKIP() << "no ../shared/traces beside the project";
    EXPECT_GE(sharedTraceFiles().size(), 13u);
}
