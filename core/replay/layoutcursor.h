#pragma once
// LayoutCursor: the heap's picture at any step of a recorded run. Step s is
// the state after s operations (0: before the first). Seeking applies or
// undoes events from wherever is nearer, the current step or one of the
// checkpoints taken while the run was first walked, so a jump anywhere costs
// at most half a checkpoint interval of events, never a replay from the start.

#include <cstddef>
#include <vector>

#include "core/model/eventlog.h"
#include "core/model/packedlayout.h"
#include "core/replay/layout.h"
#include "core/replay/listorder.h"

namespace heapviz {

class LayoutCursor {
public:
    // `log` must outlive the cursor. From the heap at step 0 (after the
    // setup's events), about `checkpoints` snapshots are kept, taken by
    // replaying the log once.
    LayoutCursor(const LayoutSnapshot& atStepZero, const EventLog& log, std::size_t checkpoints = 32);
    // With the snapshots the run took itself (RunResult::snapshots, one every
    // `interval` steps from step 0, which there must be): no replay needed.
    LayoutCursor(const EventLog& log, std::vector<PackedLayout> snapshots, std::size_t interval);


    std::size_t steps() const { return m_log->operations(); }
    std::size_t checkpoints() const { return m_checkpoints.size(); }
    std::size_t interval() const { return m_interval; }
    std::size_t checkpointBytes() const;
    std::size_t step() const { return m_step; }
    void seek(std::size_t step);
    // The state after `step` operations and the first `events` events of the
    // next one: a compaction, move by move.
    void seek(std::size_t step, std::size_t events);
    std::size_t partialEvents() const { return m_partial; }
    const BlockLayout& layout() const { return m_layout; }
    // The LIFO lists' order after `step` operations and `events` events of
    // the next: from the checkpoint at or before it, forwards. Computed when
    // asked, so a seek costs nothing for a view that does not show lists.
    ListOrder listOrderAt(std::size_t step, std::size_t events = 0) const;
    // At the current step (and partial events).
    ListOrder listOrder() const { return listOrderAt(m_step, m_partial); }

private:
    // The interval for about `checkpoints` snapshots over `steps` steps.
    static std::size_t intervalFor(std::size_t steps, std::size_t checkpoints);
    void forward();  // one operation
    void backward(); // one operation

    const EventLog* m_log;
    EventLog::Reader m_reader; // of m_log, for seeking
    std::size_t m_interval;
    std::vector<PackedLayout> m_checkpoints; // [k]: at step k * m_interval
    BlockLayout m_layout;
    std::size_t m_step = 0;
    std::size_t m_partial = 0; // events of operation m_step applied on top
    std::vector<Event> m_events; // an operation's, unpacked
};

} // namespace heapviz
