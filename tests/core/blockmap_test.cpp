// BlockMap against std::map under random inserts and erases: same contents,
// same order, same answers to lookups, iterating both ways; the runs sound
// after every change.

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
        ASSERT_EQ(map.checkInvariants(), "") << "after change " << i;
        if (i % 997 == 0) {
            ASSERT_EQ(map.size(), truth.size());
            ASSERT_TRUE(std::equal(map.begin(), map.end(), truth.begin(), truth.end(),
                                   [](const auto& a, const auto& b) { return a.first == b.first && a.second == b.second; }));
            const Address probe(next() % 330000);
            const auto lower = map.lower_bound(probe);
            const auto upper = map.upper_bound(probe);
            EXPECT_EQ(lower == map.end(), truth.lower_bound(probe) == truth.end());
            if (lower != map.end()) {
                EXPECT_EQ(lower->first, truth.lower_bound(probe)->first);
            }
            if (upper != map.end()) {
                EXPECT_EQ(upper->first, truth.upper_bound(probe)->first);
            }
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

namespace {
bool sameAs(const BlockMap& map, const std::map<Address, LayoutBlock>& truth)
{
    return map.size() == truth.size()
           && std::equal(map.begin(), map.end(), truth.begin(), truth.end(),
                         [](const auto& a, const auto& b) { return a.first == b.first && a.second == b.second; });
}
} // namespace

// What a replay does: each operation changes blocks next to each other (split
// a block, insert the remainder, mark it used; or the reverse), so one run
// sees change after change, and the runs split and empty as the heap churns.
// A change must reach the block it names whichever run the last one went to.
TEST(BlockMap, NeighbouringChangesLikeAnOperationsEvents)
{
    BlockMap map;
    std::map<Address, LayoutBlock> truth;
    std::uint64_t rng = 11;
    const auto next = [&] { return (rng = rng * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
    for (int i = 0; i < 40000; ++i) {
        // Mostly near the last change, sometimes anywhere: runs far apart in turn.
        const Address base(next() % 4 ? (next() % 3000) * 64 : (next() % 100) * 64);
        for (Size k = 0; k < 3; ++k) {
            const Address a = base + k * 16;
            const LayoutBlock b{16 + next() % 48, next() % 2 == 0, TraceId(i), 8, LineNo(k)};
            if (next() % 5 < 3) {
                EXPECT_EQ(map.insert(a, b), truth.emplace(a, b).second);
            } else {
                EXPECT_EQ(map.erase(a), truth.erase(a) == 1);
            }
            LayoutBlock* got = map.get(a);
            const auto t = truth.find(a);
            ASSERT_EQ(got != nullptr, t != truth.end()) << "at " << a.value();
            if (got) {
                got->payload = Size(i); // changed through get(): iteration sees it
                t->second.payload = Size(i);
            }
            ASSERT_EQ(map.checkInvariants(), "") << "after change " << i;
        }
        if (i % 20000 == 0 || i == 39999) {
            ASSERT_TRUE(sameAs(map, truth)) << "after change " << i;
        }
    }
    // Emptied to nothing and filled again, from the runs it kept.
    while (!truth.empty()) {
        ASSERT_TRUE(map.erase(truth.begin()->first));
        truth.erase(truth.begin());
    }
    EXPECT_TRUE(map.empty());
    EXPECT_EQ(map.begin(), map.end());
    EXPECT_EQ(map.get(Address(64)), nullptr);
    EXPECT_TRUE(map.insert(Address(64), {32}));
    EXPECT_EQ(map.find(Address(64))->second.size, 32u);
    EXPECT_EQ(map.checkInvariants(), "");
}

// A layout restored from a checkpoint is built by appending in address
// order; it must then take inserts and erases anywhere, as one made by them.
TEST(BlockMap, AppendedInOrderThenChangedAnywhere)
{
    BlockMap map;
    std::map<Address, LayoutBlock> truth;
    for (std::uint64_t k = 0; k < 5000; ++k) {
        const LayoutBlock b{32, k % 3 == 0, TraceId(k), 16, 0};
        map.append(Address(k * 32), b);
        truth.emplace(Address(k * 32), b);
    }
    ASSERT_EQ(map.checkInvariants(), "");
    ASSERT_TRUE(sameAs(map, truth));
    std::uint64_t rng = 3;
    const auto next = [&] { return (rng = rng * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
    for (int i = 0; i < 20000; ++i) {
        const Address a(next() % 10000 * 16); // between the appended blocks too
        if (next() % 2)
            EXPECT_EQ(map.insert(a, {16}), truth.emplace(a, LayoutBlock{16}).second);
        else
            EXPECT_EQ(map.erase(a), truth.erase(a) == 1);
        ASSERT_EQ(map.checkInvariants(), "") << "after change " << i;
    }
    EXPECT_TRUE(sameAs(map, truth));
    // Restoring the flat form gives the same map back, over what it held.
    const auto flat = map.flatten();
    BlockMap other;
    other.insert(Address(8), {8});
    other.assign(flat);
    EXPECT_EQ(other, map);
    EXPECT_EQ(other.checkInvariants(), "");
}

// A copy is a map of its own: changing either leaves the other as it was.
TEST(BlockMap, ACopyIsIndependent)
{
    BlockMap map;
    for (std::uint64_t k = 0; k < 1000; ++k)
        map.insert(Address(k * 16), {16, true, TraceId(k), 8, 0});
    BlockMap copy = map;
    map.get(Address(160))->used = false;
    map.erase(Address(320));
    copy.insert(Address(100000), {16});
    EXPECT_TRUE(copy.get(Address(160))->used);
    EXPECT_NE(copy.find(Address(320)), copy.end());
    EXPECT_EQ(map.find(Address(100000)), map.end());
    EXPECT_EQ(map.size(), 999u);
    EXPECT_EQ(copy.size(), 1001u);
    copy = map;
    EXPECT_EQ(copy, map);
}
