#include "ui/settings/lanepresets.h"

#include "core/alloc/registry.h"

namespace heapviz::ui {

namespace {

std::vector<LanePreset> makePresets()
{
    std::vector<std::string> everything;
    for (const Family& f : families()) // no family list of our own: a new family joins by itself
        everything.emplace_back(f.name);
    return {
        {"the four fits", {"first", "next", "best", "worst"}},
        {"fits vs segregated vs TLSF", {"first", "best", "segregated", "tlsf"}},
        {"buddy vs first fit", {"buddy", "first"}},
        {"pool vs first fit", {"pool", "first"}},
        {"everything", everything},
    };
}

} // namespace

const std::vector<LanePreset>& lanePresets()
{
    static const std::vector<LanePreset> all = makePresets();
    return all;
}

} // namespace heapviz::ui
