#pragma once
// Scenarios: ready lessons. A scenario is a generated trace plus what a
// teacher needs around it: a title, a paragraph that sets the scene, the
// lanes and heap settings that make its point, a few bookmarked moments with
// a sentence each, and, where the story has its own units (GiB, metres,
// kHz), the unit to speak of sizes in.
//
// Every scenario is generated deterministically: scripted operations, and
// where chance plays a part, the seeded generator of the workloads
// (core/trace/rng.h) or a workload itself. The same name gives the same
// trace, byte for byte, everywhere.
//
// Sizes. A story's unit is `unit.bytes` bytes of heap (1 GiB of the
// hypervisor's host is 1 KiB of heap), and a thing of k units is a *block*
// of exactly k units: its payload is k * unit.bytes minus the block's
// header and footer (16 bytes with the default preset), so that need() is
// exactly k units (unit.bytes is a multiple of the 16-byte alignment) and
// the free bytes are a whole number of units. A buddy block of a payload of
// k units minus 16 bytes is the power of two at or above k units (k >= 1,
// unit.bytes >= 32), so both families hold the same story's sizes.
//
// Steps. A bookmark's step is the step on the timeline that shows the moment:
// step s stands after the trace's s-th operation (operation s - 1 counting
// from 0; samples[s - 1] of a run). Step 0 is before the first operation.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/heapconfig.h"
#include "core/model/trace.h"
#include "core/model/types.h"
#include "core/text/units.h"

namespace heapviz {

// The story's own unit: `bytes` bytes of heap are one `name` ("GiB", "m", "kHz").
using ScenarioUnit = SizeUnit;

// A moment worth stopping at: the step that shows it and one sentence.
struct Bookmark {
    std::size_t step = 0;
    std::string text;
    friend bool operator==(const Bookmark&, const Bookmark&) = default;
};

// What the registry lists without generating anything.
struct ScenarioInfo {
    std::string_view name;    // "hypervisor": as --scenario takes it
    std::string_view title;   // "Hypervisor"
    std::string_view summary; // one line
};

struct Scenario {
    std::string name;
    std::string title;
    std::string summary;
    std::string scene;              // the paragraph that sets the scene
    std::vector<std::string> lanes; // lane texts as the CLI takes them: "best", "pool:slot=56"
    HeapConfig config;              // the heap the lanes share
    std::vector<Bookmark> bookmarks; // in step order
    std::optional<ScenarioUnit> unit; // none: sizes in bytes
    Trace trace;                    // named after the scenario, slots assigned
};

// Every built-in scenario, in the order they are listed.
const std::vector<ScenarioInfo>& scenarios();

// The scenario called `name` (exact), generated; nullopt for any other name.
std::optional<Scenario> makeScenario(std::string_view name);

// "disk-defragmenter, hypervisor, ...": the names, for messages.
std::string scenarioNames();

// `bytes` in the scenario's unit when it is a whole number of them ("32 GiB"),
// else as formatBytes says it.
std::string inUnits(Size bytes, const std::optional<ScenarioUnit>& unit);

} // namespace heapviz
