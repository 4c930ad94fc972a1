#include "cliargs.h"

#include "core/config/options.h"
#include "core/text/units.h"

#include <algorithm>

#include <charconv>

namespace heapviz::cli {

const char* const kUsage = R"(usage: heapviz-cli [options] TRACE...
       heapviz-cli [options] --workload KIND [workload options]

Runs CS:APP malloc-lab traces (.rep) through the classic placement strategies
of the HeapViz heap model and compares what each leaves behind.

  --strategy LIST     comma-separated fits: first,next,best,worst (default: all four)
  --heap SIZE|grow    a fixed heap of SIZE bytes (K/M/G suffixes), or grow (default)
  --preset NAME       default | csapp (set first; the options below override it)
  --align N --header N --footer N --min-block N --prefix N --suffix N
  --growth exact|chunk:N   --realloc in_place|move   --zero min_block|null
  --compact never|on-failure|at:N[,N...]|threshold:F   when to compact (default never)
  --compactor sliding|two-finger                        how (default sliding)
  --json              one JSON document instead of the human table
  --blocks            with --json: the final block layout too
  --check             check every invariant after every operation (slow)

  --workload KIND     a generated workload instead of trace files:
                      uniform, exponential, lifo, larson, ramp, peak, plateau
  --seed N --ops N --live N --min-size N --max-size N --mean-size N
  --write-trace FILE  write the workload as a .rep trace and stop

Exit status: 0 when every trace ran (faults in a trace are findings, not
errors), 1 when a trace could not be read or parsed, 2 for a usage error.
)";

namespace {

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

} // namespace

bool applyOption(CliArgs& a, const std::string& opt, const std::string& value, std::string& error)
{
    const auto number = [&](Size& into) {
        if (auto n = parseByteSize(value)) {
            into = *n;
            return true;
        }
        error = opt + " takes a number of bytes, not '" + value + "'";
        return false;
    };
    const auto count = [&](std::size_t& into) {
        Size n = 0;
        if (!number(n))
            return false;
        into = std::size_t(n);
        return true;
    };
    // The heap's own options are the engine's (core/options.h), by the same names.
    if (opt.rfind("--", 0) == 0) {
        std::string name = opt.substr(2);
        std::replace(name.begin(), name.end(), '-', '_'); // --min-block is min_block
        if (isOption(name)) {
            if (setOption(a.config, name, value, error))
                return true;
            error = "--" + error;
            return false;
        }
    }
    if (opt == "--strategy") {
        a.strategies.clear();
        for (const std::string& name : splitList(value)) {
            auto s = strategyFromName(name);
            if (!s) {
                error = "unknown strategy '" + name + "' (choose from first, next, best, worst)";
                return false;
            }
            a.strategies.push_back(*s);
        }
        return true;
    }
    if (opt == "--write-trace") {
        a.writeTrace = value;
        return true;
    }
    if (opt == "--workload") {
        auto kind = workloadFromName(value);
        if (!kind) {
            error = "unknown workload '" + value
                    + "' (choose from uniform, exponential, lifo, larson, ramp, peak, plateau)";
            return false;
        }
        if (!a.workload)
            a.workload = WorkloadSpec{};
        a.workload->kind = *kind;
        return true;
    }
    // Workload parameters may come before or after --workload.
    if (!a.workload)
        a.workload = WorkloadSpec{};
    WorkloadSpec& w = *a.workload;
    if (opt == "--seed")
        return number(w.seed);
    if (opt == "--ops")
        return count(w.ops);
    if (opt == "--live")
        return count(w.live);
    if (opt == "--min-size")
        return number(w.minSize);
    if (opt == "--max-size")
        return number(w.maxSize);
    if (opt == "--mean-size")
        return number(w.meanSize);
    error = "unknown option '" + opt + "'";
    return false;
}

namespace {

const char* const kValueOptions[] = {
    "--strategy", "--heap", "--growth", "--realloc", "--zero", "--align", "--header",
    "--footer", "--min-block", "--prefix", "--suffix", "--workload", "--seed", "--ops",
    "--live", "--min-size", "--max-size", "--mean-size", "--write-trace", "--compact", "--compactor"};

bool takesValue(const std::string& opt)
{
    for (const char* o : kValueOptions)
        if (opt == o)
            return true;
    return false;
}

} // namespace

std::optional<CliArgs> parseArgs(const std::vector<std::string>& args, std::string& error)
{
    CliArgs a;
    // The preset comes first whatever its place, so that other options override it.
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string name;
        if (args[i] == "--preset" && i + 1 < args.size())
            name = args[i + 1];
        else if (args[i].rfind("--preset=", 0) == 0)
            name = args[i].substr(9);
        else
            continue;
        if (!applyOption(a, "--preset", name, error))
            return std::nullopt;
    }
    bool workloadNamed = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string opt = args[i];
        std::string value;
        bool inlineValue = false;
        if (opt.rfind("--", 0) == 0) {
            if (auto eq = opt.find('='); eq != std::string::npos) {
                value = opt.substr(eq + 1);
                opt = opt.substr(0, eq);
                inlineValue = true;
            }
        }
        if (opt == "--help" || opt == "-h") {
            a.help = true;
        } else if (opt == "--json") {
            a.json = true;
        } else if (opt == "--blocks") {
            a.blocks = true;
        } else if (opt == "--check") {
            a.check = true;
        } else if (opt == "--preset") {
            if (!inlineValue)
                ++i;
            if (i >= args.size()) {
                error = "--preset needs a value";
                return std::nullopt;
            }
        } else if (takesValue(opt)) {
            if (!inlineValue) {
                if (i + 1 >= args.size()) {
                    error = opt + " needs a value";
                    return std::nullopt;
                }
                value = args[++i];
            }
            workloadNamed = workloadNamed || opt == "--workload";
            if (!applyOption(a, opt, value, error))
                return std::nullopt;
        } else if (opt.size() > 1 && opt[0] == '-') {
            error = "unknown option '" + opt + "'";
            return std::nullopt;
        } else {
            a.traces.push_back(opt);
        }
    }
    if (a.help)
        return a;
    if (a.workload && !workloadNamed) {
        error = "workload options (--seed, --ops, ...) go with --workload KIND";
        return std::nullopt;
    }
    if (!a.writeTrace.empty() && !a.workload) {
        error = "--write-trace goes with --workload KIND";
        return std::nullopt;
    }
    if (a.traces.empty() && !a.workload) {
        error = "no trace given";
        return std::nullopt;
    }
    if (a.blocks && !a.json) {
        error = "--blocks goes with --json";
        return std::nullopt;
    }
    if (a.strategies.empty()) {
        error = "--strategy needs at least one strategy";
        return std::nullopt;
    }
    if (std::string bad = a.config.validate(); !bad.empty()) {
        error = bad;
        return std::nullopt;
    }
    if (a.workload) {
        if (std::string bad = validateWorkload(*a.workload); !bad.empty()) {
            error = bad;
            return std::nullopt;
        }
    }
    return a;
}

} // namespace heapviz::cli
