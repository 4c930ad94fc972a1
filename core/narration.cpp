#include "narration.h"

#include <cstdio>

namespace heapviz {

std::string hexAddress(Address a)
{
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(a.value()));
    return buf;
}

std::string withCommas(std::uint64_t n)
{
    std::string digits = std::to_string(n);
    for (int i = int(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(std::size_t(i), ",");
    return digits;
}

namespace {

std::string call(const Op& op)
{
    switch (op.kind) {
    case OpKind::Malloc: return "malloc(" + withCommas(op.size) + ") for id " + std::to_string(op.id);
    case OpKind::Free: return op.id < 0 ? std::string("free(NULL)") : "free(id " + std::to_string(op.id) + ")";
    case OpKind::Realloc:
        return "realloc(id " + std::to_string(op.id) + ", " + withCommas(op.size) + ")";
    }
    return {};
}

std::string faultText(FaultKind k)
{
    switch (k) {
    case FaultKind::DoubleFree: return "double free: the id was already freed";
    case FaultKind::InvalidFree: return "invalid free: the id was never allocated";
    case FaultKind::InvalidRealloc: return "invalid realloc: the id is not allocated";
    case FaultKind::IdReuse: return "id reuse: the id is still allocated";
    }
    return {};
}

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

std::string narrate(const Op& op, std::span<const Event> events, Strategy strategy)
{
    const std::string head = "line " + std::to_string(op.line) + ": " + call(op) + " → ";
    const Searched* search = nullptr;
    const Allocated* allocated = nullptr;
    const Moved* moved = nullptr;
    const Freed* freed = nullptr;
    const HeapGrown* grown = nullptr;
    const Split* split = nullptr;
    std::size_t merges = 0;
    bool resized = false;
    for (const Event& e : events) {
        if (const auto* f = std::get_if<Fault>(&e))
            return head + faultText(f->kind) + ", skipped";
        if (const auto* f = std::get_if<RequestFailed>(&e)) {
            if (f->need == 0)
                return head + "failed: larger than any heap";
            return head + "failed: no free block ≥ " + withCommas(f->need) + " bytes; "
                   + withCommas(f->freeBytes) + " bytes are free, the largest block is "
                   + withCommas(f->largestFree);
        }
        if (auto* s = std::get_if<Searched>(&e); s && !search)
            search = s;
        if (auto* a = std::get_if<Allocated>(&e))
            allocated = a;
        if (auto* m = std::get_if<Moved>(&e))
            moved = m;
        if (auto* f = std::get_if<Freed>(&e))
            freed = f;
        if (auto* g = std::get_if<HeapGrown>(&e))
            grown = g;
        if (auto* sp = std::get_if<Split>(&e); sp && !split)
            split = sp;
        if (std::holds_alternative<Coalesced>(e))
            ++merges;
        if (std::holds_alternative<Resized>(e))
            resized = true;
    }
    const std::string fit = std::string(strategyName(strategy)) + " fit";
    const std::string searched =
        search ? fit + " examined " + withCommas(search->examined) + " free block"
                     + (search->examined == 1 ? "" : "s") + " and "
               : "";
    const std::string growth =
        grown ? " after growing the heap by " + withCommas(grown->newSize - grown->oldSize) + " bytes" : "";
    if (allocated)
        return head + searched + placement(allocated->at, allocated->size, search ? search->need : allocated->size, split) + growth;
    if (moved)
        return head + searched + "moved it from " + hexAddress(moved->from) + " to "
               + hexAddress(moved->to) + " (" + withCommas(moved->toSize) + " bytes)" + growth;
    if (freed)
        return head + "freed the " + withCommas(freed->size) + "-byte block at " + hexAddress(freed->at)
               + (merges ? ", merged with " + std::to_string(merges) + " free neighbour"
                               + (merges == 1 ? "" : "s")
                         : "");
    if (resized || merges || grown)
        return head + "resized in place" + growth;
    if (op.kind == OpKind::Free)
        return head + "nothing to do";
    return head + "returned NULL";
}

} // namespace heapviz
