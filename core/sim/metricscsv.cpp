#include "core/sim/metricscsv.h"

#include <array>
#include <cassert>
#include <charconv>

namespace heapviz {

namespace {

constexpr const char* kColumns[] = {
    "operation", "line", "op", "id", "size", "lane",
    "heap_size", "live_payload", "allocated_bytes", "free_bytes", "free_blocks", "used_blocks",
    "largest_free", "external_fragmentation", "internal_fragmentation", "peak_payload", "high_water",
    "utilization", "failed", "faults", "examined", "compactions", "moves", "bytes_moved",
};

char opLetter(OpKind kind)
{
    switch (kind) {
    case OpKind::Malloc: return 'a';
    case OpKind::Free: return 'f';
    case OpKind::Realloc: return 'r';
    case OpKind::Write: return 'w';
    }
    return '?';
}

// A field as RFC 4180 wants it: quoted when it holds a comma, quote or line break.
std::string field(const std::string& text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

} // namespace

std::span<const char* const> metricsCsvColumns() { return kColumns; }

std::string shortestDouble(double value)
{
    std::array<char, 32> buf;
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
    assert(ec == std::errc() && "32 characters hold any double's shortest form");
    return std::string(buf.data(), end);
}

void writeMetricsCsv(std::ostream& out, const Trace& trace, std::span<const RunResult* const> runs,
                     std::size_t from, std::size_t to)
{
    writeMetricsCsvHeader(out);
    writeMetricsCsvRows(out, trace, runs, from, to);
}

void writeMetricsCsvHeader(std::ostream& out)
{
    for (std::size_t c = 0; c < std::size(kColumns); ++c)
        out << (c ? "," : "") << kColumns[c];
    out << "\n";
}

void writeMetricsCsvRows(std::ostream& out, const Trace& trace, std::span<const RunResult* const> runs,
                         std::size_t from, std::size_t to)
{
    assert(from <= to && to <= trace.ops.size() && "the range lies inside the trace");
    for (std::size_t op = from; op < to; ++op) {
        const Op& o = trace.ops[op];
        for (const RunResult* run : runs) {
            const Metrics m = run->metricsAfter(op + 1);
            out << op + 1 << ',' << o.line << ',' << opLetter(o.kind) << ',' << o.id << ','
                << (o.kind == OpKind::Free ? 0 : o.size) << ',' << field(run->lane.text) << ','
                << m.heapSize << ',' << m.livePayload << ',' << m.allocatedBytes << ',' << m.freeBytes << ','
                << m.freeBlocks << ',' << m.usedBlocks << ',' << m.largestFree << ','
                << shortestDouble(m.externalFragmentation()) << ',' << shortestDouble(m.internalFragmentation())
                << ',' << m.peakPayload << ',' << m.highWater << ',' << shortestDouble(m.utilization()) << ','
                << m.failed << ',' << m.faults << ',' << m.examined << ',' << m.compactions << ',' << m.moves
                << ',' << m.bytesMoved << "\n";
        }
    }
}

} // namespace heapviz
