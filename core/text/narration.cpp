#include "core/config/options.h"
#include "core/text/narration.h"

#include "core/alloc/registry.h"

#include <cstdio>
#include <vector>

namespace heapviz {

namespace {

std::string call(const Op& op)
{
    switch (op.kind) {
    case OpKind::Malloc: return "malloc(" + withCommas(op.size) + ") for id " + std::to_string(op.id);
    case OpKind::Free: return op.id < 0 ? std::string("free(NULL)") : "free(id " + std::to_string(op.id) + ")";
    case OpKind::Realloc:
        return "realloc(id " + std::to_string(op.id) + ", " + withCommas(op.size) + ")";
    case OpKind::Write:
        return "write of " + withCommas(op.size) + " byte" + (op.size == 1 ? "" : "s") + " at offset "
               + std::to_string(op.offset) + " into id " + std::to_string(op.id);
    }
    return {};
}

} // namespace

std::string_view faultWords(FaultKind k)
{
    switch (k) {
    case FaultKind::DoubleFree: return "double free";
    case FaultKind::InvalidFree: return "invalid free";
    case FaultKind::InvalidRealloc: return "invalid realloc";
    case FaultKind::IdReuse: return "id reuse";
    case FaultKind::Overflow: return "overflow";
    case FaultKind::Underflow: return "underflow";
    case FaultKind::UseAfterFree: return "use after free";
    case FaultKind::InvalidWrite: return "invalid write";
    }
    return "?";
}

std::string describeFault(FaultKind k)
{
    const auto why = [k]() -> std::string_view {
        switch (k) {
        case FaultKind::DoubleFree: return "the id was already freed";
        case FaultKind::InvalidFree: return "the id was never allocated";
        case FaultKind::InvalidRealloc: return "the id is not allocated";
        case FaultKind::IdReuse: return "the id is still allocated";
        case FaultKind::Overflow: return "the write runs past the end of the payload";
        case FaultKind::Underflow: return "the write starts before the payload";
        case FaultKind::UseAfterFree: return "the id was freed";
        case FaultKind::InvalidWrite: return "the id is not allocated";
        }
        return "";
    };
    return std::string(faultWords(k)) + ": " + std::string(why());
}

namespace {

// How the block was had: split off a larger free block (halved, in the buddy
// system), an exact fit, or a whole block with slack too small to split off.
std::string placement(const LaneSpec& lane, Address at, Size size, Size need, const Split* split, std::size_t splits,
                      const SizeUnit* unit)
{
    if (lane.kind == FamilyKind::Pool)
        return "popped the slot at " + hexAddress(at) + " off the free stack";
    if (lane.kind == FamilyKind::Buddy && split && split->at == at)
        return "halved the " + sizeAdjective(split->size, unit) + " free block at " + hexAddress(at) + " "
               + (splits == 1 ? std::string("once") : std::to_string(splits) + " times") + ", taking "
               + sizeNoun(size, unit);
    if (split && split->at == at)
        return "split the " + sizeAdjective(split->size, unit) + " free block at " + hexAddress(at) + ", taking "
               + sizeNoun(size, unit);
    if (size > need)
        return "took the whole " + sizeAdjective(size, unit) + " block at " + hexAddress(at) + " ("
               + sizeNoun(size - need, unit) + " more than the " + (unit ? sizeNoun(need, unit) : withCommas(need))
               + " needed: too few to split off)";
    return "took the " + sizeAdjective(size, unit) + " block at " + hexAddress(at) + " (exact fit)";
}

// What a search did, in the family's own terms.
std::string searchPhrase(const LaneSpec& lane, const Searched& s)
{
    const auto plural = [](std::uint32_t n, const char* word) {
        return withCommas(n) + " " + word + (n == 1 ? "" : "s");
    };
    if (lane.kind == FamilyKind::Pool)
        return "the pool ";
    if (lane.kind == FamilyKind::Buddy)
        return "the buddy system looked at " + plural(s.examined, "order") + " and ";
    if (lane.placement == Placement::Tlsf)
        return std::string("TLSF ") + (s.examined == 3 ? "looked past its first level (3 bitmap probes) and "
                                                       : "found its list with " + plural(s.examined, "bitmap probe") + " and ");
    return std::string(familyWords(lane)) + " examined " + plural(s.examined, "free block") + " and ";
}

// The parts of the block and beyond that [from, to) covers, in words:
// "over its 8-byte canary and 4 bytes into the header of the block at 0x1c0".
std::string damagedParts(Address from, Address to, const Fault& f, const BlockAnatomy& a)
{
    const Address payloadAt = f.at + a.header;
    const Address end = f.at + f.size;
    struct Part {
        Address start, stop;
        std::string name;
    };
    const Size slack = f.size - std::min(f.size, a.header + f.payload + a.canary + a.footer);
    const Address canaryAt = payloadAt + f.payload;
    std::vector<Part> parts{{f.at, payloadAt, "its " + withCommas(a.header) + "-byte header"},
                            {canaryAt, canaryAt + a.canary, "its " + withCommas(a.canary) + "-byte canary"},
                            {canaryAt + a.canary, canaryAt + a.canary + slack, "its " + withCommas(slack) + " bytes of slack"},
                            {end - a.footer, end, "its " + withCommas(a.footer) + "-byte footer"},
                            {end, end + a.header, "the header of the block at " + hexAddress(end)},
                            {end + a.header, Address(~std::uint64_t{0}), "the block at " + hexAddress(end)}};
    if (from < f.at) // an underflow past the block's own header
        parts.insert(parts.begin(), {Address(0), f.at, "the block before"});
    std::vector<std::string> words;
    for (const Part& p : parts) {
        const Address a0 = std::max(from, p.start), a1 = std::min(to, p.stop);
        if (p.stop <= p.start || a1 <= a0)
            continue;
        const bool whole = a0 == p.start && a1 == p.stop && p.stop.value() != ~std::uint64_t{0};
        words.push_back(whole ? "over " + p.name : withCommas(a1 - a0) + " bytes into " + p.name);
    }
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i)
        out += (i == 0 ? "" : i + 1 == words.size() ? " and " : ", ") + words[i];
    return out;
}

} // namespace

