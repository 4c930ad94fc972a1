#pragma once
// The parameters of the heap model (heap-model.md, "Parameters and presets"),
// the two presets, validation, and need(n).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/types.h"

namespace heapviz {

enum class Growth : std::uint8_t { Exact, Chunk };
enum class ReallocPolicy : std::uint8_t { InPlace, Move };
enum class ZeroPolicy : std::uint8_t { MinBlock, Null };
enum class Compactor : std::uint8_t { Sliding, TwoFinger };

// When compaction runs (heap-model.md, "Compaction").
struct CompactTrigger {
    enum class Kind : std::uint8_t { Never, OnFailure, At, Threshold };
    Kind kind = Kind::Never;
    std::vector<std::uint64_t> at; // At: after these operations (1-based), sorted
    double threshold = 0;          // Threshold: when external fragmentation exceeds it
    // Compactions a user asked for by hand (the Compact action), after these
    // operations, sorted: on top of any kind, and for one session only.
    std::vector<std::uint64_t> byHand;

    // "never", "on-failure", "at:N[,N...]", "threshold:F"; nullopt with
    // `error` set when the text is none of these.
    static std::optional<CompactTrigger> parse(std::string_view text, std::string& error);
    // As parse() reads it, with " + at:N,..." for the compactions by hand.
    std::string name() const;
    bool firesAfter(std::uint64_t operation) const; // in `at` (At only) or `byHand`?
    // Whether it may act once an operation is done (at:N, threshold:F, or a
    // compaction by hand); on-failure acts inside the heap's search.
    bool watchesOperations() const { return kind == Kind::At || kind == Kind::Threshold || !byHand.empty(); }
    void addByHand(std::uint64_t operation);
    friend bool operator==(const CompactTrigger&, const CompactTrigger&) = default;
};

struct HeapConfig {
    std::string preset = "default"; // the preset the parameters started from
    Size align = 16;
    Size header = 8;
    Size footer = 8;
    Size minBlock = 32;
    Size prefix = 0;
    Size suffix = 0;
    Growth growth = Growth::Exact;
    Size chunk = 0;                 // C of "chunk C"; only with Growth::Chunk
    ReallocPolicy realloc = ReallocPolicy::InPlace;
    ZeroPolicy zero = ZeroPolicy::MinBlock;
    Size canary = 0;                // guard bytes right after each payload (every family)
    std::optional<Size> fixedSize;  // H of a fixed heap; empty for a growing heap
    Compactor compactor = Compactor::Sliding;
    CompactTrigger compact;         // never, by default

    // "default" or "csapp"; nullopt for any other name.
    static std::optional<HeapConfig> fromPreset(std::string_view name);

    bool growing() const { return !fixedSize; }

    // Empty when the parameters are consistent, else a sentence saying what is
    // wrong and what would be right.
    std::string validate() const;

    friend bool operator==(const HeapConfig&, const HeapConfig&) = default;

    // need(n) = max(min_block, roundup(n + header + canary + footer, align)); nullopt
    // when that is beyond any heap (so the request fails, never overflows).
    // Inline: returned from a call, the optional went through memory as a
    // byte and a word read back whole, a store the load had to wait out
    // (perf: nearly all of need's time, at its return).
    std::optional<Size> need(Size n) const
    {
        // Checked before adding, so that no sum below can wrap.
        if (n > kMaxHeapBytes)
            return std::nullopt;
        const Size raw = n + header + canary + footer;
        // align is a power of two (validate): a mask rounds up.
        const Size rounded = (raw + align - 1) & ~(align - 1);
        const Size block = rounded < minBlock ? minBlock : rounded;
        if (block > kMaxHeapBytes)
            return std::nullopt;
        return block;
    }
};


} // namespace heapviz
