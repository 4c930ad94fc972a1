#include "heapconfig.h"

#include <bit>

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

std::vector<std::string> HeapConfig::presetNames() { return {"default", "csapp"}; }

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

std::string_view growthName(Growth g) { return g == Growth::Exact ? "exact" : "chunk"; }
std::string_view reallocName(ReallocPolicy r)
{
    return r == ReallocPolicy::InPlace ? "in_place" : "move";
}
std::string_view zeroName(ZeroPolicy z) { return z == ZeroPolicy::MinBlock ? "min_block" : "null"; }

} // namespace heapviz
