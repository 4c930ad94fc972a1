// heapviz-cli: runs traces (or a generated workload) through the lanes asked
// for (any allocator family) and prints a comparison, headless.

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cli/cliargs.h"
#include "app/cli/quiz.h"
#include "app/cli/report.h"
#include "core/sim/run.h"
#include "core/sim/streamrun.h"
#include "core/trace/traceparser.h"
#include "core/trace/tracestream.h"
#include "core/trace/tracewriter.h"

using namespace heapviz;

namespace {

enum Exit { kOk = 0, kTraceError = 1, kUsageError = 2 };

// A trace already in memory (a scenario's), through each lane in turn.
cli::TraceRuns runAll(const Trace& trace, const cli::CliArgs& args)
{
    cli::TraceRuns tr{trace.name, trace.ops.size(), {}};
    for (const LaneSpec& lane : args.lanes) {
        RunOptions options{.lane = lane, .countExamined = true, .checkInvariants = args.check};
        tr.runs.push_back(summarize(runTrace(trace, options)));
    }
    return tr;
}

// A trace file or a workload, read while the lanes run: the table needs only
// the final figures, so memory stays flat however long the trace is.
cli::TraceRuns runStreamed(OpSource& source, const cli::CliArgs& args)
{
    StreamResult result =
        runStream(source, {.lanes = args.lanes, .countExamined = true, .checkInvariants = args.check});
    return {source.name(), result.operations, std::move(result.lanes)};
}

// The generated workload or the scenario's trace, as a .rep file. A workload
// is generated twice (the header needs its totals before its first op) rather
// than held whole, so a long one writes in little memory.
int writeGenerated(const cli::CliArgs& args)
{
    std::ofstream out(args.writeTrace, std::ios::binary);
    std::uint64_t operations = 0;
    if (args.scenario) {
        writeTrace(out, args.scenario->trace);
        operations = args.scenario->trace.ops.size();
    } else {
        WorkloadStream first(*args.workload), again(*args.workload);
        writeTrace(out, first, again);
        operations = args.workload->ops;
    }
    out.close();
    if (!out) {
        std::cerr << "heapviz-cli: cannot write " << args.writeTrace << "\n";
        return kTraceError;
    }
    std::cerr << "wrote " << operations << " operations to " << args.writeTrace << "\n";
    return kOk;
}

// The quiz on the scenario, the workload or the first trace; its key after the
// questions, or in its own file.
int writeQuiz(const cli::CliArgs& args)
{
    Trace trace;
    try {
        trace = args.scenario   ? args.scenario->trace
                : args.workload ? generateWorkload(*args.workload)
                                : loadTrace(args.traces.front());
    } catch (const TraceError& e) {
        std::cerr << "heapviz-cli: " << e.what() << "\n";
        return kTraceError;
    }
    const cli::QuizOptions options{args.quizQuestions, args.quizSeed};
    if (args.quizKey.empty()) {
        std::ostringstream key;
        cli::writeQuiz(std::cout, key, trace, args.lanes, options);
        std::cout << "\n\f" << key.str(); // a form feed: the key prints on a page of its own
        return kOk;
    }
    std::ofstream key(args.quizKey);
    cli::writeQuiz(std::cout, key, trace, args.lanes, options);
    key.close();
    if (!key) {
        std::cerr << "heapviz-cli: cannot write " << args.quizKey << "\n";
        return kTraceError;
    }
    return kOk;
}

// Each scenario's name, title and what it shows.
void listScenarios()
{
    std::size_t width = 0;
    for (const ScenarioInfo& s : scenarios())
        width = std::max(width, s.name.size());
    for (const ScenarioInfo& s : scenarios())
        std::cout << s.name << std::string(width + 2 - s.name.size(), ' ') << s.title << ": " << s.summary << "\n";
}

// The scenario's moments, after its table: "step 17: the 32 GiB machine ...".
void writeBookmarks(std::ostream& out, const Scenario& s)
{
    out << s.title << ": " << s.summary << "\n";
    for (const Bookmark& b : s.bookmarks)
        out << "  step " << b.step << ": " << b.text << "\n";
}

} // namespace

int main(int argc, char** argv)
{
    const cli::ParseOutcome parsed = cli::parseArgs(std::vector<std::string>(argv + 1, argv + argc));
    if (!parsed.help.empty()) {
        std::cout << parsed.help;
        return kOk;
    }
    if (!parsed.args) {
        std::cerr << "heapviz-cli: " << parsed.error << "\nTry 'heapviz-cli --help'.\n";
        return kUsageError;
    }
    const cli::CliArgs& args = *parsed.args;
    if (args.listScenarios) {
        listScenarios();
        return kOk;
    }
    if ((args.workload || args.scenario) && !args.writeTrace.empty())
        return writeGenerated(args);
    if (args.quiz)
        return writeQuiz(args);

    int status = kOk;
    std::vector<cli::TraceRuns> all;
    const auto table = [&](const cli::TraceRuns& tr) {
        if (!args.json) {
            cli::writeTable(std::cout, tr, args.config, args.heapOptionsGiven);
            std::cout << "\n";
        }
    };
    try {
        if (args.workload) {
            WorkloadStream source(*args.workload);
            all.push_back(runStreamed(source, args));
            table(all.back());
        }
        if (args.scenario) {
            all.push_back(runAll(args.scenario->trace, args));
            table(all.back());
            if (!args.json) {
                writeBookmarks(std::cout, *args.scenario);
                std::cout << "\n";
            }
        }
        for (const std::string& path : args.traces) {
            try {
                TraceStream source(path);
                all.push_back(runStreamed(source, args));
            } catch (const TraceError& e) {
                std::cerr << "heapviz-cli: " << e.what() << "\n";
                status = kTraceError;
                continue;
            }
            table(all.back());
        }
    } catch (const std::logic_error& e) { // --check found a broken invariant: a bug of ours
        std::cerr << "heapviz-cli: internal error: " << e.what() << "\n";
        return 3;
    }
    if (args.json)
        cli::writeJson(std::cout, all, args.blocks);
    return status;
}
