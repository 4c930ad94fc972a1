#pragma once
// Glossary of the engine (core/), which knows nothing of Qt:
//  - heap:    the address range [0, H) that the simulated allocator manages.
//  - block:   a run of heap bytes that is either used (it holds one id's payload
//             between a header and a footer) or free. Blocks tile the heap.
//  - need:    the block size a request of n payload bytes takes (HeapConfig::need).
//  - id:      the name a trace gives an allocation; the same id may be reused
//             after a free.
//  - slot:    a dense index the parser gives each distinct id, so that the
//             engine's id table is a plain vector.
//  - rover:   next fit's memory of where its last search ended.
//  - event:   a value telling one change to the blocks (event.h).
//  - metrics: the numbers of heap-model.md, measured after every operation.

#include <atomic>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace heapviz {

using Size = std::uint64_t;    // a count of bytes
using TraceId = std::int64_t;  // an id as the trace names it (-1 only in "f -1")
using LineNo = std::uint32_t;  // 1-based line of a trace file; 0 = not from a file

// No heap may grow beyond this; a request that would need more fails instead of
// overflowing 64-bit arithmetic.
inline constexpr Size kMaxHeapBytes = Size{1} << 60;

// A byte address in the simulated heap. A type of its own so that an address is
// never passed where a size is meant without saying so.
class Address {
public:
    constexpr Address() = default;
    constexpr explicit Address(std::uint64_t value) : m_value(value) {}
    constexpr std::uint64_t value() const { return m_value; }

    friend constexpr auto operator<=>(Address, Address) = default;
    friend constexpr Address operator+(Address a, Size s) { return Address(a.m_value + s); }
    friend constexpr Address operator-(Address a, Size s) { return Address(a.m_value - s); }
    friend constexpr Size operator-(Address a, Address b) { return a.m_value - b.m_value; }
    constexpr Address& operator+=(Size s) { m_value += s; return *this; }

private:
    std::uint64_t m_value = 0;
};

// How a long task (parsing a trace, recording a run) tells how far it has
// got and learns that it should stop. Both are optional and may be touched
// from another thread; a task checks them every few thousand items.
struct TaskControl {
    std::atomic<std::size_t>* progress = nullptr; // the task adds the items it has done
    const std::atomic<bool>* cancel = nullptr;    // once set, the task throws Cancelled
    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
    void add(std::size_t done) const
    {
        if (progress)
            progress->fetch_add(done, std::memory_order_relaxed);
    }
};

// Thrown by a task whose TaskControl::cancel was set.
struct Cancelled {};

} // namespace heapviz
