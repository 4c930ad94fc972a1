#include "core/trace/tracewriter.h"

#include <algorithm>
#include <charconv>
#include <limits>

namespace heapviz {

namespace {

Size saturatingAdd(Size a, Size b)
{
    return a > std::numeric_limits<Size>::max() - b ? std::numeric_limits<Size>::max() : a + b;
}

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

void TraceHeaderTally::add(const Op& op)
{
    ++m_ops;
    if (op.id < 0)
        return; // free(NULL)
    Held* held = m_ids.find(op.id);
    if (!held)
        held = &m_ids.insert(op.id, {});
    if (op.kind == OpKind::Write)
        return; // a write changes no size
    release(*held);
    if (op.kind != OpKind::Free) {
        *held = {op.size, true};
        m_live = saturatingAdd(m_live, op.size);
        m_peak = std::max(m_peak, m_live);
    }
}

void TraceHeaderTally::release(Held& held)
{
    if (!held.live)
        return;
    m_live = m_live == std::numeric_limits<Size>::max() ? m_live : m_live - held.payload;
    held.live = false;
}

std::vector<std::uint64_t> TraceHeaderTally::header() const
{
    return {m_peak, m_ids.size(), m_ops, 1};
}

std::vector<std::uint64_t> traceHeader(const Trace& trace)
{
    TraceHeaderTally tally;
    for (const Op& op : trace.ops)
        tally.add(op);
    return tally.header();
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

void writeTrace(std::ostream& out, OpSource& first, OpSource& again)
{
    constexpr std::size_t kChunk = 16384;
    OpList chunk;
    TraceHeaderTally tally;
    while (first.read(chunk, kChunk))
        for (const Op& op : chunk)
            tally.add(op);
    std::string text;
    for (std::uint64_t value : tally.header()) {
        appendNumber(text, value);
        text += '\n';
    }
    while (again.read(chunk, kChunk)) {
        for (const Op& op : chunk)
            appendOp(text, op);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        text.clear();
    }
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

void writeTrace(std::ostream& out, const Trace& trace)
{
    const std::string text = traceToString(trace);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

} // namespace heapviz
