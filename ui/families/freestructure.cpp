#include "ui/families/freestructure.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/text/units.h"

namespace heapviz::ui {

namespace {

bool isTlsf(const LaneSpec& lane) { return lane.isBoundaryTag() && lane.placement == Placement::Tlsf; }

// Whether the family keeps its lists newest first (ListOrder knows the order),
// else by address.
bool lifoLists(const LaneSpec& lane)
{
    if (lane.kind == FamilyKind::Pool)
        return true;
    return lane.isBoundaryTag()
           && (lane.placement == Placement::Tlsf || (lane.placement == Placement::Segregated && lane.segregated.lifo));
}

std::string orderWords(const LaneSpec& lane)
{
    if (lane.kind == FamilyKind::Pool)
        return "top first";
    return lifoLists(lane) ? "newest first" : "address order";
}

// The free blocks the step's events made or changed, which entered a list in it.
std::set<Address> freshBlocks(std::span<const Event> events)
{
    std::set<Address> fresh;
    for (const Event& e : events) {
        if (const auto* f = std::get_if<Freed>(&e))
            fresh.insert(f->at);
        else if (const auto* s = std::get_if<Split>(&e))
            fresh.insert(s->at + s->first);
        else if (const auto* c = std::get_if<Coalesced>(&e))
            fresh.insert(c->at);
        else if (const auto* g = std::get_if<HeapGrown>(&e))
            fresh.insert(g->at);
        else if (const auto* l = std::get_if<Listed>(&e))
            fresh.insert(l->at);
        else if (const auto* m = std::get_if<Moved>(&e))
            fresh.insert(m->slide ? m->to + m->fromSize : m->from);
    }
    return fresh;
}

// What the step's first search looked at and took, as the engine told it.
struct Search {
    const Searched* searched = nullptr;
    std::map<Address, int> visits;  // block → its place in the walk, 1 first
    std::vector<SearchVisit> lists; // List and Order visits, in order
    std::optional<Address> taken;
};

Search searchOf(std::span<const Event> events, const BlockLayout& before)
{
    Search s;
    std::vector<SearchVisit> told;
    for (const Event& e : events) {
        if (const auto* v = std::get_if<SearchVisit>(&e))
            told.push_back(*v);
        if (const auto* searched = std::get_if<Searched>(&e)) {
            s.searched = searched;
            break; // the first search: a second one (after a growth or a compaction) searches a changed heap
        }
    }
    if (!s.searched)
        return s;
    if (s.searched->addressWalk) {
        const SearchPath path = visitedBlocks(before.freeSpans(), *s.searched);
        for (std::size_t i = 0; i < path.examined.size(); ++i)
            s.visits.emplace(path.examined[i], int(i) + 1);
        s.taken = path.chosen;
        return s;
    }
    for (const SearchVisit& v : told) {
        if (v.what == SearchVisit::What::Block) {
            s.visits.emplace(v.at, int(v.index));
            if (v.taken)
                s.taken = v.at;
        } else {
            s.lists.push_back(v);
        }
    }
    if (s.searched->found && !s.taken) // buddy: the order told, the block is Searched's
        s.taken = s.searched->chosen;
    return s;
}

BlockLayout undone(const BlockLayout& after, std::span<const Event> events)
{
    BlockLayout before = after;
    for (auto it = events.rbegin(); it != events.rend(); ++it)
        before.undo(*it);
    return before;
}

// A list's row with no blocks yet: its name, and a buddy order's brief one,
// the size all its blocks have.
FreeRow emptyRow(const LaneSpec& lane, FreeListId id)
{
    FreeRow row;
    row.id = id;
    row.name = freeListName(lane, id);
    if (lane.kind == FamilyKind::Buddy)
        row.brief = formatBytesShort(listFloor(lane, id));
    return row;
}

// The rows the family keeps, each empty, in order.
std::vector<FreeRow> emptyRows(const LaneSpec& lane, const BlockLayout& after)
{
    std::vector<FreeRow> rows;
    for (const FreeListId id : familyLists(lane, after.heapSize()))
        rows.push_back(emptyRow(lane, id));
    return rows;
}

FreeRow& rowFor(std::vector<FreeRow>& rows, const LaneSpec& lane, FreeListId id)
{
    const auto it = std::lower_bound(rows.begin(), rows.end(), id, [](const FreeRow& r, FreeListId i) { return r.id < i; });
    if (it != rows.end() && it->id == id)
        return *it;
    return *rows.insert(it, emptyRow(lane, id));
}

// The search's words above the lists: TLSF's rounding above all.
std::string searchWords(const LaneSpec& lane, const Search& s)
{
    if (!s.searched || s.searched->need == 0)
        return {};
    const Size need = s.searched->need;
    std::string text = "need " + withCommas(need) + " B";
    if (isTlsf(lane) && !s.lists.empty()) {
        const FreeListId from{s.lists.front().first, s.lists.front().second};
        const Size rounded = listFloor(lane, from);
        if (rounded > need)
            text += " → rounded up to " + withCommas(rounded) + " B";
        text += " → list " + freeListName(lane, from);
        if (s.lists.size() > 1)
            text += ", empty → next: " + freeListName(lane, {s.lists.back().first, s.lists.back().second});
    } else if (lane.kind == FamilyKind::Buddy && !s.lists.empty()) {
        text += " → order " + std::to_string(s.lists.front().first);
    }
    if (!s.searched->found)
        text += " → nothing big enough";
    return text;
}

} // namespace

const FreeChip* FreeStructure::chipAt(Address at) const
{
    for (const FreeRow& row : rows)
        for (const FreeChip& chip : row.chips)
            if (chip.at == at)
                return &chip;
    return nullptr;
}

const FreeRow* FreeStructure::rowOf(FreeListId id) const
{
    for (const FreeRow& row : rows)
        if (row.id == id)
            return &row;
    return nullptr;
}

FreeStructure freeStructureOf(const LaneSpec& lane, const BlockLayout& after, const ListOrder& order,
                              std::span<const Event> events)
{
    FreeStructure out;
    out.kind = lane.kind;
    out.placement = lane.placement;
    out.order = orderWords(lane);
    if (lane.isBoundaryTag() && lane.placement == Placement::Next)
        out.rover = after.rover();
    const BlockLayout before = undone(after, events);
    const Search search = searchOf(events, before);
    const std::set<Address> fresh = freshBlocks(events);
    out.search = searchWords(lane, search);

    // TLSF passes over a block of at least `need` bytes that sits below the
    // boundary the request was rounded up to.
    Size passedBelow = 0;
    if (isTlsf(lane) && search.searched && !search.lists.empty())
        passedBelow = listFloor(lane, {search.lists.front().first, search.lists.front().second});

    out.rows = emptyRows(lane, after);
    for (const auto& [at, block] : after.map()) {
        if (block.used)
            continue;
        FreeChip chip{at, block.size};
        if (const auto v = search.visits.find(at); v != search.visits.end())
            chip.visit = v->second;
        chip.fresh = fresh.contains(at);
        chip.passedOver = passedBelow > 0 && block.size >= search.searched->need && block.size < passedBelow
                          && !chip.fresh;
        rowFor(out.rows, lane, freeListOf(lane, block.size)).chips.push_back(chip);
    }
    if (lifoLists(lane))
        for (FreeRow& row : out.rows)
            std::stable_sort(row.chips.begin(), row.chips.end(), [&](const FreeChip& a, const FreeChip& b) {
                return order.stamp(a.at) > order.stamp(b.at);
            });

    // The block the search took, where it stood before the step.
    if (search.taken && !out.chipAt(*search.taken)) {
        const auto it = before.blockAt(*search.taken);
        if (it != before.map().end() && !it->second.used) {
            const FreeChip ghost{it->first, it->second.size, search.visits.contains(it->first) ? search.visits.at(it->first) : 0,
                                 true, false, false};
            FreeRow& row = rowFor(out.rows, lane, freeListOf(lane, ghost.size));
            // By address in an address-ordered list; in a LIFO one after the
            // blocks the walk passed before it (TLSF and the pool take the head).
            const auto place = lifoLists(lane)
                                   ? std::find_if(row.chips.begin(), row.chips.end(), [](const FreeChip& c) { return c.visit == 0; })
                                   : std::find_if(row.chips.begin(), row.chips.end(), [&](const FreeChip& c) { return c.at > ghost.at; });
            row.chips.insert(place, ghost);
        }
    }
    for (FreeRow& row : out.rows) {
        row.takenFrom = std::any_of(row.chips.begin(), row.chips.end(), [](const FreeChip& c) { return c.taken; });
        row.probed = row.takenFrom || std::any_of(row.chips.begin(), row.chips.end(), [](const FreeChip& c) { return c.visit > 0; });
    }
    for (const SearchVisit& v : search.lists) {
        const FreeListId id{v.first, v.second};
        FreeRow& row = rowFor(out.rows, lane, id);
        row.probed = true;
        row.takenFrom = row.takenFrom || v.taken;
        out.probes.push_back(id);
    }

    if (isTlsf(lane)) {
        out.secondLevels = 1u << lane.tlsf.slLog2;
        for (const FreeRow& row : out.rows) {
            if (row.id.first >= out.secondLevel.size())
                out.secondLevel.resize(row.id.first + 1, 0);
            if (!row.chips.empty() && !(row.chips.size() == 1 && row.chips[0].taken))
                out.secondLevel[row.id.first] |= std::uint64_t{1} << row.id.second;
        }
    }
    return out;
}

} // namespace heapviz::ui
