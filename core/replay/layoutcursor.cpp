#include "core/replay/layoutcursor.h"

#include <algorithm>

namespace heapviz {

std::size_t LayoutCursor::intervalFor(std::size_t steps, std::size_t checkpoints)
{
    return std::max<std::size_t>(256, steps / std::max<std::size_t>(1, checkpoints) + 1);
}

LayoutCursor::LayoutCursor(const EventLog& log, std::vector<PackedLayout> snapshots, std::size_t interval)
    : m_log(&log)
    , m_reader(log)
    , m_interval(interval)
    , m_checkpoints(std::move(snapshots))
    , m_layout(m_checkpoints.at(0)) // step 0 is always taken
{
}

LayoutCursor::LayoutCursor(const LayoutSnapshot& atStepZero, const EventLog& log, std::size_t checkpoints)
    : m_log(&log)
    , m_reader(log)
    , m_interval(intervalFor(log.operations(), checkpoints))
    , m_layout(atStepZero)
{
    ListOrder order(atStepZero.lists); // so that each checkpoint keeps its lists' order too
    for (std::size_t s = 0; s <= steps(); ++s) {
        if (s % m_interval == 0) {
            LayoutSnapshot snapshot = m_layout.snapshot();
            snapshot.lists = order.lists(m_layout);
            m_checkpoints.emplace_back(snapshot);
        }
        if (s < steps()) {
            forward();
            for (const Event& e : m_events)
                order.apply(e);
        }
    }
    m_layout.restore(m_checkpoints.front());
    m_step = 0;
}

std::size_t LayoutCursor::checkpointBytes() const
{
    std::size_t total = 0;
    for (const PackedLayout& p : m_checkpoints)
        total += p.bytes();
    return total;
}

ListOrder LayoutCursor::listOrderAt(std::size_t step, std::size_t partial) const
{
    step = std::min(step, steps());
    const std::size_t k = std::min(m_checkpoints.size() - 1, step / m_interval);
    ListOrder order(m_checkpoints[k].unpack().lists);
    std::vector<Event> events;
    for (std::size_t s = k * m_interval; s <= step && s < steps(); ++s) {
        m_log->eventsOf(std::ptrdiff_t(s), events);
        const std::size_t n = s < step ? events.size() : std::min(partial, events.size());
        for (std::size_t i = 0; i < n; ++i)
            order.apply(events[i]);
    }
    return order;
}

void LayoutCursor::forward()
{
    m_reader.eventsOf(std::ptrdiff_t(m_step), m_events);
    for (const Event& e : m_events)
        m_layout.apply(e);
    ++m_step;
}

void LayoutCursor::backward()
{
    --m_step;
    m_reader.eventsOf(std::ptrdiff_t(m_step), m_events);
    for (auto it = m_events.rbegin(); it != m_events.rend(); ++it)
        m_layout.undo(*it);
}

void LayoutCursor::seek(std::size_t step, std::size_t events)
{
    seek(step);
    if (step >= steps())
        return;
    m_reader.eventsOf(std::ptrdiff_t(step), m_events);
    m_partial = std::min(events, m_events.size());
    for (std::size_t i = 0; i < m_partial; ++i)
        m_layout.apply(m_events[i]);
}

void LayoutCursor::seek(std::size_t target)
{
    if (m_partial > 0) { // back to a whole step first
        m_reader.eventsOf(std::ptrdiff_t(m_step), m_events);
        for (std::size_t i = m_partial; i-- > 0;)
            m_layout.undo(m_events[i]);
        m_partial = 0;
    }
    target = std::min(target, steps());
    const std::size_t k = std::min(m_checkpoints.size() - 1, (target + m_interval / 2) / m_interval);
    const std::size_t viaCheckpoint = target > k * m_interval ? target - k * m_interval : k * m_interval - target;
    const std::size_t direct = target > m_step ? target - m_step : m_step - target;
    if (viaCheckpoint < direct) {
        m_layout.restore(m_checkpoints[k]);
        m_step = k * m_interval;
    }
    while (m_step < target)
        forward();
    while (m_step > target)
        backward();
}

} // namespace heapviz
