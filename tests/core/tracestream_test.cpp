// The chunked readers of a trace: a .rep file (TraceStream) and a generated
// workload (WorkloadStream) give the very ops, lines, slots and errors that
// the whole-trace readers give, whatever the chunk size.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/trace/traceparser.h"
#include "core/trace/tracestream.h"
#include "core/trace/tracewriter.h"
#include "core/trace/workloads.h"
#include "support/heaptesting.h"

using namespace heapviz;
using heapviz::testing::fileWith;

namespace {

// Every op of source, read `most` at a time.
OpList readAll(OpSource& source, std::size_t most)
{
    OpList all, chunk;
    while (source.read(chunk, most)) {
        EXPECT_LE(chunk.size(), most);
        all.insert(all.end(), chunk.begin(), chunk.end());
    }
    EXPECT_TRUE(chunk.empty()) << "a source that is done gives an empty chunk";
    return all;
}

void expectSameOps(const OpList& expected, const OpList& actual, const std::string& what)
{
    ASSERT_EQ(expected.size(), actual.size()) << what;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const Op& e = expected[i];
        const Op& a = actual[i];
        ASSERT_TRUE(e.kind == a.kind && e.id == a.id && e.size == a.size && e.offset == a.offset
                    && e.line == a.line && e.slot == a.slot)
            << what << ": op " << i << " (line " << e.line << ") differs";
    }
}

// What loadTrace says of path, and what a TraceStream says ("" when fine).
std::string loadError(const std::string& path)
{
    try {
        loadTrace(path);
    } catch (const TraceError& e) {
        return e.what();
    }
    return "";
}

std::string streamError(const std::string& path, std::size_t most)
{
    try {
        TraceStream stream(path);
        readAll(stream, most);
    } catch (const TraceError& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST(TraceStream, ReadsTheOpsLinesAndSlotsLoadTraceReads)
{
    // A header, comments, CR line ends, blank lines, free(NULL), a write, an
    // id reused, and a last line with no '\n'.
    const std::string path = fileWith("mixed.rep", "20000\r\n3\n# note\n\n5\na 7 10\r\n  a 3 20 # x\nw 7 -2 4\n"
                                                   "f 7\nf -1\n\na 7 30\nr 3 40");
    const Trace whole = loadTrace(path);
    ASSERT_EQ(whole.ops.size(), 7u);
    for (std::size_t most : {1, 2, 3, 1000}) {
        TraceStream stream(path);
        EXPECT_EQ(stream.name(), path);
        expectSameOps(whole.ops, readAll(stream, most), "chunks of " + std::to_string(most));
    }
}

TEST(TraceStream, ReadsEverySharedTraceAsLoadTraceDoes)
{
    const auto files = heapviz::testing::sharedTraceFiles();
    if (files.empty())
        GTEST_SKIP() << "no ../shared/traces";
    for (const std::string& path : files) {
        TraceStream stream(path);
        expectSameOps(loadTrace(path).ops, readAll(stream, 4096), path);
    }
}

TEST(TraceStream, ALineLongerThanWhatItReadsAtOnceStaysOneLine)
{
    // A comment of 200,000 bytes spans several reads of the file.
    const std::string path = fileWith("long.rep", "a 0 8\na 1 16 #" + std::string(200000, 'x') + "\nf 0\n");
    TraceStream stream(path);
    const OpList ops = readAll(stream, 16);
    ASSERT_EQ(ops.size(), 3u);
    EXPECT_EQ(ops[1].size, 16u);
    EXPECT_EQ(ops[2].line, 3u);
}

TEST(TraceStream, AMalformedLineGivesLoadTracesMessageWithFileAndLine)
{
    const std::string path = fileWith("bad.rep", "a 0 8\nf 0\n\nq 1 2\n");
    EXPECT_EQ(loadError(path), path + ":4: expected 'a ID SIZE', 'f ID', 'r ID SIZE' or 'w ID OFFSET LENGTH', got 'q 1 2'");
    EXPECT_EQ(streamError(path, 1), loadError(path));

    // Each kind of mistake the grammar names, far enough down the file that
    // the stream has handed out chunks before it meets it.
    std::string good;
    for (int i = 0; i < 5000; ++i)
        good += "a " + std::to_string(i) + " 8\n";
    for (const std::string& bad : std::vector<std::string>{"a 1", "f x", "r -1 8", "w 1 +2 3", "w 1 0 0", "a 1 99999999999999999999", "1",
                                                           std::string("a 1 2\0", 6)}) {
        const std::string file = fileWith("bad.rep", good + bad + "\n");
        EXPECT_NE(loadError(file), "") << bad;
        EXPECT_EQ(streamError(file, 64), loadError(file)) << bad;
    }
}

TEST(TraceStream, AFileThatCannotBeOpenedIsTheSameError)
{
    const std::string missing = fileWith("dir", "") + "-missing.rep";
    EXPECT_EQ(streamError(missing, 8), missing + ": cannot open: No such file or directory");
    EXPECT_EQ(streamError(missing, 8), loadError(missing));
    const std::string dir = std::filesystem::path(::testing::TempDir()).string();
    EXPECT_EQ(streamError(dir, 8), loadError(dir));
}

TEST(WorkloadStream, GivesGenerateWorkloadsOpsForEveryKindAndChunkSize)
{
    for (const std::string name : {"uniform", "exponential", "lifo", "larson", "ramp", "peak", "plateau", "bursts",
                                   "strings"}) {
        for (bool freeAtEnd : {true, false}) {
            WorkloadSpec spec;
            spec.kind = *workloadFromName(name);
            spec.ops = 5003; // odd, so that the drain's realloc is needed
            spec.live = 300;
            spec.seed = 7;
            spec.freeAtEnd = freeAtEnd;
            const Trace whole = generateWorkload(spec);
            for (std::size_t most : {1, 7, 4096, 100000}) {
                WorkloadStream stream(spec);
                EXPECT_EQ(stream.name(), whole.name);
                expectSameOps(whole.ops, readAll(stream, most),
                              name + (freeAtEnd ? "" : " (no drain)") + ", chunks of " + std::to_string(most));
                EXPECT_EQ(stream.slots(), whole.slots) << name;
            }
        }
    }
}

TEST(WorkloadStream, RefusesAnInvalidSpecWithValidatesSentence)
{
    WorkloadSpec spec;
    spec.ops = 0;
    EXPECT_THROW(WorkloadStream{spec}, std::invalid_argument);
    try {
        WorkloadStream stream(spec);
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()), validateWorkload(spec));
    }
}

TEST(WorkloadStream, IsWrittenAsTheWholeGeneratedTraceIsHeaderAndAll)
{
    for (const std::string name : {"uniform", "larson", "bursts"}) {
        WorkloadSpec spec;
        spec.kind = *workloadFromName(name);
        spec.ops = 40001; // more than one chunk of the writer
        spec.live = 700;
        WorkloadStream first(spec), again(spec);
        std::ostringstream streamed;
        writeTrace(streamed, first, again);
        EXPECT_EQ(streamed.str(), traceToString(generateWorkload(spec))) << name;
    }
}
