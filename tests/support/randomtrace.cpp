#include "randomtrace.h"

#include <vector>

namespace heapviz::testing {

namespace {
// splitmix64: tiny, and the same numbers on every platform.
struct Rng {
    std::uint64_t state;
    std::uint64_t next()
    {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
};
} // namespace

Trace randomTrace(const RandomTraceSpec& spec)
{
    Rng rng{spec.seed};
    Trace t;
    t.name = "random(seed=" + std::to_string(spec.seed) + ")";
    std::vector<bool> live(spec.ids, false);
    for (std::size_t i = 0; i < spec.ops; ++i) {
        Op op;
        op.line = LineNo(i + 1);
        op.id = TraceId(rng.below(spec.ids));
        const std::uint64_t roll = rng.below(100);
        // Mostly sizes up to maxSize, sometimes tiny, zero, or impossibly large.
        const std::uint64_t sizeRoll = rng.below(100);
        op.size = sizeRoll < 3 ? 0
                  : sizeRoll < 4 ? (Size{1} << 62) + rng.below(1000)
                  : sizeRoll < 30 ? rng.below(24)
                                 : rng.below(spec.maxSize + 1);
        const bool wantFault = spec.faults && rng.below(100) < 3;
        if (wantFault) {
            op.kind = roll < 50 ? OpKind::Free : roll < 80 ? OpKind::Malloc : OpKind::Realloc;
        } else if (!live[std::size_t(op.id)]) {
            op.kind = roll < 85 ? OpKind::Malloc : OpKind::Realloc; // realloc of a null/unknown id
            if (op.kind == OpKind::Realloc && !spec.faults)
                op.kind = OpKind::Malloc;
        } else {
            op.kind = roll < 55 ? OpKind::Free : OpKind::Realloc;
        }
        if (rng.below(200) == 0) {
            op.kind = OpKind::Free;
            op.id = -1;
        }
        if (spec.writes && rng.below(8) == 0) { // offsets around a payload of up to maxSize
            op.kind = OpKind::Write;
            op.id = TraceId(rng.below(spec.ids));
            op.offset = std::int64_t(rng.below(spec.maxSize + 64)) - 32;
            op.size = 1 + rng.below(64);
        }
        // Our own bookkeeping of what is live only steers the mix; the engine decides.
        if (op.id >= 0) {
            if (op.kind == OpKind::Malloc)
                live[std::size_t(op.id)] = true;
            else if (op.kind == OpKind::Free)
                live[std::size_t(op.id)] = false;
        }
        t.ops.push_back(op);
    }
    assignSlots(t);
    return t;
}

} // namespace heapviz::testing
