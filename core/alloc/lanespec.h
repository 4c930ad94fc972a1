#pragma once
// LaneSpec: what one lane runs, an allocator family with its parameters and
// the heap it manages, as a user writes it ("segregated:order=lifo",
// "buddy:min_order=4"). The registry (registry.h) parses, validates and
// builds them; everything else only passes them along.

#include <cstdint>
#include <string>
#include <vector>

#include "core/config/heapconfig.h"

namespace heapviz {

// The boundary-tag heap's placement policies (heap-model.md: the four fits,
// segregated fits and TLSF).
enum class Placement : std::uint8_t { First, Next, Best, Worst, Segregated, Tlsf };

// The four classic fits, in the order the spec lists them.
inline constexpr Placement kFits[] = {Placement::First, Placement::Next, Placement::Best, Placement::Worst};

// The families of heap-model.md.
enum class FamilyKind : std::uint8_t { BoundaryTag, Buddy, Pool };

struct SegregatedParams {
    std::vector<Size> classes; // ascending block-size bounds; empty = the spec's default
    bool lifo = false;         // order inside a class list: lifo, else address
    friend bool operator==(const SegregatedParams&, const SegregatedParams&) = default;
};

struct TlsfParams {
    unsigned slLog2 = 5; // S: second-level lists per first level, log2
    friend bool operator==(const TlsfParams&, const TlsfParams&) = default;
};

struct BuddyParams {
    unsigned minOrder = 5; // the smallest block is 2^minOrder bytes
    Size header = 0;       // metadata bytes inside each block
    friend bool operator==(const BuddyParams&, const BuddyParams&) = default;
};

struct PoolParams {
    Size slot = 64;          // slot size, a positive multiple of 8
    std::uint64_t chunk = 64; // slots a growing pool adds when it runs out
    Size header = 0;         // metadata bytes inside each slot
    friend bool operator==(const PoolParams&, const PoolParams&) = default;
};

struct LaneSpec {
    std::string text;        // as written: "segregated:order=lifo"; the family's name when none was
    std::string family;      // "first" ... "worst", "segregated", "tlsf", "buddy", "pool"
    FamilyKind kind = FamilyKind::BoundaryTag;
    Placement placement = Placement::First; // boundary-tag lanes
    HeapConfig config;       // the heap; boundary-tag lanes use all of it, buddy and pool
                             // the fixed size, zero and canary (compaction: boundary-tag only)
    SegregatedParams segregated;
    TlsfParams tlsf;
    BuddyParams buddy;
    PoolParams pool;

    bool isBoundaryTag() const { return kind == FamilyKind::BoundaryTag; }
    friend bool operator==(const LaneSpec&, const LaneSpec&) = default;
};

} // namespace heapviz
