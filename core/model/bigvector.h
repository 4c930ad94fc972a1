#pragma once
// BigVector: a std::vector whose memory, once it reaches 2 MiB, is asked for
// in 2 MiB pages where the system offers them. Two kinds of array want it:
// - the run-long ones (a sample per operation, every event): recording a
//   million operations touches ~200 MB, in 4 KiB pages ~50,000 page faults,
//   which on a virtual machine cost more than the simulation itself;
// - the engine's tables read at random (blocks' nodes, the id table, the
//   free indexes): a heap of 100,000 blocks spreads them over thousands of
//   4 KiB pages, more than the TLB holds, and on a virtual machine each TLB
//   miss walks two page tables. In 2 MiB pages each lane replayed the
//   1M-operation churn trace 10-20% faster (README, Benchmarks).

#include <cstddef>
#include <cstdlib>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace heapviz {

template <class T> struct LargePageAllocator {
    using value_type = T;
    static constexpr std::size_t kHugePage = std::size_t{2} << 20;
    // Below 2 MiB, a cache line's alignment at least: a table read at
    // random (the four children of a segment tree's node, QuadTree) then has
    // no entry, nor group of entries, that straddles two lines.
    static constexpr std::size_t kLine = alignof(T) > 64 ? alignof(T) : 64;

    LargePageAllocator() = default;
    template <class U> LargePageAllocator(const LargePageAllocator<U>&) noexcept {}

    T* allocate(std::size_t n)
    {
        const std::size_t bytes = n * sizeof(T);
        if (bytes < kHugePage)
            return static_cast<T*>(::operator new(bytes, std::align_val_t{kLine}));
        const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
        void* p = std::aligned_alloc(kHugePage, rounded);
        if (!p)
            throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        madvise(p, rounded, MADV_HUGEPAGE); // a hint: without it, 4 KiB pages
#endif
        return static_cast<T*>(p);
    }

    void deallocate(T* p, std::size_t n) noexcept
    {
        if (n * sizeof(T) < kHugePage)
            ::operator delete(p, std::align_val_t{kLine});
        else
            std::free(p);
    }

    template <class U> bool operator==(const LargePageAllocator<U>&) const noexcept { return true; }
};

template <class T> using BigVector = std::vector<T, LargePageAllocator<T>>;

} // namespace heapviz
