#pragma once
// EventLog: a recorded run, packed. Every event in order, grouped by
// operation, and the metrics after every operation, in about 30 bytes an
// operation rather than the ~250 that Event and Metrics values would take:
// events are packed (eventcodec.h), metrics are stored as their difference
// from what the events predict (metricscodec.h), and both are unpacked when
// asked for. Every kGroup operations the metrics are kept whole, so any
// operation is reached by unpacking fewer than kGroup others. Written by a
// run (sim), read by replay and the views.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "core/model/event.h"
#include "core/model/metrics.h"

namespace heapviz {

class EventLog {
public:
    // --- Recording, in order: start, then each operation.
    // The metrics before the first operation and the setup's events (a
    // chunk-growing heap's first growth).
    void start(const Metrics& initial, std::span<const Event> setup);
    // Operation operations(), from trace line `line`: its events and the metrics after it.
    void append(LineNo line, std::span<const Event> events, const Metrics& after);
    // The metrics at a point inside the operation being recorded (the next
    // append): at its event number `event` (0-based), a CompactionProgress.
    void addProgressSample(std::size_t event, const Metrics& metrics);

    // --- Reading.
    std::size_t operations() const { return m_operations; }
    // The events of the setup (op == -1) or of operation op.
    std::vector<Event> eventsOf(std::ptrdiff_t op) const;
    void eventsOf(std::ptrdiff_t op, std::vector<Event>& into) const;
    class Reader;
    // The metrics after `step` operations (0: before the first).
    Metrics metricsAfter(std::size_t step) const;
    // The metrics after the first `shown` events of operation op, when those
    // end inside a compaction (at one of its CompactionProgress events).
    std::optional<Metrics> metricsWithin(std::size_t op, std::size_t shown) const;
    // Every event of the run after the setup, in order (for tests and counts:
    // it unpacks them all).
    std::vector<Event> allEvents() const;
    // The memory the log holds, in bytes.
    std::size_t bytes() const;

private:
    static constexpr std::size_t kGroup = 256;     // operations between whole metrics
    static constexpr std::size_t kChunk = 256 << 10; // bytes asked for at a time

    // Where a group of kGroup operations starts, and what unpacking it needs.
    struct Group {
        std::uint32_t chunk = 0;
        std::uint32_t offset = 0;
        LineNo lineBefore = 0; // the line of the operation before the group
        Metrics before;        // the metrics before its first operation
    };
    struct Chunk {
        std::unique_ptr<std::uint8_t[]> bytes;
        std::size_t size = 0;
        std::size_t capacity = 0;
    };
    // A place in the log between two operations, with what unpacking on from
    // it needs.
    struct Position {
        std::size_t op = 0; // the next operation
        std::uint32_t chunk = 0;
        std::size_t offset = 0;
        LineNo line = 0; // the line of the operation before
        Metrics metrics; // the metrics before it
    };
    // Where each operation of one group starts, so that asking operation
    // after operation, forwards or backwards, unpacks each one once.
    struct Places {
        std::size_t group = SIZE_MAX;
        std::vector<Position> of; // of the operations of `group`
    };
    // Where operation op starts, from `places` (made anew for another group).
    Position placeOf(std::size_t op, Places& places) const;
    Position groupStart(std::size_t group) const;
    std::pair<std::uint32_t, std::uint32_t> store(const std::vector<std::uint8_t>& body);
    // Past the next operation without unpacking it (its metrics are not known after).
    void skip(Position& at) const;
    // Unpacks the next operation: its events into `events`, and when asked
    // its metrics into at.metrics (which must then be those before it).
    void next(Position& at, std::vector<Event>& events, bool withMetrics = true) const;
    const std::uint8_t* bytesAt(Position& at) const;

    std::vector<Event> m_setup;
    std::vector<Chunk> m_chunks;
    std::vector<Group> m_groups;
    std::size_t m_operations = 0;
    Metrics m_initial;
    LineNo m_lastLine = 0;
    Metrics m_last;
    std::vector<std::uint8_t> m_scratch;
    // The metrics at each CompactionProgress event (the only points inside an
    // operation a view stops at): which operation, and which of its events.
    struct Progress {
        std::size_t op = 0;
        std::size_t event = 0;
        Metrics metrics;
    };
    std::vector<Progress> m_progress;

    // What reading remembers between questions, so that asking operation
    // after operation, forwards or backwards (a chart, an export), unpacks
    // each one once: where each operation of the group asked last starts,
    // and where the last metricsAfter stopped. Moving a log forgets it.
    struct Memo {
        Memo() = default;
        Memo(Memo&&) noexcept {}
        Memo& operator=(Memo&&) noexcept { return *this; }
        std::mutex lock;
        Places places;
        std::optional<Position> resume;
        std::vector<Event> events; // unpacking's scratch
    };
    mutable Memo m_memo;
};

// Reads a log's operations for one reader alone (a cursor, which asks for
// thousands in a row on every jump): it remembers where it is for itself,
// so it takes no lock, and the operation after the last one read needs no
// look-up. The log must outlive it.
class EventLog::Reader {
public:
    explicit Reader(const EventLog& log) : m_log(&log) {}
    // As EventLog::eventsOf.
    void eventsOf(std::ptrdiff_t op, std::vector<Event>& into);

private:
    const EventLog* m_log;
    Places m_places;
    std::optional<Position> m_after; // where the operation read last ends
};

} // namespace heapviz
