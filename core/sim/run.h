#pragma once
// Running a whole trace through one lane: the metrics after every
// operation, the faults and leaks, and (when asked) every event, grouped by
// operation. This is what the CLI, the benchmarks and the GUI's lanes consume.

#include <functional>
#include <span>
#include <vector>

#include "core/model/bigvector.h"
#include "core/model/block.h"
#include "core/model/eventlog.h"
#include "core/model/packedlayout.h"
#include "core/model/trace.h"
#include "core/sim/simulator.h"

namespace heapviz {

// An EventSink that keeps every event, an operation at a time, and the
// metrics at each point a view can stop at inside an operation (from
// `measure`, the simulator's metrics now).
class EventRecorder : public EventSink {
public:
    EventRecorder(EventLog& log, std::function<Metrics()> measure)
        : m_log(log), m_measure(std::move(measure)) {}
    void onEvent(const Event& event) override
    {
        if (std::holds_alternative<CompactionProgress>(event))
            m_log.addProgressSample(m_events.size(), m_measure());
        m_events.push_back(event);
    }
    // Closes the setup: the events so far come before the first operation.
    void endSetup(const Metrics& initial)
    {
        m_log.start(initial, m_events);
        m_events.clear();
    }
    // The current operation's events so far.
    std::span<const Event> pending() const { return m_events; }
    // Closes an operation, from trace line `line`, with the metrics after it.
    void endOperation(LineNo line, const Metrics& after)
    {
        m_log.append(line, m_events, after);
        m_events.clear();
    }

private:
    EventLog& m_log;
    std::function<Metrics()> m_measure;
    std::vector<Event> m_events; // the current operation's
};

inline constexpr std::size_t kSnapshotFloor = std::size_t{1} << 20;

struct RunOptions {
    LaneSpec lane;                // must be valid (validateLane)
    bool countExamined = false;   // the `examined` metric and Searched events
    bool recordEvents = false;    // fill RunResult::events
    bool checkInvariants = false; // after every operation; throws std::logic_error
    std::size_t snapshotEvery = 0; // keep the layout every N steps (0: never)
    // With snapshots, at most this share of the recording's memory for them
    // (at least kSnapshotFloor bytes): past it every other one is dropped and
    // the interval doubles, so a long run keeps as many as its memory allows
    // (0: keep them all).
    double snapshotShare = 0;
    bool keepSamples = true; // fill RunResult::samples (the log has them too)
    TaskControl control{}; // progress counts operations; a cancel stops the run (Cancelled)
    // Called after each operation with its events (when recorded) and the
    // metrics after it: a consumer's summary made as the run goes, without
    // unpacking the recording afterwards.
    std::function<void(std::span<const Event>, const Metrics&)> observe{};
};

struct RunResult {
    LaneSpec lane;
    BigVector<Metrics> samples; // samples[i]: after operation i, when RunOptions::keepSamples
    std::vector<FaultReport> faults;
    std::vector<LeakReport> leaks;
    std::vector<BlockInfo> finalBlocks;
    Bins finalBins;               // the family's free structure at the end
    Address finalRover;
    EventLog events;              // empty unless RunOptions::recordEvents
    LayoutSnapshot initialLayout; // the heap before the first operation
    std::vector<PackedLayout> snapshots; // [k]: at step k * snapshotInterval
    std::size_t snapshotInterval = 0;

    // The metrics before the first operation, and after the last one (the
    // initial state again for an empty trace).
    Metrics initial;
    Metrics final;
    // The metrics after `step` operations (0: before the first), from the
    // samples when kept, else from the recording.
    Metrics metricsAfter(std::size_t step) const;
    // Free blocks examined over the whole run (needs the samples).
    std::uint64_t totalExamined() const;
};

RunResult runTrace(const Trace& trace, const RunOptions& options);

// An allocator's blocks written down, for replay to start from or return to.
LayoutSnapshot pictureOf(const Allocator& allocator);

} // namespace heapviz
