#include "core/model/packedlayout.h"

#include "core/model/varint.h"

namespace heapviz {

PackedLayout::PackedLayout(const LayoutSnapshot& s)
{
    std::vector<std::uint8_t>& out = m_bytes;
    putVarint(out, s.heapSize);
    putVarint(out, s.rover.value());
    putVarint(out, s.blocks.size());
    std::uint64_t end = 0; // where the previous block ended
    for (const auto& [at, b] : s.blocks) {
        putVarint(out, zigzag(std::int64_t(at.value() - end)));
        putVarint(out, b.size << 1 | (b.used ? 1 : 0));
        if (b.used) {
            putVarint(out, zigzag(b.id));
            putVarint(out, zigzag(std::int64_t(b.size - b.payload)));
            putVarint(out, b.line);
        }
        end = at.value() + b.size;
    }
    putVarint(out, s.lists.size());
    for (const auto& list : s.lists) {
        putVarint(out, list.size());
        std::uint64_t previous = 0;
        for (Address a : list) {
            putVarint(out, zigzag(std::int64_t(a.value() - previous)));
            previous = a.value();
        }
    }
    out.shrink_to_fit();
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