std::string writeReach(const Fault& f)
{
    if (f.kind == FaultKind::Overflow)
        return withCommas(f.damage) + " bytes past the payload";
    if (f.kind == FaultKind::Underflow)
        return withCommas(f.damage) + " bytes before the payload";
    return {};
}

std::string writeDamage(const Fault& f, const BlockAnatomy& anatomy)
{
    if (f.kind != FaultKind::Overflow && f.kind != FaultKind::Underflow)
        return {};
    return damagedParts(f.damageAt, f.damageAt + f.damage, f, anatomy);
}

namespace {

// A bad write: what it hit ("12 bytes past the payload, over its 8-byte
// canary and 4 bytes into the header of the block at 0x1c0").
std::string writeFault(const Fault& f, const BlockAnatomy& anatomy)
{
    if (f.kind == FaultKind::UseAfterFree || f.kind == FaultKind::InvalidWrite)
        return describeFault(f.kind);
    const std::string parts = writeDamage(f, anatomy);
    return std::string(faultWords(f.kind)) + " of id " + std::to_string(f.id) + " (payload " + withCommas(f.payload)
           + "): " + writeReach(f) + (parts.empty() ? "" : ", " + parts);
}

} // namespace

std::string narrateMove(const Moved& move, Size bytesSoFar, const SizeUnit* unit)
{
    return "moved block " + std::to_string(move.id) + " (" + sizeNoun(move.fromSize, unit) + ") from "
           + hexAddress(move.from) + " to " + hexAddress(move.to) + "; " + sizeNoun(bytesSoFar, unit)
           + " moved so far";
}

