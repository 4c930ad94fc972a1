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

PackedLayout::Reader::Reader(const PackedLayout& packed)
    : m_in(packed.m_bytes.data())
{
    m_heapSize = m_in.next();
    m_rover = Address(m_in.next());
    m_blocks = m_in.next();
}

std::vector<std::vector<Address>> PackedLayout::Reader::lists()
{
    std::vector<std::vector<Address>> lists(m_in.next());
    for (auto& list : lists) {
        list.resize(m_in.next());
        std::uint64_t previous = 0;
        for (Address& a : list) {
            previous += std::uint64_t(m_in.nextSigned());
            a = Address(previous);
        }
    }
    return lists;
}

LayoutSnapshot PackedLayout::unpack() const
{
    Reader in(*this);
    LayoutSnapshot s;
    s.heapSize = in.heapSize();
    s.rover = in.rover();
    s.blocks.reserve(in.blocks());
    for (std::size_t i = 0; i < in.blocks(); ++i)
        s.blocks.push_back(in.next());
    s.lists = in.lists();
    return s;
}

} // namespace heapviz
