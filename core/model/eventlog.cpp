#include "core/model/eventlog.h"

#include <algorithm>
#include <cstring>

#include "core/model/eventcodec.h"
#include "core/model/metricscodec.h"
#include "core/model/varint.h"

namespace heapviz {

void EventLog::start(const Metrics& initial, std::span<const Event> setup)
{
    m_initial = m_last = initial;
    m_setup.assign(setup.begin(), setup.end());
}

// An operation is stored as its body's length, then the body: its line (as
// the difference from the previous operation's), its metrics (as the
// difference from their prediction), and its events, up to the body's end.
void EventLog::append(LineNo line, std::span<const Event> events, const Metrics& after)
{
    m_scratch.clear();
    putVarint(m_scratch, zigzag(std::int64_t(line) - std::int64_t(m_lastLine)));
    packMetrics(m_scratch, after, predictMetrics(m_last, events));
    EventPacking packing{0, 0, line};
    for (const Event& e : events)
        packEvent(m_scratch, e, packing);
    const auto [chunk, offset] = store(m_scratch);
    if (m_operations % kGroup == 0)
        m_groups.push_back({chunk, offset, m_lastLine, m_last});
    m_last = after;
    m_lastLine = line;
    ++m_operations;
}

// Appends the body with its length in front, never across two chunks, and
// says where (chunk, offset).
std::pair<std::uint32_t, std::uint32_t> EventLog::store(const std::vector<std::uint8_t>& body)
{
    std::uint8_t length[10];
    const std::size_t lengthBytes = putVarint(length, body.size());
    const std::size_t total = lengthBytes + body.size();
    if (m_chunks.empty() || m_chunks.back().capacity - m_chunks.back().size < total) {
        const std::size_t capacity = std::max(kChunk, total);
        m_chunks.push_back({std::make_unique_for_overwrite<std::uint8_t[]>(capacity), 0, capacity});
    }
    Chunk& c = m_chunks.back();
    const auto at = std::pair(std::uint32_t(m_chunks.size() - 1), std::uint32_t(c.size));
    std::memcpy(c.bytes.get() + c.size, length, lengthBytes);
    std::memcpy(c.bytes.get() + c.size + lengthBytes, body.data(), body.size());
    c.size += total;
    return at;
}

void EventLog::addProgressSample(std::size_t event, const Metrics& metrics)
{
    m_progress.push_back({m_operations, event, metrics});
}

EventLog::Position EventLog::groupStart(std::size_t group) const
{
    const Group& g = m_groups[group];
    return {group * kGroup, g.chunk, g.offset, g.lineBefore, g.before};
}

const std::uint8_t* EventLog::bytesAt(Position& at) const
{
    if (at.offset == m_chunks[at.chunk].size) { // operations never straddle chunks
        ++at.chunk;
        at.offset = 0;
    }
    return m_chunks[at.chunk].bytes.get() + at.offset;
}

void EventLog::skip(Position& at) const
{
    const std::uint8_t* start = bytesAt(at);
    VarintReader in(start);
    const std::uint64_t length = in.next();
    const std::uint8_t* body = in.position();
    at.line = LineNo(std::int64_t(at.line) + in.nextSigned());
    at.offset += std::size_t(body - start) + length;
    ++at.op;
}

void EventLog::next(Position& at, std::vector<Event>& events, bool withMetrics) const
{
    const std::uint8_t* start = bytesAt(at);
    VarintReader in(start);
    const std::uint64_t length = in.next();
    const std::uint8_t* body = in.position();
    at.line = LineNo(std::int64_t(at.line) + in.nextSigned());
    const std::uint8_t* metrics = in.position(); // unpacked once the events are known
    skipMetrics(in);
    events.clear();
    EventPacking packing{0, 0, at.line};
    while (in.position() < body + length)
        events.push_back(unpackEvent(in, packing));
    if (withMetrics) {
        VarintReader metricsIn(metrics);
        at.metrics = unpackMetrics(metricsIn, predictMetrics(at.metrics, events));
    }
    at.offset += std::size_t(body - start) + length;
    ++at.op;
}

std::vector<Event> EventLog::eventsOf(std::ptrdiff_t op) const
{
    std::vector<Event> events;
    eventsOf(op, events);
    return events;
}

EventLog::Position EventLog::placeOf(std::size_t op, Places& places) const
{
    const std::size_t group = op / kGroup;
    if (places.group != group || op % kGroup >= places.of.size()) { // (a log still recording grows)
        places.of.clear();
        for (Position p = groupStart(group); p.op < m_operations && places.of.size() < kGroup; skip(p))
            places.of.push_back(p);
        places.group = group;
    }
    return places.of[op % kGroup];
}

void EventLog::eventsOf(std::ptrdiff_t op, std::vector<Event>& into) const
{
    if (op < 0) {
        into = m_setup;
        return;
    }
    Position at;
    {
        std::lock_guard lock(m_memo.lock);
        at = placeOf(std::size_t(op), m_memo.places);
    }
    next(at, into, /*withMetrics=*/false); // not known after a skip, and not wanted
}

void EventLog::Reader::eventsOf(std::ptrdiff_t op, std::vector<Event>& into)
{
    if (op < 0) {
        into = m_log->m_setup;
        return;
    }
    Position at = m_after && m_after->op == std::size_t(op) ? *m_after : m_log->placeOf(std::size_t(op), m_places);
    m_log->next(at, into, /*withMetrics=*/false);
    m_after = at;
}

Metrics EventLog::metricsAfter(std::size_t step) const
{
    if (step == 0)
        return m_initial;
    if (step >= m_operations)
        return m_last;
    std::lock_guard lock(m_memo.lock);
    Position at = groupStart(step / kGroup);
    if (const auto& r = m_memo.resume; r && r->op <= step && r->op > at.op)
        at = *r; // nearer: go on from where the last question stopped
    while (at.op < step)
        next(at, m_memo.events);
    m_memo.resume = at;
    return at.metrics;
}

std::optional<Metrics> EventLog::metricsWithin(std::size_t op, std::size_t shown) const
{
    if (shown == 0)
        return std::nullopt;
    const auto it = std::lower_bound(m_progress.begin(), m_progress.end(), std::pair(op, shown - 1),
                                     [](const Progress& p, std::pair<std::size_t, std::size_t> key) {
                                         return std::pair(p.op, p.event) < key;
                                     });
    if (it == m_progress.end() || it->op != op || it->event != shown - 1)
        return std::nullopt;
    return it->metrics;
}

std::vector<Event> EventLog::allEvents() const
{
    std::vector<Event> all, events;
    for (Position at = m_operations ? groupStart(0) : Position{}; at.op < m_operations;) {
        next(at, events, /*withMetrics=*/false);
        all.insert(all.end(), events.begin(), events.end());
    }
    return all;
}

std::size_t EventLog::bytes() const
{
    std::size_t total = sizeof(*this) + m_setup.capacity() * sizeof(Event) + m_chunks.capacity() * sizeof(Chunk)
                        + m_groups.capacity() * sizeof(Group) + m_progress.capacity() * sizeof(Progress)
                        + m_scratch.capacity();
    for (const Chunk& c : m_chunks)
        total += c.capacity;
    return total;
}

} // namespace heapviz
