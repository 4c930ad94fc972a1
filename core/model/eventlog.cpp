#include "core/model/eventlog.h"

#include <algorithm>

namespace heapviz {

std::span<const Event> EventLog::eventsOf(std::ptrdiff_t op) const
{
    const std::size_t begin = op < 0 ? 0 : opEnd[std::size_t(op)];
    const std::size_t end = opEnd[std::size_t(op + 1)];
    return {events.data() + begin, end - begin};
}

std::optional<Metrics> EventLog::metricsWithin(std::size_t op, std::size_t shown) const
{
    const std::size_t begin = opEnd[op];
    const std::size_t end = begin + shown; // the events shown end here
    // The last CompactionProgress shown, if it is the last event shown.
    auto it = std::upper_bound(progressEvents.begin(), progressEvents.end(), end - 1);
    if (shown == 0 || it == progressEvents.begin() || *std::prev(it) != end - 1)
        return std::nullopt;
    return progressSamples[std::size_t(std::prev(it) - progressEvents.begin())];
}

} // namespace heapviz
