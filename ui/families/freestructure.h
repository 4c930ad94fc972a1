#pragma once
// FreeStructure: what a lane's allocator searches, at the step shown. Its free
// lists (the fits' one address-ordered list, segregated fits' classes, TLSF's
// lists, the buddy system's orders, the pool's stack), each in the order the
// allocator keeps it, and what this step's search looked at, in order.
//
// Built from what the engine told: the replayed blocks, the Listed events
// (ListOrder: a LIFO list's order), the SearchVisit events (or, for the fits,
// the Searched walk) and the block changes of the step. Which list a block is
// in, and what a list is called, come from the registry. Nothing here decides
// what an allocator would do.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/alloc/lanespec.h"
#include "core/alloc/registry.h"
#include "core/model/event.h"
#include "core/replay/layout.h"
#include "core/replay/listorder.h"

namespace heapviz::ui {

struct FreeChip {
    Address at;
    Size size = 0;
    int visit = 0;           // its place in this step's search, 1 first; 0: not looked at
    bool taken = false;      // the search took it: now used (or split), shown where it stood
    bool fresh = false;      // entered its list in this step (freed, split off, merged, grown)
    bool passedOver = false; // TLSF: big enough, but below the list the rounded request maps to
    friend bool operator==(const FreeChip&, const FreeChip&) = default;
};

struct FreeRow {
    FreeListId id;
    std::string name;            // "≤ 64 B", "(2, 31)", "order 5 (32 B)", "free list", "free stack"
    std::string brief;           // for a narrow view: a buddy order's block size ("32 B"); else empty
    std::vector<FreeChip> chips; // head first
    bool probed = false;         // the search looked at this list
    bool takenFrom = false;      // and took its block from it
    // The name, or in a view too narrow for the names the brief one: a
    // buddy row cut to "order 1…" no longer said which order it was.
    const std::string& label(bool brief) const { return brief && !this->brief.empty() ? this->brief : name; }
    friend bool operator==(const FreeRow&, const FreeRow&) = default;
};

struct FreeStructure {
    FamilyKind kind = FamilyKind::BoundaryTag;
    Placement placement = Placement::First;
    std::string order;          // how a list is ordered: "address order", "newest first", "top first"
    std::vector<FreeRow> rows;  // the family's lists in order (TLSF: those holding or probed)
    std::optional<Address> rover; // next fit's
    std::string search;         // "need 1,000 B → rounded up to 1,008 B → list (2, 31)"
    // TLSF's bitmaps: secondLevel[f] has bit l set when list (f, l) holds a
    // block; levels 0 to the highest one holding or probed.
    std::vector<std::uint64_t> secondLevel;
    unsigned secondLevels = 0;  // 2^S lists per first level
    std::vector<FreeListId> probes; // TLSF: the lists the bitmaps led to, in order

    const FreeChip* chipAt(Address at) const;
    const FreeRow* rowOf(FreeListId id) const;
};

// The lane's free structure after the step whose events (as far as shown)
// are `events`, on `after`, the blocks once they happened. `order` is the
// lists' order at that point (LayoutCursor::listOrder).
FreeStructure freeStructureOf(const LaneSpec& lane, const BlockLayout& after, const ListOrder& order,
                              std::span<const Event> events);

} // namespace heapviz::ui
