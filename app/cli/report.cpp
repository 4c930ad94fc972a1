#include "app/cli/report.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <sstream>

#include "core/alloc/registry.h"
#include "core/config/options.h"

namespace heapviz::cli {

namespace {

std::string heapName(const HeapConfig& c)
{
    return c.fixedSize ? std::to_string(*c.fixedSize) + " bytes (fixed)" : "grow";
}

std::string percent(double ratio)
{
    std::ostringstream s;
    s << std::fixed << std::setprecision(1) << ratio * 100 << '%';
    return s.str();
}

template <class Report, class Print>
void listFindings(std::ostream& out, const char* title, const TraceRuns& tr,
                  const std::vector<Report> LaneSummary::*field, Print print)
{
    // Lanes usually agree (a fault depends on ids, not addresses); say it once then.
    bool same = true;
    for (const LaneSummary& r : tr.runs)
        same = same && r.*field == tr.runs.front().*field;
    for (const LaneSummary& r : tr.runs) {
        if ((r.*field).empty() || (same && &r != &tr.runs.front()))
            continue;
        out << title << (same ? "" : " (" + r.lane.text + ")") << ":\n";
        for (const Report& x : r.*field)
            print(x);
    }
}

// "--align and --min-block do not apply to buddy, pool:slot=128".
void noteIgnored(std::ostream& out, const TraceRuns& tr, const std::vector<std::string>& given)
{
    for (const std::string& option : given) {
        std::string lanes;
        for (const LaneSummary& r : tr.runs)
            if (!appliesTo(option, r.lane.kind))
                lanes += (lanes.empty() ? "" : ", ") + r.lane.text;
        if (!lanes.empty())
            out << "note: --" << option << " does not apply to " << lanes << "\n";
    }
}

nlohmann::json binsJson(const Bins& bins)
{
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : bins.rows) {
        nlohmann::json r = nlohmann::json::array();
        for (const auto& v : row)
            r.push_back(v ? nlohmann::json(*v) : nlohmann::json(nullptr));
        rows.push_back(r);
    }
    return {{"name", bins.name}, {"columns", bins.columns}, {"rows", rows}};
}

nlohmann::json runJson(const TraceRuns& tr, const LaneSummary& r, bool withBlocks)
{
    const Metrics& m = r.final;
    const HeapConfig& c = r.lane.config;
    nlohmann::json j = {
        {"trace", tr.trace},
        {"strategy", r.lane.text},
        {"family", r.lane.family},
        {"preset", c.preset},
        {"heap", c.fixedSize ? nlohmann::json(*c.fixedSize) : nlohmann::json("grow")},
        {"operations", tr.operations},
        {"heap_size", m.heapSize},
        {"live_payload", m.livePayload},
        {"allocated_bytes", m.allocatedBytes},
        {"free_bytes", m.freeBytes},
        {"free_blocks", m.freeBlocks},
        {"used_blocks", m.usedBlocks},
        {"largest_free", m.largestFree},
        {"external_fragmentation", m.externalFragmentation()},
        {"internal_fragmentation", m.internalFragmentation()},
        {"peak_payload", m.peakPayload},
        {"high_water", m.highWater},
        {"utilization", m.utilization()},
        {"failed", m.failed},
        {"faults", m.faults},
        {"examined", r.examined},
        {"compactions", m.compactions},
        {"moves", m.moves},
        {"bytes_moved", m.bytesMoved},
        {"compact", r.lane.isBoundaryTag() ? c.compact.name() : "never"},
        {"compactor", std::string(compactorName(c.compactor))},
        {"bins", binsJson(r.finalBins)},
    };
    nlohmann::json faults = nlohmann::json::array();
    for (const FaultReport& f : r.faults)
        faults.push_back({{"line", f.line}, {"kind", std::string(faultName(f.kind))}, {"id", f.id}});
    j["fault_reports"] = faults;
    nlohmann::json leaks = nlohmann::json::array();
    for (const LeakReport& l : r.leaks)
        leaks.push_back({{"line", l.line}, {"id", l.id}, {"size", l.size}});
    j["leaks"] = leaks;
    if (withBlocks) {
        nlohmann::json blocks = nlohmann::json::array();
        for (const BlockInfo& b : r.finalBlocks)
            blocks.push_back({{"address", b.at.value()},
                              {"size", b.size},
                              {"state", b.used ? "used" : "free"},
                              {"id", b.used ? nlohmann::json(b.id) : nlohmann::json(nullptr)},
                              {"payload", b.used ? b.payload : 0}});
        j["blocks"] = blocks;
    }
    return j;
}

} // namespace

void writeTable(std::ostream& out, const TraceRuns& tr, const HeapConfig& config, const std::vector<std::string>& given)
{
    out << tr.trace << ": " << tr.operations << " operations, preset " << config.preset << ", heap " << heapName(config);
    if (config.compact.kind != CompactTrigger::Kind::Never)
        out << ", compact " << config.compact.name() << " (" << compactorName(config.compactor) << ")";
    out << "\n";
    const char* header[] = {"lane", "heap_size", "high_water", "utilization", "ext_frag", "int_frag",
                            "largest_free", "free_blocks", "used_blocks", "failed", "faults", "leaks",
                            "examined", "compactions", "moves", "bytes_moved"};
    std::vector<std::vector<std::string>> rows;
    rows.emplace_back(std::begin(header), std::end(header));
    for (const LaneSummary& r : tr.runs) {
        const Metrics& m = r.final;
        rows.push_back({r.lane.text, std::to_string(m.heapSize), std::to_string(m.highWater),
                        percent(m.utilization()), percent(m.externalFragmentation()),
                        percent(m.internalFragmentation()), std::to_string(m.largestFree),
                        std::to_string(m.freeBlocks), std::to_string(m.usedBlocks), std::to_string(m.failed),
                        std::to_string(m.faults), std::to_string(r.leaks.size()), std::to_string(r.examined),
                        std::to_string(m.compactions), std::to_string(m.moves), std::to_string(m.bytesMoved)});
    }
    std::vector<std::size_t> width(rows.front().size(), 0);
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c)
            width[c] = std::max(width[c], row[c].size());
    for (const auto& row : rows) {
        out << "  ";
        for (std::size_t c = 0; c < row.size(); ++c) // names left-aligned, numbers right-aligned
            out << (c == 0 ? std::left : std::right) << std::setw(int(width[c])) << row[c]
                << (c + 1 < row.size() ? "  " : "\n");
    }
    out << std::right;
    noteIgnored(out, tr, given);
    listFindings(out, "faults", tr, &LaneSummary::faults, [&](const FaultReport& f) {
        out << "  " << tr.trace << ":" << f.line << ": " << faultName(f.kind) << " of id " << f.id << "\n";
    });
    listFindings(out, "leaks", tr, &LaneSummary::leaks, [&](const LeakReport& l) {
        out << "  " << tr.trace << ":" << l.line << ": id " << l.id << " (" << l.size << " bytes) is never freed\n";
    });
}

void writeJson(std::ostream& out, const std::vector<TraceRuns>& all, bool withBlocks)
{
    nlohmann::json results = nlohmann::json::array();
    for (const TraceRuns& tr : all)
        for (const LaneSummary& r : tr.runs)
            results.push_back(runJson(tr, r, withBlocks));
    out << nlohmann::json{{"results", results}}.dump(2) << "\n";
}

} // namespace heapviz::cli
