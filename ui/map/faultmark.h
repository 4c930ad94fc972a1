#pragma once
// FaultMark: a fault of the current step drawn on the block it concerns (a
// double free's freed block, an id reuse's live block), so that a class sees
// which block the malloc debugger is talking about. A bad write's mark also
// carries the bytes it damaged outside the payload, drawn over whatever lies
// there (its canary, footer, slack, the next block's header); a canary check
// that fails (the free or realloc of a block an earlier write damaged) marks
// that block. The map draws them; the tooltip says them in words.

#include <QString>

#include <optional>
#include <span>
#include <vector>

#include "core/alloc/registry.h" // BlockAnatomy
#include "core/model/event.h"

namespace heapviz::ui {

// A canary check that fails: the write that damaged the canary, and whether a
// realloc (else a free) checked it.
struct CanaryCheck {
    LineNo damagedAt = 0;
    bool realloc = false;
    friend bool operator==(const CanaryCheck&, const CanaryCheck&) = default;
};

struct FaultMark {
    FaultMark() = default;
    // A mark on the block [at, at + size) with no damage.
    FaultMark(Address blockAt, Size blockSize, FaultKind faultKind, TraceId faultId, LineNo faultLine)
        : at(blockAt), size(blockSize), kind(faultKind), id(faultId), line(faultLine)
    {
    }

    Address at;
    Size size = 0;
    FaultKind kind = FaultKind::DoubleFree;
    TraceId id = 0;
    LineNo line = 0;
    // An overflow's or underflow's damage: [damageAt, damageAt + damage), the
    // bytes outside the payload it hit, clipped to the heap.
    Address damageAt;
    Size damage = 0;
    // The engine's words for the damage (narration.h): how far it reached
    // ("12 bytes past the payload") and, when the lane's anatomy was given,
    // what it covers ("over its 8-byte canary and ...").
    QString reach;
    QString damaged;
    // Set when the mark is a canary check failing at `line`, not a fault.
    std::optional<CanaryCheck> canary;

    bool damages(Address a) const { return a >= damageAt && a - damageAt < damage; }
    // The block, or a byte the write damaged (the tooltip's test).
    bool covers(Address a) const { return (a >= at && a - at < size) || damages(a); }
    friend bool operator==(const FaultMark&, const FaultMark&) = default;
};

// The marks of `events`' faults and failing canary checks; a fault that names
// no block (size 0) has none. With the lane's block anatomy, a bad write's
// mark also says which parts of the heap it damaged.
std::vector<FaultMark> faultMarks(std::span<const Event> events,
                                  std::optional<BlockAnatomy> anatomy = std::nullopt);

// "double free", "id reuse" ...: the few words drawn beside the mark.
QString faultLabel(FaultKind kind);
// The mark's own words: its fault's, or "canary check fails".
QString markLabel(const FaultMark& mark);
// The tooltip's words: "double free of id 7 at line 12: this was its block",
// "overflow of id 5 at line 40: 12 bytes past the payload damaged: over its
// 8-byte canary ...", "free of id 5 at line 52: the canary the write at line
// 40 damaged fails its check".
QString faultSentence(const FaultMark& mark);

} // namespace heapviz::ui
