#pragma once
// Running a whole trace through one strategy: the metrics after every
// operation, the faults and leaks, and (when asked) every event, grouped by
// operation. This is what the CLI, the benchmarks and the GUI's lanes consume.

#include <atomic>
#include <span>

#include "bigvector.h"
#include <vector>

#include "simulator.h"
#include "trace.h"

namespace heapviz {

// Every event of a run, in order, with where each operation's events end.
struct EventLog {
    BigVector<Event> events;
    // opEnd[0]: end of the events before the first operation (a chunk-growing
    // heap's first growth); opEnd[i + 1]: end of operation i's events.
    BigVector<std::size_t> opEnd;

    std::size_t operations() const { return opEnd.empty() ? 0 : opEnd.size() - 1; }
    // The events of the setup (op == -1) or of operation op.
    std::span<const Event> eventsOf(std::ptrdiff_t op) const;
};

// An EventSink that keeps every event.
class EventRecorder : public EventSink {
public:
    explicit EventRecorder(EventLog& log) : m_log(log) {}
    void onEvent(const Event& event) override { m_log.events.push_back(event); }
    // Closes the current operation (or the setup).
    void endOperation() { m_log.opEnd.push_back(m_log.events.size()); }

private:
    EventLog& m_log;
};

struct RunOptions {
    HeapConfig config;
    Strategy strategy = Strategy::First;
    bool countExamined = false;   // the `examined` metric and Searched events
    bool recordEvents = false;    // fill RunResult::events
    bool checkInvariants = false; // after every operation; throws std::logic_error
    std::size_t snapshotEvery = 0; // keep the layout every N steps (0: never)
    std::atomic<std::size_t>* progress = nullptr; // counts operations done, for a progress bar
    const std::atomic<bool>* cancel = nullptr;    // set it to stop the run: RunCancelled
};

// Thrown by runTrace when RunOptions::cancel is set during the run.
struct RunCancelled {};

struct RunResult {
    Strategy strategy = Strategy::First;
    BigVector<Metrics> samples; // samples[i]: after operation i
    std::vector<FaultReport> faults;
    std::vector<LeakReport> leaks;
    std::vector<BlockInfo> finalBlocks;
    Address finalRover;
    EventLog events;              // empty unless RunOptions::recordEvents
    std::vector<LayoutSnapshot> snapshots; // [k]: at step k * snapshotEvery

    // The metrics after the last operation (the initial state for an empty trace).
    Metrics final;
    // Free blocks examined over the whole run.
    std::uint64_t totalExamined() const;
};

// options.config must be valid.
RunResult runTrace(const Trace& trace, const RunOptions& options);

} // namespace heapviz
