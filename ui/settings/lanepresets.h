#pragma once
// The lane sets a teacher starts from in one click ("the four fits",
// "buddy vs first fit", ...), named in words and defined once here; the lane
// texts are the CLI's.

#include <string>
#include <string_view>
#include <vector>

namespace heapviz::ui {

struct LanePreset {
    std::string_view name;          // "the four fits": the button's words
    std::vector<std::string> lanes; // "first", "next", ...: as the CLI writes them
};

// Every preset, in the order the editor shows them: the four fits, fits vs
// segregated vs TLSF, buddy vs first fit, pool vs first fit, everything (one
// lane of each family, in the registry's order).
const std::vector<LanePreset>& lanePresets();

} // namespace heapviz::ui
