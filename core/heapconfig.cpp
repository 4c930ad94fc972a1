#include "heapconfig.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace heapviz {

std::optional<HeapConfig> HeapConfig::fromPreset(std::string_view name)
{
    HeapConfig c;
    if (name == "default")
        return c;
    if (name == "csapp") {
        // CS:APP's implicit-list mm.c: 4-byte tags, 8-byte alignment, padding and
        // prologue (12 bytes) before the first block, the epilogue header after
        // the last, CHUNKSIZE 4096, and mm_realloc = malloc + copy + free.
        c.preset = "csapp";
        c.align = 8;
        c.header = 4;
        c.footer = 4;
        c.minBlock = 16;
        c.prefix = 12;
        c.suffix = 4;
        c.growth = Growth::Chunk;
        c.chunk = 4096;
        c.realloc = ReallocPolicy::Move;
        c.zero = ZeroPolicy::Null;
        return c;
    }
    return std::nullopt;
}


std::string HeapConfig::validate() const
{
    const auto n = [](Size v) { return std::to_string(v); };
    if (align == 0 || !std::has_single_bit(align))
        return "align must be a power of two, not " + n(align);
    if (header > kMaxHeapBytes || footer > kMaxHeapBytes || prefix > kMaxHeapBytes
        || suffix > kMaxHeapBytes || minBlock > kMaxHeapBytes || chunk > kMaxHeapBytes)
        return "a parameter is larger than any heap (" + n(kMaxHeapBytes) + " bytes)";
    if (minBlock == 0 || minBlock % align != 0)
        return "min_block must be a positive multiple of align (" + n(align) + "), not "
               + n(minBlock);
    if (minBlock < header + footer)
        return "min_block (" + n(minBlock) + ") must be at least header + footer ("
               + n(header + footer) + ")";
    if (growth == Growth::Chunk && (chunk < minBlock || chunk % align != 0))
        return "the growth chunk must be a multiple of align (" + n(align)
               + ") and at least min_block (" + n(minBlock) + "), not " + n(chunk);
    if (fixedSize) {
        const Size h = *fixedSize;
        const Size edges = prefix + suffix;
        if (h > kMaxHeapBytes)
            return "a heap of " + n(h) + " bytes is larger than the " + n(kMaxHeapBytes)
                   + " bytes supported";
        if (h < edges + minBlock)
            return "a fixed heap of " + n(h) + " bytes has no room for one block: it needs at least prefix + suffix + min_block = "
                   + n(edges + minBlock) + " bytes";
        if ((h - edges) % align != 0) {
            const Size down = edges + (h - edges) / align * align;
            return "a fixed heap of " + n(h) + " bytes leaves " + n(h - edges)
                   + " bytes for blocks, which is not a multiple of align (" + n(align)
                   + "); try " + n(down) + " or " + n(down + align);
        }
    }
    return {};
}

std::optional<Size> HeapConfig::need(Size n) const
{
    // Checked before adding, so that no sum below can wrap.
    if (n > kMaxHeapBytes)
        return std::nullopt;
    const Size raw = n + header + footer;
    const Size rounded = (raw + align - 1) / align * align;
    const Size block = rounded < minBlock ? minBlock : rounded;
    if (block > kMaxHeapBytes)
        return std::nullopt;
    return block;
}

std::optional<Size> parseByteSize(std::string_view text)
{
    if (text.empty() || text[0] < '0' || text[0] > '9')
        return std::nullopt;
    Size value = 0;
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc())
        return std::nullopt;
    int shift = 0;
    if (p != end) {
        if (p + 1 != end)
            return std::nullopt;
        switch (*p) {
        case 'K': case 'k': shift = 10; break;
        case 'M': case 'm': shift = 20; break;
        case 'G': case 'g': shift = 30; break;
        default: return std::nullopt;
        }
    }
    if (value > (~Size{0} >> shift))
        return std::nullopt;
    return value << shift;
}

std::string_view compactorName(Compactor c) { return c == Compactor::Sliding ? "sliding" : "two-finger"; }

std::optional<Compactor> compactorFromName(std::string_view name)
{
    if (name == "sliding")
        return Compactor::Sliding;
    if (name == "two-finger")
        return Compactor::TwoFinger;
    return std::nullopt;
}

std::optional<CompactTrigger> CompactTrigger::parse(std::string_view text, std::string& error)
{
    CompactTrigger t;
    if (text == "never")
        return t;
    if (text == "on-failure") {
        t.kind = Kind::OnFailure;
        return t;
    }
    if (text.substr(0, 3) == "at:") {
        t.kind = Kind::At;
        std::string_view rest = text.substr(3);
        while (true) {
            const std::size_t comma = rest.find(',');
            const std::string_view item = rest.substr(0, comma);
            std::uint64_t n = 0;
            const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), n);
            if (item.empty() || ec != std::errc() || end != item.data() + item.size() || n == 0) {
                error = "at: takes operation numbers counted from 1, like at:100,250; not '"
                        + std::string(item) + "'";
                return std::nullopt;
            }
            t.at.push_back(n);
            if (comma == std::string_view::npos)
                break;
            rest = rest.substr(comma + 1);
        }
        std::sort(t.at.begin(), t.at.end());
        t.at.erase(std::unique(t.at.begin(), t.at.end()), t.at.end());
        return t;
    }
    if (text.substr(0, 10) == "threshold:") {
        t.kind = Kind::Threshold;
        const std::string number(text.substr(10));
        char* end = nullptr;
        t.threshold = std::strtod(number.c_str(), &end);
        if (number.empty() || *end != '\0' || !(t.threshold >= 0 && t.threshold < 1)) {
            error = "threshold: takes a fragmentation between 0 and 1 (exclusive), like threshold:0.5; not '"
                    + number + "'";
            return std::nullopt;
        }
        return t;
    }
    error = "compaction runs never, on-failure, at:N[,N...] or threshold:F; not '" + std::string(text) + "'";
    return std::nullopt;
}

std::string CompactTrigger::name() const
{
    std::string list; // the `at` operations, "at:10,30"
    for (std::size_t i = 0; i < at.size(); ++i)
        list += (i ? "," : "at:") + std::to_string(at[i]);
    std::string base;
    switch (kind) {
    case Kind::Never: return "never";
    case Kind::At: return list;
    case Kind::OnFailure: base = "on-failure"; break;
    case Kind::Threshold: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "threshold:%g", threshold);
        base = buf;
        break;
    }
    }
    return list.empty() ? base : base + " + " + list; // compactions asked for by hand
}

bool CompactTrigger::firesAfter(std::uint64_t operation) const
{
    return std::binary_search(at.begin(), at.end(), operation);
}

void CompactTrigger::addAt(std::uint64_t operation)
{
    const auto it = std::lower_bound(at.begin(), at.end(), operation);
    if (it == at.end() || *it != operation)
        at.insert(it, operation);
    if (kind == Kind::Never)
        kind = Kind::At;
}


} // namespace heapviz
