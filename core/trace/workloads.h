#pragma once
// Synthetic workloads: seeded, deterministic traces shaped like the allocation
// patterns the literature describes. The same spec gives the same trace, byte
// for byte, on every platform and compiler: the random numbers come from our
// own xoshiro256** (seeded by splitmix64) and our own integer sampling, never
// from std::*_distribution, whose output the standard leaves to each library.
//
// The shapes:
//  - uniform:     a random mix. While fewer than `live` blocks are live it
//                 mostly allocates (7 in 8); from there on it allocates or
//                 frees a random live block with equal odds. Sizes are uniform
//                 in [minSize, maxSize].
//  - exponential: the same mix with sizes minSize + an exponential variable,
//                 so that their mean is meanSize (clamped to [minSize,
//                 maxSize]); the rare sizes above maxSize are clamped to it.
//  - lifo:        stack-like: runs of pushes and runs of pops (each 1 to
//                 live/4 long) that lean towards `live` blocks live and never
//                 exceed twice that; every free is of the most recently
//                 allocated block still live.
//  - larson:      Larson & Krishnan, "Memory Allocation for Long-Running Server
//                 Applications", ISMM 1998: allocate `live` blocks, then again
//                 and again free a uniformly random live block and at once
//                 allocate a new one in its place, under the same id (the
//                 benchmark's slot array). Sizes uniform in [minSize, maxSize].
//                 Should the budget leave one op after a free-and-allocate
//                 pair, it is a realloc, so that `live` blocks stay live.
//  - ramp, peak, plateau: the three profiles of memory use described by
//                 Wilson, Johnstone, Neely and Boles, "Dynamic Storage
//                 Allocation: A Survey and Critical Review", IWMM 1995 (LNCS 986):
//      ramp:      a program that piles up data steadily: three allocations to
//                 each free of a random live block, so live memory grows with
//                 time (`live` is not used).
//      peak:      a program that works in bursts, building a large structure
//                 for one phase and dropping most of it afterwards: phases that
//                 each allocate quickly (15 ops in 16) up to between live/2 and
//                 `live` blocks, then free random blocks until a tenth are left.
//      plateau:   a program that builds its data quickly and then uses it for
//                 a long time: `live` allocations first, all but an eighth of
//                 them long-lived; after that only the short-lived eighth
//                 churns (free or allocate with equal odds, keeping between
//                 none and a quarter of `live` short-lived blocks), so live
//                 memory stays level.
//  - bursts:      a sensor node: a burst of one to `live` buffers of one size
//                 (meanSize, clamped to [minSize, maxSize]) is allocated, then
//                 freed newest first (sent), and again.
//  - strings:     a program's strings: a random mix as uniform's, most sizes
//                 small (minSize to 4 x minSize), one in twenty huge (from
//                 maxSize / 2 to maxSize).
//
// Sizes are uniform in [minSize, maxSize] except for exponential, bursts and strings. Every
// workload takes exactly `ops` operations. With freeAtEnd, it starts freeing
// everything still live in time to end with nothing live within that budget
// (a realloc of a live block evens out the count where needed). New blocks get
// fresh ids 0, 1, 2, ... except in larson; no id is freed unless live, and no
// live id is allocated again.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/model/opsource.h"
#include "core/model/trace.h"
#include "core/model/types.h"

namespace heapviz {

enum class WorkloadKind : std::uint8_t { Uniform, Exponential, Lifo, Larson, Ramp, Peak, Plateau, Bursts, Strings };

struct WorkloadSpec {
    WorkloadKind kind = WorkloadKind::Uniform;
    std::uint64_t seed = 1;
    std::size_t ops = 10000;     // total operations, exactly
    Size minSize = 16;           // payload sizes (uniform: [minSize, maxSize])
    Size maxSize = 4096;
    Size meanSize = 256;         // exponential: mean payload size (clamped to [minSize, maxSize])
    std::size_t live = 1000;     // target number of live blocks
    bool freeAtEnd = true;       // end by freeing everything still live (within the ops budget)
};

// "uniform", "exponential", "lifo", "larson", "ramp", "peak", "plateau", "bursts" or "strings".
std::string_view workloadName(WorkloadKind kind);

// The kind workloadName() names so (exact, lower case); nullopt for any other text.
std::optional<WorkloadKind> workloadFromName(std::string_view name);

// "" when spec can be generated, otherwise a sentence telling what is wrong.
std::string validateWorkload(const WorkloadSpec& spec);

// The trace spec describes, named e.g. "larson(seed=1)". Its header and line
// numbers are those writeTrace() would write (four header lines, so op i is on
// line i + 5) and its slots are assigned. Throws std::invalid_argument with
// validateWorkload()'s sentence when spec is not valid.
Trace generateWorkload(const WorkloadSpec& spec);

// The same ops as generateWorkload(spec), same lines and slots, a chunk at a
// time: memory for the live blocks, not for the trace.
class WorkloadStream : public OpSource {
public:
    // Throws std::invalid_argument with validateWorkload()'s sentence when
    // spec is not valid.
    explicit WorkloadStream(const WorkloadSpec& spec);
    ~WorkloadStream() override;

    bool read(OpList& chunk, std::size_t most) override;
    const std::string& name() const override { return m_name; }
    std::uint32_t slots() const; // the distinct ids so far

private:
    struct State;
    std::string m_name; // "larson(seed=1)"
    std::unique_ptr<State> m_state;
};

} // namespace heapviz
