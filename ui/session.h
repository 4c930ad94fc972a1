#pragma once
// A session: one trace run through the chosen strategies under one config,
// recorded once, then followed step by step. Lanes share one playhead (the
// operation index), so they stay in lock-step whatever each one did.

#include <QObject>

#include <memory>
#include <vector>

#include "core/layoutcursor.h"
#include "core/run.h"
#include "core/trace.h"

namespace heapviz::ui {

struct SessionSettings {
    std::vector<Strategy> strategies{Strategy::First, Strategy::Best, Strategy::Worst};
    HeapConfig config;
};

// One strategy's recorded run and its cursor over the recording.
struct Lane {
    Strategy strategy = Strategy::First;
    RunResult run;
    std::unique_ptr<LayoutCursor> cursor;
};

// Everything a session holds, built off the GUI thread by recordSession().
struct SessionData {
    Trace trace;
    SessionSettings settings;
    std::vector<Lane> lanes;
};

// Runs every strategy of `settings` over `trace` (lanes in parallel when
// `parallel`), recording events, metrics and checkpoints. `progress`, if
// given, counts the operations done over all lanes. settings.config must be valid.
std::shared_ptr<SessionData> recordSession(Trace trace, SessionSettings settings, bool parallel = true,
                                           std::atomic<std::size_t>* progress = nullptr);

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
    // The operation that led to the current step (nullptr at step 0).
    const Op* currentOp() const { return m_step == 0 ? nullptr : &m_data->trace.ops[m_step - 1]; }
    // The metrics of lane i at the current step.
    Metrics metricsAt(std::size_t lane) const;
    std::span<const Event> currentEvents(std::size_t lane) const;

public Q_SLOTS:
    void seek(std::size_t step);
    void stepBy(std::ptrdiff_t delta);

Q_SIGNALS:
    void stepChanged(std::size_t step);

private:
    std::shared_ptr<SessionData> m_data;
    std::size_t m_step = 0;
};

} // namespace heapviz::ui
