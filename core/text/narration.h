#pragma once
// One plain sentence for what an operation did in one lane, for the
// narration under each memory map, e.g.
//   "line 46: malloc(120) → best fit examined 9 free blocks and took the
//    128-byte block at 0x1a40 (exact fit)".

#include <span>
#include <string>

#include "core/model/event.h"
#include "core/alloc/lanespec.h"
#include "core/model/trace.h"
#include "core/text/units.h"

namespace heapviz {

// `events` may stop part way through a compaction (at a CompactionProgress):
// the sentence then tells the move just made ("compacting (sliding): moved
// block 17 ...") or, before the first, what comes next. With a `unit` (a
// scenario's GiB or metres) the sizes of blocks are said in it where they are
// a whole number of it; a bad write's bytes stay bytes.
std::string narrate(const Op& op, std::span<const Event> events, const LaneSpec& lane, const SizeUnit* unit = nullptr);

// The operation as the trace asked for it, the same in every lane: "line
// 46: malloc(120) for id 7".
std::string describeCall(const Op& op);

// narrate()'s sentence in its two parts, for a window that says the call
// once above all its lanes and under each only what that lane's heap did:
// narrate() is `call + " → " + outcome`. The call is empty part way through
// a compaction, whose sentence is all outcome ("Compacting (sliding): ...").
struct NarrationParts {
    std::string call;
    std::string outcome;
};
NarrationParts narrateParts(const Op& op, std::span<const Event> events, const LaneSpec& lane,
                            const SizeUnit* unit = nullptr);

// A fault's name in words: "double free", "use after free".
std::string_view faultWords(FaultKind kind);
// A fault in words, with why: "double free: the id was already freed".
std::string describeFault(FaultKind kind);

struct BlockAnatomy;
// How far a bad write reached outside the payload: "12 bytes past the
// payload", "4 bytes before the payload"; empty for a use after free or an
// invalid write, which damage no bytes the model knows of.
std::string writeReach(const Fault& fault);
// The parts of the heap an overflow's or underflow's damage covers, in the
// lane's block anatomy: "over its 8-byte canary and 4 bytes into the header
// of the block at 0x1c0"; empty when it damaged nothing.
std::string writeDamage(const Fault& fault, const BlockAnatomy& anatomy);

// One compaction move: "moved block 17 (96 bytes) from 0x2a40 to 0xc80;
// 1,536 bytes moved so far".
std::string narrateMove(const Moved& move, Size bytesSoFar, const SizeUnit* unit = nullptr);

} // namespace heapviz
