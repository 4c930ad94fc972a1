#pragma once
// What a lane's family does with its bytes at one step, for the charts beside
// the line chart: per size class (segregated fits' class, the buddy system's
// order) the used blocks and the bytes they lose to rounding (block size less
// payload: header, canary, round-up), and per buddy order the free blocks and
// Linux's unusable free space index. A value, computed from a BlockLayout and
// the lane's LaneSpec; every piece of family knowledge (which list a size
// belongs in, which lists there are, their names) comes from registry.h.
//
// The unusable free space index of order k (Linux, mm/vmstat.c) is the share
// of free bytes that lie in free blocks smaller than 2^k:
// (free - free in blocks of order >= k) / free. Where nothing is free we give
// 0 (nothing is lost to fragmentation); Linux gives 1.0 there ("all free
// memory is unusable").

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/alloc/registry.h"
#include "core/replay/layout.h"

namespace heapviz::ui {

// One list of the family: its used blocks and what they lose.
struct ClassLoss {
    FreeListId list;
    std::string name;               // freeListName: "order 5 (32 B)", "≤ 64 B", "> 4 KiB"
    std::optional<Size> upperBound; // the largest block size in the class; none for an open top class
    std::uint32_t blocks = 0;       // used blocks in the class
    Size usedBytes = 0;             // their sizes
    Size lostBytes = 0;             // their sizes less their payloads
};

// One order of a buddy heap: its free blocks.
struct OrderFree {
    FreeListId list;
    std::string name;               // "order 5 (32 B)"
    Size blockSize = 0;             // 2^order
    std::uint32_t freeBlocks = 0;
    Size freeBytes = 0;
    double unusableIndex = 0;       // 0 to 1; 0 when nothing is free (Linux: 1.0)
};

struct FamilyBreakdown {
    std::vector<ClassLoss> classes; // buddy and segregated lanes: every list of familyLists, in order
    std::vector<OrderFree> orders;  // buddy lanes: every order, in order

    static FamilyBreakdown of(const BlockLayout& layout, const LaneSpec& lane);
    // Whether a lane of this kind has classes (buddy, segregated) and orders (buddy).
    static bool hasClasses(const LaneSpec& lane);
    static bool hasOrders(const LaneSpec& lane);

    Size lostBytes() const;
};

} // namespace heapviz::ui
