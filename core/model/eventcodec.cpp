#include "core/model/eventcodec.h"

#include <array>
#include <utility>

namespace heapviz {

namespace {

// Every field of every event, in packing order, each with its kind:
//  - addr: an address, as the difference from the previous one;
//  - size: a size, as 0 when it equals the previous size (a split's first
//    part is the size the search needed, the block allocated is that part),
//    else the size + 1;
//  - payload: as what the previous size adds to it (a header, a footer);
//  - line: a trace line, as the difference from the operation's;
//  - flag, bits: a bit or a small enum in the kind's byte (three bits an event);
//  - sint, num: a signed or unsigned number or enum as it is.
template <class V> void fields(HeapGrown& e, V& v) { v.size(e.oldSize); v.size(e.newSize); v.addr(e.at); }
template <class V> void fields(Split& e, V& v) { v.addr(e.at); v.size(e.size); v.size(e.first); }
template <class V> void fields(Coalesced& e, V& v) { v.addr(e.at); v.size(e.left); v.size(e.right); }
template <class V> void fields(Allocated& e, V& v)
{
    v.addr(e.at); v.size(e.size); v.sint(e.id); v.payload(e.payload); v.line(e.line);
}
template <class V> void fields(Freed& e, V& v)
{
    v.addr(e.at); v.size(e.size); v.sint(e.id); v.payload(e.payload); v.line(e.line);
}
template <class V> void fields(Resized& e, V& v)
{
    v.addr(e.at); v.sint(e.id); v.num(e.oldPayload); v.num(e.newPayload);
}
template <class V> void fields(Moved& e, V& v)
{
    v.sint(e.id); v.addr(e.from); v.size(e.fromSize); v.addr(e.to); v.size(e.toSize);
    v.payload(e.payload); v.line(e.line); v.flag(e.slide);
}
template <class V> void fields(RoverMoved& e, V& v) { v.addr(e.from); v.addr(e.to); }
template <class V> void fields(Searched& e, V& v)
{
    v.size(e.need); v.num(e.examined); v.flag(e.found); v.addr(e.start); v.addr(e.chosen); v.flag(e.addressWalk);
}
template <class V> void fields(RequestFailed& e, V& v)
{
    v.sint(e.id); v.num(e.request); v.num(e.need); v.num(e.freeBytes); v.num(e.largestFree); v.line(e.line);
}
template <class V> void fields(Fault& e, V& v)
{
    v.num(e.kind); v.sint(e.id); v.line(e.line); v.addr(e.at); v.num(e.size);
    v.addr(e.damageAt); v.num(e.damage); v.num(e.payload);
}
template <class V> void fields(FreeSpace& e, V& v) { v.num(e.blocks); v.num(e.bytes); v.num(e.largest); }
template <class V> void fields(CompactionStarted& e, V& v) { v.num(e.compactor); fields(e.before, v); }
template <class V> void fields(CompactionProgress& e, V& v) { v.num(e.moves); v.num(e.bytes); }
template <class V> void fields(CompactionFinished& e, V& v) { v.num(e.moves); v.num(e.bytes); fields(e.after, v); }
template <class V> void fields(Listed& e, V& v) { v.addr(e.at); }
template <class V> void fields(CanaryBroken& e, V& v)
{
    v.addr(e.at); v.sint(e.id); v.line(e.line); v.line(e.damagedAt); v.size(e.size); v.flag(e.realloc);
}
template <class V> void fields(SearchVisit& e, V& v)
{
    v.bits(e.what, 2); v.addr(e.at);
    v.size(e.size); v.num(e.first); v.num(e.second); v.flag(e.taken); v.num(e.index);
}

constexpr unsigned kKindBits = 5; // the kinds: fewer than 32
static_assert(std::variant_size_v<Event> <= (1u << kKindBits));

struct Packer {
    std::vector<std::uint8_t>& out;
    EventPacking& state;
    std::size_t kindByte; // where the kind's byte is, for the flags
    unsigned flags = 0;

    void addr(Address a)
    {
        putVarint(out, zigzag(std::int64_t(a.value() - state.address)));
        state.address = a.value();
    }
    void size(Size s)
    {
        putVarint(out, s == state.size ? 0 : s + 1);
        state.size = s;
    }
    void payload(Size p) { putVarint(out, zigzag(std::int64_t(state.size - p))); }
    void line(LineNo l) { putVarint(out, zigzag(std::int64_t(state.line) - std::int64_t(l))); }
    template <class T> void bits(T v, unsigned n)
    {
        out[kindByte] |= std::uint8_t(unsigned(v) << (kKindBits + flags));
        flags += n;
    }
    void flag(bool f) { bits(f, 1); }
    void sint(std::int64_t v) { putVarint(out, zigzag(v)); }
    template <class T> void num(T v) { putVarint(out, std::uint64_t(v)); }
};

struct Unpacker {
    VarintReader& in;
    EventPacking& state;
    std::uint8_t kindByte;
    unsigned flags = 0;

    void addr(Address& a)
    {
        state.address += std::uint64_t(in.nextSigned());
        a = Address(state.address);
    }
    void size(Size& s)
    {
        const std::uint64_t v = in.next();
        s = state.size = v == 0 ? state.size : v - 1;
    }
    void payload(Size& p) { p = state.size - std::uint64_t(in.nextSigned()); }
    void line(LineNo& l) { l = LineNo(std::int64_t(state.line) - in.nextSigned()); }
    template <class T> void bits(T& v, unsigned n)
    {
        v = T(kindByte >> (kKindBits + flags) & ((1u << n) - 1));
        flags += n;
    }
    void flag(bool& f) { bits(f, 1); }
    void sint(std::int64_t& v) { v = in.nextSigned(); }
    template <class T> void num(T& v) { v = T(in.next()); }
};

// Each alternative of Event, default-constructed, by its index.
template <std::size_t... I> constexpr auto makeBlankEvents(std::index_sequence<I...>)
{
    return std::array<Event (*)(), sizeof...(I)>{+[] { return Event(std::in_place_index<I>); }...};
}
constexpr auto kBlankEvent = makeBlankEvents(std::make_index_sequence<std::variant_size_v<Event>>());

} // namespace

void packEvent(std::vector<std::uint8_t>& out, const Event& event, EventPacking& state)
{
    out.push_back(std::uint8_t(event.index()));
    Event copy = event; // the field list takes each field by reference
    Packer packer{out, state, out.size() - 1};
    std::visit([&](auto& e) { fields(e, packer); }, copy);
}

Event unpackEvent(VarintReader& in, EventPacking& state)
{
    const std::uint8_t kind = in.nextByte();
    Event event = kBlankEvent[kind & ((1u << kKindBits) - 1)]();
    Unpacker unpacker{in, state, kind};
    std::visit([&](auto& e) { fields(e, unpacker); }, event);
    return event;
}

} // namespace heapviz
