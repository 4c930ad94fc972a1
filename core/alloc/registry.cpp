#include "core/alloc/registry.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <stdexcept>

#include "core/alloc/boundary/boundarytagheap.h"
#include "core/alloc/boundary/segregatedlists.h"
#include "core/alloc/boundary/tlsflists.h"
#include "core/alloc/buddy/buddyheap.h"
#include "core/alloc/pool/poolheap.h"
#include "core/config/options.h"
#include "core/text/units.h"

namespace heapviz {

namespace {

std::vector<Family> makeFamilies()
{
    using K = FamilyKind;
    using P = Placement;
    return {
        {"first", "first fit", K::BoundaryTag, P::First, 0, {}},
        {"next", "next fit", K::BoundaryTag, P::Next, 1, {}},
        {"best", "best fit", K::BoundaryTag, P::Best, 2, {}},
        {"worst", "worst fit", K::BoundaryTag, P::Worst, 3, {}},
        {"segregated", "segregated fits", K::BoundaryTag, P::Segregated, 4,
         {{"classes", "min_block doubled while <= 4096", "ascending block-size bounds, like 32/64/512"},
          {"order", "address", "order inside a class list: address or lifo"}}},
        {"tlsf", "TLSF", K::BoundaryTag, P::Tlsf, 5,
         {{"sl_log2", "5", "each first level has 2^sl_log2 second-level lists (0 to 6)"}}},
        {"buddy", "the buddy system", K::Buddy, P::First, 6,
         {{"min_order", "5", "the smallest block is 2^min_order bytes"},
          {"header", "0", "metadata bytes inside each block"}}},
        {"pool", "the pool", K::Pool, P::First, 7,
         {{"slot", "64", "slot size in bytes, a positive multiple of 8"},
          {"chunk", "64", "slots a growing pool adds each time it runs out"},
          {"header", "0", "metadata bytes inside each slot"}}},
    };
}

bool parseCount(std::string_view text, std::uint64_t& out)
{
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

std::vector<std::string_view> split(std::string_view text, char by)
{
    std::vector<std::string_view> out;
    for (;;) {
        const std::size_t at = text.find(by);
        out.push_back(text.substr(0, at));
        if (at == std::string_view::npos)
            return out;
        text.remove_prefix(at + 1);
    }
}

// "classes, order" and the heap-wide ones the family takes, for messages.
std::string keysOf(const Family& family)
{
    std::string out;
    for (const FamilyParameter& p : family.parameters)
        out += (out.empty() ? "" : ", ") + std::string(p.key);
    if (family.kind == FamilyKind::BoundaryTag) {
        for (const SizeParameter& p : kSizeParameters)
            out += (out.empty() ? "" : ", ") + std::string(p.name);
        out += ", growth, realloc, zero";
    } else {
        out += ", zero, canary";
    }
    return out;
}

// Sets one of the family's own parameters; false with `error` set if the value is bad.
bool setFamilyParameter(LaneSpec& lane, std::string_view key, std::string_view value, std::string& error)
{
    const auto bad = [&](const char* expected) {
        error = std::string(key) + " takes " + expected + ", not '" + std::string(value) + "'";
        return false;
    };
    std::uint64_t n = 0;
    if (lane.family == "segregated" && key == "classes") {
        lane.segregated.classes.clear();
        for (std::string_view bound : split(value, '/')) {
            const auto size = parseByteSize(bound);
            if (!size)
                return bad("block-size bounds separated by '/', like 32/64/512");
            lane.segregated.classes.push_back(*size);
        }
        return true;
    }
    if (lane.family == "segregated" && key == "order") {
        if (value != "address" && value != "lifo")
            return bad("address or lifo");
        lane.segregated.lifo = value == "lifo";
        return true;
    }
    if (lane.family == "tlsf" && key == "sl_log2") {
        if (!parseCount(value, n) || n > 6)
            return bad("a number from 0 to 6");
        lane.tlsf.slLog2 = unsigned(n);
        return true;
    }
    if (lane.family == "buddy" && key == "min_order") {
        if (!parseCount(value, n) || n > 60)
            return bad("a number from 0 to 60");
        lane.buddy.minOrder = unsigned(n);
        return true;
    }
    if ((lane.family == "buddy" || lane.family == "pool") && key == "header") {
        const auto size = parseByteSize(value);
        if (!size)
            return bad("a number of bytes");
        (lane.family == "buddy" ? lane.buddy.header : lane.pool.header) = *size;
        return true;
    }
    if (lane.family == "pool" && key == "slot") {
        const auto size = parseByteSize(value);
        if (!size)
            return bad("a number of bytes, a positive multiple of 8");
        lane.pool.slot = *size;
        return true;
    }
    if (lane.family == "pool" && key == "chunk") {
        if (!parseCount(value, n) || n == 0)
            return bad("a positive number of slots");
        lane.pool.chunk = n;
        return true;
    }
    return false;
}

std::string segregatedClassesText(const std::vector<Size>& classes)
{
    std::string out;
    for (Size b : classes) {
        if (!out.empty())
            out += '/';
        out += std::to_string(b);
    }
    return out;
}

} // namespace

const std::vector<Family>& families()
{
    static const std::vector<Family> all = makeFamilies();
    return all;
}

const Family* familyNamed(std::string_view name)
{
    for (const Family& f : families())
        if (f.name == name)
            return &f;
    return nullptr;
}

bool appliesTo(std::string_view option, FamilyKind kind)
{
    if (option == "heap" || option == "zero" || option == "canary")
        return true;
    return kind == FamilyKind::BoundaryTag;
}

LaneSpec laneOf(std::string_view name, const HeapConfig& heap)
{
    const Family* family = familyNamed(name);
    if (!family)
        throw std::invalid_argument("no allocator family '" + std::string(name) + "'");
    LaneSpec lane;
    lane.text = std::string(name);
    lane.family = std::string(name);
    lane.kind = family->kind;
    lane.placement = family->placement;
    lane.config = heap;
    return lane;
}

LaneSpec laneOf(Placement fit, const HeapConfig& heap)
{
    for (const Family& f : families())
        if (f.kind == FamilyKind::BoundaryTag && f.placement == fit)
            return laneOf(f.name, heap);
    throw std::invalid_argument("no such placement");
}

std::optional<LaneSpec> parseLane(std::string_view text, const HeapConfig& heap, std::string& error)
{
    const std::vector<std::string_view> parts = split(text, ':');
    const Family* family = familyNamed(parts[0]);
    const std::string where = "lane '" + std::string(text) + "': ";
    if (!family) {
        std::string names;
        for (const Family& f : families())
            names += (names.empty() ? "" : ", ") + std::string(f.name);
        error = where + "unknown allocator family '" + std::string(parts[0]) + "' (choose from " + names + ")";
        return std::nullopt;
    }
    LaneSpec lane = laneOf(family->name, heap);
    lane.text = std::string(text);
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const std::size_t eq = parts[i].find('=');
        if (eq == std::string_view::npos || eq == 0) {
            error = where + "expected KEY=VALUE after ':', got '" + std::string(parts[i]) + "'";
            return std::nullopt;
        }
        const std::string_view key = parts[i].substr(0, eq);
        const std::string_view value = parts[i].substr(eq + 1);
        std::string why;
        if (setFamilyParameter(lane, key, value, why))
            continue;
        if (why.empty() && key != "preset" && isOption(key) && appliesTo(key, family->kind)
            && setOption(lane.config, key, value, why))
            continue;
        if (why.empty())
            why = std::string(family->name) + " takes " + keysOf(*family) + "; not '" + std::string(key) + "'";
        error = where + why;
        return std::nullopt;
    }
    return lane;
}

std::string validateLane(const LaneSpec& lane)
{
    const std::string where = "lane '" + lane.text + "': ";
    const HeapConfig& c = lane.config;
    if (c.canary > kMaxHeapBytes)
        return where + "the canary is larger than any heap";
    switch (lane.kind) {
    case FamilyKind::BoundaryTag: {
        if (std::string why = c.validate(); !why.empty())
            return where + why;
        const auto& classes = lane.segregated.classes;
        for (std::size_t i = 0; i < classes.size(); ++i)
            if (classes[i] == 0 || (i > 0 && classes[i] <= classes[i - 1]))
                return where + "the size classes must be positive and ascending, like 32/64/512; not "
                       + segregatedClassesText(classes);
        if (lane.placement == Placement::Tlsf && lane.tlsf.slLog2 + unsigned(std::countr_zero(c.align)) >= 60)
            return where + "sl_log2 and the alignment together are too large";
        return {};
    }
    case FamilyKind::Buddy: {
        const Size smallest = Size{1} << lane.buddy.minOrder;
        if (lane.buddy.header > kMaxHeapBytes)
            return where + "the header is larger than any heap";
        if (c.fixedSize && (!std::has_single_bit(*c.fixedSize) || *c.fixedSize < smallest || *c.fixedSize > kMaxHeapBytes))
            return where + "a buddy heap must be a power of two of at least " + formatBytes(smallest)
                   + " (2^min_order), like 8 KiB or 64 KiB; not " + formatBytes(*c.fixedSize);
        return {};
    }
    case FamilyKind::Pool: {
        const PoolParams& p = lane.pool;
        if (p.slot == 0 || p.slot % 8 != 0 || p.slot > kMaxHeapBytes)
            return where + "a pool's slot must be a positive multiple of 8 bytes, not " + formatBytes(p.slot);
        if (p.chunk == 0 || p.chunk > kMaxHeapBytes / p.slot)
            return where + "a pool's chunk must be a positive number of slots that fits a heap";
        if (p.header > kMaxHeapBytes)
            return where + "the header is larger than any heap";
        if (c.fixedSize && (*c.fixedSize == 0 || *c.fixedSize % p.slot != 0 || *c.fixedSize > kMaxHeapBytes))
            return where + "a pool's heap must be a positive multiple of its slot (" + formatBytes(p.slot) + "), not "
                   + formatBytes(*c.fixedSize);
        return {};
    }
    }
    return {};
}

std::unique_ptr<Allocator> makeAllocator(const LaneSpec& lane, EventSink* sink, bool countExamined)
{
    switch (lane.kind) {
    case FamilyKind::BoundaryTag: return std::make_unique<BoundaryTagHeap>(lane, sink, countExamined);
    case FamilyKind::Buddy: return std::make_unique<BuddyHeap>(lane, sink, countExamined);
    case FamilyKind::Pool: return std::make_unique<PoolHeap>(lane, sink, countExamined);
    }
    return nullptr;
}

BlockAnatomy anatomyOf(const LaneSpec& lane)
{
    switch (lane.kind) {
    case FamilyKind::BoundaryTag: return {lane.config.header, lane.config.canary, lane.config.footer};
    case FamilyKind::Buddy: return {lane.buddy.header, lane.config.canary, 0};
    case FamilyKind::Pool: return {lane.pool.header, lane.config.canary, 0};
    }
    return {};
}

std::vector<Size> segregatedBounds(const LaneSpec& lane)
{
    return lane.segregated.classes.empty() ? SegregatedLists::defaultBounds(lane.config.minBlock) : lane.segregated.classes;
}

FreeListId freeListOf(const LaneSpec& lane, Size size)
{
    switch (lane.kind) {
    case FamilyKind::Buddy: return {unsigned(std::countr_zero(std::bit_ceil(std::max<Size>(size, 1)))), 0};
    case FamilyKind::Pool: return {};
    case FamilyKind::BoundaryTag: break;
    }
    if (lane.placement == Placement::Segregated) {
        const std::vector<Size> bounds = segregatedBounds(lane);
        return {std::uint32_t(std::lower_bound(bounds.begin(), bounds.end(), size) - bounds.begin()), 0};
    }
    if (lane.placement == Placement::Tlsf) {
        const TlsfLists::List l = TlsfLists::listOf(size, lane.tlsf.slLog2, unsigned(std::countr_zero(lane.config.align)));
        return {l.f, l.l};
    }
    return {};
}

Size listFloor(const LaneSpec& lane, FreeListId list)
{
    if (lane.kind == FamilyKind::Buddy)
        return Size{1} << list.first;
    if (!lane.isBoundaryTag())
        return 0;
    if (lane.placement == Placement::Tlsf)
        return TlsfLists::floorOf({list.first, list.second}, lane.tlsf.slLog2, unsigned(std::countr_zero(lane.config.align)));
    if (lane.placement == Placement::Segregated && list.first > 0)
        return segregatedBounds(lane).at(list.first - 1) + 1;
    return 0;
}

std::vector<FreeListId> familyLists(const LaneSpec& lane, Size heapSize)
{
    std::vector<FreeListId> out;
    if (lane.kind == FamilyKind::Buddy) {
        const unsigned top = heapSize == 0 ? lane.buddy.minOrder : unsigned(std::bit_width(heapSize)) - 1;
        for (unsigned k = lane.buddy.minOrder; k <= std::max(top, lane.buddy.minOrder); ++k)
            out.push_back({k, 0});
    } else if (lane.isBoundaryTag() && lane.placement == Placement::Segregated) {
        for (std::uint32_t c = 0; c <= segregatedBounds(lane).size(); ++c)
            out.push_back({c, 0});
    } else if (!(lane.isBoundaryTag() && lane.placement == Placement::Tlsf)) {
        out.push_back({});
    }
    return out;
}

std::string freeListName(const LaneSpec& lane, FreeListId list)
{
    if (lane.kind == FamilyKind::Buddy)
        return "order " + std::to_string(list.first) + " (" + formatBytesShort(Size{1} << list.first) + ")";
    if (lane.kind == FamilyKind::Pool)
        return "free stack";
    if (lane.placement == Placement::Segregated) {
        const std::vector<Size> bounds = segregatedBounds(lane);
        return list.first < bounds.size() ? "≤ " + formatBytesShort(bounds[list.first])
                                          : "> " + formatBytesShort(bounds.empty() ? 0 : bounds.back());
    }
    if (lane.placement == Placement::Tlsf)
        return "(" + std::to_string(list.first) + ", " + std::to_string(list.second) + ")";
    return "free list";
}

std::string laneText(const LaneSpec& lane, const HeapConfig& heap)
{
    std::string text = lane.family;
    const auto add = [&](std::string_view key, const std::string& value) {
        text.append(":").append(key).append("=").append(value);
    };
    if (lane.isBoundaryTag()) {
        const auto mine = optionsOf(lane.config), theirs = optionsOf(heap);
        for (std::size_t i = 0; i < mine.size(); ++i)
            if (mine[i].first != "preset" && mine[i].first != "heap" && mine[i].first != "compact"
                && mine[i].first != "compactor" && mine[i].second != theirs[i].second)
                add(mine[i].first, mine[i].second);
    } else {
        if (lane.config.zero != heap.zero)
            add("zero", std::string(nameOf(kZeroChoices, lane.config.zero)));
        if (lane.config.canary != heap.canary)
            add("canary", std::to_string(lane.config.canary));
    }
    if (lane.placement == Placement::Segregated && lane.isBoundaryTag()) {
        if (!lane.segregated.classes.empty()) {
            std::string bounds;
            for (Size b : lane.segregated.classes)
                bounds += (bounds.empty() ? "" : "/") + std::to_string(b);
            add("classes", bounds);
        }
        if (lane.segregated.lifo)
            add("order", "lifo");
    }
    if (lane.placement == Placement::Tlsf && lane.isBoundaryTag() && lane.tlsf.slLog2 != TlsfParams{}.slLog2)
        add("sl_log2", std::to_string(lane.tlsf.slLog2));
    if (lane.kind == FamilyKind::Buddy) {
        if (lane.buddy.minOrder != BuddyParams{}.minOrder)
            add("min_order", std::to_string(lane.buddy.minOrder));
        if (lane.buddy.header != 0)
            add("header", std::to_string(lane.buddy.header));
    }
    if (lane.kind == FamilyKind::Pool) {
        const PoolParams defaults;
        if (lane.pool.slot != defaults.slot)
            add("slot", std::to_string(lane.pool.slot));
        if (lane.pool.chunk != defaults.chunk)
            add("chunk", std::to_string(lane.pool.chunk));
        if (lane.pool.header != 0)
            add("header", std::to_string(lane.pool.header));
    }
    return text;
}

std::string_view familyWords(const LaneSpec& lane)
{
    const Family* f = familyNamed(lane.family);
    return f ? f->words : std::string_view(lane.family);
}

std::size_t colourSlot(const LaneSpec& lane)
{
    const Family* f = familyNamed(lane.family);
    return f ? f->colourSlot : 0;
}

namespace {

// What differs in a lane of its family, for its title: "min 32 B", "LIFO".
std::vector<std::string> titleNotes(const LaneSpec& lane)
{
    std::vector<std::string> notes;
    if (lane.kind == FamilyKind::Buddy)
        notes.push_back("min " + formatBytesShort(Size{1} << lane.buddy.minOrder));
    if (lane.kind == FamilyKind::Pool)
        notes.push_back(formatBytesShort(lane.pool.slot) + " slots");
    if (lane.isBoundaryTag() && lane.placement == Placement::Segregated) {
        if (lane.segregated.lifo)
            notes.push_back("LIFO");
        if (!lane.segregated.classes.empty())
            notes.push_back("classes " + segregatedClassesText(lane.segregated.classes));
    }
    if (lane.isBoundaryTag() && lane.placement == Placement::Tlsf && lane.tlsf.slLog2 != TlsfParams{}.slLog2)
        notes.push_back(std::to_string(1u << lane.tlsf.slLog2) + " lists a level");
    if (lane.config.canary > 0) // two lanes that differ only in their canaries tell apart
        notes.push_back("canary " + formatBytesShort(lane.config.canary));
    return notes;
}

} // namespace

std::string laneTitle(const LaneSpec& lane)
{
    std::string title;
    switch (lane.kind) {
    case FamilyKind::Buddy: title = "buddy"; break;
    case FamilyKind::Pool: title = "pool"; break;
    case FamilyKind::BoundaryTag:
        title = lane.placement == Placement::Segregated ? "segregated"
                : lane.placement == Placement::Tlsf     ? "TLSF"
                                                        : std::string(familyWords(lane));
        break;
    }
    const std::vector<std::string> notes = titleNotes(lane);
    for (std::size_t i = 0; i < notes.size(); ++i)
        title += (i == 0 ? " (" : ", ") + notes[i] + (i + 1 == notes.size() ? ")" : "");
    return title;
}

std::string familiesHelp()
{
    std::string out = "Allocator families (--strategy NAME[:KEY=VALUE]..., comma-separated):\n";
    for (const Family& f : families()) {
        out += "  " + std::string(f.name) + std::string(12 - std::min<std::size_t>(f.name.size(), 11), ' ')
               + std::string(f.words) + "\n";
        for (const FamilyParameter& p : f.parameters)
            out += "      " + std::string(p.key) + "=" + std::string(p.defaultText) + "  (" + std::string(p.help)
                   + ")\n";
    }
    out += "  e.g. --strategy first,segregated:order=lifo,tlsf:sl_log2=4,buddy:min_order=4:header=8,"
           "pool:slot=128:chunk=32\n";
    return out;
}

std::vector<BlockInfo> Allocator::blocks() const
{
    std::vector<BlockInfo> out;
    // Sized once: a vector doubling its way up touches twice the pages,
    // which every run's end pays for (page faults cost this VM 11 us each).
    const Metrics m = metrics();
    out.reserve(std::size_t(m.usedBlocks) + m.freeBlocks);
    forEachBlock([&](const BlockInfo& b) { out.push_back(b); });
    return out;
}

} // namespace heapviz
