#include "core/config/heapconfig.h"

#include "core/text/units.h"

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
    const auto b = [](Size v) { return formatBytes(v); };
    if (align == 0 || !std::has_single_bit(align))
        return "The alignment (align) must be a power of two, like 8 or 16 bytes; not " + b(align) + ".";
    if (header > kMaxHeapBytes || footer > kMaxHeapBytes || prefix > kMaxHeapBytes
        || suffix > kMaxHeapBytes || minBlock > kMaxHeapBytes || chunk > kMaxHeapBytes || canary > kMaxHeapBytes)
        return "A setting is larger than any heap HeapViz supports (" + b(kMaxHeapBytes) + ").";
    if (minBlock == 0 || minBlock % align != 0)
        return "The minimum block (min_block) must be a positive multiple of the alignment (" + b(align)
               + "), not " + b(minBlock) + ".";
    if (minBlock < header + footer)
        return "The minimum block (min_block, " + b(minBlock) + ") must hold a header and a footer ("
               + b(header + footer) + ").";
    if (growth == Growth::Chunk && (chunk < minBlock || chunk % align != 0))
        return "The growth chunk must be a multiple of the alignment (" + b(align)
               + ") and at least the minimum block (" + b(minBlock) + "), not " + b(chunk) + ".";
    if (fixedSize) {
        const Size h = *fixedSize;
        const Size edges = prefix + suffix;
        if (h > kMaxHeapBytes)
            return "A fixed heap of " + b(h) + " is larger than the " + b(kMaxHeapBytes) + " HeapViz supports.";
        if (h < edges + minBlock)
            return "A fixed heap of " + b(h) + " has no room for one block: it needs at least prefix + suffix "
                   "+ minimum block = " + b(edges + minBlock) + ".";
        if ((h - edges) % align != 0) {
            const Size down = edges + (h - edges) / align * align;
            return "A fixed heap of " + b(h) + " leaves " + b(h - edges) + " for blocks, which is not a "
                   "multiple of the alignment (" + b(align) + "); try " + b(down) + " or " + b(down + align) + ".";
        }
    }
    return {};
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
    const auto list = [](const std::vector<std::uint64_t>& ops) { // "at:10,30"
        std::string out;
        for (std::size_t i = 0; i < ops.size(); ++i)
            out += (i ? "," : "at:") + std::to_string(ops[i]);
        return out;
    };
    std::string base;
    switch (kind) {
    case Kind::Never: base = "never"; break;
    case Kind::At: base = list(at); break;
    case Kind::OnFailure: base = "on-failure"; break;
    case Kind::Threshold: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "threshold:%g", threshold);
        base = buf;
        break;
    }
    }
    if (byHand.empty())
        return base;
    return (kind == Kind::Never ? std::string() : base + " + ") + list(byHand);
}

bool CompactTrigger::firesAfter(std::uint64_t operation) const
{
    return (kind == Kind::At && std::binary_search(at.begin(), at.end(), operation))
           || std::binary_search(byHand.begin(), byHand.end(), operation);
}

void CompactTrigger::addByHand(std::uint64_t operation)
{
    const auto it = std::lower_bound(byHand.begin(), byHand.end(), operation);
    if (it == byHand.end() || *it != operation)
        byHand.insert(it, operation);
}

} // namespace heapviz
