#include "core/config/options.h"
#include "core/text/narration.h"

#include "core/alloc/registry.h"

#include <cstdio>

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

// How the block was had: split off a larger free block, an exact fit, or a
// whole block with slack too small to split off.
std::string placement(Address at, Size size, Size need, const Split* split)
{
    if (split && split->at == at)
        return "split the " + withCommas(split->size) + "-byte free block at " + hexAddress(at)
               + ", taking " + withCommas(size) + " bytes";
    if (size > need)
        return "took the whole " + withCommas(size) + "-byte block at " + hexAddress(at) + " ("
               + withCommas(size - need) + " bytes more than the " + withCommas(need)
               + " needed: too few to split off)";
    return "took the " + withCommas(size) + "-byte block at " + hexAddress(at) + " (exact fit)";
}

} // namespace

std::string narrateMove(const Moved& move, Size bytesSoFar)
{
    return "moved block " + std::to_string(move.id) + " (" + withCommas(move.fromSize) + " bytes) from "
           + hexAddress(move.from) + " to " + hexAddress(move.to) + "; " + withCommas(bytesSoFar)
           + " bytes moved so far";
}

namespace {

std::string compactionText(Compactor c, const CompactionFinished& done)
{
    return "compacted (" + std::string(compactorName(c)) + ": " + withCommas(done.moves) + " move"
           + (done.moves == 1 ? "" : "s") + ", " + withCommas(done.bytes) + " bytes)";
}

// What one operation did, leaving out its compaction (told apart).
std::string narrateOperation(const Op& op, std::span<const Event> events, const LaneSpec& lane,
                             const Searched* search)
{
    const Allocated* allocated = nullptr;
    const Moved* moved = nullptr;
    const Freed* freed = nullptr;
    const HeapGrown* grown = nullptr;
    const Split* split = nullptr;
    std::size_t merges = 0;
    bool resized = false;
    std::string early; // a fault or a failure says all there is to say
    forEachEvent(events, [&](const Event& e, bool inCompaction) {
        if (inCompaction || !early.empty())
            return;
        if (const auto* f = std::get_if<Fault>(&e))
            early = describeFault(f->kind) + ", skipped";
        else if (const auto* f = std::get_if<RequestFailed>(&e))
            early = f->need == 0 ? "failed: larger than any heap"
                                 : "failed: no free block ≥ " + withCommas(f->need) + " bytes; "
                                       + withCommas(f->freeBytes) + " bytes are free, the largest block is "
                                       + withCommas(f->largestFree);
        else if (auto* a = std::get_if<Allocated>(&e))
            allocated = a;
        else if (auto* m = std::get_if<Moved>(&e))
            moved = m;
        else if (auto* f = std::get_if<Freed>(&e))
            freed = f;
        else if (auto* g = std::get_if<HeapGrown>(&e))
            grown = g;
        else if (auto* sp = std::get_if<Split>(&e); sp && !split)
            split = sp;
        else if (std::holds_alternative<Coalesced>(e))
            ++merges;
        else if (std::holds_alternative<Resized>(e))
            resized = true;
    });
    if (!early.empty())
        return early;
    const std::string fit(familyWords(lane));
    const std::string searched =
        search ? fit + " examined " + withCommas(search->examined) + " free block"
                     + (search->examined == 1 ? "" : "s") + " and "
               : "";
    const std::string growth =
        grown ? " after growing the heap by " + withCommas(grown->newSize - grown->oldSize) + " bytes" : "";
    if (allocated)
        return searched + placement(allocated->at, allocated->size, search ? search->need : allocated->size, split) + growth;
    if (moved)
        return searched + "moved it from " + hexAddress(moved->from) + " to " + hexAddress(moved->to) + " ("
               + withCommas(moved->toSize) + " bytes)" + growth;
    if (freed)
        return "freed the " + withCommas(freed->size) + "-byte block at " + hexAddress(freed->at)
               + (merges ? ", merged with " + std::to_string(merges) + " free neighbour" + (merges == 1 ? "" : "s")
                         : "");
    if (resized || merges || grown)
        return "resized in place" + growth;
    return op.kind == OpKind::Free ? "nothing to do" : "returned NULL";
}

} // namespace

std::string narrate(const Op& op, std::span<const Event> events, const LaneSpec& lane)
{
    const std::string head = "line " + std::to_string(op.line) + ": " + call(op) + " → ";
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
            return "Compacting (" + how + "): " + narrateMove(*lastMove, progress->bytes);
        return head + narrateOperation(op, events, lane, firstSearch) + " — compacting (" + how
               + ") next: → moves one block at a time";
    }
    if (!started)
        return head + narrateOperation(op, events, lane, firstSearch);
    const std::string compaction = compactionText(started->compactor, *finished);
    const bool rescue = searchBeforeCompaction && lastSearch != firstSearch;
    if (rescue)
        return head + "no free block fit (" + withCommas(firstSearch->examined) + " examined), so the heap was "
               + compaction + "; then " + narrateOperation(op, events, lane, lastSearch);
    return head + narrateOperation(op, events, lane, firstSearch) + "; then " + compaction;
}

} // namespace heapviz
