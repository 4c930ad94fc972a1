#include "core/model/packedlayout.h"

#include "core/model/varint.h"

namespace heapviz {

PackedLayout::Builder::Builder(Size heapSize, Address rover)
    : m_heapSize(heapSize)
    , m_rover(rover)
{
}

void PackedLayout::Builder::add(Address at, const LayoutBlock& b)
{
    std::vector<std::uint8_t>& out = m_bytes;
    putVarint(out, zigzag(std::int64_t(at.value() - m_end)));
    putVarint(out, b.size << 1 | (b.used ? 1 : 0));
    if (b.used) {
        putVarint(out, zigzag(b.id));
        putVarint(out, zigzag(std::int64_t(b.size - b.payload)));
        putVarint(out, b.line);
    }
    m_end = at.value() + b.size;
    ++m_blocks;
}

PackedLayout PackedLayout::Builder::finish(const std::vector<std::vector<Address>>& lists)
{
    std::vector<std::uint8_t>& out = m_bytes;
    putVarint(out, lists.size());
    for (const auto& list : lists) {
        putVarint(out, list.size());
        std::uint64_t previous = 0;
        for (Address a : list) {
            putVarint(out, zigzag(std::int64_t(a.value() - previous)));
            previous = a.value();
        }
    }
    PackedLayout packed; // the heap's size, the rover and the count first, for unpack
    putVarint(packed.m_bytes, m_heapSize);
    putVarint(packed.m_bytes, m_rover.value());
    putVarint(packed.m_bytes, m_blocks);
    packed.m_bytes.insert(packed.m_bytes.end(), out.begin(), out.end());
    return packed;
}

PackedLayout::PackedLayout(const LayoutSnapshot& s)
{
    Builder builder(s.heapSize, s.rover);
    for (const auto& [at, b] : s.blocks)
        builder.add(at, b);
    *this = builder.finish(s.lists);
}

LayoutSnapshot PackedLayout::unpack() const
{
    LayoutSnapshot s;
    VarintReader in(m_bytes.data());
    s.heapSize = in.next();
    s.rover = Address(in.next());
    s.blocks.resize(in.next());
    std::uint64_t end = 0;
    for (auto& [at, b] : s.blocks) {
        at = Address(end + std::uint64_t(in.nextSigned()));
        const std::uint64_t sizeAndUsed = in.next();
        b.size = sizeAndUsed >> 1;
        b.used = sizeAndUsed & 1;
        if (b.used) {
            b.id = in.nextSigned();
            b.payload = b.size - std::uint64_t(in.nextSigned());
            b.line = LineNo(in.next());
        }
        end = at.value() + b.size;
    }
    s.lists.resize(in.next());
    for (auto& list : s.lists) {
        list.resize(in.next());
        std::uint64_t previous = 0;
        for (Address& a : list) {
            previous += std::uint64_t(in.nextSigned());
            a = Address(previous);
        }
    }
    return s;
}

} // namespace heapviz
