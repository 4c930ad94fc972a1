#pragma once
// A session: one trace run through the chosen lanes (allocators of any family),
// recorded once, then followed step by step. Lanes share one playhead (the
// operation index), so they stay in lock-step whatever each one did.

#include <QObject>

#include <memory>
#include <vector>

#include "core/replay/layoutcursor.h"
#include "core/sim/run.h"
#include "core/model/trace.h"
#include "ui/charts/lanechartdata.h"

namespace heapviz::ui {

// The lanes as written ("first", "buddy:min_order=4"), on a heap config.
struct SessionSettings {
    std::vector<std::string> lanes{"first", "best", "worst"};
    HeapConfig config;

    // Each lane parsed on top of `config` and validated; empty with `error`
    // naming the lane and the reason when one cannot run.
    std::vector<LaneSpec> resolve(std::string& error) const;
    friend bool operator==(const SessionSettings&, const SessionSettings&) = default;
};

// One lane's recorded run, its cursor over the recording, and the run's
// metrics summarised for the charts.
struct Lane {
    LaneSpec spec;
    RunResult run;
    std::unique_ptr<LayoutCursor> cursor;
    LaneChartData charts;
    std::uint32_t failedTooLarge = 0; // failed requests no heap of the lane's family could hold
};

// A fault or a leak, as the faults dock lists it.
struct Finding {
    std::size_t step = 0;          // where it shows: a fault's step, a leak's allocation
    LineNo line = 0;
    TraceId id = 0;
    std::optional<FaultKind> fault; // none: a leak
    Size leakedBytes = 0;
    std::optional<std::size_t> lane; // none: every lane found the same
};

// Everything a session holds, built off the GUI thread by recordSession().
struct SessionData {
    Trace trace;
    SessionSettings settings;
    std::vector<Lane> lanes;
    std::vector<Finding> findings; // in the order of the lanes' reports
    std::size_t requests = 0;       // mallocs and reallocs: what can fail
};

// A recording's checkpoints: at most kMostCheckpoints of them, at least
// kFirstCheckpointInterval operations apart (taking one costs a walk of the
// whole heap), thinned to at most kCheckpointShare of what the events and
// metrics take,
// so that the memory stays in proportion to the trace (a long one keeps its
// checkpoints further apart, and a jump replays more events). 0.4 keeps a
// Larson session of the fits under 40 bytes a lane-operation with jumps
// under 50 ms at a million operations (README, Benchmarks).
inline constexpr std::size_t kFirstCheckpointInterval = 512;
inline constexpr std::size_t kMostCheckpoints = 128;
inline constexpr double kCheckpointShare = 0.4;

// Runs every lane of `settings` over `trace` (lanes in parallel when
// `parallel`), recording events, metrics and checkpoints. `control` counts
// the operations done over all lanes and can stop the recording (Cancelled).
// The settings must resolve (SessionSettings::resolve).
std::shared_ptr<SessionData> recordSession(Trace trace, SessionSettings settings, bool parallel = true,
                                           TaskControl control = {});

class Session : public QObject {
    Q_OBJECT
public:
    explicit Session(std::shared_ptr<SessionData> data, QObject* parent = nullptr);

    const SessionData& data() const { return *m_data; }
    const Trace& trace() const { return m_data->trace; }
    std::size_t laneCount() const { return m_data->lanes.size(); }
    const Lane& lane(std::size_t i) const { return m_data->lanes[i]; }
    // Operations in the trace; steps run from 0 (before the first) to this.
    std::size_t steps() const { return m_data->trace.ops.size(); }
    std::size_t step() const { return m_step; }
    // Inside a compaction, stepping move by move: the lanes show operation
    // step() + 1 up to its move()-th point (its start, then each move: the
    // engine's CompactionProgress events); lanes with fewer points, or none,
    // show that operation whole.
    bool inCompaction() const { return m_move.has_value(); }
    std::size_t move() const { return m_move.value_or(0); }
    // The most points (compaction starts and moves) any lane has in operation `op` (0-based).
    std::size_t compactionMoves(std::size_t op) const;

    // The operation shown: the one that led to the current step, or the one
    // being compacted (nullptr at step 0).
    const Op* currentOp() const;
    // The metrics of lane i as shown (mid-compaction, as the engine measured them).
    Metrics metricsAt(std::size_t lane) const;
    // The current operation's events, as far as they are shown.
    std::vector<Event> currentEvents(std::size_t lane) const;
    // The events the last single step forward applied (for its animation);
    // empty after any other move of the playhead.
    std::vector<Event> lastStepEvents(std::size_t lane) const;
    bool lastWasOneForward() const { return !m_lastStep.empty(); }

public Q_SLOTS:
    void seek(std::size_t step);
    void stepBy(std::ptrdiff_t delta);
    // One step, going through compactions move by move when `throughMoves`.
    void stepForward(bool throughMoves = true);
    void stepBackward(bool throughMoves = true);

Q_SIGNALS:
    void stepChanged(std::size_t step);

private:
    // How many events of operation `op` lane `lane` shows at move `move`.
    std::size_t eventsShown(std::size_t lane, std::size_t op, std::size_t move) const;
    void show(std::size_t step, std::optional<std::size_t> move, bool oneForward);

    std::shared_ptr<SessionData> m_data;
    std::size_t m_step = 0;
    std::optional<std::size_t> m_move;
    // Per lane, the events [first, second) of the shown operation that the
    // last single step forward applied.
    std::vector<std::pair<std::size_t, std::size_t>> m_lastStep;
};

} // namespace heapviz::ui
