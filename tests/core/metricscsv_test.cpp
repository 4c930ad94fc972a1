// The metrics CSV: a row per operation and lane with the spec's names, worked
// by hand on a small trace, and equal to heapviz-cli's --json on a larger one.

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/alloc/registry.h"
#include "core/sim/metricscsv.h"
#include "core/trace/traceparser.h"

using namespace heapviz;
using json = nlohmann::json;

namespace {

using Row = std::map<std::string, std::string>;

// The CSV's rows, each as column name -> field (no field here is quoted).
std::vector<Row> rowsOf(const std::string& csv)
{
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    std::vector<std::string> names;
    std::istringstream header(line);
    for (std::string name; std::getline(header, name, ',');)
        names.push_back(name);
    std::vector<Row> rows;
    while (std::getline(in, line)) {
        Row row;
        std::istringstream fields(line);
        std::size_t c = 0;
        for (std::string f; std::getline(fields, f, ','); ++c)
            row[names.at(c)] = f;
        EXPECT_EQ(c, names.size()) << line;
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<RunResult> runAll(const Trace& trace, const std::vector<std::string>& lanes, const HeapConfig& config)
{
    std::vector<RunResult> runs;
    for (const std::string& text : lanes) {
        std::string error;
        const auto lane = parseLane(text, config, error);
        EXPECT_TRUE(lane) << error;
        runs.push_back(runTrace(trace, RunOptions{*lane, /*countExamined=*/true}));
    }
    return runs;
}

std::string csvOf(const Trace& trace, const std::vector<RunResult>& runs, std::size_t from, std::size_t to)
{
    std::vector<const RunResult*> pointers;
    for (const RunResult& r : runs)
        pointers.push_back(&r);
    std::ostringstream out;
    writeMetricsCsv(out, trace, pointers, from, to);
    return out.str();
}

} // namespace

TEST(MetricsCsv, HeaderNamesTheSpecsMetrics)
{
    const std::string header = csvOf(parseTrace("a 0 8\n", "t"), {}, 0, 0);
    EXPECT_EQ(header, "operation,line,op,id,size,lane,heap_size,live_payload,allocated_bytes,free_bytes,"
                      "free_blocks,used_blocks,largest_free,external_fragmentation,internal_fragmentation,"
                      "peak_payload,high_water,utilization,failed,faults,examined,compactions,moves,"
                      "bytes_moved\n");
}

TEST(MetricsCsv, RowsWorkedByHand)
{
    // default preset, growing exactly: need(24) = 48, need(40) = 64, need(8) = 32.
    const Trace trace = parseTrace("a 0 24\na 1 40\nf 0\na 2 8\n", "hand.rep");
    const auto runs = runAll(trace, {"first", "best"}, HeapConfig{});
    const auto rows = rowsOf(csvOf(trace, runs, 0, 4));
    ASSERT_EQ(rows.size(), 8u); // 4 operations x 2 lanes, operation by operation
    EXPECT_EQ(rows[0].at("lane"), "first");
    EXPECT_EQ(rows[1].at("lane"), "best");
    EXPECT_EQ(rows[1].at("operation"), "1");

    // 1: the heap grows by 48 for [0,48): payload 24 of 48 bytes.
    const Row& a0 = rows[0];
    EXPECT_EQ(a0.at("op"), "a");
    EXPECT_EQ(a0.at("id"), "0");
    EXPECT_EQ(a0.at("size"), "24");
    EXPECT_EQ(a0.at("line"), "1");
    EXPECT_EQ(a0.at("heap_size"), "48");
    EXPECT_EQ(a0.at("allocated_bytes"), "48");
    EXPECT_EQ(a0.at("internal_fragmentation"), "0.5");
    EXPECT_EQ(a0.at("utilization"), "0.5");
    EXPECT_EQ(a0.at("free_blocks"), "0");
    EXPECT_EQ(a0.at("external_fragmentation"), "0");

    // 2: grows by 64: H = 112, payload 64 of 112 used bytes.
    EXPECT_EQ(rows[2].at("heap_size"), "112");
    EXPECT_DOUBLE_EQ(std::stod(rows[2].at("internal_fragmentation")), 3.0 / 7); // 48 / 112
    EXPECT_DOUBLE_EQ(std::stod(rows[2].at("utilization")), 4.0 / 7);            // 64 / 112

    // 3: free id 0: [0,48) free beside a used block, payload 40 of 64.
    const Row& f0 = rows[4];
    EXPECT_EQ(f0.at("op"), "f");
    EXPECT_EQ(f0.at("size"), "0");
    EXPECT_EQ(f0.at("free_bytes"), "48");
    EXPECT_EQ(f0.at("largest_free"), "48");
    EXPECT_EQ(f0.at("live_payload"), "40");
    EXPECT_EQ(f0.at("internal_fragmentation"), "0.375");
    EXPECT_EQ(f0.at("peak_payload"), "64");
    EXPECT_EQ(f0.at("examined"), "0");

    // 4: 32 bytes into the 48-byte hole: the 16 left are less than min_block,
    // so the whole block is used; the search looked at the one free block.
    for (const Row* r : {&rows[6], &rows[7]}) {
        EXPECT_EQ(r->at("examined"), "1");
        EXPECT_EQ(r->at("free_blocks"), "0");
        EXPECT_EQ(r->at("allocated_bytes"), "112");
        EXPECT_EQ(r->at("live_payload"), "48");
        EXPECT_EQ(r->at("high_water"), "112");
    }
}

TEST(MetricsCsv, RangeKeepsOnlyItsOperations)
{
    const Trace trace = parseTrace("a 0 24\na 1 40\nf 0\na 2 8\n", "hand.rep");
    const auto runs = runAll(trace, {"first"}, HeapConfig{});
    const auto rows = rowsOf(csvOf(trace, runs, 1, 3)); // operations 2 and 3
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].at("operation"), "2");
    EXPECT_EQ(rows[1].at("operation"), "3");
}

