// AddressTable against std::map under random sets and erases of addresses
// laid out as a buddy heap's are (multiples of powers of two), through many
// rehashes and long probe runs.

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "core/alloc/buddy/addresstable.h"

using namespace heapviz;

TEST(AddressTable, AgreesWithAMapUnderRandomSetsAndErases)
{
    std::mt19937_64 rng(7);
    AddressTable table;
    std::map<std::uint64_t, NodeIndex> truth;
    for (int i = 0; i < 400'000; ++i) {
        const std::uint64_t at = (rng() % 20'000) << (4 + rng() % 3); // aligned, many collisions of low bits
        if (rng() % 3 == 0) {
            table.erase(Address(at));
            truth.erase(at);
        } else {
            const NodeIndex n = NodeIndex(rng() % 1'000'000);
            table.set(Address(at), n);
            truth[at] = n;
        }
        if (i % 997 == 0) {
            ASSERT_EQ(table.size(), truth.size());
            for (const auto& [a, n] : truth)
                ASSERT_EQ(table.find(Address(a)), n) << a;
        }
        const std::uint64_t probe = (rng() % 20'000) << 4;
        const auto it = truth.find(probe);
        ASSERT_EQ(table.find(Address(probe)), it == truth.end() ? kNil : it->second) << probe;
    }
}

TEST(AddressTable, ErasingFromTheMiddleOfAProbeRunKeepsTheRestFindable)
{
    AddressTable table;
    // 64 slots at first: 30 addresses cannot all sit at their homes.
    for (std::uint64_t k = 0; k < 30; ++k)
        table.set(Address(k * 64), NodeIndex(k));
    for (std::uint64_t k = 0; k < 30; k += 2)
        table.erase(Address(k * 64));
    for (std::uint64_t k = 0; k < 30; ++k)
        EXPECT_EQ(table.find(Address(k * 64)), k % 2 ? NodeIndex(k) : kNil) << k;
    EXPECT_EQ(table.size(), 15u);
}
