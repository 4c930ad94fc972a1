// BlockMap against std::map under random inserts and erases: same contents,
// same order, same answers to lookups, iterating both ways.

#include <gtest/gtest.h>

#include <map>

#include "core/replay/blockmap.h"

using namespace heapviz;

TEST(BlockMap, BehavesLikeAStdMap)
{
    BlockMap map;
    std::map<Address, LayoutBlock> truth;
    std::uint64_t rng = 7;
    const auto next = [&] { return (rng = rng * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
    for (int i = 0; i < 60000; ++i) {
        const Address a(next() % 20000 * 16);
        if (next() % 3) {
            const LayoutBlock b{next() % 500, true, TraceId(i), 1, 2};
            EXPECT_EQ(map.insert(a, b), truth.emplace(a, b).second);
        } else {
            EXPECT_EQ(map.erase(a), truth.erase(a) == 1);
        }
        if (i % 997 == 0) {
            ASSERT_EQ(map.size(), truth.size());
            ASSERT_TRUE(std::equal(map.begin(), map.end(), truth.begin(), truth.end(),
                                   [](const auto& a, const auto& b) { return a.first == b.first && a.second == b.second; }));
            const Address probe(next() % 330000);
            const auto lower = map.lower_bound(probe);
            const auto upper = map.upper_bound(probe);
            EXPECT_EQ(lower == map.end(), truth.lower_bound(probe) == truth.end());
            if (lower != map.end())
                EXPECT_EQ(lower->first, truth.lower_bound(probe)->first);
            if (upper != map.end())
                EXPECT_EQ(upper->first, truth.upper_bound(probe)->first);
            EXPECT_EQ(map.find(probe) != map.end(), truth.count(probe) == 1);
        }
    }
    // Backwards from the end.
    auto it = map.end();
    for (auto t = truth.rbegin(); t != truth.rend(); ++t) {
        --it;
        ASSERT_EQ(it->first, t->first);
    }
    EXPECT_EQ(it, map.begin());
    const BlockMap copy = map;
    EXPECT_EQ(copy, map);
    map.erase(map.begin()->first);
    EXPECT_FALSE(copy == map);
}
