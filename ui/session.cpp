#include "session.h"

#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <numeric>

namespace heapviz::ui {

std::shared_ptr<SessionData> recordSession(Trace trace, SessionSettings settings, bool parallel,
                                           std::atomic<std::size_t>* progress,
                                           const std::atomic<bool>* cancel)
{
    auto data = std::make_shared<SessionData>();
    data->trace = std::move(trace);
    data->settings = std::move(settings);
    for (Strategy s : data->settings.strategies)
        data->lanes.push_back(Lane{s, {}, nullptr, {}});
    const std::size_t interval = LayoutCursor::intervalFor(data->trace.ops.size());
    std::atomic<bool> cancelled{false};
    const auto record = [&data, interval, progress, cancel, &cancelled](Lane& lane) {
        RunOptions options{data->settings.config, lane.strategy, /*countExamined=*/true,
                           /*recordEvents=*/true, /*checkInvariants=*/false, interval, progress, cancel};
        try {
            lane.run = runTrace(data->trace, options);
        } catch (const RunCancelled&) {
            cancelled = true; // rethrown below: QtConcurrent would wrap it
            return;
        }
        lane.cursor = std::make_unique<LayoutCursor>(data->settings.config, lane.run.events,
                                                     std::move(lane.run.snapshots), interval);
        lane.charts = LaneChartData::of(lane.run.samples); // here, so the GUI thread never walks the samples
    };
    if (parallel)
        QtConcurrent::blockingMap(data->lanes, record);
    else
        std::for_each(data->lanes.begin(), data->lanes.end(), record);
    if (cancelled)
        throw RunCancelled{};
    return data;
}

Session::Session(std::shared_ptr<SessionData> data, QObject* parent)
    : QObject(parent)
    , m_data(std::move(data))
{
}

namespace {

// For a walk over an operation's events: whether event i is one of a
// compaction's moves (`inside` carries where the walk is between calls).
bool isCompactionMove(std::span<const Event> events, std::size_t i, bool& inside)
{
    if (std::holds_alternative<CompactionStarted>(events[i]))
        inside = true;
    else if (std::holds_alternative<CompactionFinished>(events[i]))
        inside = false;
    return inside && std::holds_alternative<Moved>(events[i]);
}

// The free space and counts of a layout, over the counters of a sample.
Metrics measureLayout(const BlockLayout& layout, Metrics base)
{
    base.heapSize = layout.heapSize();
    base.freeBytes = base.largestFree = base.livePayload = base.allocatedBytes = 0;
    base.freeBlocks = base.usedBlocks = 0;
    for (const auto& [at, b] : layout.map()) {
        if (b.used) {
            ++base.usedBlocks;
            base.allocatedBytes += b.size;
            base.livePayload += b.payload;
        } else {
            ++base.freeBlocks;
            base.freeBytes += b.size;
            base.largestFree = std::max(base.largestFree, b.size);
        }
    }
    base.examined = 0;
    return base;
}

} // namespace

std::size_t Session::compactionMoves(std::size_t op) const
{
    std::size_t most = 0;
    for (const Lane& lane : m_data->lanes) {
        const auto events = lane.run.events.eventsOf(std::ptrdiff_t(op));
        std::size_t moves = 0;
        bool inside = false;
        for (std::size_t i = 0; i < events.size(); ++i)
            moves += isCompactionMove(events, i, inside);
        most = std::max(most, moves);
    }
    return most;
}

std::size_t Session::eventsShown(std::size_t lane, std::size_t op, std::size_t move) const
{
    const auto events = m_data->lanes[lane].run.events.eventsOf(std::ptrdiff_t(op));
    std::size_t moves = 0;
    bool inside = false;
    for (std::size_t i = 0; i < events.size(); ++i)
        if (isCompactionMove(events, i, inside) && moves++ == move)
            return i; // up to the (move + 1)-th move, not including it
    return events.size();
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
    const BlockLayout& layout = l.cursor->layout();
    if (m_move) { // mid-compaction: the layout as it stands, the counters of the step before
        Metrics m = measureLayout(layout, m_step == 0 ? Metrics{} : l.run.samples[m_step - 1]);
        const auto shown = currentEvents(lane);
        bool inside = false;
        for (std::size_t i = 0; i < shown.size(); ++i)
            if (isCompactionMove(shown, i, inside)) {
                ++m.moves;
                m.bytesMoved += std::get<Moved>(shown[i]).fromSize;
            }
        return m;
    }
    if (m_step == 0) {
        Metrics m = measureLayout(layout, Metrics{});
        m.highWater = m_data->settings.config.growing() ? m.heapSize : 0;
        return m;
    }
    return l.run.samples[m_step - 1];
}

std::span<const Event> Session::currentEvents(std::size_t lane) const
{
    if (m_move) {
        const auto events = m_data->lanes[lane].run.events.eventsOf(std::ptrdiff_t(m_step));
        return events.first(m_data->lanes[lane].cursor->partialEvents());
    }
    if (m_step == 0)
        return {};
    return m_data->lanes[lane].run.events.eventsOf(std::ptrdiff_t(m_step - 1));
}

std::span<const Event> Session::lastStepEvents(std::size_t lane) const
{
    if (lane >= m_lastStep.size())
        return {};
    const std::size_t op = m_move ? m_step : m_step - 1;
    const auto events = m_data->lanes[lane].run.events.eventsOf(std::ptrdiff_t(op));
    return events.subspan(m_lastStep[lane].first, m_lastStep[lane].second - m_lastStep[lane].first);
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
