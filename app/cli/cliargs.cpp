#include "app/cli/cliargs.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>

#include "core/alloc/registry.h"
#include "core/config/options.h"
#include "core/text/units.h"

namespace heapviz::cli {

namespace {

// The heap-wide options, by their spec names, in the order they are applied:
// the preset first, since it resets every parameter.
std::vector<std::string> heapOptionNames()
{
    std::vector<std::string> names{"preset", "heap"};
    for (const SizeParameter& p : kSizeParameters)
        names.emplace_back(p.name);
    for (const char* n : {"growth", "realloc", "zero", "compact", "compactor"})
        names.emplace_back(n);
    return names;
}

std::string dashed(std::string name)
{
    std::replace(name.begin(), name.end(), '_', '-');
    return name;
}

std::vector<std::string> splitList(const std::string& text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = text.find(',', start);
        out.push_back(text.substr(start, comma - start));
        if (comma == std::string::npos)
            return out;
        start = comma + 1;
    }
}

const char* const kDescription = R"(Runs CS:APP malloc-lab traces (.rep) through the allocators of the HeapViz heap
model, side by side, and compares what each leaves behind.)";

const char* const kFooter = R"(
Heap-wide options apply to every lane they make sense for: --align ... --suffix,
--growth, --realloc and --compact to the boundary-tag lanes (the fits, segregated,
tlsf); --heap, --zero and --canary to every lane. A lane's own KEY=VALUE wins.

Exit status: 0 when every trace ran (faults in a trace are findings, not
errors), 1 when a trace could not be read or parsed, 2 for a usage error or an
impossible setting.
)";

// A whole number, a count or a size ("4K" too) for the workload options.
bool number(const std::string& text, std::uint64_t& into)
{
    if (auto n = parseByteSize(text)) {
        into = *n;
        return true;
    }
    return false;
}

} // namespace

bool applyHeapOptions(HeapConfig& config, const std::map<std::string, std::string>& options, std::string& error)
{
    for (const std::string& name : heapOptionNames()) {
        const auto it = options.find(name);
        if (it == options.end())
            continue;
        if (!setOption(config, name, it->second, error)) {
            error = "--" + dashed(error);
            return false;
        }
    }
    return true;
}

std::optional<std::vector<LaneSpec>> resolveLanes(const std::string& laneList, const HeapConfig& config,
                                                  std::string& error)
{
    std::vector<LaneSpec> lanes;
    for (const std::string& text : splitList(laneList)) {
        auto lane = parseLane(text, config, error);
        if (!lane)
            return std::nullopt;
        if (error = validateLane(*lane); !error.empty())
            return std::nullopt;
        lanes.push_back(std::move(*lane));
    }
    return lanes;
}

