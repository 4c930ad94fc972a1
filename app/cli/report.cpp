#include "core/config/options.h"
#include "report.h"

#include <charconv>
#include <cstdio>
#include <iomanip>
#include <sstream>

namespace heapviz::cli {

namespace {

std::string jsonString(const std::string& s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += char(c);
        }
    }
    return out + "\"";
}

// The shortest text that reads back as the same double.
std::string jsonNumber(double v)
{
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : "0";
}

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
                  const std::vector<Report> RunResult::*field, Print print)
{
    // Strategies usually agree (a fault depends on ids, not addresses); say it once then.
    bool same = true;
    for (const RunResult& r : tr.runs)
        same = same && r.*field == tr.runs.front().*field;
    for (const RunResult& r : tr.runs) {
        if ((r.*field).empty() || (same && &r != &tr.runs.front()))
            continue;
        out << title << (same ? "" : std::string(" (") + std::string(strategyName(r.strategy)) + ")")
            << ":\n";
        for (const Report& x : r.*field)
            print(x);
    }
}

} // namespace

void writeTable(std::ostream& out, const TraceRuns& tr, const HeapConfig& config)
{
    out << tr.trace << ": " << tr.operations << " operations, preset " << config.preset
        << ", heap " << heapName(config);
    if (config.compact.kind != CompactTrigger::Kind::Never)
        out << ", compact " << config.compact.name() << " (" << compactorName(config.compactor) << ")";
    out << "\n";
    const char* header[] = {"strategy", "heap_size", "high_water", "utilization", "ext_frag",
                            "int_frag", "largest_free", "free_blocks", "used_blocks", "failed",
                            "faults", "leaks", "examined", "compactions", "moves", "bytes_moved"};
    std::vector<std::vector<std::string>> rows;
    rows.emplace_back(std::begin(header), std::end(header));
    for (const RunResult& r : tr.runs) {
        const Metrics& m = r.final;
        rows.push_back({std::string(strategyName(r.strategy)), std::to_string(m.heapSize),
                        std::to_string(m.highWater), percent(m.utilization()),
                        percent(m.externalFragmentation()), percent(m.internalFragmentation()),
                        std::to_string(m.largestFree), std::to_string(m.freeBlocks),
                        std::to_string(m.usedBlocks), std::to_string(m.failed),
                        std::to_string(m.faults), std::to_string(r.leaks.size()),
                        std::to_string(r.totalExamined()), std::to_string(m.compactions),
                        std::to_string(m.moves), std::to_string(m.bytesMoved)});
    }
    std::vector<std::size_t> width(rows.front().size(), 0);
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c)
            width[c] = std::max(width[c], row[c].size());
    for (const auto& row : rows) {
        out << "  ";
        for (std::size_t c = 0; c < row.size(); ++c) {
            // Names left-aligned, numbers right-aligned.
            out << (c == 0 ? std::left : std::right) << std::setw(int(width[c])) << row[c]
                << (c + 1 < row.size() ? "  " : "\n");
        }
    }
    out << std::right;
    listFindings(out, "faults", tr, &RunResult::faults, [&](const FaultReport& f) {
        out << "  " << tr.trace << ":" << f.line << ": " << faultName(f.kind) << " of id " << f.id
            << "\n";
    });
    listFindings(out, "leaks", tr, &RunResult::leaks, [&](const LeakReport& l) {
        out << "  " << tr.trace << ":" << l.line << ": id " << l.id << " (" << l.size
            << " bytes) is never freed\n";
    });
}

void writeJson(std::ostream& out, const std::vector<TraceRuns>& all, const HeapConfig& config,
               bool withBlocks)
{
    out << "{\"results\": [";
    const char* sep = "\n";
    for (const TraceRuns& tr : all) {
        for (const RunResult& r : tr.runs) {
            const Metrics& m = r.final;
            out << sep << "  {\"trace\": " << jsonString(tr.trace)
                << ", \"strategy\": " << jsonString(std::string(strategyName(r.strategy)))
                << ", \"preset\": " << jsonString(config.preset)
                << ", \"heap\": " << (config.fixedSize ? std::to_string(*config.fixedSize) : "\"grow\"")
                << ", \"operations\": " << tr.operations
                << ",\n   \"heap_size\": " << m.heapSize << ", \"live_payload\": " << m.livePayload
                << ", \"allocated_bytes\": " << m.allocatedBytes << ", \"free_bytes\": " << m.freeBytes
                << ", \"free_blocks\": " << m.freeBlocks << ", \"used_blocks\": " << m.usedBlocks
                << ", \"largest_free\": " << m.largestFree
                << ",\n   \"external_fragmentation\": " << jsonNumber(m.externalFragmentation())
                << ", \"internal_fragmentation\": " << jsonNumber(m.internalFragmentation())
                << ", \"peak_payload\": " << m.peakPayload << ", \"high_water\": " << m.highWater
                << ", \"utilization\": " << jsonNumber(m.utilization())
                << ",\n   \"failed\": " << m.failed << ", \"faults\": " << m.faults
                << ", \"examined\": " << r.totalExamined()
                << ",\n   \"compactions\": " << m.compactions << ", \"moves\": " << m.moves
                << ", \"bytes_moved\": " << m.bytesMoved << ", \"compact\": "
                << jsonString(config.compact.name()) << ", \"compactor\": "
                << jsonString(std::string(compactorName(config.compactor)));
            out << ",\n   \"fault_reports\": [";
            for (std::size_t i = 0; i < r.faults.size(); ++i)
                out << (i ? ", " : "") << "{\"line\": " << r.faults[i].line << ", \"kind\": \""
                    << faultName(r.faults[i].kind) << "\", \"id\": " << r.faults[i].id << "}";
            out << "],\n   \"leaks\": [";
            for (std::size_t i = 0; i < r.leaks.size(); ++i)
                out << (i ? ", " : "") << "{\"line\": " << r.leaks[i].line
                    << ", \"id\": " << r.leaks[i].id << ", \"size\": " << r.leaks[i].size << "}";
            out << "]";
            if (withBlocks) {
                out << ",\n   \"blocks\": [";
                for (std::size_t i = 0; i < r.finalBlocks.size(); ++i) {
                    const BlockInfo& b = r.finalBlocks[i];
                    out << (i ? ",\n     " : "\n     ") << "{\"address\": " << b.at.value()
                        << ", \"size\": " << b.size << ", \"state\": \""
                        << (b.used ? "used" : "free") << "\", \"id\": "
                        << (b.used ? std::to_string(b.id) : "null")
                        << ", \"payload\": " << (b.used ? b.payload : 0) << "}";
                }
                out << "]";
            }
            out << "}";
            sep = ",\n";
        }
    }
    out << "\n]}\n";
}

} // namespace heapviz::cli
