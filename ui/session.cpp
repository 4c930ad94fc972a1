#include "session.h"

#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>

namespace heapviz::ui {

std::shared_ptr<SessionData> recordSession(Trace trace, SessionSettings settings, bool parallel,
                                           std::atomic<std::size_t>* progress)
{
    auto data = std::make_shared<SessionData>();
    data->trace = std::move(trace);
    data->settings = std::move(settings);
    for (Strategy s : data->settings.strategies)
        data->lanes.push_back(Lane{s, {}, nullptr});
    const std::size_t interval = LayoutCursor::intervalFor(data->trace.ops.size());
    const auto record = [&data, interval, progress](Lane& lane) {
        RunOptions options{data->settings.config, lane.strategy, /*countExamined=*/true,
                           /*recordEvents=*/true, /*checkInvariants=*/false, interval, progress};
        lane.run = runTrace(data->trace, options);
        lane.cursor = std::make_unique<LayoutCursor>(data->settings.config, lane.run.events,
                                                     std::move(lane.run.snapshots), interval);
    };
    if (parallel)
        QtConcurrent::blockingMap(data->lanes, record);
    else
        std::for_each(data->lanes.begin(), data->lanes.end(), record);
    return data;
}

Session::Session(std::shared_ptr<SessionData> data, QObject* parent)
    : QObject(parent)
    , m_data(std::move(data))
{
}

Metrics Session::metricsAt(std::size_t lane) const
{
    const Lane& l = m_data->lanes[lane];
    if (m_step == 0) {
        // Before the first operation: what the empty heap looks like.
        Metrics m;
        const BlockLayout& layout = l.cursor->layout();
        m.heapSize = layout.heapSize();
        for (const FreeSpan& f : layout.freeSpans()) {
            m.freeBytes += f.size;
            m.largestFree = std::max(m.largestFree, f.size);
            ++m.freeBlocks;
        }
        m.highWater = m_data->settings.config.growing() ? m.heapSize : 0;
        return m;
    }
    return l.run.samples[m_step - 1];
}

std::span<const Event> Session::currentEvents(std::size_t lane) const
{
    if (m_step == 0)
        return {};
    return m_data->lanes[lane].run.events.eventsOf(std::ptrdiff_t(m_step - 1));
}

void Session::seek(std::size_t step)
{
    step = std::min(step, steps());
    if (step == m_step)
        return;
    // A long jump replays thousands of events per lane: the lanes go in parallel.
    const std::size_t distance = step > m_step ? step - m_step : m_step - step;
    const auto move = [step](Lane& lane) { lane.cursor->seek(step); };
    if (distance > 1000 && m_data->lanes.size() > 1)
        QtConcurrent::blockingMap(m_data->lanes, move);
    else
        std::for_each(m_data->lanes.begin(), m_data->lanes.end(), move);
    m_step = step;
    Q_EMIT stepChanged(step);
}

void Session::stepBy(std::ptrdiff_t delta)
{
    const std::ptrdiff_t target = std::ptrdiff_t(m_step) + delta;
    seek(std::size_t(std::max<std::ptrdiff_t>(0, target)));
}

} // namespace heapviz::ui
