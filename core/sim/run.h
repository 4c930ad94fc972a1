#pragma once
// Running a whole trace through one strategy: the metrics after every
// operation, the faults and leaks, and (when asked) every event, grouped by
// operation. This is what the CLI, the benchmarks and the GUI's lanes consume.

#include <atomic>
#include <functional>
#include <optional>
#include <span>

#include "core/model/bigvector.h"
#include <vector>

#include "core/sim/simulator.h"
#include "core/model/trace.h"

namespace heapviz {

// Every event of a run, in order, with where each operation's events end.
struct EventLog {
    BigVector<Event> events;
    // opEnd[0]: end of the events before the first operation (a chunk-growing
    // heap's first growth); opEnd[i + 1]: end of operation i's events.
    BigVector<std::size_t> opEnd;
    // The metrics at each CompactionProgress event (the only points inside an
    // operation a view stops at), and where in `events` each of those is.
    std::vector<Metrics> progressSamples;
    std::vector<std::size_t> progressEvents;

    std::size_t operations() const { return opEnd.empty() ? 0 : opEnd.size() - 1; }
    // The events of the setup (op == -1) or of operation op.
    std::span<const Event> eventsOf(std::ptrdiff_t op) const;
    // The metrics after the first `shown` events of operation op, when those
    // end inside a compaction (at one of its CompactionProgress events).
    std::optional<Metrics> metricsWithin(std::size_t op, std::size_t shown) const;
};

// An EventSink that keeps every event, and the metrics at each point a view
// can stop at inside an operation (from `measure`, the simulator's metrics now).
class EventRecorder : public EventSink {
public:
    EventRecorder(EventLog& log, std::function<Metrics()> measure)
        : m_log(log), m_measure(std::move(measure)) {}
    void onEvent(const Event& event) override
    {
        if (std::holds_alternative<CompactionProgress>(event)) {
            m_log.progressEvents.push_back(m_log.events.size());
            m_log.progressSamples.push_back(m_measure());
        }
        m_log.events.push_back(event);
    }
    // Closes the current operation (or the setup).
    void endOperation() { m_log.opEnd.push_back(m_log.events.size()); }

private:
    EventLog& m_log;
    std::function<Metrics()> m_measure;
};

struct RunOptions {
    HeapConfig config;
    Strategy strategy = Strategy::First;
    bool countExamined = false;   // the `examined` metric and Searched events
    bool recordEvents = false;    // fill RunResult::events
    bool checkInvariants = false; // after every operation; throws std::logic_error
    std::size_t snapshotEvery = 0; // keep the layout every N steps (0: never)
    TaskControl control; // progress counts operations; a cancel stops the run (Cancelled)
};

struct RunResult {
    Strategy strategy = Strategy::First;
    BigVector<Metrics> samples; // samples[i]: after operation i
    std::vector<FaultReport> faults;
    std::vector<LeakReport> leaks;
    std::vector<BlockInfo> finalBlocks;
    Address finalRover;
    EventLog events;              // empty unless RunOptions::recordEvents
    std::vector<LayoutSnapshot> snapshots; // [k]: at step k * snapshotEvery

    // The metrics before the first operation, and after the last one (the
    // initial state again for an empty trace).
    Metrics initial;
    Metrics final;
    // Free blocks examined over the whole run.
    std::uint64_t totalExamined() const;
};

// options.config must be valid.
RunResult runTrace(const Trace& trace, const RunOptions& options);

} // namespace heapviz
