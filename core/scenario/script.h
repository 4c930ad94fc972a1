#pragma once
// Writes a scenario's trace operation by operation, with fresh ids, and
// knows the step each operation will show at. Used by the scenarios only.

#include <cassert>
#include <cstdint>
#include <string>
#include <utility>

#include "core/model/trace.h"
#include "core/trace/tracewriter.h"

namespace heapviz {

class Script {
public:
    // `tags`: the header and footer bytes a block of the scenario's heap has,
    // so that units(k) makes a block of exactly k units.
    Script(Size unitBytes, Size tags) : m_unit(unitBytes), m_tags(tags) {}

    // The payload of a block of exactly k units.
    Size units(std::uint64_t k) const
    {
        assert(k * m_unit > m_tags && "a block of k units must hold its tags");
        return k * m_unit - m_tags;
    }

    TraceId malloc(Size payload)
    {
        const TraceId id = m_nextId++;
        emit(OpKind::Malloc, id, payload);
        return id;
    }
    void free(TraceId id) { emit(OpKind::Free, id, 0); }
    void realloc(TraceId id, Size payload) { emit(OpKind::Realloc, id, payload); }
    void write(TraceId id, std::int64_t offset, Size length) { emit(OpKind::Write, id, length, offset); }

    // The step that shows the last operation written so far.
    std::size_t step() const { return m_trace.ops.size(); }

    Trace finish(std::string name) &&
    {
        m_trace.name = std::move(name);
        assignSlots(m_trace);
        m_trace.header = traceHeader(m_trace);
        return std::move(m_trace);
    }

private:
    // writeTrace() puts four header lines before the operations.
    static constexpr LineNo kFirstOpLine = 5;

    void emit(OpKind kind, TraceId id, Size size, std::int64_t offset = 0)
    {
        Op op;
        op.kind = kind;
        op.id = id;
        op.size = size;
        op.offset = offset;
        op.line = static_cast<LineNo>(m_trace.ops.size() + kFirstOpLine);
        m_trace.ops.push_back(op);
    }

    Size m_unit;
    Size m_tags;
    Trace m_trace;
    TraceId m_nextId = 0;
};

} // namespace heapviz
