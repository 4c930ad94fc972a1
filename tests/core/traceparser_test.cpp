#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/trace/traceparser.h"
#include "core/trace/tracewriter.h"

using namespace heapviz;

namespace {

// The what() of the TraceError that parsing text throws, or "(no error)".
std::string errorOf(std::string_view text, std::string name = "trace.rep")
{
    try {
        parseTrace(text, std::move(name));
    } catch (const TraceError& error) {
        return error.what();
    }
    return "(no error)";
}

Op makeOp(OpKind kind, TraceId id, Size size = 0)
{
    Op op;
    op.kind = kind;
    op.id = id;
    op.size = size;
    return op;
}

void expectSameOps(const OpList& expected, const OpList& actual)
{
    ASSERT_EQ(expected.size(), actual.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(expected[i].kind, actual[i].kind) << "op " << i;
        EXPECT_EQ(expected[i].id, actual[i].id) << "op " << i;
        EXPECT_EQ(expected[i].size, actual[i].size) << "op " << i;
    }
}

// A file name in the temporary folder that a concurrent run of these tests
// (another build's) does not use at the same moment.
std::string tempPath(const std::string& name)
{
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    return (std::filesystem::path(::testing::TempDir()) / (std::to_string(stamp) + "_" + name)).string();
}

std::vector<std::filesystem::path> sharedTraceFiles()
{
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(HEAPVIZ_SHARED_TRACES)) {
        if (entry.is_regular_file() && entry.path().extension() == ".rep")
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

TEST(TraceParser, ReadsHeaderOpsAndLines)
{
    const Trace trace = parseTrace("20000\n2\n4\n1\na 0 2040\nr 0 4000\nf 0\nf -1\n", "t.rep");
    EXPECT_EQ(trace.name, "t.rep");
    EXPECT_EQ(trace.header, (std::vector<std::uint64_t>{20000, 2, 4, 1}));
    ASSERT_EQ(trace.ops.size(), 4u);
    expectSameOps({makeOp(OpKind::Malloc, 0, 2040), makeOp(OpKind::Realloc, 0, 4000),
                   makeOp(OpKind::Free, 0), makeOp(OpKind::Free, -1)},
                  trace.ops);
    EXPECT_EQ(trace.ops[0].line, 5u);
    EXPECT_EQ(trace.ops[3].line, 8u);
}

TEST(TraceParser, EmptyFileIsAValidTraceWithNoOps)
{
    const Trace trace = parseTrace("", "empty.rep");
    EXPECT_TRUE(trace.header.empty());
    EXPECT_TRUE(trace.ops.empty());
    EXPECT_EQ(trace.slots, 0u);
}

TEST(TraceParser, BlankAndCommentLinesOnlyGiveNoOps)
{
    const Trace trace = parseTrace("\n   \n\t\n# nothing here\n  # nor here\r\n", "t.rep");
    EXPECT_TRUE(trace.header.empty());
    EXPECT_TRUE(trace.ops.empty());
}

TEST(TraceParser, HeaderOfZeroToFourLines)
{
    const std::vector<std::uint64_t> values = {7, 0, 18446744073709551615u, 3};
    for (std::size_t n = 0; n <= 4; ++n) {
        std::string text;
        for (std::size_t i = 0; i < n; ++i)
            text += std::to_string(values[i]) + "\n";
        text += "a 1 8\nf 1\n";
        const Trace trace = parseTrace(text, "t.rep");
        EXPECT_EQ(trace.header, std::vector<std::uint64_t>(values.begin(), values.begin() + n)) << n;
        ASSERT_EQ(trace.ops.size(), 2u) << n;
        EXPECT_EQ(trace.ops[0].line, n + 1) << n;
    }
}

TEST(TraceParser, OnlyAHeaderIsAValidTraceWithNoOps)
{
    const Trace trace = parseTrace("1\n2\n0\n1\n", "t.rep");
    EXPECT_EQ(trace.header.size(), 4u);
    EXPECT_TRUE(trace.ops.empty());
}

TEST(TraceParser, FifthHeaderLineIsAnError)
{
    EXPECT_EQ(errorOf("1\n2\n3\n4\n5\na 0 1\n"),
              "trace.rep:5: expected 'a ID SIZE', 'f ID', 'r ID SIZE' or 'w ID OFFSET LENGTH', got '5'");
}

TEST(TraceParser, HeaderLineAfterAnOpIsAnError)
{
    EXPECT_EQ(errorOf("1\na 0 1\n2\n"),
              "trace.rep:3: expected 'a ID SIZE', 'f ID', 'r ID SIZE' or 'w ID OFFSET LENGTH', got '2'");
}

TEST(TraceParser, HeaderMustBeANonNegative64BitInteger)
{
    EXPECT_EQ(errorOf("-5\n"), "trace.rep:1: expected a header integer (0 to 18446744073709551615), got '-5'");
    EXPECT_EQ(errorOf("18446744073709551616\n"),
              "trace.rep:1: expected a header integer (0 to 18446744073709551615), got '18446744073709551616'");
    EXPECT_EQ(errorOf("12abc\n"),
              "trace.rep:1: expected a header integer (0 to 18446744073709551615), got '12abc'");
    EXPECT_EQ(errorOf("+5\n"), "trace.rep:1: expected a header integer (0 to 18446744073709551615), got '+5'");
}

TEST(TraceParser, CrLfLineEndsAreAccepted)
{
    const Trace trace = parseTrace("2\r\n1\r\n2\r\n1\r\na 0 16\r\n\r\nf 0\r\n", "t.rep");
    EXPECT_EQ(trace.header, (std::vector<std::uint64_t>{2, 1, 2, 1}));
    expectSameOps({makeOp(OpKind::Malloc, 0, 16), makeOp(OpKind::Free, 0)}, trace.ops);
    EXPECT_EQ(trace.ops[1].line, 7u);
}

TEST(TraceParser, LoneTrailingCrAndMissingFinalNewlineAreAccepted)
{
    const Trace trace = parseTrace("a 0 16\nf 0\r", "t.rep");
    expectSameOps({makeOp(OpKind::Malloc, 0, 16), makeOp(OpKind::Free, 0)}, trace.ops);
}

TEST(TraceParser, CommentsAreIgnored)
{
    const Trace trace = parseTrace("# a trace\n4 # heap\na 0 16 # first\n# f 9\nf 0#done\n", "t.rep");
    EXPECT_EQ(trace.header, (std::vector<std::uint64_t>{4}));
    expectSameOps({makeOp(OpKind::Malloc, 0, 16), makeOp(OpKind::Free, 0)}, trace.ops);
    EXPECT_EQ(trace.ops[1].line, 5u);
}

TEST(TraceParser, SpacesAndTabsSeparateFields)
{
    const Trace trace = parseTrace("  a\t0 \t 16  \n\tf   0\t\n", "t.rep");
    expectSameOps({makeOp(OpKind::Malloc, 0, 16), makeOp(OpKind::Free, 0)}, trace.ops);
}

TEST(TraceParser, FreeOfNullIsAccepted)
{
    const Trace trace = parseTrace("f -1\na 5 1\nf -1\n", "t.rep");
    expectSameOps({makeOp(OpKind::Free, -1), makeOp(OpKind::Malloc, 5, 1), makeOp(OpKind::Free, -1)},
                  trace.ops);
    EXPECT_EQ(trace.ops[0].slot, kNoSlot);
    EXPECT_EQ(trace.ops[2].slot, kNoSlot);
    EXPECT_EQ(trace.slots, 1u);
}

TEST(TraceParser, LargestSizeAndIdAreAccepted)
{
    const Trace trace =
        parseTrace("a 9223372036854775807 18446744073709551615\nr 0 0\n", "t.rep");
    expectSameOps({makeOp(OpKind::Malloc, 9223372036854775807, 18446744073709551615u),
                   makeOp(OpKind::Realloc, 0, 0)},
                  trace.ops);
}

TEST(TraceParser, LeadingZerosAreDecimal)
{
    const Trace trace = parseTrace("a 007 010\n", "t.rep");
    expectSameOps({makeOp(OpKind::Malloc, 7, 10)}, trace.ops);
}

TEST(TraceParser, MissingSizeIsAnError)
{
    EXPECT_EQ(errorOf("a 0 1\na 3\n"), "trace.rep:2: expected 'a ID SIZE', got 'a 3'");
    EXPECT_EQ(errorOf("r 3\n"), "trace.rep:1: expected 'r ID SIZE', got 'r 3'");
    EXPECT_EQ(errorOf("a\n"), "trace.rep:1: expected 'a ID SIZE', got 'a'");
}

TEST(TraceParser, MissingIdIsAnError)
{
    EXPECT_EQ(errorOf("f\n"), "trace.rep:1: expected 'f ID', got 'f'");
}

TEST(TraceParser, ExtraTokenIsAnError)
{
    EXPECT_EQ(errorOf("a 1 2 3\n"), "trace.rep:1: expected 'a ID SIZE', got 'a 1 2 3'");
    EXPECT_EQ(errorOf("a 1 8\nf 1 2\n"), "trace.rep:2: expected 'f ID', got 'f 1 2'");
    EXPECT_EQ(errorOf("r 1 2 3 4 5\n"), "trace.rep:1: expected 'r ID SIZE', got 'r 1 2 3 4 5'");
}

TEST(TraceParser, UnknownOpIsAnError)
{
    EXPECT_EQ(errorOf("x 1 2\n"), "trace.rep:1: expected 'a ID SIZE', 'f ID', 'r ID SIZE' or 'w ID OFFSET LENGTH', got 'x 1 2'");
    EXPECT_EQ(errorOf("A 1 2\n"), "trace.rep:1: expected 'a ID SIZE', 'f ID', 'r ID SIZE' or 'w ID OFFSET LENGTH', got 'A 1 2'");
    EXPECT_EQ(errorOf("alloc 1 2\n"),
              "trace.rep:1: expected 'a ID SIZE', 'f ID', 'r ID SIZE' or 'w ID OFFSET LENGTH', got 'alloc 1 2'");
}

TEST(TraceParser, NegativeIdIsAnError)
{
    EXPECT_EQ(errorOf("a -5 10\n"), "trace.rep:1: expected an id (a non-negative integer), got '-5'");
    EXPECT_EQ(errorOf("f -2\n"), "trace.rep:1: expected an id (a non-negative integer), got '-2'");
    EXPECT_EQ(errorOf("f -01\n"), "trace.rep:1: expected an id (a non-negative integer), got '-01'");
}

TEST(TraceParser, MinusOneOutsideFreeIsAnError)
{
    EXPECT_EQ(errorOf("a -1 10\n"),
              "trace.rep:1: expected an id (a non-negative integer; -1 only in 'f -1'), got '-1'");
    EXPECT_EQ(errorOf("r -1 10\n"),
              "trace.rep:1: expected an id (a non-negative integer; -1 only in 'f -1'), got '-1'");
}

TEST(TraceParser, NonNumericFieldIsAnError)
{
    EXPECT_EQ(errorOf("f x\n"), "trace.rep:1: expected an id (a non-negative integer), got 'x'");
    EXPECT_EQ(errorOf("a 1x 10\n"), "trace.rep:1: expected an id (a non-negative integer), got '1x'");
    EXPECT_EQ(errorOf("a 1 ten\n"), "trace.rep:1: expected a size (0 to 18446744073709551615), got 'ten'");
    EXPECT_EQ(errorOf("a 1 1.5\n"), "trace.rep:1: expected a size (0 to 18446744073709551615), got '1.5'");
}

TEST(TraceParser, IdOverflowIsAnError)
{
    EXPECT_EQ(errorOf("f 9223372036854775808\n"),
              "trace.rep:1: expected an id (0 to 9223372036854775807), got '9223372036854775808'");
    EXPECT_EQ(errorOf("f 99999999999999999999999\n"),
              "trace.rep:1: expected an id (0 to 9223372036854775807), got '99999999999999999999999'");
}

TEST(TraceParser, SizeOverflowIsAnError)
{
    EXPECT_EQ(errorOf("a 1 18446744073709551616\n"),
              "trace.rep:1: expected a size (0 to 18446744073709551615), got '18446744073709551616'");
    EXPECT_EQ(errorOf("a 1 99999999999999999999\n"),
              "trace.rep:1: expected a size (0 to 18446744073709551615), got '99999999999999999999'");
}

TEST(TraceParser, NegativeSizeIsAnError)
{
    EXPECT_EQ(errorOf("a 1 -5\n"), "trace.rep:1: expected a size (0 to 18446744073709551615), got '-5'");
}

TEST(TraceParser, LeadingPlusIsAnError)
{
    EXPECT_EQ(errorOf("a +1 5\n"), "trace.rep:1: expected an id (a non-negative integer), got '+1'");
    EXPECT_EQ(errorOf("a 1 +5\n"), "trace.rep:1: expected a size (0 to 18446744073709551615), got '+5'");
}

TEST(TraceParser, GarbageBytesAreQuotedPrintably)
{
    EXPECT_EQ(errorOf("a 0 1\n\x01\x02\xff\xfe zz\n"),
              "trace.rep:2: expected 'a ID SIZE', 'f ID', 'r ID SIZE' or 'w ID OFFSET LENGTH', got '\\x01\\x02\\xff\\xfe zz'");
    EXPECT_EQ(errorOf("a 0 1\x0b\n"), "trace.rep:1: expected a size (0 to 18446744073709551615), got '1\\x0b'");
}

TEST(TraceParser, NulBytesAreAnError)
{
    const std::string text("a 0 1\nf 0\0\n", 11);
    EXPECT_EQ(errorOf(text), "trace.rep:2: expected an id (a non-negative integer), got '0\\x00'");
}

TEST(TraceParser, MessageQuotesTheLineWithoutCommentCrOrSurroundingBlanks)
{
    EXPECT_EQ(errorOf("  a 3\t # size is missing\r\n"), "trace.rep:1: expected 'a ID SIZE', got 'a 3'");
}

TEST(TraceParser, LongLinesAreQuotedShort)
{
    const std::string line = "a 1 2 " + std::string(100, 'z');
    EXPECT_EQ(errorOf(line), "trace.rep:1: expected 'a ID SIZE', got '" + line.substr(0, 40) + "...'");
}

TEST(TraceParser, TenMegabyteLineGivesAShortMessage)
{
    const std::string digits(10'000'000, '7');
    EXPECT_EQ(errorOf(digits),
              "trace.rep:1: expected a header integer (0 to 18446744073709551615), got '"
                  + digits.substr(0, 40) + "...'");
    const std::string ops = "a 0 " + digits + "\n";
    EXPECT_EQ(errorOf(ops), "trace.rep:1: expected a size (0 to 18446744073709551615), got '"
                                + digits.substr(0, 40) + "...'");
}

TEST(TraceParser, BinaryGarbageIsQuotedShortAfterEscaping)
{
    // Every byte of 0x80.. escapes to four characters: ten bytes fill the quote.
    const std::string garbage(200, char(0x9c));
    const std::string message = errorOf(garbage);
    std::string tenBytes;
    for (int i = 0; i < 10; ++i)
        tenBytes += "\\x9c";
    EXPECT_EQ(message, "trace.rep:1: expected 'a ID SIZE', 'f ID', 'r ID SIZE' or 'w ID OFFSET LENGTH', got '" + tenBytes + "...'");
}

TEST(TraceParser, AParseCanBeCancelledAndTellsItsProgress)
{
    std::string text;
    for (int i = 0; i < 200000; ++i)
        text += "a " + std::to_string(i) + " 8\n";
    std::atomic<std::size_t> bytes{0};
    std::atomic<bool> stop{false};
    const Trace trace = parseTrace(text, "big.rep", {&bytes, &stop});
    EXPECT_EQ(trace.ops.size(), 200000u);
    EXPECT_EQ(bytes.load(), text.size()) << "the whole text, counted once";
    stop = true;
    EXPECT_THROW(parseTrace(text, "big.rep", {nullptr, &stop}), Cancelled);
}

TEST(TraceParser, WritesTakeAnIdASignedOffsetAndAPositiveLength)
{
    const Trace t = parseTrace("a 5 64\nw 5 60 16\nw 5 -8 4\nw 5 -9223372036854775808 18446744073709551615\n", "t.rep");
    ASSERT_EQ(t.ops.size(), 4u);
    EXPECT_EQ(t.ops[1].kind, OpKind::Write);
    EXPECT_EQ(t.ops[1].id, 5);
    EXPECT_EQ(t.ops[1].offset, 60);
    EXPECT_EQ(t.ops[1].size, 16u);
    EXPECT_EQ(t.ops[2].offset, -8);
    EXPECT_EQ(t.ops[3].offset, std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(t.ops[3].size, std::numeric_limits<std::uint64_t>::max());
    EXPECT_EQ(t.ops[1].slot, t.ops[0].slot) << "a write names the same id";
}

TEST(TraceParser, ABadWriteSaysWhatWasExpected)
{
    EXPECT_EQ(errorOf("w 1 2\n"), "trace.rep:1: expected 'w ID OFFSET LENGTH', got 'w 1 2'");
    EXPECT_EQ(errorOf("w 1 2 0\n"), "trace.rep:1: expected a length (1 to 18446744073709551615), got '0'");
    EXPECT_EQ(errorOf("w 1 +2 4\n"),
              "trace.rep:1: expected an offset (-9223372036854775808 to 9223372036854775807), got '+2'");
    EXPECT_EQ(errorOf("w 1 -9223372036854775809 4\n"),
              "trace.rep:1: expected an offset (-9223372036854775808 to 9223372036854775807), got '-9223372036854775809'");
    EXPECT_EQ(errorOf("w -1 0 4\n"), "trace.rep:1: expected an id (a non-negative integer; -1 only in 'f -1'), got '-1'");
}

TEST(TraceParser, FirstErrorStopsTheParse)
{
    EXPECT_EQ(errorOf("a 0 1\nf\nx\n"), "trace.rep:2: expected 'f ID', got 'f'");
}

TEST(TraceParser, ErrorTellsFileLineAndMessage)
{
    try {
        parseTrace("a 0 1\n\nf 0 0\n", "dir/t.rep");
        FAIL() << "no error";
    } catch (const TraceError& error) {
        EXPECT_EQ(error.file(), "dir/t.rep");
        EXPECT_EQ(error.line(), 3u);
        EXPECT_EQ(error.message(), "expected 'f ID', got 'f 0 0'");
        EXPECT_STREQ(error.what(), "dir/t.rep:3: expected 'f ID', got 'f 0 0'");
    }
}

TEST(TraceParser, ErrorWithoutALineLeavesItOut)
{
    const TraceError error("x.rep", 0, "cannot open: No such file or directory");
    EXPECT_STREQ(error.what(), "x.rep: cannot open: No such file or directory");
}

TEST(TraceParser, RandomBytesNeverCrash)
{
    std::uint64_t state = 12345;
    auto nextByte = [&] {
        state = state * 6364136223846793005u + 1442695040888963407u;
        return static_cast<char>(state >> 56);
    };
    const std::string alphabet = "afr -1#\r\n\t0123456789";
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        const int length = static_cast<unsigned char>(nextByte());
        for (int i = 0; i < length; ++i) {
            const char byte = nextByte();
            // Mostly bytes a trace is made of, so that the parse gets deep.
            text += round % 2 ? byte : alphabet[static_cast<unsigned char>(byte) % alphabet.size()];
        }
        try {
            const Trace trace = parseTrace(text, "fuzz.rep");
            EXPECT_LE(trace.ops.size(), text.size());
        } catch (const TraceError& error) {
            EXPECT_GT(error.line(), 0u);
        }
    }
}

TEST(TraceParser, ParsesAMillionLines)
{
    std::string text;
    text.reserve(20'000'000);
    for (int i = 0; i < 500'000; ++i) {
        text += "a " + std::to_string(i) + " " + std::to_string(16 + i % 4000) + "\n";
        text += "f " + std::to_string(i) + "\n";
    }
    const Trace trace = parseTrace(text, "big.rep");
    EXPECT_EQ(trace.ops.size(), 1'000'000u);
    EXPECT_EQ(trace.slots, 500'000u);
    EXPECT_EQ(trace.ops.back().line, 1'000'000u);
}

TEST(TraceParser, SlotsAreDenseInOrderOfFirstUse)
{
    const Trace trace = parseTrace("a 40 1\na 7 1\nf 40\nf -1\na 40 2\nr 9 3\nf 7\n", "t.rep");
    std::vector<std::uint32_t> slots;
    for (const Op& op : trace.ops)
        slots.push_back(op.slot);
    EXPECT_EQ(slots, (std::vector<std::uint32_t>{0, 1, 0, kNoSlot, 0, 2, 1}));
    EXPECT_EQ(trace.slots, 3u);
}

TEST(TraceParser, AssignSlotsCanBeRunAgain)
{
    Trace trace = parseTrace("a 3 1\na 1 1\n", "t.rep");
    trace.ops.insert(trace.ops.begin(), makeOp(OpKind::Malloc, 1, 1));
    assignSlots(trace);
    EXPECT_EQ(trace.ops[0].slot, 0u);
    EXPECT_EQ(trace.ops[1].slot, 1u);
    EXPECT_EQ(trace.ops[2].slot, 0u);
    EXPECT_EQ(trace.slots, 2u);
}

TEST(TraceParser, LoadReadsAFile)
{
    const std::string path = tempPath("heapviz_load_test.rep");
    {
        std::ofstream out(path, std::ios::binary);
        out << "1\n2\n2\n1\na 0 8\r\nf 0\n";
    }
    const Trace trace = loadTrace(path);
    std::filesystem::remove(path);
    EXPECT_EQ(trace.name, path);
    expectSameOps({makeOp(OpKind::Malloc, 0, 8), makeOp(OpKind::Free, 0)}, trace.ops);
    EXPECT_EQ(trace.ops[1].line, 6u);
}

TEST(TraceParser, LoadNamesTheFileInErrors)
{
    const std::string path = tempPath("heapviz_bad_test.rep");
    {
        std::ofstream out(path, std::ios::binary);
        out << "a 0 8\nq\n";
    }
    std::string what = "(no error)";
    try {
        loadTrace(path);
    } catch (const TraceError& error) {
        what = error.what();
    }
    std::filesystem::remove(path);
    EXPECT_EQ(what, path + ":2: expected 'a ID SIZE', 'f ID', 'r ID SIZE' or 'w ID OFFSET LENGTH', got 'q'");
}

TEST(TraceParser, LoadOfAMissingFileThrowsWithItsName)
{
    const std::string path = tempPath("heapviz_no_such_file.rep");
    try {
        loadTrace(path);
        FAIL() << "no error";
    } catch (const TraceError& error) {
        EXPECT_EQ(error.file(), path);
        EXPECT_EQ(error.line(), 0u);
        EXPECT_EQ(error.message(), "cannot open: No such file or directory");
        EXPECT_EQ(std::string(error.what()), path + ": cannot open: No such file or directory");
    }
}

TEST(TraceParser, LoadOfADirectoryIsAnError)
{
    const std::string path = ::testing::TempDir();
    try {
        loadTrace(path);
        FAIL() << "no error";
    } catch (const TraceError& error) {
        EXPECT_EQ(error.file(), path);
        EXPECT_EQ(error.line(), 0u);
        EXPECT_EQ(error.message(), "cannot open: Is a directory");
    }
}

TEST(TraceParser, SharedTracesParseAndMatchTheirHeaders)
{
    if (!std::filesystem::is_directory(HEAPVIZ_SHARED_TRACES))
        GTEST_SKIP() << "no shared traces at " << HEAPVIZ_SHARED_TRACES;
    const auto files = sharedTraceFiles();
    ASSERT_FALSE(files.empty());
    for (const auto& file : files) {
        SCOPED_TRACE(file.string());
        const Trace trace = loadTrace(file.string());
        // Classic and CMU headers both give the number of ops on line 3.
        if (trace.header.size() >= 3) {
            EXPECT_EQ(trace.header[2], trace.ops.size());
        }
        EXPECT_GT(trace.slots, 0u);
    }
}

TEST(TraceWriter, RoundTripKeepsTheOps)
{
    Trace trace;
    trace.ops = {makeOp(OpKind::Malloc, 0, 16), makeOp(OpKind::Malloc, 9223372036854775807, 18446744073709551615u),
                 makeOp(OpKind::Realloc, 0, 0), makeOp(OpKind::Free, -1), makeOp(OpKind::Free, 0),
                 makeOp(OpKind::Malloc, 0, 5)};
    const Trace back = parseTrace(traceToString(trace), "back.rep");
    expectSameOps(trace.ops, back.ops);
    EXPECT_EQ(back.ops.front().line, 5u);
    EXPECT_EQ(back.header.size(), 4u);
}

TEST(TraceWriter, WritesRoundTripWithTheirOffsets)
{
    const std::string text = "0\n1\n3\n1\na 4 64\nw 4 -8 24\nf 4\n";
    EXPECT_EQ(traceToString(parseTrace(text, "w.rep")), "64\n1\n3\n1\na 4 64\nw 4 -8 24\nf 4\n")
        << "a write changes no live size: the peak stays 64";
}

TEST(TraceWriter, WritesTheTextItPromises)
{
    Trace trace;
    trace.ops = {makeOp(OpKind::Malloc, 1, 100), makeOp(OpKind::Malloc, 2, 50), makeOp(OpKind::Free, 1),
                 makeOp(OpKind::Realloc, 2, 120), makeOp(OpKind::Free, -1), makeOp(OpKind::Free, 2)};
    // Live bytes: 100, 150, 50, 120, 120, 0: the peak is 150.
    EXPECT_EQ(traceToString(trace), "150\n2\n6\n1\na 1 100\na 2 50\nf 1\nr 2 120\nf -1\nf 2\n");
}

TEST(TraceWriter, HeaderIsPeakIdsOpsAndWeight)
{
    Trace trace;
    trace.ops = {makeOp(OpKind::Malloc, 3, 10), makeOp(OpKind::Free, 3), makeOp(OpKind::Malloc, 3, 30),
                 makeOp(OpKind::Malloc, 4, 5), makeOp(OpKind::Free, 99), makeOp(OpKind::Free, -1)};
    // Id 99 is named though never live, as trace.slots would count it; -1 is no id.
    EXPECT_EQ(traceHeader(trace), (std::vector<std::uint64_t>{35, 3, 6, 1}));
}

TEST(TraceWriter, EmptyTraceGetsAHeaderOfZeros)
{
    EXPECT_EQ(traceToString(Trace{}), "0\n0\n0\n1\n");
    const Trace back = parseTrace(traceToString(Trace{}), "empty.rep");
    EXPECT_TRUE(back.ops.empty());
}

TEST(TraceWriter, WriteTraceWritesTraceToString)
{
    const Trace trace = parseTrace("a 0 8\nr 0 9\nf 0\n", "t.rep");
    std::ostringstream out;
    writeTrace(out, trace);
    EXPECT_EQ(out.str(), traceToString(trace));
}

TEST(TraceWriter, SharedTracesRoundTrip)
{
    if (!std::filesystem::is_directory(HEAPVIZ_SHARED_TRACES))
        GTEST_SKIP() << "no shared traces at " << HEAPVIZ_SHARED_TRACES;
    for (const auto& file : sharedTraceFiles()) {
        SCOPED_TRACE(file.string());
        const Trace trace = loadTrace(file.string());
        const Trace back = parseTrace(traceToString(trace), "back.rep");
        expectSameOps(trace.ops, back.ops);
        EXPECT_EQ(back.slots, trace.slots);
    }
}
