#include "ui/session/session.h"

#include "core/alloc/registry.h"

#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <unordered_map>

namespace heapviz::ui {

namespace {

// The faults and leaks of every lane, each with the step it happened at (a
// leak: the step that allocated it). Lanes usually agree (a fault depends on
// ids, not addresses); then each is listed once, for all lanes.
std::vector<Finding> collectFindings(const SessionData& data)
{
    // The step of each line a finding names (only those: a map of every
    // line of a long trace would hold more than its whole recording).
    std::unordered_map<LineNo, std::size_t> stepOfLine;
    for (const Lane& lane : data.lanes) {
        for (const FaultReport& f : lane.run.faults)
            stepOfLine.emplace(f.line, 0);
        for (const LeakReport& l : lane.run.leaks)
            stepOfLine.emplace(l.line, 0);
    }
    const auto& ops = data.trace.ops;
    for (std::size_t i = 0; i < ops.size(); ++i)
        if (const auto it = stepOfLine.find(ops[i].line); it != stepOfLine.end() && it->second == 0)
            it->second = i + 1; // the first operation on the line, as emplace kept it
    const auto stepOf = [&](LineNo line) {
        const auto it = stepOfLine.find(line);
        return it == stepOfLine.end() ? std::size_t(0) : it->second;
    };
    bool same = true;
    for (const Lane& lane : data.lanes)
        same = same && lane.run.faults == data.lanes[0].run.faults && lane.run.leaks == data.lanes[0].run.leaks;
    std::vector<Finding> out;
    for (std::size_t i = 0; i < (same ? std::min<std::size_t>(1, data.lanes.size()) : data.lanes.size()); ++i) {
        const std::optional<std::size_t> lane = same ? std::nullopt : std::optional(i);
        for (const FaultReport& f : data.lanes[i].run.faults)
            out.push_back({stepOf(f.line), f.line, f.id, f.kind, 0, lane});
        for (const LeakReport& l : data.lanes[i].run.leaks)
            out.push_back({stepOf(l.line), l.line, l.id, std::nullopt, l.size, lane});
    }
    return out;
}

} // namespace

std::shared_ptr<SessionData> recordSession(Trace trace, SessionSettings settings, bool parallel, TaskControl control)
{
    auto data = std::make_shared<SessionData>();
    data->trace = std::move(trace);
    data->settings = std::move(settings);
    std::string error;
    const std::vector<LaneSpec> specs = data->settings.resolve(error);
    if (specs.empty())
        throw std::invalid_argument(error);
    for (const LaneSpec& spec : specs)
        data->lanes.push_back(Lane{spec, {}, nullptr, {}});
    std::atomic<bool> cancelled{false};
    const std::size_t interval = std::max(kFirstCheckpointInterval, data->trace.ops.size() / kMostCheckpoints);
    const auto record = [&data, interval, control, &cancelled](Lane& lane) {
        // The charts' summaries are made as the lane runs, so that neither
        // the GUI thread nor a second pass ever walks the recording.
        LaneChartData::Builder charts(data->trace.ops.size());
        RunOptions options{lane.spec, /*countExamined=*/true, /*recordEvents=*/true, /*checkInvariants=*/false,
                           interval, /*snapshotShare=*/kCheckpointShare, /*keepSamples=*/false, control,
                           [&](std::span<const Event> events, const Metrics& after) {
                               charts.add(after);
                               for (const Event& e : events)
                                   if (const auto* f = std::get_if<RequestFailed>(&e); f && f->need == 0)
                                       ++lane.failedTooLarge;
                           }};
        try {
            lane.run = runTrace(data->trace, options);
        } catch (const Cancelled&) {
            cancelled = true; // rethrown below: QtConcurrent would wrap it
            return;
        }
        lane.cursor = std::make_unique<LayoutCursor>(lane.run.events, std::move(lane.run.snapshots),
                                                     lane.run.snapshotInterval);
        lane.charts = charts.finish();
    };
    if (parallel)
        QtConcurrent::blockingMap(data->lanes, record);
    else
        std::for_each(data->lanes.begin(), data->lanes.end(), record);
    if (cancelled)
        throw Cancelled{};
    data->findings = collectFindings(*data);
    data->requests = std::size_t(std::count_if(data->trace.ops.begin(), data->trace.ops.end(),
                                               [](const Op& op) {
                                                   return op.kind == OpKind::Malloc || op.kind == OpKind::Realloc;
                                               }));
    return data;
}

std::vector<LaneSpec> SessionSettings::resolve(std::string& error) const
{
    std::vector<LaneSpec> out;
    for (const std::string& text : lanes) {
        auto lane = parseLane(text, config, error);
        if (!lane)
            return {};
        if (error = validateLane(*lane); !error.empty())
            return {};
        out.push_back(std::move(*lane));
    }
    if (out.empty())
        error = "choose at least one lane";
    return out;
}

Session::Session(std::shared_ptr<SessionData> data, QObject* parent)
    : QObject(parent)
    , m_data(std::move(data))
{
}

std::size_t Session::compactionMoves(std::size_t op) const
{
    std::size_t most = 0;
    for (const Lane& lane : m_data->lanes)
        most = std::max(most, progressPoints(lane.run.events.eventsOf(std::ptrdiff_t(op))));
    return most;
}

std::size_t Session::eventsShown(std::size_t lane, std::size_t op, std::size_t move) const
{
    return eventsThroughPoint(m_data->lanes[lane].run.events.eventsOf(std::ptrdiff_t(op)), move);
}

const Op* Session::currentOp() const
{
    if (m_move)
        return &m_data->trace.ops[m_step];
    return m_step == 0 ? nullptr : &m_data->trace.ops[m_step - 1];
}

Metrics Session::metricsAt(std::size_t lane) const
{
    const Lane& l = m_data->lanes[lane];
    if (m_move) // mid-compaction: as the engine measured it at that point
        if (auto m = l.run.events.metricsWithin(m_step, l.cursor->partialEvents()))
            return *m;
    const std::size_t step = m_move ? m_step + 1 : m_step; // a lane with fewer moves shows the whole operation
    return l.run.metricsAfter(step);
}

std::vector<Event> Session::currentEvents(std::size_t lane) const
{
    if (m_move) {
        auto events = m_data->lanes[lane].run.events.eventsOf(std::ptrdiff_t(m_step));
        events.resize(std::min(events.size(), m_data->lanes[lane].cursor->partialEvents()));
        return events;
    }
    if (m_step == 0)
        return {};
    return m_data->lanes[lane].run.events.eventsOf(std::ptrdiff_t(m_step - 1));
}

std::vector<Event> Session::lastStepEvents(std::size_t lane) const
{
    if (lane >= m_lastStep.size())
        return {};
    const std::size_t op = m_move ? m_step : m_step - 1;
    const auto events = m_data->lanes[lane].run.events.eventsOf(std::ptrdiff_t(op));
    return {events.begin() + std::ptrdiff_t(m_lastStep[lane].first),
            events.begin() + std::ptrdiff_t(m_lastStep[lane].second)};
}

void Session::show(std::size_t step, std::optional<std::size_t> move, bool oneForward)
{
    step = std::min(step, steps());
    if (step == steps())
        move.reset();
    if (step == m_step && move == m_move)
        return;
    // Where each lane's shown events of its operation started, for the animation.
    std::vector<std::size_t> from(m_data->lanes.size(), 0);
    if (oneForward && m_move)
        for (std::size_t i = 0; i < from.size(); ++i)
            from[i] = m_data->lanes[i].cursor->partialEvents();
    // A long jump replays thousands of events per lane: the lanes go in parallel.
    const std::size_t distance = step > m_step ? step - m_step : m_step - step;
    std::vector<std::size_t> lanes(m_data->lanes.size());
    std::iota(lanes.begin(), lanes.end(), 0);
    const auto moveLane = [&](std::size_t i) {
        if (move)
            m_data->lanes[i].cursor->seek(step, eventsShown(i, step, *move));
        else
            m_data->lanes[i].cursor->seek(step);
    };
    if (distance > 1000 && lanes.size() > 1)
        QtConcurrent::blockingMap(lanes, moveLane);
    else
        std::for_each(lanes.begin(), lanes.end(), moveLane);
    m_step = step;
    m_move = move;
    m_lastStep.clear();
    if (oneForward) {
        for (std::size_t i = 0; i < m_data->lanes.size(); ++i) {
            const std::size_t op = m_move ? m_step : m_step - 1;
            const std::size_t to = m_move ? m_data->lanes[i].cursor->partialEvents()
                                          : m_data->lanes[i].run.events.eventsOf(std::ptrdiff_t(op)).size();
            m_lastStep.emplace_back(std::min(from[i], to), to);
        }
    }
    Q_EMIT stepChanged(step);
}

void Session::seek(std::size_t step) { show(step, std::nullopt, false); }

void Session::stepBy(std::ptrdiff_t delta)
{
    const std::ptrdiff_t target = std::ptrdiff_t(m_step) + delta;
    seek(std::size_t(std::max<std::ptrdiff_t>(0, target)));
}

void Session::stepForward(bool throughMoves)
{
    if (m_move) {
        const std::size_t moves = compactionMoves(m_step);
        if (*m_move + 1 < moves)
            return show(m_step, *m_move + 1, true);
        return show(m_step + 1, std::nullopt, true); // the last move: the rest of the operation
    }
    if (m_step >= steps())
        return;
    if (throughMoves && compactionMoves(m_step) > 0)
        return show(m_step, 0, true);
    show(m_step + 1, std::nullopt, true);
}

void Session::stepBackward(bool throughMoves)
{
    if (m_move)
        return *m_move == 0 ? show(m_step, std::nullopt, false) : show(m_step, *m_move - 1, false);
    if (m_step == 0)
        return;
    const std::size_t moves = compactionMoves(m_step - 1);
    if (throughMoves && moves > 0)
        return show(m_step - 1, moves - 1, false);
    show(m_step - 1, std::nullopt, false);
}

} // namespace heapviz::ui
