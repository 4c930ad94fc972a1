#include "event.h"

namespace heapviz {

std::string_view faultName(FaultKind kind)
{
    switch (kind) {
    case FaultKind::DoubleFree: return "double_free";
    case FaultKind::InvalidFree: return "invalid_free";
    case FaultKind::InvalidRealloc: return "invalid_realloc";
    case FaultKind::IdReuse: return "id_reuse";
    }
    return "?";
}

} // namespace heapviz