TEST(MetricsCsv, ShortestDoubleReadsBack)
{
    EXPECT_EQ(shortestDouble(0), "0");
    EXPECT_EQ(shortestDouble(0.25), "0.25");
    EXPECT_EQ(std::stod(shortestDouble(1.0 / 3)), 1.0 / 3);
}

// Every lane's last row is the CLI's figure and its `examined` column adds up
// to the CLI's, on a trace with compactions, failures and every family.
TEST(MetricsCsv, EqualsTheCli)
{
    std::string text;
    for (int i = 0; i < 60; ++i) // sizes 24..583, every third freed again: holes to compact
        text += "a " + std::to_string(i) + " " + std::to_string(24 + (i * 37) % 560) + "\n"
                + (i % 3 == 1 ? "f " + std::to_string(i - 1) + "\n" : "");
    const auto dir = std::filesystem::temp_directory_path() / ("heapviz-csv-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "mixed.rep").string();
    std::ofstream(path) << text;

    const std::vector<std::string> lanes{"first", "best", "tlsf", "buddy", "pool:slot=128"};
    HeapConfig config;
    config.fixedSize = 16384;
    std::string error;
    config.compact = *CompactTrigger::parse("threshold:0.3", error);
    const Trace trace = loadTrace(path);
    const auto runs = runAll(trace, lanes, config);
    const auto rows = rowsOf(csvOf(trace, runs, 0, trace.ops.size()));
    ASSERT_EQ(rows.size(), trace.ops.size() * lanes.size());

    std::string out;
    const std::string cmd = std::string(HEAPVIZ_CLI)
                            + " --json --heap 16384 --compact threshold:0.3 --strategy first,best,tlsf,buddy,pool:slot=128 "
                            + path;
    FILE* p = popen(cmd.c_str(), "r");
    std::array<char, 4096> buf;
    while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p))
        out.append(buf.data(), n);
    ASSERT_EQ(pclose(p), 0) << out;
    const json results = json::parse(out)["results"];
    ASSERT_EQ(results.size(), lanes.size());

    bool compacted = false, failed = false;
    for (std::size_t l = 0; l < lanes.size(); ++l) {
        const json& cli = results[l];
        ASSERT_EQ(cli["strategy"], lanes[l]);
        const Row& last = rows[rows.size() - lanes.size() + l];
        ASSERT_EQ(last.at("lane"), lanes[l]);
        for (const char* name : {"heap_size", "live_payload", "allocated_bytes", "free_bytes", "free_blocks",
                                 "used_blocks", "largest_free", "peak_payload", "high_water", "failed", "faults",
                                 "compactions", "moves", "bytes_moved"})
            EXPECT_EQ(std::stoull(last.at(name)), cli[name].get<std::uint64_t>()) << lanes[l] << " " << name;
        for (const char* name : {"external_fragmentation", "internal_fragmentation", "utilization"})
            EXPECT_EQ(std::stod(last.at(name)), cli[name].get<double>()) << lanes[l] << " " << name;
        std::uint64_t examined = 0;
        for (std::size_t r = l; r < rows.size(); r += lanes.size())
            examined += std::stoull(rows[r].at("examined"));
        EXPECT_EQ(examined, cli["examined"].get<std::uint64_t>()) << lanes[l];
        compacted = compacted || cli["compactions"].get<int>() > 0;
        failed = failed || cli["failed"].get<int>() > 0;
    }
    EXPECT_TRUE(compacted) << "the trace is meant to make a lane compact";
    EXPECT_TRUE(failed) << "the pool's 128-byte slots refuse the larger requests";
    std::filesystem::remove_all(dir);
}
