// heapviz-record as a user runs it: small C programs of known allocations
// (programs/), recorded and compared line by line with expected/ (each line
// worked out by hand in its "##" comment); threads, fork, exec and a fatal
// signal; then real programs (ls -R, a Python one-liner) recorded and their
// traces run through every allocator family with the invariants checked.

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "support/heaptesting.h"

using namespace heapviz;
using namespace heapviz::testing;
namespace fs = std::filesystem;

namespace {

struct Ran {
    int status = -1; // the exit status, or 128 + the signal
    std::string out; // stdout
    std::string err; // stderr
};

std::string slurpFd(int fd)
{
    std::string text;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        text.append(buf, static_cast<std::size_t>(n));
    return text;
}

// Runs argv (no shell), stdout and stderr captured (stderr into a file, so
// that neither pipe can fill while the other is read).
Ran run(const std::vector<std::string>& args, const fs::path& errFile,
        const std::vector<std::pair<std::string, std::string>>& env = {})
{
    int out[2];
    if (pipe(out) != 0)
        return {};
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], 1);
        const int err = open(errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(err, 2);
        close(out[0]);
        for (const auto& [name, value] : env)
            setenv(name.c_str(), value.c_str(), 1);
        std::vector<char*> argv;
        for (const std::string& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    Ran r;
    r.out = slurpFd(out[0]);
    close(out[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::ifstream in(errFile);
    r.err.assign(std::istreambuf_iterator<char>(in), {});
    return r;
}

// A fresh folder for one test's traces.
fs::path scratch(const std::string& name)
{
    const fs::path dir = fs::temp_directory_path()
                         / ("heapviz-record-test-" + std::to_string(::getpid())) / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

// Removes this process's folder of traces when the tests are done.
class ScratchCleanup : public ::testing::Environment {
public:
    void TearDown() override
    {
        std::error_code ec;
        fs::remove_all(fs::temp_directory_path() / ("heapviz-record-test-" + std::to_string(::getpid())), ec);
    }
};
[[maybe_unused]] const auto* const g_cleanup = ::testing::AddGlobalTestEnvironment(new ScratchCleanup);

// heapviz-record -o DIR/NAME -- PROGRAM ARGS...
Ran record(const fs::path& trace, std::vector<std::string> command,
           const std::vector<std::pair<std::string, std::string>>& env = {})
{
    std::vector<std::string> args{HEAPVIZ_RECORD, "-o", trace.string(), "--"};
    args.insert(args.end(), command.begin(), command.end());
    return run(args, trace.string() + ".stderr", env);
}

std::string program(const std::string& name) { return std::string(RECORD_PROGRAMS) + "/record_" + name; }

std::vector<std::string> lines(const fs::path& file)
{
    std::ifstream in(file);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

// A recorded line with its pids and executable made neutral.
std::string neutral(std::string line)
{
    if (line.rfind("# heapviz-record:", 0) != 0)
        return line;
    line = std::regex_replace(line, std::regex(R"(pid \d+)"), "pid PID");
    return std::regex_replace(line, std::regex(R"(, /[^,]*$)"), ", PROGRAM");
}

// An expected line without its "##" explanation and the padding before it.
std::string expectedLine(std::string line)
{
    if (const auto at = line.find("##"); at != std::string::npos)
        line.erase(at);
    while (!line.empty() && line.back() == ' ')
        line.pop_back();
    return line;
}

void expectSameLines(const fs::path& recorded, const std::string& expectedName)
{
    const auto got = lines(recorded);
    const auto want = lines(fs::path(RECORD_EXPECTED) / expectedName);
    for (std::size_t i = 0; i < std::max(got.size(), want.size()); ++i) {
        const std::string g = i < got.size() ? neutral(got[i]) : "(nothing)";
        const std::string w = i < want.size() ? expectedLine(want[i]) : "(nothing)";
        EXPECT_EQ(g, w) << recorded.string() << " line " << i + 1 << " against " << expectedName;
    }
}

// The trace replayed in one lane with the invariants checked after every
// operation; a recorded trace has no faults (every id it frees is live).
RunResult replay(const Trace& trace, const LaneSpec& lane)
{
    RunOptions options;
    options.lane = lane;
    options.checkInvariants = true;
    RunResult r = runTrace(trace, options);
    EXPECT_TRUE(r.faults.empty()) << trace.name << " in " << lane.text << ": " << r.faults.size()
                                  << " faults, the first at line " << r.faults.front().line;
    return r;
}

// The same for a trace of hundreds of thousands of operations: a check costs
// O(blocks) (Python has 37,000 live at start-up), so after every operation
// for the first 20,000, then a thousand times spread over the rest (at least
// every 101st), and after the last.
Metrics replayLong(const Trace& trace, const LaneSpec& lane)
{
    EXPECT_EQ(validateLane(lane), "");
    Simulator sim(lane, trace.slots);
    const std::size_t stride = std::max<std::size_t>(101, trace.ops.size() / 1000);
    for (std::size_t i = 0; i < trace.ops.size(); ++i) {
        sim.apply(trace.ops[i]);
        if (i < 20000 || i % stride == 0 || i + 1 == trace.ops.size()) {
            const std::string broken = sim.checkInvariants();
            if (!broken.empty()) {
                ADD_FAILURE() << trace.name << ":" << trace.ops[i].line << " in " << lane.text << ": " << broken;
                break;
            }
        }
    }
    EXPECT_TRUE(sim.faults().empty()) << trace.name << " in " << lane.text << ": " << sim.faults().size()
                                      << " faults, the first at line " << sim.faults().front().line;
    return sim.metrics();
}

// The files of a recording: FILE and FILE.<...> beside it.
std::vector<fs::path> traceFiles(const fs::path& trace)
{
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(trace.parent_path())) {
        const std::string name = e.path().filename().string();
        if (name.rfind(trace.filename().string(), 0) == 0 && e.path().extension() != ".stderr")
            out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST(Record, KnownPatternLineByLine)
{
    const fs::path trace = scratch("pattern") / "pattern.rep";
    const Ran r = record(trace, {program("pattern")});
    ASSERT_EQ(r.status, 0) << r.err;
    expectSameLines(trace, "pattern.rep");
    EXPECT_EQ(traceFiles(trace), std::vector<fs::path>{trace}) << "one process, one trace";
    EXPECT_NE(r.err.find("pattern.rep: 25 operations"), std::string::npos) << r.err;

    const Trace parsed = loadTrace(trace.string());
    EXPECT_EQ(parsed.ops.size(), 25u);
    EXPECT_EQ(parsed.slots, 8u) << "ids 0..7: never more than eight blocks live at once";
    for (const Family& family : families()) {
        const RunResult run = replay(parsed, laneOf(family.name));
        EXPECT_TRUE(run.leaks.empty()) << family.name << ": the program frees every block";
    }
}

TEST(Record, ThreadsMakeOneOrderedTraceWithEveryOperation)
{
    const fs::path trace = scratch("threads") / "threads.rep";
    const Ran r = record(trace, {program("threads")});
    ASSERT_EQ(r.status, 0) << r.err;
    unsigned long mallocs = 0, reallocs = 0, frees = 0;
    std::istringstream(r.out) >> mallocs >> reallocs >> frees;
    ASSERT_GT(mallocs, 1000u) << r.out;
    EXPECT_EQ(mallocs, frees) << "every thread empties its slots";

    const Trace parsed = loadTrace(trace.string());
    // The program's own operations have sizes 10,000..10,999; the C
    // library's (each thread's TLS) have others. A free belongs to the
    // program when its id's block does.
    std::map<TraceId, Size> live;
    unsigned long a = 0, re = 0, f = 0;
    const auto ours = [](Size s) { return s >= 10000 && s < 11000; };
    for (const Op& op : parsed.ops) {
        switch (op.kind) {
        case OpKind::Malloc:
            ASSERT_FALSE(live.contains(op.id)) << "line " << op.line << ": id " << op.id << " is live already";
            live[op.id] = op.size;
            a += ours(op.size);
            break;
        case OpKind::Realloc:
            ASSERT_TRUE(live.contains(op.id)) << "line " << op.line;
            re += ours(op.size) && ours(live[op.id]);
            live[op.id] = op.size;
            break;
        case OpKind::Free:
            if (op.id == -1)
                break;
            ASSERT_TRUE(live.contains(op.id)) << "line " << op.line << ": id " << op.id << " is not live";
            f += ours(live[op.id]);
            live.erase(op.id);
            break;
        case OpKind::Write: FAIL() << "the recorder writes no w lines";
        }
    }
    EXPECT_EQ(a, mallocs);
    EXPECT_EQ(re, reallocs);
    EXPECT_EQ(f, frees);
    EXPECT_LE(parsed.slots, 4u * 64 + 16) << "ids are reused: at most 4 x 64 of the program's live at once";
    replay(parsed, laneOf("first"));
    replay(parsed, laneOf("tlsf"));
}

TEST(Record, ForkAndExecWriteTheirOwnTraces)
{
    const fs::path trace = scratch("forks") / "forks.rep";
    const Ran r = record(trace, {program("forks")});
    ASSERT_EQ(r.status, 0) << r.err;
    std::string word;
    int forked = 0, execed = 0;
    std::istringstream out(r.out);
    out >> word >> forked >> word >> execed;
    ASSERT_GT(forked, 0) << r.out;
    ASSERT_GT(execed, 0) << r.out;

    const fs::path child = trace.string() + "." + std::to_string(forked);
    const fs::path image = trace.string() + "." + std::to_string(execed);
    std::vector<fs::path> expected{trace, child, image};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(traceFiles(trace), expected) << "the parent's, the fork's and the exec'd image's; the second "
                                              "fork made no calls before exec, so no file";
    expectSameLines(trace, "forks-parent.rep");
    expectSameLines(child, "forks-child.rep");
    expectSameLines(image, "forks-exec.rep");
    for (const fs::path& file : expected) {
        const Trace parsed = loadTrace(file.string());
        EXPECT_FALSE(parsed.ops.empty()) << file;
        replay(parsed, laneOf("best"));
    }
    EXPECT_NE(lines(child).front().find("forked from pid"), std::string::npos);
}

// A script's traces, told by program with the largest first, so that a user
// who recorded a launcher (pyenv's python3 is a bash script) finds the
// program they meant: the pattern's two traces (25 operations each, as
// KnownPatternLineByLine checks), then the forks program's three (4, 3 and 2,
// as its expected traces count).
TEST(Record, OtherTracesAreToldByProgramLargestFirst)
{
    const fs::path trace = scratch("script") / "script.rep";
    const std::string pattern = program("pattern"), forks = program("forks");
    const Ran r = record(trace, {"sh", "-c", pattern + " && " + forks + " && " + pattern});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto literal = [](const std::string& text) { // the build's paths, as a regex matches them
        return std::regex_replace(text, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)");
    };
    const std::string name = R"(script\.rep\.[0-9.]+)";
    const std::regex told("its forks and execs wrote 5 more traces beside it \\(script\\.rep\\.\\*\\), by program:\n"
                          "heapviz-record:   " + literal(pattern) + ", 2 traces: " + name + " \\(25 operations\\), " + name
                          + " \\(25 operations\\)\n"
                          "heapviz-record:   " + literal(forks) + ", 3 traces: " + name + " \\(4 operations\\), " + name
                          + " \\(3 operations\\), " + name + " \\(2 operations\\)\n");
    EXPECT_TRUE(std::regex_search(r.err, told)) << r.err;
}

// A script that runs ten programs: the eight with the largest traces are
// named, the rest counted, so that the listing stays a few lines (the
// window reads it back). The ten are copies of the pattern program, 25
// operations each.
TEST(Record, AScriptOfManyProgramsNamesEightAndCountsTheRest)
{
    const fs::path dir = scratch("many");
    std::string script;
    for (int i = 0; i < 10; ++i) {
        const fs::path copy = dir / ("pattern" + std::to_string(i));
        fs::copy_file(program("pattern"), copy);
        script += (i ? " && " : "") + copy.string();
    }
    const Ran r = record(dir / "many.rep", {"sh", "-c", script});
    ASSERT_EQ(r.status, 0) << r.err;
    std::istringstream err(r.err);
    int named = 0;
    std::string rest;
    for (std::string line; std::getline(err, line);) {
        named += line.find(", 1 trace: many.rep.") != std::string::npos && line.find("(25 operations)") != std::string::npos;
        if (line.find("heapviz-record:   and ") == 0)
            rest = line;
    }
    EXPECT_EQ(named, 8) << r.err;
    EXPECT_EQ(rest, "heapviz-record:   and 2 more programs, 2 traces") << r.err;
}

TEST(Record, FatalSignalFlushesAndChains)
{
    const fs::path trace = scratch("crash") / "crash.rep";
    const Ran r = record(trace, {program("crash")});
    EXPECT_EQ(r.status, 128 + SIGABRT) << "the program dies of its abort() as it would unrecorded";
    expectSameLines(trace, "crash.rep");
    EXPECT_NE(r.err.find("ended by signal 6"), std::string::npos) << r.err;
}

TEST(Record, ExplainsWhatItCannotRun)
{
    const fs::path trace = scratch("missing") / "missing.rep";
    const Ran r = record(trace, {"/no/such/program"});
    EXPECT_EQ(r.status, 127);
    EXPECT_NE(r.err.find("cannot run /no/such/program"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(trace));

    const Ran usage = run({HEAPVIZ_RECORD}, trace.string() + ".usage");
    EXPECT_EQ(usage.status, 2);
    EXPECT_NE(usage.err.find("Usage: heapviz-record"), std::string::npos) << usage.err;
}

TEST(Record, SaysSoWhenTheLoaderIgnoresIt)
{
    const fs::path trace = scratch("static") / "static.rep";
    const Ran r = record(trace, {program("static")});
    EXPECT_EQ(r.status, 0) << "the program runs, unrecorded";
    EXPECT_FALSE(fs::exists(trace));
    EXPECT_NE(r.err.find("no trace was written"), std::string::npos) << r.err;
}

TEST(Record, InstalledLauncherFindsItsLibrary)
{
    // What `cmake --install` does for app/record, into a prefix of our own.
    const fs::path prefix = scratch("install") / "prefix";
    const Ran install = run({CMAKE_COMMAND, "-DCMAKE_INSTALL_PREFIX=" + prefix.string(), "-P", RECORD_INSTALL_SCRIPT},
                            prefix.string() + ".log");
    ASSERT_EQ(install.status, 0) << install.out << install.err;
    const fs::path trace = prefix.parent_path() / "pattern.rep";
    const Ran r = run({(prefix / "bin" / "heapviz-record").string(), "-o", trace.string(), program("pattern")},
                      trace.string() + ".stderr");
    ASSERT_EQ(r.status, 0) << r.err;
    expectSameLines(trace, "pattern.rep");
}

// Every family, growing heap, invariants checked (replayLong).
void replayEverywhere(const fs::path& file)
{
    const Trace parsed = loadTrace(file.string());
    ASSERT_GT(parsed.ops.size(), 100u) << file;
    for (const Family& family : families()) {
        SCOPED_TRACE(std::string(family.name));
        const Metrics last = replayLong(parsed, laneOf(family.name));
        if (family.kind != FamilyKind::Pool) { // a pool serves one size only
            EXPECT_EQ(last.failed, 0u) << "a growing heap fails no request";
        }
    }
}

TEST(Record, LsOfABigDirectoryReplaysThroughEveryFamily)
{
    const fs::path trace = scratch("ls") / "ls.rep";
    const Ran r = record(trace, {"/bin/ls", "-R", "/usr/share"});
    ASSERT_EQ(r.status, 0) << r.err;
    ASSERT_GT(r.out.size(), 100000u) << "ls listed the folder";
    EXPECT_EQ(traceFiles(trace), std::vector<fs::path>{trace});
    EXPECT_EQ(lines(trace).back().rfind("# end (exit): ", 0), 0u) << "the summary is the last line";
    replayEverywhere(trace);
}

TEST(Record, PythonOneLinerReplaysThroughEveryFamily)
{
    // The interpreter itself, not a wrapper script (pyenv's shims exec it).
    const fs::path where = scratch("python") / "which";
    const Ran which = run({"/bin/sh", "-c", "exec python3 -c 'import os, sys; print(os.path.realpath(sys.executable))'"},
                          where);
    if (which.status != 0)
        GTEST_SKIP() << "no python3";
    const std::string python = which.out.substr(0, which.out.find('\n'));
    const fs::path trace = scratch("python") / "python.rep";
    // PYTHONMALLOC=malloc: every object through malloc, not Python's arenas.
    const Ran r = record(trace,
                         {python, "-c",
                          "import json; d = [{'k': i, 'v': str(i) * 50} for i in range(3000)]; "
                          "s = json.dumps(d); print(len(json.loads(s)))"},
                         {{"PYTHONMALLOC", "malloc"}});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "3000\n");
    EXPECT_EQ(traceFiles(trace), std::vector<fs::path>{trace});
    replayEverywhere(trace);
}
