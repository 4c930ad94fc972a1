// IdMap against std::unordered_map: the same answers for every kind of id a
// trace can name, and an array that stays small when the ids are scattered.

#include <gtest/gtest.h>

#include <random>
#include <unordered_map>

#include "core/model/idmap.h"

using namespace heapviz;

namespace {

// Inserts each id not yet in both maps, then checks every id of `probe`.
void insertAndCompare(IdMap<std::uint64_t>& map, std::unordered_map<TraceId, std::uint64_t>& truth,
                      const std::vector<TraceId>& ids)
{
    for (TraceId id : ids) {
        if (truth.count(id)) {
            ASSERT_NE(map.find(id), nullptr) << id;
            EXPECT_EQ(*map.find(id), truth[id]) << id;
            continue;
        }
        ASSERT_EQ(map.find(id), nullptr) << id;
        const std::uint64_t value = std::uint64_t(id) * 3 + 7;
        EXPECT_EQ(map.insert(id, value), value);
        truth[id] = value;
    }
    EXPECT_EQ(map.size(), truth.size());
    for (const auto& [id, value] : truth) {
        ASSERT_NE(map.find(id), nullptr) << id;
        EXPECT_EQ(*map.find(id), value) << id;
    }
}

} // namespace

TEST(IdMap, DenseIdsFromZeroLiveInTheArray)
{
    IdMap<std::uint64_t> map;
    std::unordered_map<TraceId, std::uint64_t> truth;
    std::vector<TraceId> ids;
    for (TraceId id = 0; id < 100'000; ++id)
        ids.push_back(id);
    insertAndCompare(map, truth, ids);
    EXPECT_GE(map.arrayReach(), 100'000u);
    EXPECT_LE(map.arrayReach(), 2 * 100'000u); // doubling, no further
}

TEST(IdMap, NegativeHugeAndScatteredIdsAreFoundAndKeepTheArraySmall)
{
    IdMap<std::uint64_t> map;
    std::unordered_map<TraceId, std::uint64_t> truth;
    std::vector<TraceId> ids{-5, std::numeric_limits<TraceId>::max(), 1'000'000'000'000};
    for (TraceId id = 0; id < 10'000'000; id += 1000) // a hand-written trace's ids 0, 1000, 2000, ...
        ids.push_back(id);
    insertAndCompare(map, truth, ids);
    // 10,003 ids: the array reaches no further than 8 times as many, whatever the ids' values.
    EXPECT_LE(map.arrayReach(), 8 * 10'003u);
}

TEST(IdMap, IdsTheArrayGrowsOverKeepTheirValues)
{
    IdMap<std::uint64_t> map;
    std::unordered_map<TraceId, std::uint64_t> truth;
    // 5000 and 9000 are beyond the array's first reach, so they start in the
    // hash map; counting up from 0 then grows the array over them.
    std::vector<TraceId> ids{5000, 9000};
    for (TraceId id = 0; id < 20'000; ++id)
        ids.push_back(id);
    insertAndCompare(map, truth, ids);
    EXPECT_GE(map.arrayReach(), 20'000u);
}

TEST(IdMap, RandomMixAgreesWithAHashMap)
{
    std::mt19937_64 rng(12);
    IdMap<std::uint64_t> map;
    std::unordered_map<TraceId, std::uint64_t> truth;
    std::vector<TraceId> ids;
    for (int i = 0; i < 200'000; ++i) {
        switch (rng() % 4) {
        case 0: ids.push_back(TraceId(rng() % 50'000)); break;           // dense
        case 1: ids.push_back(TraceId(rng() % 5'000'000)); break;        // sparse
        case 2: ids.push_back(-TraceId(rng() % 1000) - 1); break;        // negative
        default: ids.push_back(TraceId(rng() >> 1)); break;              // anywhere
        }
    }
    insertAndCompare(map, truth, ids);
}