namespace {

std::string compactionText(Compactor c, const CompactionFinished& done, const SizeUnit* unit)
{
    return "compacted (" + std::string(compactorName(c)) + ": " + withCommas(done.moves) + " move"
           + (done.moves == 1 ? "" : "s") + ", " + sizeNoun(done.bytes, unit) + ")";
}

// What one operation did, leaving out its compaction (told apart).
std::string narrateOperation(const Op& op, std::span<const Event> events, const LaneSpec& lane,
                             const Searched* search, const SizeUnit* unit)
{
    const Allocated* allocated = nullptr;
    const Moved* moved = nullptr;
    const Freed* freed = nullptr;
    const HeapGrown* grown = nullptr;
    const Split* split = nullptr;
    std::size_t merges = 0;
    std::size_t splits = 0;
    bool resized = false;
    std::string early; // a fault or a failure says all there is to say
    forEachEvent(events, [&](const Event& e, bool inCompaction) {
        if (inCompaction || !early.empty())
            return;
        if (const auto* f = std::get_if<Fault>(&e))
            early = isWriteFault(f->kind) ? writeFault(*f, anatomyOf(lane)) : describeFault(f->kind) + ", skipped";
        else if (const auto* f = std::get_if<RequestFailed>(&e))
            early = f->need == 0 ? (lane.kind == FamilyKind::Pool ? "failed: larger than a slot (" + formatBytes(lane.pool.slot) + ")"
                                                                  : std::string("failed: larger than any heap"))
                                 : "failed: no free block ≥ " + sizeNoun(f->need, unit) + "; "
                                       + sizeNoun(f->freeBytes, unit) + " are free, the largest block is "
                                       + (unit ? sizeNoun(f->largestFree, unit) : withCommas(f->largestFree));
        else if (auto* a = std::get_if<Allocated>(&e))
            allocated = a;
        else if (auto* m = std::get_if<Moved>(&e))
            moved = m;
        else if (auto* f = std::get_if<Freed>(&e))
            freed = f;
        else if (auto* g = std::get_if<HeapGrown>(&e))
            grown = g;
        else if (auto* sp = std::get_if<Split>(&e)) {
            split = split ? split : sp;
            ++splits;
        }
        else if (std::holds_alternative<Coalesced>(e))
            ++merges;
        else if (std::holds_alternative<Resized>(e))
            resized = true;
    });
    if (!early.empty())
        return early;
    const std::string searched = search ? searchPhrase(lane, *search) : "";
    const std::string growth =
        grown ? " after growing the heap by " + sizeNoun(grown->newSize - grown->oldSize, unit) : "";
    if (allocated)
        return searched
               + placement(lane, allocated->at, allocated->size, search ? search->need : allocated->size, split, splits, unit)
               + growth;
    if (moved)
        return searched + "moved it from " + hexAddress(moved->from) + " to " + hexAddress(moved->to) + " ("
               + sizeNoun(moved->toSize, unit) + ")" + growth;
    if (freed && lane.kind == FamilyKind::Pool)
        return "pushed the slot at " + hexAddress(freed->at) + " back on the free stack";
    if (freed && lane.kind == FamilyKind::Buddy)
        return "freed the " + sizeAdjective(freed->size, unit) + " block at " + hexAddress(freed->at)
               + (merges ? ", merged with its buddy " + (merges == 1 ? std::string("once") : std::to_string(merges) + " times")
                         : ", its buddy not free");
    if (freed)
        return "freed the " + sizeAdjective(freed->size, unit) + " block at " + hexAddress(freed->at)
               + (merges ? ", merged with " + std::to_string(merges) + " free neighbour" + (merges == 1 ? "" : "s")
                         : "");
    if (resized || merges || grown)
        return "resized in place" + growth;
    if (op.kind == OpKind::Write)
        return "within the payload: nothing to report";
    return op.kind == OpKind::Free ? "nothing to do" : "returned NULL";
}

// A free or realloc of a block whose canary an earlier write damaged: where a
// real allocator would notice.
std::string canaryCheck(std::span<const Event> events)
{
    for (const Event& e : events)
        if (const auto* c = std::get_if<CanaryBroken>(&e))
            return "the canary check fails here (the write at line " + std::to_string(c->damagedAt)
                   + " damaged it); ";
    return {};
}

// The sentence's parts; the call is left out part way through a compaction,
// where the sentence tells a move.
NarrationParts narrateSteps(const Op& op, std::span<const Event> events, const LaneSpec& lane, const SizeUnit* unit)
{
    const std::string head = describeCall(op);
    // A compaction inside a search (on-failure) rescues it; one after the
    // operation (at:, threshold:) follows it.
    const Searched* firstSearch = nullptr;
    const Searched* lastSearch = nullptr;
    const CompactionStarted* started = nullptr;
    const CompactionProgress* progress = nullptr;
    const CompactionFinished* finished = nullptr;
    const Moved* lastMove = nullptr;
    bool searchBeforeCompaction = false;
    forEachEvent(events, [&](const Event& e, bool inCompaction) {
        if (const auto* s = std::get_if<Searched>(&e)) {
            firstSearch = firstSearch ? firstSearch : s;
            lastSearch = s;
            searchBeforeCompaction = searchBeforeCompaction || !started;
        } else if (const auto* c = std::get_if<CompactionStarted>(&e)) {
            started = c;
            finished = nullptr;
        } else if (const auto* p = std::get_if<CompactionProgress>(&e)) {
            progress = p;
        } else if (const auto* c = std::get_if<CompactionFinished>(&e)) {
            finished = c;
        } else if (const auto* m = std::get_if<Moved>(&e); m && inCompaction) {
            lastMove = m;
        }
    });
    if (started && !finished) { // shown part way through
        const std::string how = std::string(compactorName(started->compactor));
        if (progress && progress->moves > 0 && lastMove)
            return {{}, "Compacting (" + how + "): " + narrateMove(*lastMove, progress->bytes, unit)};
        return {head, narrateOperation(op, events, lane, firstSearch, unit) + " — compacting (" + how
                          + ") next: → moves one block at a time"};
    }
    if (!started)
        return {head, narrateOperation(op, events, lane, firstSearch, unit)};
    const std::string compaction = compactionText(started->compactor, *finished, unit);
    const bool rescue = searchBeforeCompaction && lastSearch != firstSearch;
    if (rescue)
        return {head, "no free block fit (" + withCommas(firstSearch->examined) + " examined), so the heap was "
                          + compaction + "; then " + narrateOperation(op, events, lane, lastSearch, unit)};
    return {head, narrateOperation(op, events, lane, firstSearch, unit) + "; then " + compaction};
}

} // namespace

std::string describeCall(const Op& op) { return "line " + std::to_string(op.line) + ": " + call(op); }

NarrationParts narrateParts(const Op& op, std::span<const Event> events, const LaneSpec& lane, const SizeUnit* unit)
{
    NarrationParts parts = narrateSteps(op, events, lane, unit);
    if (!parts.call.empty()) // a check at a free or a realloc comes before what the heap did
        parts.outcome = canaryCheck(events) + parts.outcome;
    return parts;
}

std::string narrate(const Op& op, std::span<const Event> events, const LaneSpec& lane, const SizeUnit* unit)
{
    const NarrationParts parts = narrateParts(op, events, lane, unit);
    return parts.call.empty() ? parts.outcome : parts.call + " → " + parts.outcome;
}

} // namespace heapviz
