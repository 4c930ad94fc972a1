// runStream against runTrace: the same final figures, faults, leaks and heap
// for every lane, and the same errors, while reading the trace in chunks on
// a thread of its own.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/sim/lanesummary.h"
#include "core/sim/run.h"
#include "core/sim/streamrun.h"
#include "core/trace/tracestream.h"
#include "core/trace/workloads.h"
#include "support/heaptesting.h"

using namespace heapviz;
using heapviz::testing::fileWith;

namespace {

// A lane of every family, on `heap` ("grow" or a size), with its quirks
// (next fit's rover, LIFO lists, a pool that serves one size).
std::vector<LaneSpec> everyFamily(const std::string& heap)
{
    HeapConfig config = heapviz::testing::defaultConfig();
    std::string error;
    if (heap != "grow")
        config.fixedSize = std::stoull(heap);
    std::vector<LaneSpec> lanes;
    for (const char* text : {"first", "next", "best", "worst", "segregated:order=lifo", "tlsf", "buddy",
                             "pool:slot=128"}) {
        auto lane = parseLane(text, config, error);
        EXPECT_TRUE(lane) << text << ": " << error;
        if (lane && validateLane(*lane).empty())
            lanes.push_back(*lane);
    }
    return lanes;
}

void expectSameSummary(const LaneSummary& whole, const LaneSummary& streamed, const std::string& what)
{
    const std::string where = what + ", " + whole.lane.text;
    EXPECT_EQ(whole.lane.text, streamed.lane.text) << where;
    EXPECT_EQ(whole.final, streamed.final) << where;
    EXPECT_EQ(whole.examined, streamed.examined) << where;
    EXPECT_EQ(whole.faults, streamed.faults) << where;
    EXPECT_EQ(whole.leaks, streamed.leaks) << where;
    EXPECT_EQ(whole.finalBlocks, streamed.finalBlocks) << where;
    EXPECT_EQ(whole.finalBins.name, streamed.finalBins.name) << where;
    EXPECT_EQ(whole.finalBins.columns, streamed.finalBins.columns) << where;
    EXPECT_EQ(whole.finalBins.rows, streamed.finalBins.rows) << where;
}

// runTrace's summary of each lane against runStream's, on small chunks and a
// shallow queue so that the reader and the lanes take turns many times.
void expectStreamMatchesWholeTrace(const Trace& trace, OpSource& source, const std::vector<LaneSpec>& lanes)
{
    const StreamResult streamed =
        runStream(source, {.lanes = lanes, .countExamined = true, .chunkOps = 97, .queueDepth = 2});
    EXPECT_EQ(streamed.operations, trace.ops.size()) << trace.name;
    ASSERT_EQ(streamed.lanes.size(), lanes.size());
    for (std::size_t i = 0; i < lanes.size(); ++i)
        expectSameSummary(summarize(runTrace(trace, {.lane = lanes[i], .countExamined = true})), streamed.lanes[i],
                          trace.name);
}

} // namespace

TEST(StreamRun, EveryFamilyEndsAsTheWholeTraceRunEndsOnTheSharedTraces)
{
    const auto files = heapviz::testing::sharedTraceFiles();
    if (files.empty())
        GTEST_SKIP() << "no ../shared/traces";
    for (const std::string& path : files) {
        TraceStream source(path);
        expectStreamMatchesWholeTrace(loadTrace(path), source, everyFamily("grow"));
    }
}

TEST(StreamRun, FaultsLeaksFailuresAndCompactionsAreKept)
{
    // Double free, invalid free, id reuse, overflow, use after free, a leak;
    // on a small fixed heap some requests fail, and compaction runs on failure.
    std::string text = "a 0 100\na 1 200\nf 0\nf 0\nf 9\na 1 8\nw 1 190 20\nf 1\nw 1 0 1\n";
    for (int i = 2; i < 300; ++i)
        text += "a " + std::to_string(i) + " " + std::to_string(16 + i * 7 % 500) + "\n"
                + (i % 3 ? "f " + std::to_string(i - 1) + "\n" : "");
    const std::string path = fileWith("faults.rep", text);
    std::vector<LaneSpec> lanes = everyFamily("16384");
    std::string error;
    for (LaneSpec& lane : lanes)
        lane.config.compact = *CompactTrigger::parse("on-failure", error);
    TraceStream source(path);
    expectStreamMatchesWholeTrace(loadTrace(path), source, lanes);
}

TEST(StreamRun, AGeneratedWorkloadEndsAsTheGeneratedTrace)
{
    WorkloadSpec spec;
    spec.kind = WorkloadKind::Larson;
    spec.ops = 20000;
    spec.live = 500;
    WorkloadStream source(spec);
    expectStreamMatchesWholeTrace(generateWorkload(spec), source, everyFamily("grow"));
}

TEST(StreamRun, AParseErrorAfterManyChunksIsTheSameErrorAndEveryThreadStops)
{
    std::string text;
    for (int i = 0; i < 20000; ++i)
        text += "a " + std::to_string(i % 50) + " 24\nf " + std::to_string(i % 50) + "\n";
    text += "a 1 two\n";
    const std::string path = fileWith("late-error.rep", text);
    std::string expected;
    try {
        loadTrace(path);
    } catch (const TraceError& e) {
        expected = e.what();
    }
    ASSERT_EQ(expected, path + ":40001: expected a size (0 to 18446744073709551615), got 'two'");
    TraceStream source(path);
    try {
        runStream(source, {.lanes = everyFamily("grow"), .chunkOps = 64, .queueDepth = 1});
        FAIL() << "the malformed line was not reported";
    } catch (const TraceError& e) {
        EXPECT_EQ(std::string(e.what()), expected);
        EXPECT_EQ(e.file(), path);
        EXPECT_EQ(e.line(), 40001u);
    }
}

TEST(StreamRun, AnEmptyTraceEndsWhereItStarted)
{
    const std::string path = fileWith("empty.rep", "# nothing\n");
    TraceStream source(path);
    const StreamResult r = runStream(source, {.lanes = everyFamily("grow"), .countExamined = true});
    EXPECT_EQ(r.operations, 0u);
    for (const LaneSummary& lane : r.lanes) {
        EXPECT_EQ(lane.final.usedBlocks, 0u) << lane.lane.text;
        EXPECT_EQ(lane.examined, 0u) << lane.lane.text;
    }
}
