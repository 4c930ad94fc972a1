#include "core/model/event.h"

#include <algorithm>

namespace heapviz {

std::string_view faultName(FaultKind kind)
{
    switch (kind) {
    case FaultKind::DoubleFree: return "double_free";
    case FaultKind::InvalidFree: return "invalid_free";
    case FaultKind::InvalidRealloc: return "invalid_realloc";
    case FaultKind::IdReuse: return "id_reuse";
    case FaultKind::Overflow: return "overflow";
    case FaultKind::Underflow: return "underflow";
    case FaultKind::UseAfterFree: return "use_after_free";
    case FaultKind::InvalidWrite: return "invalid_write";
    }
    return "?";
}

std::size_t progressPoints(std::span<const Event> events)
{
    return std::size_t(std::count_if(events.begin(), events.end(), [](const Event& e) {
        return std::holds_alternative<CompactionProgress>(e);
    }));
}

std::size_t eventsThroughPoint(std::span<const Event> events, std::size_t point)
{
    for (std::size_t i = 0; i < events.size(); ++i)
        if (std::holds_alternative<CompactionProgress>(events[i]) && point-- == 0)
            return i + 1;
    return events.size();
}

} // namespace heapviz
