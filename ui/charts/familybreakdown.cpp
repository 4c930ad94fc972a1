#include "ui/charts/familybreakdown.h"

#include <algorithm>

namespace heapviz::ui {

namespace {

// The largest block size `freeListOf` puts in `list` or an earlier one: the
// class's upper bound, found from the registry alone (a class index grows
// with the size in every family that has classes). None when the class is
// open at the top.
std::optional<Size> upperBoundOf(const LaneSpec& lane, FreeListId list)
{
    if (freeListOf(lane, kMaxHeapBytes) <= list)
        return std::nullopt;
    Size low = 0, high = kMaxHeapBytes; // freeListOf(low) <= list < freeListOf(high)
    while (high - low > 1) {
        const Size mid = low + (high - low) / 2;
        (freeListOf(lane, mid) <= list ? low : high) = mid;
    }
    return low;
}

} // namespace

bool FamilyBreakdown::hasClasses(const LaneSpec& lane)
{
    return lane.kind == FamilyKind::Buddy || (lane.isBoundaryTag() && lane.placement == Placement::Segregated);
}

bool FamilyBreakdown::hasOrders(const LaneSpec& lane) { return lane.kind == FamilyKind::Buddy; }

FamilyBreakdown FamilyBreakdown::of(const BlockLayout& layout, const LaneSpec& lane)
{
    FamilyBreakdown out;
    if (!hasClasses(lane))
        return out;
    const std::vector<FreeListId> lists = familyLists(lane, layout.heapSize());
    for (FreeListId list : lists)
        out.classes.push_back({list, freeListName(lane, list), upperBoundOf(lane, list)});
    if (hasOrders(lane))
        for (FreeListId list : lists)
            out.orders.push_back({list, freeListName(lane, list), *upperBoundOf(lane, list)});
    const auto indexOf = [&](Size size) {
        const auto it = std::lower_bound(lists.begin(), lists.end(), freeListOf(lane, size));
        return std::size_t(it - lists.begin());
    };
    Size freeTotal = 0;
    for (const auto& [at, block] : layout.map()) {
        const std::size_t i = indexOf(block.size);
        if (block.used) {
            ClassLoss& c = out.classes.at(i);
            ++c.blocks;
            c.usedBytes += block.size;
            c.lostBytes += block.size - block.payload;
        } else if (!out.orders.empty()) {
            OrderFree& o = out.orders.at(i);
            ++o.freeBlocks;
            o.freeBytes += block.size;
            freeTotal += block.size;
        }
    }
    // Free bytes in blocks of this order or larger, from the top down.
    Size atLeast = 0;
    for (auto o = out.orders.rbegin(); o != out.orders.rend(); ++o) {
        atLeast += o->freeBytes;
        o->unusableIndex = freeTotal == 0 ? 0.0 : double(freeTotal - atLeast) / double(freeTotal);
    }
    return out;
}

Size FamilyBreakdown::lostBytes() const
{
    Size total = 0;
    for (const ClassLoss& c : classes)
        total += c.lostBytes;
    return total;
}

} // namespace heapviz::ui
