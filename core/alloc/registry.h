#pragma once
// The registry of allocator families: each one's name, words, parameters
// (with their defaults and checks), the colour slot its lanes get, and its
// factory. A lane is written "NAME[:KEY=VALUE]..." ("first",
// "segregated:order=lifo", "buddy:min_order=4:header=8"); the keys are the
// spec's parameter names. The CLI, the GUI and the tests all go through
// here, so a family is added in one place.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/alloc/allocator.h"
#include "core/alloc/lanespec.h"

namespace heapviz {

// One parameter a family takes in its lane text.
struct FamilyParameter {
    std::string_view key;          // "min_order"
    std::string_view defaultText;  // "5"
    std::string_view help;         // "the smallest block is 2^min_order bytes"
};

struct Family {
    std::string_view name;   // "buddy"
    std::string_view words;  // "binary buddy system"
    FamilyKind kind;
    Placement placement;     // boundary-tag families
    std::size_t colourSlot;  // the same colour, dash and marker in every view
    std::vector<FamilyParameter> parameters; // its own, besides the heap-wide ones it takes
};

// Every family, in the spec's order: first, next, best, worst, segregated, tlsf, buddy, pool.
const std::vector<Family>& families();
const Family* familyNamed(std::string_view name);

// Whether a heap-wide setting (core/options.h's names) applies to a lane of
// this kind: align, header, footer, min_block, prefix, suffix, growth,
// realloc and compaction apply to boundary-tag lanes only; heap, zero and
// canary to every lane.
bool appliesTo(std::string_view option, FamilyKind kind);

// Parses one lane as written, on top of `heap` (the heap-wide settings);
// nullopt with `error` naming the lane and what was expected. The result is
// not yet validated.
std::optional<LaneSpec> parseLane(std::string_view text, const HeapConfig& heap, std::string& error);
// A lane of `family` with its defaults, on `heap` (for code and tests).
LaneSpec laneOf(std::string_view family, const HeapConfig& heap = HeapConfig{});
LaneSpec laneOf(Placement fit, const HeapConfig& heap = HeapConfig{});
// Empty when the lane can run, else why not (naming the lane): the heap
// config, the family's parameters, and the fixed heap's size for its family.
std::string validateLane(const LaneSpec& lane);

// A new allocator for a valid lane.
std::unique_ptr<Allocator> makeAllocator(const LaneSpec& lane, EventSink* sink = nullptr, bool countExamined = false);

// What a view calls the lane: "first fit", "segregated (LIFO)",
// "buddy (min 32 B)", "pool (128 B slots)".
std::string laneTitle(const LaneSpec& lane);
// The family in words, for sentences: "first fit", "segregated fits", "the buddy system".
std::string_view familyWords(const LaneSpec& lane);
std::size_t colourSlot(const LaneSpec& lane);

// What lies around a used block's payload: the header before it, then the
// canary and any slack, then the footer (boundary-tag only) at its end.
struct BlockAnatomy {
    Size header = 0;
    Size canary = 0;
    Size footer = 0;
};
BlockAnatomy anatomyOf(const LaneSpec& lane);

// Which list of its family's free structure a free block of `size` bytes
// belongs in: segregated fits' class, TLSF's (first, second) level, the buddy
// system's order; 0 for the fits and the pool (one list each).
struct FreeListId {
    std::uint32_t first = 0;
    std::uint32_t second = 0;
    friend auto operator<=>(const FreeListId&, const FreeListId&) = default;
};
FreeListId freeListOf(const LaneSpec& lane, Size size);
// The lists a family keeps, in order: segregated fits' classes, the buddy
// system's orders from min_order to the heap's, one list for the fits and
// the pool; TLSF's lists, being 64 x 2^S, are those holding a free block.
std::vector<FreeListId> familyLists(const LaneSpec& lane, Size heapSize);
// A list's name for a view: "≤ 64 B", "> 4 KiB", "(3, 0)", "order 5 (32 B)",
// "free list", "free stack".
std::string freeListName(const LaneSpec& lane, FreeListId list);
// The smallest block size a list of the family's holds: a TLSF request is
// rounded up to it ("need 1,000 → rounded up to 1,008 → list (2, 31)"), a
// buddy order's blocks are all of it; 0 for the fits' and the pool's one list.
Size listFloor(const LaneSpec& lane, FreeListId list);
// The class bounds segregated fits use (the lane's own, or the spec's default).
std::vector<Size> segregatedBounds(const LaneSpec& lane);

// The lane written back as the CLI reads it, with only what differs from
// the family's defaults and from `heap`: "buddy:min_order=4".
std::string laneText(const LaneSpec& lane, const HeapConfig& heap);

// The families and their parameters with their defaults, for help texts.
std::string familiesHelp();

} // namespace heapviz
