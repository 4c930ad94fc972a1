#pragma once
// The command line of heapviz-cli (CLI11), parsed into lanes and settings
// without running anything. The heap's options are the engine's
// (core/options.h) and the lanes the registry's (core/alloc/registry.h), by
// the same names; the desktop app applies its own command line through
// applyHeapOptions, so both read a setting the same way.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/alloc/lanespec.h"
#include "core/config/heapconfig.h"
#include "core/scenario/scenario.h"
#include "core/trace/workloads.h"

namespace heapviz::cli {

struct CliArgs {
    std::vector<std::string> traces;
    std::vector<LaneSpec> lanes;        // the --strategy list (else a scenario's lanes), resolved and valid
    HeapConfig config;                  // the heap-wide settings (on top of a scenario's)
    std::vector<std::string> heapOptionsGiven; // "align", "zero", ... as given, in order
    bool json = false;
    bool blocks = false;
    bool check = false;                 // invariants after every operation
    std::optional<WorkloadSpec> workload; // run (or write) a generated workload
    bool quiz = false;                  // homework questions instead of the table
    std::size_t quizQuestions = 10;
    std::uint64_t quizSeed = 1;         // --seed picks the questions
    std::string quizKey;                // the answer key's own file ("": after the questions)
    std::optional<Scenario> scenario;   // run (or write) a built-in scenario
    std::string writeTrace;             // with a workload or a scenario: write it here and stop
    bool listScenarios = false;         // list the scenarios and stop
};

// What parseArgs says besides the arguments: help asked for, or an error.
struct ParseOutcome {
    std::optional<CliArgs> args; // empty: help was shown, or a usage error
    std::string help;            // --help: the text to print
    std::string error;           // a usage error: what was wrong
};

ParseOutcome parseArgs(const std::vector<std::string>& argv);

// The heap-wide options by name (without "--", dashes or underscores:
// "min-block" and "min_block" alike) on top of `config`, preset first, then
// the lanes of `laneList` ("first,buddy:min_order=4", empty: keep `lanes`).
// False with `error` saying what was wrong (naming the lane for a lane).
bool applyHeapOptions(HeapConfig& config, const std::map<std::string, std::string>& options, std::string& error);
std::optional<std::vector<LaneSpec>> resolveLanes(const std::string& laneList, const HeapConfig& config,
                                                  std::string& error);

} // namespace heapviz::cli
