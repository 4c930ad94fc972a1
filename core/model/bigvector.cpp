#include "core/model/bigvector.h"

#include <cstdint>
#include <cstdlib>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace heapviz {

namespace {
constexpr std::size_t kHugePage = std::size_t{2} << 20;
std::size_t roundedUp(std::size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }
} // namespace

#if defined(__linux__) && defined(MADV_HUGEPAGE)

// mmap aligns only to 4 KiB: map a huge page more than wanted and give back
// the ends that lie outside the aligned range.
void* mapLarge(std::size_t bytes)
{
    const std::size_t size = roundedUp(bytes);
    void* raw = mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        throw std::bad_alloc();
    const auto from = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t start = (from + kHugePage - 1) / kHugePage * kHugePage;
    if (start > from)
        munmap(raw, start - from);
    if (const std::size_t tail = from + size + kHugePage - (start + size); tail > 0)
        munmap(reinterpret_cast<void*>(start + size), tail);
    madvise(reinterpret_cast<void*>(start), size, MADV_HUGEPAGE); // a hint: without it, 4 KiB pages
    return reinterpret_cast<void*>(start);
}

void unmapLarge(void* p, std::size_t bytes) noexcept { munmap(p, roundedUp(bytes)); }

#else

void* mapLarge(std::size_t bytes)
{
    void* p = std::aligned_alloc(kHugePage, roundedUp(bytes));
    if (!p)
        throw std::bad_alloc();
    return p;
}

void unmapLarge(void* p, std::size_t) noexcept { std::free(p); }

#endif

} // namespace heapviz
