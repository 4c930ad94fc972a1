#pragma once
// Small helpers for the engine's tests: build a config, run a trace written
// inline, and print a layout as a short string a person can check by hand,
// e.g. "[0,32)u0 [32,256)f" (u<id> = used by that id, f = free).

#include <string>
#include <string_view>
#include <vector>

#include "core/alloc/registry.h"
#include "support/strategy.h"
#include "core/sim/run.h"
#include "core/sim/simulator.h"
#include "core/trace/traceparser.h"

namespace heapviz::testing {

inline HeapConfig defaultConfig() { return *HeapConfig::fromPreset("default"); }
inline HeapConfig csappConfig() { return *HeapConfig::fromPreset("csapp"); }
inline HeapConfig fixedHeap(Size h, HeapConfig c = defaultConfig())
{
    c.fixedSize = h;
    return c;
}

std::string shape(const std::vector<BlockInfo>& blocks);

// Runs `ops` (lines of a .rep file) with invariants checked after every line.
struct Outcome {
    RunResult run;
    std::string layout; // shape() of the final blocks
    const Metrics& last() const { return run.final; }
};
Outcome runOps(std::string_view ops, const HeapConfig& config, Strategy strategy = Strategy::First,
               bool recordEvents = false);
Outcome runOps(std::string_view ops, const LaneSpec& lane, bool recordEvents = false);

// A file holding `text` in the test's temporary folder, its name unique to
// this run; returns its path.
std::string fileWith(const std::string& name, const std::string& text);

std::string sharedTracesDir(); // "" when ../shared/traces is not there
std::vector<std::string> sharedTraceFiles();

} // namespace heapviz::testing
