#pragma once
// Running a whole trace through one lane: the metrics after every
// operation, the faults and leaks, and (when asked) every event, grouped by
// operation. This is what the CLI, the benchmarks and the GUI's lanes consume.

#include <functional>
#include <vector>

#include "core/model/bigvector.h"
#include "core/model/block.h"
#include "core/model/eventlog.h"
#include "core/model/trace.h"
#include "core/sim/simulator.h"

namespace heapviz {

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
    LaneSpec lane;                // must be valid (validateLane)
    bool countExamined = false;   // the `examined` metric and Searched events
    bool recordEvents = false;    // fill RunResult::events
    bool checkInvariants = false; // after every operation; throws std::logic_error
    std::size_t snapshotEvery = 0; // keep the layout every N steps (0: never)
    TaskControl control; // progress counts operations; a cancel stops the run (Cancelled)
};

struct RunResult {
    LaneSpec lane;
    BigVector<Metrics> samples; // samples[i]: after operation i
    std::vector<FaultReport> faults;
    std::vector<LeakReport> leaks;
    std::vector<BlockInfo> finalBlocks;
    Bins finalBins;               // the family's free structure at the end
    Address finalRover;
    EventLog events;              // empty unless RunOptions::recordEvents
    LayoutSnapshot initialLayout; // the heap before the first operation
    std::vector<LayoutSnapshot> snapshots; // [k]: at step k * snapshotEvery

    // The metrics before the first operation, and after the last one (the
    // initial state again for an empty trace).
    Metrics initial;
    Metrics final;
    // Free blocks examined over the whole run.
    std::uint64_t totalExamined() const;
};

RunResult runTrace(const Trace& trace, const RunOptions& options);

// An allocator's blocks written down, for replay to start from or return to.
LayoutSnapshot pictureOf(const Allocator& allocator);

} // namespace heapviz
