#pragma once
// Simulator: runs trace operations on one lane's Allocator (any family,
// through its interface) the way a C program's calls would reach malloc,
// free, realloc and its own writes, with the malloc debugger of
// heap-model.md ("Failed requests and faults") in front: it keeps each id's
// state (live, null, freed, never seen), skips and reports faults, counts
// failures, reports leaks, and measures the metrics after every operation.

#include <memory>
#include <vector>

#include "core/alloc/allocator.h"
#include "core/alloc/lanespec.h"
#include "core/model/trace.h"

namespace heapviz {

struct FaultReport {
    LineNo line = 0;
    FaultKind kind = FaultKind::DoubleFree;
    TraceId id = 0;
    friend bool operator==(const FaultReport&, const FaultReport&) = default;
};

struct LeakReport {
    LineNo line = 0; // the line of the operation that made the id live
    TraceId id = 0;
    Size size = 0;   // its payload bytes
    friend bool operator==(const LeakReport&, const LeakReport&) = default;
};

class Simulator {
public:
    // The lane must be valid (validateLane). `slots` is the trace's number of
    // distinct ids (the id table grows if an op names a larger slot).
    Simulator(const LaneSpec& lane, std::uint32_t slots = 0, EventSink* sink = nullptr, bool countExamined = false);

    // Runs one operation and measures the metrics after it.
    void apply(const Op& op);
    // A hint, given the operations that come after the one about to run:
    // starts loading from memory what they will read (see prefetch()).
    void prefetch(const Op* upcoming, std::size_t count) const;

    // The metrics after the last operation.
    const Metrics& metrics() const;
    // metrics().examined alone, without reading the heap's other figures.
    std::uint32_t examined() const { return m_examined; }
    // The metrics as they stand now, inside an operation (mid-compaction, say).
    Metrics measureNow() const;
    const std::vector<FaultReport>& faults() const { return m_faults; }
    // Ids still live, in order of the line that made them live.
    std::vector<LeakReport> leaks() const;
    const Allocator& allocator() const { return *m_alloc; }
    const LaneSpec& lane() const { return m_lane; }

    // Heap invariants, plus: every live id's block is used by that id, and the
    // metrics equal the heap's own.
    std::string checkInvariants() const;

private:
    enum class IdState : std::uint8_t { Unknown, Live, Null, Freed };
    // The block a freed id had, as it was freed: where a later fault on the
    // id points. (Plain numbers, so that it can share IdEntry's bytes.)
    struct FreedBlock {
        std::uint64_t at;
        Size size;
        Size payload;
    };
    struct LiveBlock {
        BlockHandle block;
        LineNo canaryHit; // the first write that damaged its canary, if any
    };
    // One id, in 32 bytes, two to a cache line: the table is read at random
    // once an operation, and a live id's fields and a freed id's are never
    // wanted at once.
    struct IdEntry {
        IdState state = IdState::Unknown;
        LineNo line = 0; // the line that made it live (or null)
        union {
            LiveBlock live{kNoBlock, 0}; // Live
            FreedBlock freed;            // Freed
        };
        // The id is now in `to` state, made so on `at` (Live: in `block`).
        // In place: a new entry built and assigned was copied in pieces
        // that waited on the stores that built it.
        void become(IdState to, LineNo at, BlockHandle block = kNoBlock)
        {
            state = to;
            line = at;
            live.block = block;
            live.canaryHit = 0;
        }
    };
    static_assert(sizeof(IdEntry) == 32, "an id entry is half a cache line");

    void prefetchBlock(const Op& op, bool neighbours) const;
    void doMalloc(const Op& op, IdEntry& entry);
    void doFree(const Op& op, IdEntry& entry);
    void doRealloc(const Op& op, IdEntry& entry);
    void doWrite(const Op& op, IdEntry& entry);
    void checkCanary(const Op& op, IdEntry& entry);
    void fault(const Op& op, FaultKind kind, const IdEntry& entry, Address damageAt = {}, Size damage = 0);
    void fail(const Op& op);
    void compactIfTriggered();
    void measure(OpKind kind);

    LaneSpec m_lane;
    std::unique_ptr<Allocator> m_alloc;
    // Whether a trigger may fire after an operation (at:N, threshold:F, or a
    // compaction by hand) on a heap that compacts (buddy and pool never do):
    // known from the lane, so that the usual lane, which never compacts, pays
    // one test an operation (the full check cost the fits 3% of their
    // instructions).
    bool m_compactsAfterOps;
    EventSink* m_sink;
    BigVector<IdEntry> m_ids;
    std::vector<FaultReport> m_faults;
    std::uint64_t m_operations = 0; // operations applied so far
    std::uint32_t m_failed = 0;
    std::uint32_t m_faultCount = 0;
    Size m_peakPayload = 0;
    std::uint32_t m_examined = 0; // the last operation's
    // The last operation's metrics, read from the heap when first asked for.
    mutable Metrics m_metrics;
    mutable bool m_measured = false;
};

} // namespace heapviz
