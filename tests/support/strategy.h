#pragma once
// The four classic fits by their old name, for the tests written before the
// allocator families (a fit is now a Placement of the boundary-tag heap, and
// a lane a LaneSpec: see lanespec.h and registry.h).

#include <optional>
#include <string_view>

#include "core/alloc/lanespec.h"

namespace heapviz {

using Strategy = Placement;
inline constexpr Strategy kAllStrategies[] = {Placement::First, Placement::Next, Placement::Best, Placement::Worst};

// "first", "next", "best", "worst".
constexpr std::string_view strategyName(Strategy s)
{
    switch (s) {
    case Placement::First: return "first";
    case Placement::Next: return "next";
    case Placement::Best: return "best";
    case Placement::Worst: return "worst";
    case Placement::Segregated: return "segregated";
    case Placement::Tlsf: return "tlsf";
    }
    return "?";
}

} // namespace heapviz
