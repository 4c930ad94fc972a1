// heapviz-cli as a user runs it: the binary, its output and its exit status.
// Expected numbers are worked out by hand in the comments.

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/cli/cliargs.h"
#include "app/cli/report.h"
#include "core/sim/lanesummary.h"
#include "core/trace/workloads.h"
#include "support/heaptesting.h"

using json = nlohmann::json;

namespace {

struct Ran {
    int status = -1;
    std::string out; // stdout and stderr together
};

Ran cli(const std::string& args)
{
    Ran r;
    const std::string cmd = std::string(HEAPVIZ_CLI) + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    std::array<char, 4096> buf;
    while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p))
        r.out.append(buf.data(), n);
    const int raw = pclose(p);
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return r;
}

// Writes a trace into the test's temporary folder and returns its path.
std::string traceFile(const std::string& name, const std::string& text)
{
    const auto dir = std::filesystem::temp_directory_path()
                     / ("heapviz-cli-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = dir / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<std::string> words(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

// What heapviz-cli printed for `args` (one trace, no error) before it read
// traces as a stream: the whole trace loaded (or generated), each lane run
// by runTrace in turn, then the same report.
std::string wholeTraceOutput(const std::string& args)
{
    const heapviz::cli::ParseOutcome parsed = heapviz::cli::parseArgs(words(args));
    EXPECT_TRUE(parsed.args) << parsed.error;
    const heapviz::cli::CliArgs& a = *parsed.args;
    const heapviz::Trace trace =
        a.workload ? heapviz::generateWorkload(*a.workload) : heapviz::loadTrace(a.traces.front());
    heapviz::cli::TraceRuns tr{trace.name, trace.ops.size(), {}};
    for (const heapviz::LaneSpec& lane : a.lanes)
        tr.runs.push_back(heapviz::summarize(heapviz::runTrace(trace, {.lane = lane, .countExamined = true})));
    std::ostringstream out;
    if (a.json) {
        heapviz::cli::writeJson(out, {tr}, a.blocks);
    } else {
        heapviz::cli::writeTable(out, tr, a.config, a.heapOptionsGiven);
        out << "\n";
    }
    return out.str();
}

} // namespace

TEST(Cli, JsonHasEveryMetricUnderItsSpecName)
{
    // csapp: H = 4112; a 1-byte payload takes [12,28); [28,4108) = 4080 free.
    const auto r = cli("--preset csapp --strategy best --json --blocks " + traceFile("one.rep", "a 0 1\n"));
    ASSERT_EQ(r.status, 0) << r.out;
    const json j = json::parse(r.out);
    ASSERT_EQ(j["results"].size(), 1u);
    const json& x = j["results"][0];
    EXPECT_EQ(x["strategy"], "best");
    EXPECT_EQ(x["family"], "best");
    EXPECT_EQ(x["preset"], "csapp");
    EXPECT_EQ(x["heap_size"], 4112);
    EXPECT_EQ(x["live_payload"], 1);
    EXPECT_EQ(x["allocated_bytes"], 16);
    EXPECT_EQ(x["free_bytes"], 4080);
    EXPECT_EQ(x["free_blocks"], 1);
    EXPECT_EQ(x["used_blocks"], 1);
    EXPECT_EQ(x["largest_free"], 4080);
    EXPECT_EQ(x["external_fragmentation"], 0.0);
    EXPECT_EQ(x["internal_fragmentation"], 0.9375); // 1 - 1/16
    EXPECT_EQ(x["peak_payload"], 1);
    EXPECT_EQ(x["high_water"], 4112);
    EXPECT_EQ(x["utilization"], 1.0 / 4112);
    EXPECT_EQ(x["failed"], 0);
    EXPECT_EQ(x["faults"], 0);
    EXPECT_EQ(x["examined"], 1);
    EXPECT_EQ(x["fault_reports"], json::array());
    EXPECT_EQ(x["leaks"], json::parse(R"([{"line": 1, "id": 0, "size": 1}])"));
    EXPECT_EQ(x["blocks"], json::parse(R"([{"address": 12, "size": 16, "state": "used", "id": 0, "payload": 1},
                                            {"address": 28, "size": 4080, "state": "free", "id": null, "payload": 0}])"));
    EXPECT_EQ(x["bins"]["name"], "free blocks");
}

TEST(Cli, JsonHasOneResultPerTraceAndStrategy)
{
    const std::string a = traceFile("a.rep", "a 0 10\nf 0\n");
    const std::string b = traceFile("b.rep", "a 0 10\n");
    const auto r = cli("--json --strategy first,worst " + a + " " + b);
    ASSERT_EQ(r.status, 0);
    const json j = json::parse(r.out);
    ASSERT_EQ(j["results"].size(), 4u);
    EXPECT_EQ(j["results"][1]["strategy"], "worst");
    EXPECT_EQ(j["results"][2]["trace"], b);
}

TEST(Cli, TableComparesTheStrategiesAndListsFaultsAndLeaks)
{
    const auto r = cli(traceFile("faulty.rep", "a 0 16\nf 0\nf 0\na 1 8\n"));
    EXPECT_EQ(r.status, 0) << "faults are findings, not errors";
    for (const char* row : {"  first ", "  next ", "  best ", "  worst "})
        EXPECT_TRUE(has(r.out, row)) << row;
    EXPECT_TRUE(has(r.out, "faulty.rep:3: double_free of id 0"));
    EXPECT_TRUE(has(r.out, "faulty.rep:4: id 1 (8 bytes) is never freed"));
}

TEST(Cli, AMalformedTraceNamesFileLineAndWhatWasExpected)
{
    const std::string bad = traceFile("bad.rep", "a 0 10\na 3\n");
    const auto r = cli(bad);
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(has(r.out, bad + ":2: expected 'a ID SIZE', got 'a 3'")) << r.out;
    EXPECT_FALSE(has(r.out, "first")) << "nothing runs from a file with an error";
}

TEST(Cli, AMissingTraceIsAnErrorNamingIt)
{
    const auto r = cli("no-such-trace.rep");
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(has(r.out, "no-such-trace.rep")) << r.out;
}

TEST(Cli, UsageErrorsSayWhatWasWrong)
{
    const std::string t = traceFile("ok.rep", "a 0 1\n");
    EXPECT_EQ(cli("").status, 2);
    const auto s = cli("--strategy first,slab " + t);
    EXPECT_EQ(s.status, 2);
    EXPECT_TRUE(has(s.out, "lane 'slab': unknown allocator family 'slab'")) << s.out;
    const auto h = cli("--heap 100 " + t);
    EXPECT_EQ(h.status, 2);
    EXPECT_TRUE(has(h.out, "not a multiple of the alignment")) << h.out;
    const auto a = cli("--align 12 " + t);
    EXPECT_EQ(a.status, 2);
    EXPECT_TRUE(has(a.out, "power of two"));
    EXPECT_EQ(cli("--bogus " + t).status, 2);
    EXPECT_EQ(cli("--blocks " + t).status, 2);
    EXPECT_EQ(cli("--help").status, 0);
}

TEST(Cli, HeapSizesTakeSuffixesAndOptionsOverrideThePreset)
{
    const std::string t = traceFile("k.rep", "a 0 1\n");
    const auto r = cli("--json --heap 4K --strategy first " + t);
    EXPECT_EQ(json::parse(r.out)["results"][0]["heap_size"], 4096) << r.out;
    // csapp with 16-byte alignment: need(1) = roundup(9, 16) = 16, min_block 16
    const auto c = cli("--json --preset csapp --align 16 --prefix 0 --suffix 0 --strategy first --blocks " + t);
    const json parsed = json::parse(c.out);
    const json& block = parsed["results"][0]["blocks"][0];
    EXPECT_EQ(block["address"], 0);
    EXPECT_EQ(block["size"], 16);
    EXPECT_EQ(block["state"], "used");
}

TEST(Cli, AFixedHeapReportsFailures)
{
    // 64 bytes: a 0 40 takes [0,64) (need 64); a 1 1 fails.
    const auto r = cli("--json --heap 64 --strategy first " + traceFile("f.rep", "a 0 40\na 1 1\n"));
    EXPECT_EQ(json::parse(r.out)["results"][0]["failed"], 1) << r.out;
    EXPECT_EQ(r.status, 0);
}

TEST(Cli, WritesAGeneratedWorkloadAsATraceThatReadsBack)
{
    const std::string out = traceFile("w.rep", "");
    const auto w = cli("--workload larson --ops 500 --live 50 --seed 4 --write-trace " + out);
    ASSERT_EQ(w.status, 0) << w.out;
    const heapviz::Trace t = heapviz::loadTrace(out);
    EXPECT_EQ(t.ops.size(), 500u);
    EXPECT_EQ(cli("--json " + out).status, 0);
}

TEST(Cli, CompactsAndReportsWhatItCost)
{
    // Four 32-byte blocks in 256 bytes, ids 0 and 2 freed, then sliding compaction
    // after op 6: ids 1 and 3 slide down, 2 moves, 64 bytes.
    const std::string t = traceFile("c.rep", "a 0 16\na 1 16\na 2 16\na 3 16\nf 0\nf 2\n");
    const auto r = cli("--json --heap 256 --strategy first --compact at:6 --compactor sliding " + t);
    ASSERT_EQ(r.status, 0) << r.out;
    const json parsed = json::parse(r.out);
    const json& x = parsed["results"][0];
    EXPECT_EQ(x["compactions"], 1);
    EXPECT_EQ(x["moves"], 2);
    EXPECT_EQ(x["bytes_moved"], 64);
    const auto table = cli("--heap 256 --compact at:6 --compactor two-finger " + t);
    EXPECT_TRUE(has(table.out, "compact at:6 (two-finger)")) << table.out;
    EXPECT_TRUE(has(table.out, "bytes_moved"));
    const auto bad = cli("--compact sometimes " + t);
    EXPECT_EQ(bad.status, 2);
    EXPECT_TRUE(has(bad.out, "never, on-failure, at:N[,N...] or threshold:F")) << bad.out;
    EXPECT_EQ(cli("--compactor magic " + t).status, 2);
}

TEST(Cli, LanesOfEveryFamilyWithTheirOwnParameters)
{
    const std::string t = traceFile("fam.rep", "a 0 20\na 1 100\nf 0\na 2 20\n");
    const auto r = cli("--json --strategy first,segregated:order=lifo,tlsf:sl_log2=4,buddy:min_order=4:header=8,"
                       "pool:slot=128:chunk=32,first:align=32 " + t);
    ASSERT_EQ(r.status, 0) << r.out;
    const json j = json::parse(r.out);
    ASSERT_EQ(j["results"].size(), 6u);
    const std::vector<std::pair<std::string, std::string>> expected{
        {"first", "first"}, {"segregated:order=lifo", "segregated"}, {"tlsf:sl_log2=4", "tlsf"},
        {"buddy:min_order=4:header=8", "buddy"}, {"pool:slot=128:chunk=32", "pool"}, {"first:align=32", "first"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(j["results"][i]["strategy"], expected[i].first) << "the lane exactly as written";
        EXPECT_EQ(j["results"][i]["family"], expected[i].second);
    }
    EXPECT_EQ(j["results"][1]["bins"]["name"], "classes");
    EXPECT_EQ(j["results"][2]["bins"]["columns"], json::parse(R"(["fl", "sl", "count"])"));
    EXPECT_EQ(j["results"][3]["bins"]["name"], "orders");
    // A growing pool of 128-byte slots grows by 32 slots: 4 KiB, 2 used (ids 1, 2).
    EXPECT_EQ(j["results"][4]["heap_size"], 4096);
    EXPECT_EQ(j["results"][4]["bins"]["rows"], json::parse("[[128, 30, 2]]"));
    EXPECT_EQ(j["results"][4]["external_fragmentation"], 0.0) << "always 0 for a pool";
    EXPECT_EQ(j["results"][4]["compactions"], 0);
}

TEST(Cli, ALaneAFamilyCannotRunIsAUsageErrorNamingIt)
{
    const std::string t = traceFile("u.rep", "a 0 1\n");
    const auto buddy = cli("--heap 10000 --strategy first,buddy " + t);
    EXPECT_EQ(buddy.status, 2);
    EXPECT_TRUE(has(buddy.out, "lane 'buddy': a buddy heap must be a power of two")) << buddy.out;
    const auto key = cli("--strategy pool:min_order=3 " + t);
    EXPECT_EQ(key.status, 2);
    EXPECT_TRUE(has(key.out, "lane 'pool:min_order=3': pool takes slot, chunk, header, zero, canary; not 'min_order'"))
        << key.out;
}

TEST(Cli, TheTableSaysWhichLanesIgnoreAnOption)
{
    const auto r = cli("--align 32 --canary 8 --strategy first,buddy,pool " + traceFile("n.rep", "a 0 1\n"));
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_TRUE(has(r.out, "note: --align does not apply to buddy, pool")) << r.out;
    EXPECT_FALSE(has(r.out, "note: --canary")) << "every lane takes a canary";
}

TEST(Cli, WritesAndTheirFaultsAreReported)
{
    // A 40-byte payload, then a write 4 bytes past it, an underflow, and a use after free.
    const auto r = cli("--json --strategy first " + traceFile("w.rep", "a 0 40\nw 0 36 8\nw 0 -1 1\nf 0\nw 0 0 1\n"));
    ASSERT_EQ(r.status, 0) << r.out;
    const json j = json::parse(r.out)["results"][0];
    EXPECT_EQ(j["faults"], 3);
    EXPECT_EQ(j["fault_reports"], json::parse(R"([{"line": 2, "kind": "overflow", "id": 0},
                                                  {"line": 3, "kind": "underflow", "id": 0},
                                                  {"line": 5, "kind": "use_after_free", "id": 0}])"));
}

TEST(Cli, HelpListsEveryFamilyWithItsParametersAndDefaults)
{
    const auto h = cli("--help");
    EXPECT_EQ(h.status, 0);
    for (const char* part : {"segregated", "classes=", "order=address", "tlsf", "sl_log2=5", "buddy", "min_order=5",
                             "pool", "slot=64", "chunk=64", "--canary"})
        EXPECT_TRUE(has(h.out, part)) << part;
}

TEST(Cli, TheNewWorkloadsAreThere)
{
    for (const char* kind : {"bursts", "strings"}) {
        const auto r = cli(std::string("--json --workload ") + kind + " --ops 400 --live 20 --strategy pool,first");
        ASSERT_EQ(r.status, 0) << kind << ": " << r.out;
        EXPECT_EQ(json::parse(r.out)["results"].size(), 2u);
    }
}

// Default preset, fixed 1,024 bytes: malloc(32) needs 48, malloc(100) 128 and
// malloc(1000) 1,024. Before line 4 the free blocks are [0, 48) and
// [96, 1024): both fits skip the first, too small, and take the second; line
// 5's 1,024 bytes fail with 848 free. Four mallocs, so four questions.
TEST(Cli, AQuizAsksWhichBlockEachLaneTakesWithItsKeyApart)
{
    const std::string trace = traceFile("q.rep", "a 0 32\na 1 32\nf 0\na 2 100\na 3 1000\n");
    const auto r = cli("--quiz --heap 1024 --strategy first,best " + trace);
    ASSERT_EQ(r.status, 0) << r.out;
    const std::size_t key = r.out.find("\f");
    ASSERT_NE(key, std::string::npos) << "the key on a page of its own";
    const std::string questions = r.out.substr(0, key);
    EXPECT_TRUE(has(questions, "4 questions"));
    EXPECT_TRUE(has(questions, "3. line 4: malloc(100) for id 2\n"
                               "   first fit, needs 128 B; free: A 0x0 (48 B) B 0x60 (928 B)\n"
                               "   best fit, needs 128 B; free: A 0x0 (48 B) B 0x60 (928 B)\n"))
        << questions;
    EXPECT_FALSE(has(questions, "0x60 (928 B)\n3.")) << "no answer among the questions";
    const std::string answers = r.out.substr(key);
    EXPECT_TRUE(has(answers, "3. first fit: B, the block at 0x60 (928 B); best fit: B, the block at 0x60 (928 B)"))
        << answers;
    EXPECT_TRUE(has(answers, "4. first fit: it fails; best fit: it fails"));

    const std::string keyFile = traceFile("key.txt", "");
    const auto apart = cli("--quiz --quiz-key " + keyFile + " --heap 1024 --strategy first " + trace);
    ASSERT_EQ(apart.status, 0) << apart.out;
    EXPECT_FALSE(has(apart.out, "it fails"));
    std::ifstream in(keyFile);
    const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_TRUE(has(written, "4. first fit: it fails"));
    EXPECT_EQ(cli("--questions 3 " + trace).status, 2) << "--questions goes with --quiz";
}

TEST(Cli, ListsTheScenarios)
{
    const auto r = cli("--list-scenarios");
    ASSERT_EQ(r.status, 0) << r.out;
    for (const char* name : {"defragmenter", "hypervisor", "cargo-hold", "radio-spectrum", "sensor-node", "strings",
                             "particles", "power-of-two", "guardian", "fifty-percent"})
        EXPECT_TRUE(has(r.out, std::string("\n") + name + " ") || r.out.starts_with(std::string(name) + " ")) << name;
    EXPECT_TRUE(has(r.out, "Hypervisor: a 32 GiB machine is refused with 64 GiB free"));
}

TEST(Cli, RunsAScenarioWithItsLanesAndHeapAndListsItsMoments)
{
    // The hypervisor: best, first and worst fit on a fixed 256 KiB heap
    // (256 GiB of the story), compacted after operation 18; the 32 GiB
    // machine of step 17 fails under first and worst fit only.
    const auto r = cli("--scenario hypervisor --json");
    ASSERT_EQ(r.status, 0) << r.out;
    const json j = json::parse(r.out);
    ASSERT_EQ(j["results"].size(), 3u);
    const char* lanes[] = {"best", "first", "worst"};
    const int failed[] = {0, 1, 1};
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(j["results"][i]["trace"], "hypervisor");
        EXPECT_EQ(j["results"][i]["strategy"], lanes[i]);
        EXPECT_EQ(j["results"][i]["heap"], 262144);
        EXPECT_EQ(j["results"][i]["failed"], failed[i]);
        EXPECT_EQ(j["results"][i]["compactions"], 1);
    }
    const auto table = cli("--scenario hypervisor");
    ASSERT_EQ(table.status, 0) << table.out;
    EXPECT_TRUE(has(table.out, "hypervisor: 28 operations")); // 10 + 3 + 2 + 1 + 1 + 1 + 1 + 9 (shutdown)
    EXPECT_TRUE(has(table.out, "step 17: The 32 GiB machine does not fit"));
}

TEST(Cli, AScenarioTakesLanesAndHeapFromTheCommandLine)
{
    // Cargo hold with first fit only: first fit puts the 6 m container in the
    // 12 m bay as best fit does, and refuses the second 12 m container.
    const auto r = cli("--scenario cargo-hold --strategy first --json");
    ASSERT_EQ(r.status, 0) << r.out;
    const json j = json::parse(r.out);
    ASSERT_EQ(j["results"].size(), 1u);
    EXPECT_EQ(j["results"][0]["strategy"], "first");
    EXPECT_EQ(j["results"][0]["failed"], 1);
    // A growing heap instead of the 60 m hold: nothing fails.
    const auto grown = cli("--scenario cargo-hold --heap grow --json");
    ASSERT_EQ(grown.status, 0) << grown.out;
    const json report = json::parse(grown.out); // kept: a range-for over a temporary's member would dangle
    for (const json& x : report["results"]) {
        EXPECT_EQ(x["heap"], "grow");
        EXPECT_EQ(x["failed"], 0);
    }
}

TEST(Cli, WritesAScenarioAsATraceThatRunsTheSame)
{
    const std::string path = traceFile("guardian.rep", "");
    const auto w = cli("--scenario guardian --write-trace " + path);
    ASSERT_EQ(w.status, 0) << w.out;
    std::ifstream in(path);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Four header lines (peak payload 64 + 32, 2 ids, 8 ops, weight 1), then the ops.
    EXPECT_EQ(text, "96\n2\n8\n1\na 0 64\na 1 32\nw 0 0 64\nw 0 0 76\nf 0\nf 0\nw 0 0 8\nf 1\n");
    // Run as a file with the scenario's lanes, the faults are the scenario's.
    const auto r = cli("--strategy first,first:canary=16 --heap 1024 --json " + path);
    ASSERT_EQ(r.status, 0) << r.out;
    const json j = json::parse(r.out);
    for (const json& x : j["results"]) {
        ASSERT_EQ(x["fault_reports"].size(), 3u);
        EXPECT_EQ(x["fault_reports"][0]["kind"], "overflow");
        EXPECT_EQ(x["fault_reports"][0]["line"], 8);
    }
}

TEST(Cli, ScenarioUsageErrors)
{
    auto r = cli("--scenario nosuch");
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(has(r.out, "unknown scenario 'nosuch' (choose from defragmenter, hypervisor")) << r.out;
    r = cli("--scenario guardian --workload lifo");
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(has(r.out, "--scenario and --workload do not go together")) << r.out;
    r = cli("--write-trace x.rep " + traceFile("one.rep", "a 0 1\n"));
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(has(r.out, "--write-trace goes with --workload KIND or --scenario NAME")) << r.out;
}

TEST(Cli, StreamedOutputIsByteForByteTheWholeTraceOutputOnTheSharedTraces)
{
    const auto files = heapviz::testing::sharedTraceFiles();
    if (files.empty())
        GTEST_SKIP() << "no ../shared/traces";
    // The table with the heap options it notes, and the JSON of every family.
    const char* const options[] = {
        "--heap 64K --align 8 --compact on-failure --strategy first,next,best,buddy",
        "--preset csapp --strategy worst,segregated:order=lifo,tlsf,buddy,pool:slot=128 --json --blocks"};
    for (const std::string& path : files) {
        for (const std::string option : options) {
            const auto r = cli(option + " " + path);
            EXPECT_EQ(r.status, 0) << option << " " << path;
            EXPECT_EQ(r.out, wholeTraceOutput(option + " " + path)) << option << " " << path;
        }
    }
}

TEST(Cli, AStreamedWorkloadPrintsWhatTheGeneratedTracePrints)
{
    for (const std::string args : {"--workload larson --ops 100000 --live 2000 --seed 3",
                                   "--workload uniform --ops 30001 --json --strategy first,tlsf,buddy,pool"}) {
        const auto r = cli(args);
        EXPECT_EQ(r.status, 0) << args;
        EXPECT_EQ(r.out, wholeTraceOutput(args)) << args;
    }
}

TEST(Cli, AMalformedLineFarDownAStreamedTraceIsTheSameErrorAndTheNextTraceStillRuns)
{
    std::string text;
    for (int i = 0; i < 50000; ++i)
        text += "a " + std::to_string(i % 64) + " 40\nf " + std::to_string(i % 64) + "\n";
    const std::string bad = traceFile("late-error.rep", text + "r 5\n");
    const std::string good = traceFile("good.rep", "a 0 10\nf 0\n");
    std::string expected;
    try {
        heapviz::loadTrace(bad);
    } catch (const heapviz::TraceError& e) {
        expected = std::string("heapviz-cli: ") + e.what() + "\n";
    }
    EXPECT_EQ(expected, "heapviz-cli: " + bad + ":100001: expected 'r ID SIZE', got 'r 5'\n");
    const auto alone = cli(bad);
    EXPECT_EQ(alone.status, 1);
    EXPECT_EQ(alone.out, expected) << "nothing is printed from a file with an error";
    const auto both = cli("--json " + bad + " " + good);
    EXPECT_EQ(both.status, 1);
    EXPECT_EQ(both.out, expected + wholeTraceOutput("--json " + good));
}