ParseOutcome parseArgs(const std::vector<std::string>& argv)
{
    ParseOutcome out;
    CliArgs a;
    CLI::App app(kDescription, "heapviz-cli");
    app.footer(familiesHelp() + kFooter);
    app.get_formatter()->column_width(34);
    app.add_option("traces", a.traces, "CS:APP malloc-lab .rep traces");
    std::string laneList = "first,next,best,worst";
    app.add_option("--strategy", laneList, "lanes: NAME[:KEY=VALUE]..., comma-separated (default: the four fits)");
    std::map<std::string, std::string> heap;
    std::vector<CLI::Option*> heapOptions;
    for (const std::string& name : heapOptionNames()) {
        std::string help = name == "preset" ? "default | csapp (applied first)"
                           : name == "heap" ? "a fixed heap of SIZE bytes (64K, 1.5M ...), or grow (default)"
                           : name == "growth" ? "exact | chunk:N"
                           : name == "realloc" ? "in_place | move"
                           : name == "zero" ? "what malloc(0) gives: min_block | null"
                           : name == "compact" ? "never | on-failure | at:N[,N...] | threshold:F"
                           : name == "compactor" ? "sliding | two-finger"
                                                 : "bytes";
        heapOptions.push_back(app.add_option_function<std::string>(
            "--" + dashed(name), [&heap, name](const std::string& v) { heap[name] = v; }, help));
    }
    app.add_flag("--json", a.json, "one JSON document instead of the human table");
    app.add_flag("--blocks", a.blocks, "with --json: the final block layout too");
    app.add_flag("--check", a.check, "check every invariant after every operation (slow)");
    app.add_flag("--quiz", a.quiz, "homework: which block does each lane take? (questions picked by --seed)")->group("Quiz");
    app.add_option("--questions", a.quizQuestions, "with --quiz: how many (default 10)")->group("Quiz");
    app.add_option("--quiz-key", a.quizKey, "with --quiz: write the answer key to this file, not after the questions")
        ->group("Quiz");
    std::string workload, seed, ops, live, minSize, maxSize, meanSize;
    auto* workloadOption = app.add_option("--workload", workload,
                                          "a generated workload instead of traces: uniform, exponential, lifo, "
                                          "larson, ramp, peak, plateau, bursts, strings");
    const std::pair<const char*, std::string*> workloadParameters[] = {
        {"--seed", &seed}, {"--ops", &ops}, {"--live", &live}, {"--min-size", &minSize}, {"--max-size", &maxSize},
        {"--mean-size", &meanSize}};
    for (const auto& [flag, into] : workloadParameters)
        app.add_option(flag, *into, "workload parameter")->group("Workload");
    workloadOption->group("Workload");
    app.add_option("--write-trace", a.writeTrace, "with --workload or --scenario: write it as a .rep trace and stop")
        ->group("Workload");
    std::string scenario;
    app.add_option("--scenario", scenario,
                   "a built-in scenario, with its lanes and heap unless given here (--list-scenarios)")
        ->group("Scenarios");
    app.add_flag("--list-scenarios", a.listScenarios, "list the built-in scenarios and stop")->group("Scenarios");

    std::vector<std::string> args(argv.rbegin(), argv.rend()); // CLI11 takes them last first
    try {
        app.parse(args);
    } catch (const CLI::CallForHelp&) {
        out.help = app.help();
        return out;
    } catch (const CLI::ParseError& e) {
        out.error = e.what();
        return out;
    }
    if (a.listScenarios) {
        out.args = std::move(a);
        return out;
    }
    for (std::size_t i = 0; i < heapOptions.size(); ++i)
        if (heapOptions[i]->count() > 0)
            a.heapOptionsGiven.push_back(heapOptionNames()[i]);
    if (!scenario.empty()) {
        if (!workload.empty()) {
            out.error = "--scenario and --workload do not go together";
            return out;
        }
        a.scenario = makeScenario(scenario);
        if (!a.scenario) {
            out.error = "unknown scenario '" + scenario + "' (choose from " + scenarioNames() + ")";
            return out;
        }
        // The scenario's heap and lanes, unless the command line says otherwise.
        a.config = a.scenario->config;
        if (app.get_option("--strategy")->count() == 0) {
            laneList.clear();
            for (const std::string& lane : a.scenario->lanes)
                laneList += (laneList.empty() ? "" : ",") + lane;
        }
    }
    if (!applyHeapOptions(a.config, heap, out.error))
        return out;

    if (a.quiz && !seed.empty() && !number(seed, a.quizSeed)) {
        out.error = "--seed takes a number, not '" + seed + "'";
        return out;
    }
    if (!a.quiz && (!a.quizKey.empty() || a.quizQuestions != 10)) {
        out.error = "--questions and --quiz-key go with --quiz";
        return out;
    }
    const bool anyWorkloadParameter = (!seed.empty() && !a.quiz) || !ops.empty() || !live.empty() || !minSize.empty()
                                      || !maxSize.empty() || !meanSize.empty();
    if (!workload.empty()) {
        const auto kind = workloadFromName(workload);
        if (!kind) {
            out.error = "unknown workload '" + workload
                        + "' (choose from uniform, exponential, lifo, larson, ramp, peak, plateau, bursts, strings)";
            return out;
        }
        WorkloadSpec w;
        w.kind = *kind;
        std::uint64_t n = 0;
        const std::pair<const std::string*, std::function<void(std::uint64_t)>> set[] = {
            {&seed, [&](std::uint64_t v) { w.seed = v; }},   {&ops, [&](std::uint64_t v) { w.ops = v; }},
            {&live, [&](std::uint64_t v) { w.live = v; }},   {&minSize, [&](std::uint64_t v) { w.minSize = v; }},
            {&maxSize, [&](std::uint64_t v) { w.maxSize = v; }}, {&meanSize, [&](std::uint64_t v) { w.meanSize = v; }}};
        for (const auto& [text, apply] : set) {
            if (text->empty())
                continue;
            if (!number(*text, n)) {
                out.error = "a workload parameter takes a number, not '" + *text + "'";
                return out;
            }
            apply(n);
        }
        if (std::string bad = validateWorkload(w); !bad.empty()) {
            out.error = bad;
            return out;
        }
        a.workload = w;
    } else if (anyWorkloadParameter) {
        out.error = "workload options (--seed, --ops, ...) go with --workload KIND";
        return out;
    }
    if (!a.writeTrace.empty() && !a.workload && !a.scenario) {
        out.error = "--write-trace goes with --workload KIND or --scenario NAME";
        return out;
    }
    if (a.traces.empty() && !a.workload && !a.scenario) {
        out.error = "no trace given";
        return out;
    }
    if (a.blocks && !a.json) {
        out.error = "--blocks goes with --json";
        return out;
    }
    auto lanes = resolveLanes(laneList, a.config, out.error);
    if (!lanes)
        return out;
    a.lanes = std::move(*lanes);
    out.args = std::move(a);
    return out;
}

} // namespace heapviz::cli
