// BigVector maps an array of 2 MiB or more on its own, trimming the mapping
// to a 2 MiB boundary: a wrong trim would unmap part of an array or let two
// arrays overlap, which no sanitizer sees in mapped memory.

#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>

#include "core/model/bigvector.h"

using namespace heapviz;

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

struct alignas(64) Line {
    std::uint64_t word[8];
};

} // namespace

TEST(BigVector, LargeArraysKeepEveryElementApartAndStartOnA2MiBBoundary)
{
    // Sizes around the threshold and not a multiple of the page, each filled
    // with its own pattern, all alive at once.
    const std::size_t counts[] = {kHugePage / 8 - 1, kHugePage / 8, kHugePage / 8 + 1, 3 * kHugePage / 8 + 12345};
    std::vector<BigVector<std::uint64_t>> arrays;
    for (std::size_t k = 0; k < std::size(counts); ++k) {
        arrays.emplace_back(counts[k]);
        std::iota(arrays[k].begin(), arrays[k].end(), std::uint64_t(k) << 48);
    }
    for (std::size_t k = 0; k < arrays.size(); ++k) {
        const BigVector<std::uint64_t>& a = arrays[k];
        if (a.size() * sizeof(std::uint64_t) >= kHugePage) {
            EXPECT_EQ(reinterpret_cast<std::uintptr_t>(a.data()) % kHugePage, 0u) << "array " << k;
        }
        for (std::size_t i = 0; i < a.size(); ++i)
            ASSERT_EQ(a[i], (std::uint64_t(k) << 48) + i) << "array " << k << ", element " << i;
    }
}

TEST(BigVector, GrowingPastTheThresholdKeepsTheContentsAndTheTypesAlignment)
{
    BigVector<Line> lines;
    for (std::uint64_t i = 0; i < 3 * kHugePage / sizeof(Line); ++i) {
        lines.push_back(Line{{i, i + 1, i + 2, i + 3, i + 4, i + 5, i + 6, i + 7}});
        ASSERT_EQ(reinterpret_cast<std::uintptr_t>(lines.data()) % alignof(Line), 0u) << "at " << lines.size();
    }
    for (std::uint64_t i = 0; i < lines.size(); ++i)
        ASSERT_EQ(lines[i].word[7], i + 7);
}
