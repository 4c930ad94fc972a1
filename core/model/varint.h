#pragma once
// Variable-length integers, the packing a recording is stored in: seven bits
// a byte, low bits first, the top bit saying "more follows" (LEB128). Small
// numbers, which is what deltas between neighbouring addresses and sizes
// mostly are, take one or two bytes instead of eight. Signed values go
// through zigzag (0, -1, 1, -2, ... as 0, 1, 2, 3, ...) so that a small
// negative delta stays small too.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace heapviz {

constexpr std::uint64_t zigzag(std::int64_t v) { return (std::uint64_t(v) << 1) ^ std::uint64_t(v >> 63); }
constexpr std::int64_t unzigzag(std::uint64_t v) { return std::int64_t(v >> 1) ^ -std::int64_t(v & 1); }

inline void putVarint(std::vector<std::uint8_t>& out, std::uint64_t v)
{
    while (v >= 0x80) {
        out.push_back(std::uint8_t(v | 0x80));
        v >>= 7;
    }
    out.push_back(std::uint8_t(v));
}

// The same into a buffer of at least 10 bytes; returns the bytes written.
inline std::size_t putVarint(std::uint8_t* out, std::uint64_t v)
{
    std::size_t n = 0;
    while (v >= 0x80) {
        out[n++] = std::uint8_t(v | 0x80);
        v >>= 7;
    }
    out[n++] = std::uint8_t(v);
    return n;
}

// Reads what putVarint wrote. The bytes come from this program's own
// recording, never from a file, so they are trusted: no bounds are checked.
class VarintReader {
public:
    explicit VarintReader(const std::uint8_t* at) : m_at(at) {}
    std::uint64_t next()
    {
        std::uint64_t v = 0;
        for (unsigned shift = 0;; shift += 7) {
            const std::uint8_t byte = *m_at++;
            v |= std::uint64_t(byte & 0x7f) << shift;
            if (byte < 0x80)
                return v;
        }
    }
    std::int64_t nextSigned() { return unzigzag(next()); }
    std::uint8_t nextByte() { return *m_at++; }
    const std::uint8_t* position() const { return m_at; }

private:
    const std::uint8_t* m_at;
};

} // namespace heapviz
