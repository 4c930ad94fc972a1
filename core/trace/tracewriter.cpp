#include "core/trace/tracewriter.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace heapviz {

namespace {

Size saturatingAdd(Size a, Size b)
{
    return a > std::numeric_limits<Size>::max() - b ? std::numeric_limits<Size>::max() : a + b;
}

// Keeps the sum of the payload sizes of the live ids as the ops run.
class LiveBytes {
public:
    void apply(const Op& op)
    {
        if (op.id < 0 || op.kind == OpKind::Write)
            return; // free(NULL); a write changes no size
        release(op.id);
        if (op.kind != OpKind::Free) {
            m_sizeOf[op.id] = op.size;
            m_live = saturatingAdd(m_live, op.size);
            m_peak = std::max(m_peak, m_live);
        }
    }

    Size peak() const { return m_peak; }

private:
    // A malloc of a live id replaces its block, as a realloc does, so both
    // first give back what the id held.
    void release(TraceId id)
    {
        const auto it = m_sizeOf.find(id);
        if (it == m_sizeOf.end())
            return;
        m_live = m_live == std::numeric_limits<Size>::max() ? m_live : m_live - it->second;
        m_sizeOf.erase(it);
    }

    std::unordered_map<TraceId, Size> m_sizeOf;
    Size m_live = 0;
    Size m_peak = 0;
};

void appendNumber(std::string& out, std::int64_t value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void appendNumber(std::string& out, std::uint64_t value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void appendOp(std::string& out, const Op& op)
{
    static constexpr char kLetter[] = {'a', 'f', 'r', 'w'};
    out += kLetter[static_cast<std::size_t>(op.kind)];
    out += ' ';
    appendNumber(out, op.id);
    if (op.kind == OpKind::Write) {
        out += ' ';
        appendNumber(out, op.offset);
    }
    if (op.kind != OpKind::Free) {
        out += ' ';
        appendNumber(out, op.size);
    }
    out += '\n';
}

} // namespace

std::vector<std::uint64_t> traceHeader(const Trace& trace)
{
    LiveBytes bytes;
    std::unordered_set<TraceId> ids;
    for (const Op& op : trace.ops) {
        bytes.apply(op);
        if (op.id >= 0)
            ids.insert(op.id);
    }
    return {bytes.peak(), ids.size(), trace.ops.size(), 1};
}

std::string traceToString(const Trace& trace)
{
    std::string out;
    out.reserve(32 + trace.ops.size() * 12);
    for (std::uint64_t value : traceHeader(trace)) {
        appendNumber(out, value);
        out += '\n';
    }
    for (const Op& op : trace.ops)
        appendOp(out, op);
    return out;
}

void writeTrace(std::ostream& out, const Trace& trace)
{
    const std::string text = traceToString(trace);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

} // namespace heapviz
