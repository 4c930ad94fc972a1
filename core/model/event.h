#pragma once
// Events: what happened to the blocks, as plain values. Each carries what is
// needed both to apply it to a block layout and to undo it, so that a view can
// step backwards without replaying the run (see layout.h, which does both).
//
// The engine emits them in the order the changes happen; one operation (a
// trace line) usually emits several, e.g. malloc = Split + Allocated + RoverMoved.

#include <cstdint>
#include <span>
#include <string_view>
#include <variant>

#include "core/config/heapconfig.h" // Compactor
#include "core/model/types.h"

namespace heapviz {

// The heap grew from oldSize to newSize bytes: a free block of
// newSize - oldSize bytes appears at `at`, the end of the last block (a
// boundary-tag heap's oldSize - suffix). Merging it with a free last block is
// a separate Coalesced event.
struct HeapGrown {
    Size oldSize = 0;
    Size newSize = 0;
    Address at;
    friend bool operator==(const HeapGrown&, const HeapGrown&) = default;
};

// The block [at, at + size) became [at, at + first) and [at + first, at + size).
// The first part keeps the block's state (used or free); the second is free.
struct Split {
    Address at;
    Size size = 0;
    Size first = 0;
    friend bool operator==(const Split&, const Split&) = default;
};

// The block at `at` (left bytes, used or free) absorbed the free block right
// after it (right bytes), keeping its own state.
struct Coalesced {
    Address at;
    Size left = 0;
    Size right = 0;
    friend bool operator==(const Coalesced&, const Coalesced&) = default;
};

// The free block [at, at + size) became used by id with `payload` bytes.
struct Allocated {
    Address at;
    Size size = 0;
    TraceId id = 0;
    Size payload = 0;
    LineNo line = 0; // the trace line that made the id live
    friend bool operator==(const Allocated&, const Allocated&) = default;
};

// The used block [at, at + size) of id became free.
struct Freed {
    Address at;
    Size size = 0;
    TraceId id = 0;
    Size payload = 0;
    LineNo line = 0;
    friend bool operator==(const Freed&, const Freed&) = default;
};

// A used block's payload changed in place (realloc).
struct Resized {
    Address at;
    TraceId id = 0;
    Size oldPayload = 0;
    Size newPayload = 0;
    friend bool operator==(const Resized&, const Resized&) = default;
};

// The used block of id moved from `from` to `to` (realloc or compaction),
// trading places with free space. Two shapes:
//  - slide: the free block [to, from) lay right below the block; afterwards the
//    block is [to, to + size) and that free space is [to + size, from + size).
//  - swap: the free block [to, to + toSize) becomes the used block (toSize may
//    differ from fromSize) and the old place [from, from + fromSize) becomes free.
// Undoing a slide is a slide upwards, which is why both shapes are named.
struct Moved {
    TraceId id = 0;
    Address from;
    Size fromSize = 0;
    Address to;
    Size toSize = 0;
    Size payload = 0;
    LineNo line = 0;
    bool slide = false;
    friend bool operator==(const Moved&, const Moved&) = default;
};

// Next fit's rover went from one address to another.
struct RoverMoved {
    Address from;
    Address to;
    friend bool operator==(const RoverMoved&, const RoverMoved&) = default;
};

// The strategy's search looked at `examined` free blocks (only when asked
// for), in the textbook model of an address-ordered free list: the first
// `examined` free blocks in address order from the lowest one at or above
// `start`, wrapping round to the lowest of all if it passes the top (only
// next fit's walk, which starts at the rover, ever wraps). When `found`, the
// one it took starts at `chosen`. So a view lists what the search visited,
// in order, from the free blocks before the step, without knowing the fits.
struct Searched {
    Size need = 0;
    std::uint32_t examined = 0;
    bool found = false;
    Address start;
    Address chosen;
    // The walk above is the search (the four fits). Otherwise `examined`
    // counts what the family looks at (class lists, bitmaps, orders, a stack:
    // see the README) and Allocator::searchFor lists it.
    bool addressWalk = true;
    friend bool operator==(const Searched&, const Searched&) = default;
};

// Where a search looked, one step of it, in order: a free block (the fits,
// segregated fits, pool), a list of the family's free structure (TLSF: first
// and second level; segregated fits: a class), or an order (buddy). The
// families whose search is not the address walk of Searched (segregated
// fits, TLSF, buddy, pool) emit them (tellVisits) before its Searched, when
// `examined` is counted: a view of their lists is told what was looked at.
struct SearchVisit {
    enum class What : std::uint8_t { Block, List, Order };
    What what = What::Block;
    Address at;            // Block: its start
    Size size = 0;         // Block: its size
    std::uint32_t first = 0;  // List: TLSF's first level or a class; Order: the order
    std::uint32_t second = 0; // List: TLSF's second level
    bool taken = false;    // the block taken, or the list or order it came from
    std::uint32_t index = 0; // as told: its place in the search, 1 first
    friend bool operator==(const SearchVisit&, const SearchVisit&) = default;
};

// A long walk (segregated fits' lists) is told in part, so that a recording
// stays small: its first kToldVisits - 1 steps, then the step that took
// (numbered where it stood). Searched::examined counts them all.
inline constexpr std::uint32_t kToldVisits = 16;

// Calls emit(visit) for the steps of `visits` a view is told, numbered. A
// visit that already has its number keeps it: a family that lists only the
// told part of a long walk (so as not to walk it all) numbers the step that
// took where it stood.
template <class Emit> void tellVisits(std::span<const SearchVisit> visits, Emit&& emit)
{
    for (std::size_t i = 0; i < visits.size(); ++i) {
        if (i + 1 >= kToldVisits && !visits[i].taken)
            continue; // past the told part: only the step that took is told
        SearchVisit told = visits[i];
        if (told.index == 0)
            told.index = std::uint32_t(i + 1);
        emit(told);
    }
}

// A malloc or realloc could not be satisfied; nothing changed.
struct RequestFailed {
    TraceId id = 0;
    Size request = 0;   // payload bytes asked for
    Size need = 0;      // block size needed; 0 when beyond any heap
    Size freeBytes = 0;
    Size largestFree = 0;
    LineNo line = 0;
    friend bool operator==(const RequestFailed&, const RequestFailed&) = default;
};

// The free space as a compaction found or left it, for a before/after view.
struct FreeSpace {
    std::uint32_t blocks = 0;
    Size bytes = 0;
    Size largest = 0;
    double externalFragmentation() const { return bytes == 0 ? 0.0 : 1.0 - double(largest) / double(bytes); }
    friend bool operator==(const FreeSpace&, const FreeSpace&) = default;
};

// A compaction begins: its moves (Moved, and the Coalesced and Split events
// that leave the free space as the spec says) follow.
struct CompactionStarted {
    Compactor compactor = Compactor::Sliding;
    FreeSpace before;
    friend bool operator==(const CompactionStarted&, const CompactionStarted&) = default;
};

// Where a compaction stands: after its CompactionStarted (0 moves), and
// after each of its moves (the Moved and the Coalesced and Split events that
// go with it). A view stops here when it steps through a compaction move by
// move; a recording keeps the metrics at each (EventLog::progressSamples).
struct CompactionProgress {
    std::uint64_t moves = 0; // this compaction's moves so far
    Size bytes = 0;          // and the bytes they moved
    friend bool operator==(const CompactionProgress&, const CompactionProgress&) = default;
};

// A compaction ended, having moved `moves` blocks of `bytes` bytes in all.
struct CompactionFinished {
    std::uint64_t moves = 0;
    Size bytes = 0;
    FreeSpace after;
    friend bool operator==(const CompactionFinished&, const CompactionFinished&) = default;
};

enum class FaultKind : std::uint8_t {
    DoubleFree, InvalidFree, InvalidRealloc, IdReuse, // skipped operations
    Overflow, Underflow, UseAfterFree, InvalidWrite,  // bad writes
};
std::string_view faultName(FaultKind kind); // "double_free", ...
constexpr bool isWriteFault(FaultKind kind) { return kind >= FaultKind::Overflow; }

// An operation the malloc debugger skipped or a bad write, and the block it
// concerns, if any (size 0: none): for an id reuse or a bad write, the id's
// live block; for a double free, a realloc or a write of a freed id, the
// block the id had when it was freed (it may since have merged or been
// reused). An overflow or underflow also tells the bytes it damaged outside
// the payload, [damageAt, damageAt + damage), clipped to the heap.
struct Fault {
    FaultKind kind = FaultKind::DoubleFree;
    TraceId id = 0;
    LineNo line = 0;
    Address at;
    Size size = 0;
    Address damageAt;
    Size damage = 0;
    Size payload = 0; // a live block's payload bytes, when the fault concerns one
    friend bool operator==(const Fault&, const Fault&) = default;
};

// A free block entered its list at the head, in a family whose lists are in
// LIFO order (segregated fits with order lifo, TLSF, the pool's stack): the
// newest Listed of a free block's address is its place in its list. Replay's
// blocks do not change; a view of the lists follows these.
struct Listed {
    Address at;
    friend bool operator==(const Listed&, const Listed&) = default;
};

// A block whose canary an earlier write damaged is freed or reallocated: where
// a real allocator's canary check fails. (The fault was counted at the write.)
struct CanaryBroken {
    Address at;
    TraceId id = 0;
    LineNo line = 0;     // this operation's
    LineNo damagedAt = 0; // the write's
    Size size = 0;        // the block's, as the check found it
    bool realloc = false; // a realloc's check, else a free's
    friend bool operator==(const CanaryBroken&, const CanaryBroken&) = default;
};

using Event = std::variant<HeapGrown, Split, Coalesced, Allocated, Freed, Resized, Moved,
                           RoverMoved, Searched, RequestFailed, Fault, CompactionStarted,
                           CompactionProgress, CompactionFinished, Listed, CanaryBroken, SearchVisit>;

// Calls f(event, inCompaction) for each of one operation's events in order;
// inCompaction is true from a CompactionStarted to its CompactionFinished
// (both included). The one place that knows how compactions are bracketed.
template <class F> void forEachEvent(std::span<const Event> events, F&& f)
{
    bool inside = false;
    for (const Event& e : events) {
        if (std::holds_alternative<CompactionStarted>(e))
            inside = true;
        f(e, inside);
        if (std::holds_alternative<CompactionFinished>(e))
            inside = false;
    }
}

// The CompactionProgress events among `events`: the points a view can stop
// at inside the compactions of one operation.
std::size_t progressPoints(std::span<const Event> events);
// How many of `events` lie up to and including the point-th (0-based)
// CompactionProgress; all of them when there are not that many.
std::size_t eventsThroughPoint(std::span<const Event> events, std::size_t point);

// Where the engine sends its events. The engine keeps none itself.
class EventSink {
public:
    virtual ~EventSink() = default;
    virtual void onEvent(const Event& event) = 0;
};

} // namespace heapviz
