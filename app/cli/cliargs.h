#pragma once
// The command line of heapviz-cli, parsed into settings without running anything.

#include <optional>
#include <string>
#include <vector>

#include "core/config/heapconfig.h"
#include "core/alloc/strategy.h"
#include "core/trace/workloads.h"

namespace heapviz::cli {

struct CliArgs {
    std::vector<std::string> traces;
    std::vector<Strategy> strategies{std::begin(kAllStrategies), std::end(kAllStrategies)};
    HeapConfig config;
    bool json = false;
    bool blocks = false;
    bool check = false;                 // invariants after every operation
    bool help = false;
    std::optional<WorkloadSpec> workload; // run (or write) a generated workload
    std::string writeTrace;             // with a workload: write it here and stop
};

// Parses argv (without the program name). On a usage error returns nullopt and
// sets `error` to a message saying what was wrong.
std::optional<CliArgs> parseArgs(const std::vector<std::string>& args, std::string& error);

// Applies one option that takes a value (--preset, --strategy, --heap,
// --compact, ...); false with `error` set when the value is bad.
bool applyOption(CliArgs& args, const std::string& option, const std::string& value, std::string& error);

extern const char* const kUsage;

} // namespace heapviz::cli
