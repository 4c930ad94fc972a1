// Every trace of ../shared/traces through every fit, both presets, growing
// and fixed heaps, with the invariants checked as it runs. Skipped on a clone
// that has no shared folder beside it.

#include <gtest/gtest.h>

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
void runChecked(const Trace& trace, const HeapConfig& config, Strategy strategy)
{
    Simulator sim(laneOf(strategy, config), trace.slots, nullptr, true);
    for (std::size_t i = 0; i < trace.ops.size(); ++i) {
        sim.apply(trace.ops[i]);
        if (i < 3000 || i % 97 == 0 || i + 1 == trace.ops.size())
            ASSERT_EQ(sim.checkInvariants(), "")
                << trace.name << ":" << trace.ops[i].line << " " << strategyName(strategy);
    }
    const Metrics& m = sim.metrics();
    EXPECT_EQ(m.faults, 0u) << "the published traces are well-formed programs";
    if (!config.fixedSize)
        EXPECT_EQ(m.failed, 0u) << "a growing heap never fails a real-sized request";
}

} // namespace

TEST_P(SharedTrace, RunsThroughEveryFitPresetAndHeapWithInvariants)
{
    if (GetParam().empty())
        GTEST_SKIP() << "no ../shared/traces beside the project";
    const Trace trace = loadTrace(GetParam());
    for (const char* preset : {"default", "csapp"})
        for (Strategy s : kAllStrategies) {
            HeapConfig grow = *HeapConfig::fromPreset(preset);
            runChecked(trace, grow, s);
            // Fixed: room for the peak payload and a quarter more, so that the
            // fits that fragment most run out first.
            const RunResult r = runTrace(trace, {laneOf(s, grow)});
            HeapConfig fixed = grow;
            const Size room = (r.samples.empty() ? 0 : std::max_element(r.samples.begin(), r.samples.end(),
                                  [](const Metrics& a, const Metrics& b) { return a.peakPayload < b.peakPayload; })->peakPayload) * 5 / 4;
            fixed.fixedSize = grow.prefix + grow.suffix + std::max(room / grow.align * grow.align, grow.minBlock);
            runChecked(trace, fixed, s);
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
