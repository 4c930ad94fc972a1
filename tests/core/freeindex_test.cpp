// The free indexes the lanes' metrics and searches rest on, against brute
// force: FreeTree's groups (the buddy system's orders, one list after
// another in one tree), ClassTree (segregated fits' class lists),
// LargestFree (TLSF's largest free block), AddressRanks (best fit's
// `examined`) and QuadTree (the segment tree under FreeTree and ClassTree).

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <map>
#include <random>
#include <set>

#include "core/alloc/boundary/addressranks.h"
#include "core/alloc/boundary/classtree.h"
#include "core/alloc/boundary/freetree.h"
#include "core/alloc/boundary/largestfree.h"
#include "core/alloc/boundary/quadtree.h"
#include "core/alloc/boundary/segregatedlists.h"
#include "core/alloc/boundary/sizeindex.h"

using namespace heapviz;

namespace {

struct Held {
    std::uint32_t group;
    std::uint64_t at;
    Size size;
};

// The brute-force view of a grouped tree: entries by (group, address).
using Truth = std::map<std::pair<std::uint32_t, std::uint64_t>, std::pair<NodeIndex, Size>>;

NodeIndex bruteFirstFit(const Truth& truth, std::uint32_t group, Size need)
{
    for (auto it = truth.lower_bound({group, 0}); it != truth.end(); ++it)
        if (it->second.second >= need)
            return it->second.first;
    return kNil;
}

// The brute-force view of a ClassTree: entries by their place in the
// sequence (address, or a stamp of our own), each node with its size and
// class; a class list is its class's entries in the sequence's order,
// reversed for LIFO.
struct ClassTruth {
    struct Held {
        NodeIndex node;
        Size size;
        std::uint32_t cls;
    };
    std::map<std::uint64_t, Held> byPlace;
    bool lifo = false;

    std::vector<NodeIndex> list(std::uint32_t cls) const
    {
        std::vector<NodeIndex> out;
        for (const auto& [place, h] : byPlace)
            if (h.cls == cls)
                out.push_back(h.node);
        if (lifo)
            std::reverse(out.begin(), out.end());
        return out;
    }
    // The first node of cls's list with size >= need, and how many come before it.
    std::pair<NodeIndex, std::uint32_t> firstIn(std::uint32_t cls, Size need) const
    {
        std::vector<const Held*> inList;
        for (const auto& [place, h] : byPlace)
            if (h.cls == cls)
                inList.push_back(&h);
        if (lifo)
            std::reverse(inList.begin(), inList.end());
        for (std::uint32_t before = 0; before < inList.size(); ++before)
            if (inList[before]->size >= need)
                return {inList[before]->node, before};
        return {kNil, 0};
    }
};

// Every query of a ClassTree against the brute-force view.
void expectClassTreeAgrees(const ClassTree& tree, const ClassTruth& truth, std::uint32_t classes, std::mt19937_64& rng,
                           int step)
{
    ASSERT_EQ(tree.checkInvariants(), "") << "step " << step;
    ASSERT_EQ(tree.count(), truth.byPlace.size()) << "step " << step;
    Size largest = 0;
    for (const auto& [place, h] : truth.byPlace)
        largest = std::max(largest, h.size);
    ASSERT_EQ(tree.largest(), largest) << "step " << step;
    for (std::uint32_t cls = 0; cls < classes; ++cls) {
        const std::vector<NodeIndex> want = truth.list(cls);
        std::vector<NodeIndex> got;
        tree.forEachIn(cls, [&](NodeIndex n) {
            got.push_back(n);
            return true;
        });
        ASSERT_EQ(got, want) << "class " << cls << ", step " << step;
        ASSERT_EQ(tree.count(cls), want.size()) << "class " << cls << ", step " << step;
        for (int ask = 0; ask < 4; ++ask) {
            const Size need = 1 + rng() % 4'200;
            const auto [node, before] = truth.firstIn(cls, need);
            const ClassTree::Hit hit = tree.firstIn(cls, need);
            ASSERT_EQ(hit.node, node) << "class " << cls << ", need " << need << ", step " << step;
            if (node != kNil) {
                ASSERT_EQ(hit.before, before) << "class " << cls << ", need " << need << ", step " << step;
            }
        }
    }
}

// Eight classes by a size's bit width, as segregated fits' doubling bounds.
std::uint32_t classOfSize(Size size) { return std::min<std::uint32_t>(7, std::uint32_t(std::bit_width(size)) / 2); }

} // namespace

TEST(FreeIndex, GroupsLieOneAfterAnotherForSearchesRanksAndWalks)
{
    std::mt19937_64 rng(11);
    FreeTree tree(FreeTree::Order::ByAddress);
    Truth truth;
    std::map<NodeIndex, Held> held;
    for (int i = 0; i < 60'000; ++i) {
        const NodeIndex n = NodeIndex(rng() % 5'000);
        if (held.count(n)) {
            const Held h = held[n];
            tree.erase(n);
            truth.erase({h.group, h.at});
            held.erase(n);
            ASSERT_FALSE(tree.contains(n));
        } else {
            // Addresses repeat across groups, as LIFO stamps and addresses may.
            const Held h{std::uint32_t(rng() % 6), (rng() % 2'000) * 16, 16 * (1 + rng() % 64)};
            if (truth.count({h.group, h.at}))
                continue;
            tree.insert(n, Address(h.at), h.size, h.group);
            truth[{h.group, h.at}] = {n, h.size};
            held[n] = h;
            ASSERT_TRUE(tree.contains(n));
        }
        const std::uint32_t group = std::uint32_t(rng() % 7);
        const Size need = 16 * (1 + rng() % 70);
        const NodeIndex fit = tree.firstFit(Address(0), need, group);
        ASSERT_EQ(fit, bruteFirstFit(truth, group, need)) << "step " << i;
        const auto below = std::uint32_t(std::distance(truth.begin(), truth.lower_bound({group, 0})));
        ASSERT_EQ(tree.countBelow(Address(0), group), below);
        if (fit != kNil) {
            const Held& h = held[fit];
            ASSERT_EQ(tree.rankOf(fit), std::distance(truth.begin(), truth.find({h.group, h.at})));
            ASSERT_EQ(tree.groupOf(fit), h.group);
        }
        if (i % 500 == 0) {
            ASSERT_EQ(tree.checkInvariants(), "") << "step " << i;
        }
    }
    ASSERT_EQ(tree.checkInvariants(), "");
    // A walk from a group visits its entries and every later group's, in order.
    std::vector<NodeIndex> walked, expected;
    tree.forEachWhile([&](NodeIndex n) { walked.push_back(n); return true; }, 3);
    for (auto it = truth.lower_bound({3, 0}); it != truth.end(); ++it)
        expected.push_back(it->second.first);
    EXPECT_EQ(walked, expected);
}

// Every new block at the head of its group, each inside a chunk that ends
// with the group before: chunks fill and split there while erases empty and
// merge them anywhere, and the segment tree above is patched from the
// changed slot on, never rebuilt whole.
TEST(FreeIndex, ChunksSplitAndMergeAnywhereWithCountsAndMaximaRight)
{
    std::mt19937_64 rng(17);
    FreeTree tree(FreeTree::Order::ByAddress);
    using Key = std::pair<std::uint32_t, std::uint64_t>; // (list, stamp)
    std::map<Key, std::pair<NodeIndex, Size>> truth;
    std::uint64_t heads[3] = {std::uint64_t{1} << 40, std::uint64_t{1} << 40, std::uint64_t{1} << 40};
    NodeIndex nextNode = 0;
    for (int i = 0; i < 50'000; ++i) {
        if (truth.empty() || rng() % 100 < (i < 25'000 ? 60 : 40)) { // grows, then shrinks
            const auto list = std::uint32_t(rng() % 3);
            const Size size = 16 * (1 + rng() % 300);
            const std::uint64_t stamp = heads[list] -= 16; // each new block's key is its list's lowest
            tree.insert(nextNode, Address(stamp), size, list);
            truth[{list, stamp}] = {nextNode++, size};
        } else {
            const auto it = std::next(truth.begin(), std::ptrdiff_t(rng() % truth.size()));
            tree.erase(it->second.first);
            truth.erase(it);
        }
        if (i % 50 != 0)
            continue;
        Size largest = 0;
        for (const auto& [key, held] : truth)
            largest = std::max(largest, held.second);
        ASSERT_EQ(tree.maxSize(), largest) << "step " << i;
        ASSERT_EQ(tree.count(), truth.size()) << "step " << i;
        if (truth.size() > 1) {
            const auto middle = std::next(truth.begin(), std::ptrdiff_t(truth.size() / 2));
            ASSERT_EQ(tree.countBelow(Address(middle->first.second), middle->first.first), truth.size() / 2)
                << "step " << i;
            ASSERT_EQ(tree.rankOf(middle->second.first), truth.size() / 2) << "step " << i;
        }
        ASSERT_EQ(tree.checkInvariants(), "") << "step " << i;
    }
}

TEST(FreeIndex, LargestFreeIsTheLargestSizeHeldAsBlocksComeAndGo)
{
    std::mt19937_64 rng(5);
    LargestFree largest;
    std::map<NodeIndex, Size> sizes;
    std::multiset<Size> truth;
    EXPECT_EQ(largest.largest(), 0u);
    for (int i = 0; i < 200'000; ++i) {
        const NodeIndex n = NodeIndex(rng() % (i < 100'000 ? 3'000 : 300'000)); // grows past its leaves
        if (auto it = sizes.find(n); it != sizes.end()) {
            truth.erase(truth.find(it->second));
            sizes.erase(it);
            largest.set(n, 0);
        } else {
            const Size size = 16 * (1 + rng() % 10'000);
            sizes[n] = size;
            truth.insert(size);
            largest.set(n, size);
        }
        ASSERT_EQ(largest.largest(), truth.empty() ? 0 : *truth.rbegin()) << "step " << i;
    }
}

// Both widths of key: by (group, address) and by address alone (first,
// next and worst fit).
template <class Tree> class FreeTreeByAddress : public ::testing::Test {};
using TreeWidths = ::testing::Types<FreeTree, AddressFreeTree>;
TYPED_TEST_SUITE(FreeTreeByAddress, TreeWidths);

// malloc's remainder takes its block's entry in place, and every call that
// takes a Place works as well with a wrong or stale one: a hint is checked,
// never trusted.
TYPED_TEST(FreeTreeByAddress, ReplaceKeepsTheOrderAndAnyHintIsHarmless)
{
    std::mt19937_64 rng(3);
    TypeParam tree(FreeTree::Order::ByAddress);
    std::map<std::uint64_t, std::pair<NodeIndex, Size>> truth; // by address
    NodeIndex nextNode = 0;
    const auto randomHint = [&] { return FreeTree::Place{std::uint32_t(rng() % 40), std::uint32_t(rng() % 70)}; };
    for (int i = 0; i < 3'000; ++i) { // blocks 4,096 bytes apart, so that each can be cut at its front
        tree.insert(nextNode, Address(std::uint64_t(i) * 4096), 2048, 0);
        truth[std::uint64_t(i) * 4096] = {nextNode++, 2048};
    }
    for (int step = 0; step < 40'000; ++step) {
        auto it = std::next(truth.begin(), std::ptrdiff_t(rng() % truth.size()));
        const auto [at, held] = *it;
        const auto [node, size] = held;
        FreeTree::Place found;
        const NodeIndex fit = tree.firstFit(Address(at), 1, 0, &found);
        ASSERT_EQ(fit, node);
        const FreeTree::Place hint = rng() % 2 ? found : randomHint();
        const auto rank = std::uint32_t(std::distance(truth.begin(), it));
        ASSERT_EQ(tree.rankOf(node, hint), rank);
        // A search told where its start's entry lies (next fit's rover),
        // rightly or not, and one from between two entries, which has none.
        std::uint32_t before = 0;
        ASSERT_EQ(tree.firstFit(Address(at), 1, 0, nullptr, &before, hint), node);
        ASSERT_EQ(before, rank);
        const auto after = std::next(it);
        ASSERT_EQ(tree.firstFit(Address(at + 8), 1, 0, nullptr, &before, hint),
                  after == truth.end() ? kNil : after->second.first);
        ASSERT_EQ(before, rank + 1);
        if (size > 16 && rng() % 2) { // the front 16 bytes handed out, the rest in its place
            tree.replace(node, nextNode, Address(at + 16), size - 16, hint);
            ASSERT_FALSE(tree.contains(node));
            truth.erase(it);
            truth[at + 16] = {nextNode++, size - 16};
        } else if (truth.size() > 100) {
            tree.erase(node, hint);
            truth.erase(it);
        } else {
            tree.resize(node, size + 16, randomHint());
            it->second.second = size + 16;
        }
    }
    ASSERT_EQ(tree.checkInvariants(), "");
    std::vector<NodeIndex> inOrder, expected;
    tree.forEach([&](NodeIndex n) { inOrder.push_back(n); });
    for (const auto& [at, held] : truth) {
        expected.push_back(held.first);
        EXPECT_EQ(tree.addressOf(held.first), Address(at));
        EXPECT_EQ(tree.sizeOf(held.first), held.second);
    }
    EXPECT_EQ(inOrder, expected);
    Size largest = 0;
    for (const auto& [at, held] : truth)
        largest = std::max(largest, held.second);
    EXPECT_EQ(tree.maxSize(), largest);
}

// Free blocks 24 bytes apart from a base of 12 (csapp's prefix), so that
// their starts fall anywhere in the 16-byte granules; the blocks reach
// further as the run goes on, as a growing heap's do, so the table grows
// many times. Counts are asked at every possible start, free or not, and
// one past the last.
TEST(FreeIndex, AddressRanksCountTheFreeBlocksBelowAnyBlockStartAsTheHeapGrows)
{
    std::mt19937_64 rng(5);
    const Address base(12);
    AddressRanks ranks(base, 16);
    std::vector<bool> isFree;
    std::uint32_t count = 0;
    const auto startAt = [&](std::uint64_t k) { return Address(base.value() + 24 * k); };
    for (int i = 1; i <= 200'000; ++i) {
        const std::uint64_t k = rng() % (1 + std::uint64_t(i) / 4);
        if (k >= isFree.size())
            isFree.resize(k + 1, false);
        if (isFree[k]) {
            ranks.erase(startAt(k));
            --count;
        } else {
            ASSERT_TRUE(ranks.insert(startAt(k)));
            ++count;
        }
        isFree[k] = !isFree[k];
        ASSERT_TRUE(ranks.holds(startAt(k)) == isFree[k]);
        ASSERT_EQ(ranks.count(), count);
        if (i % 997 == 0) {
            std::uint32_t below = 0;
            for (std::uint64_t at = 0; at <= isFree.size(); ++at) {
                ASSERT_EQ(ranks.countBelow(startAt(at)), below) << "step " << i << ", start " << at;
                below += at < isFree.size() && isFree[at];
            }
            ASSERT_EQ(ranks.checkInvariants(), "");
        }
    }
}

// A free block's start handed on (malloc's remainder, a merge with the right
// neighbour): near (one line of 512 granules, the fast path) and far (another
// line), the counts stay those of a recount.
TEST(FreeIndex, AddressRanksFollowAStartThatMovesNearOrFar)
{
    std::mt19937_64 rng(9);
    const Address base(12);
    AddressRanks ranks(base, 16);
    const std::uint64_t starts = 20'000; // 24 bytes apart: about 341 to a line
    std::vector<bool> isFree(starts, false);
    const auto startAt = [&](std::uint64_t k) { return Address(base.value() + 24 * k); };
    for (std::uint64_t k = 0; k < starts; k += 3) {
        ASSERT_TRUE(ranks.insert(startAt(k)));
        isFree[k] = true;
    }
    for (int i = 1; i <= 50'000; ++i) {
        const std::uint64_t k = rng() % starts;
        if (!isFree[k])
            continue;
        const std::uint64_t to = rng() % 2 ? std::min(starts - 1, k + 1 + rng() % 4) : rng() % starts;
        if (isFree[to])
            continue;
        ASSERT_TRUE(ranks.move(startAt(k), startAt(to)));
        isFree[k] = false;
        isFree[to] = true;
        ASSERT_TRUE(ranks.holds(startAt(to)) && !ranks.holds(startAt(k)));
        if (i % 2'003 == 0) {
            std::uint32_t below = 0;
            for (std::uint64_t at = 0; at < starts; ++at) {
                ASSERT_EQ(ranks.countBelow(startAt(at)), below) << "move " << i << ", start " << at;
                below += isFree[at];
            }
            ASSERT_EQ(ranks.count(), below);
            ASSERT_EQ(ranks.checkInvariants(), "");
        }
    }
}

// Starts far apart (a megabyte-sized block between two free ones), so that
// the counts span many stretches of 4,096 lines of bits: the count below
// any start is a recount's.
TEST(FreeIndex, AddressRanksCountAcrossAHeapOfManyStretches)
{
    std::mt19937_64 rng(13);
    const Address base(16);
    AddressRanks ranks(base, 32); // 32-byte granules: a stretch of 4,096 lines covers 64 MiB
    const std::uint64_t starts = 3'000, apart = 333'344; // about 1 GiB in all: 15 stretches
    std::vector<bool> isFree(starts, false);
    const auto startAt = [&](std::uint64_t k) { return Address(base.value() + apart * k); };
    for (int i = 1; i <= 20'000; ++i) {
        const std::uint64_t k = rng() % starts;
        if (isFree[k])
            ranks.erase(startAt(k));
        else
            ASSERT_TRUE(ranks.insert(startAt(k)));
        isFree[k] = !isFree[k];
        if (i % 1'999 == 0) {
            std::uint32_t below = 0;
            for (std::uint64_t at = 0; at < starts; ++at) {
                ASSERT_EQ(ranks.countBelow(startAt(at)), below) << "step " << i << ", start " << at;
                ASSERT_EQ(ranks.countBelow(Address(startAt(at).value() + 32)), below + isFree[at]);
                below += isFree[at];
            }
            ASSERT_EQ(ranks.count(), below);
            ASSERT_EQ(ranks.checkInvariants(), "");
        }
    }
}

// Realloc growing into its right neighbour splits off a piece shorter than
// the minimum block and absorbs it at once: for that moment two free blocks
// start in one granule. Either may go first, and the other stays counted.
TEST(FreeIndex, AddressRanksKeepBothStartsOfASharedGranuleUntilOneGoes)
{
    for (const bool lowerGoesFirst : {true, false}) {
        AddressRanks ranks(Address(12), 16);
        const Address piece(12 + 16 * 40), rest(12 + 16 * 40 + 8), above(12 + 16 * 90);
        ASSERT_TRUE(ranks.insert(above));
        ASSERT_TRUE(ranks.insert(piece));
        ASSERT_TRUE(ranks.insert(rest));
        EXPECT_EQ(ranks.count(), 3u);
        ranks.erase(lowerGoesFirst ? piece : rest);
        const Address stays = lowerGoesFirst ? rest : piece;
        EXPECT_TRUE(ranks.holds(stays));
        EXPECT_EQ(ranks.count(), 2u);
        EXPECT_EQ(ranks.countBelow(stays), 0u);
        EXPECT_EQ(ranks.countBelow(above), 1u);
        EXPECT_EQ(ranks.checkInvariants(), "");
        ranks.erase(stays);
        EXPECT_FALSE(ranks.holds(stays));
        EXPECT_EQ(ranks.countBelow(above), 0u);
        EXPECT_EQ(ranks.checkInvariants(), "");
    }
}

// A trace may ask for a terabyte: a block beyond 4 GiB of 16-byte granules
// is refused, and what was kept stays as it was.
TEST(FreeIndex, AddressRanksRefuseABlockBeyondTheGranulesTheyMapAndKeepTheRest)
{
    AddressRanks ranks(Address(0), 16);
    ASSERT_TRUE(ranks.insert(Address(4096)));
    EXPECT_FALSE(ranks.insert(Address(std::uint64_t{1} << 40)));
    EXPECT_FALSE(ranks.insert(Address(std::uint64_t{1} << 32)));
    EXPECT_TRUE(ranks.insert(Address((std::uint64_t{1} << 32) - 16)));
    EXPECT_EQ(ranks.count(), 2u);
    EXPECT_EQ(ranks.countBelow(Address(8192)), 1u);
    EXPECT_EQ(ranks.checkInvariants(), "");
}

// By address, a block keeps its entry when its size moves it to another
// class (a remainder, a merged block): its place in every list is right
// after each change, as are counts, maxima and the first fits with how many
// blocks come before them. The set grows past many chunks, shrinks to a few
// (merges, dropped chunks) and grows again.
TEST(FreeIndex, ClassTreeByAddressKeepsEveryClassListAsBlocksChangeClassInPlace)
{
    std::mt19937_64 rng(23);
    constexpr std::uint32_t kClasses = 8;
    ClassTree tree(kClasses, ClassTree::Order::ByAddress);
    ClassTruth truth;
    NodeIndex nextNode = 0;
    for (int step = 0; step < 24'000; ++step) {
        const int phase = step / 8'000; // grow, shrink, grow
        const bool grow = truth.byPlace.empty() || int(rng() % 100) < (phase == 1 ? 30 : 65);
        if (grow) {
            const std::uint64_t at = 64 * (rng() % 100'000);
            if (truth.byPlace.count(at))
                continue;
            const Size size = 16 + rng() % 4'200;
            tree.insert(nextNode, Address(at), size, classOfSize(size));
            truth.byPlace[at] = {nextNode++, size, classOfSize(size)};
        } else {
            const auto it = std::next(truth.byPlace.begin(), std::ptrdiff_t(rng() % truth.byPlace.size()));
            const auto [at, h] = *it;
            const Size size = 16 + rng() % 4'200;
            const auto next = std::next(it);
            const bool roomAfter = next == truth.byPlace.end() || at + 8 < next->first;
            switch (rng() % (roomAfter ? 3 : 2)) {
            case 0:
                tree.erase(h.node);
                truth.byPlace.erase(it);
                break;
            case 2: // a new node in its place, a few bytes on (a remainder)
                tree.replace(h.node, nextNode, Address(at + 8), size, classOfSize(size));
                ASSERT_FALSE(tree.contains(h.node));
                truth.byPlace.erase(it);
                truth.byPlace[at + 8] = {nextNode++, size, classOfSize(size)};
                break;
            case 1:
                tree.resize(h.node, size, classOfSize(size));
                it->second = {h.node, size, classOfSize(size)};
            }
        }
        if (step % 97 == 0)
            expectClassTreeAgrees(tree, truth, kClasses, rng, step);
    }
    expectClassTreeAgrees(tree, truth, kClasses, rng, -1);
}

// LIFO: a block enters at its list's head, the sequence's end; a block that
// leaves leaves a hole, and the sequence is packed again when it is half
// holes. Lists stay newest first, with counts, maxima and first fits right,
// through many packings, down to an empty tree and up again.
TEST(FreeIndex, ClassTreeNewestFirstKeepsEveryListNewestFirstThroughHolesAndPacking)
{
    std::mt19937_64 rng(29);
    constexpr std::uint32_t kClasses = 8;
    ClassTree tree(kClasses, ClassTree::Order::NewestFirst);
    ClassTruth truth;
    truth.lifo = true;
    std::uint64_t stamp = 0;
    std::map<NodeIndex, std::uint64_t> stampOf;
    NodeIndex nextNode = 0;
    for (int step = 0; step < 30'000; ++step) {
        const int phase = step / 6'000; // grow, shrink to nothing, grow, shrink, grow
        const bool grow = truth.byPlace.empty() || int(rng() % 100) < (phase % 2 == 1 ? 25 : 65);
        if (grow || (phase == 1 && step % 6'000 > 5'000 && truth.byPlace.empty())) {
            // a node that was in the tree before comes back, or a new one
            const NodeIndex n = nextNode > 0 && rng() % 2 && !stampOf.count(nextNode - 1) ? nextNode - 1 : nextNode++;
            const Size size = 16 + rng() % 4'200;
            tree.insert(n, Address(8 * (rng() % 1'000)), size, classOfSize(size)); // the address plays no part
            truth.byPlace[++stamp] = {n, size, classOfSize(size)};
            stampOf[n] = stamp;
        } else {
            const auto it = std::next(stampOf.begin(), std::ptrdiff_t(rng() % stampOf.size()));
            tree.erase(it->first);
            ASSERT_FALSE(tree.contains(it->first));
            truth.byPlace.erase(it->second);
            stampOf.erase(it);
        }
        if (step % 89 == 0 || truth.byPlace.size() < 3)
            expectClassTreeAgrees(tree, truth, kClasses, rng, step);
    }
    expectClassTreeAgrees(tree, truth, kClasses, rng, -1);
}

// A size's class is the number of bounds below it (heap-model.md: class k
// holds sizes in (bound k-1, bound k]), whether the bounds double from a
// power of two (found by bit width) or not (by a search).
TEST(FreeIndex, ASizesClassIsTheNumberOfBoundsBelowIt)
{
    const std::vector<std::vector<Size>> boundSets = {
        SegregatedLists::defaultBounds(16), SegregatedLists::defaultBounds(32), {64}, {48, 96, 192}, {32, 64, 100, 4096}};
    for (const auto& bounds : boundSets) {
        const SegregatedLists lists(bounds, false);
        for (Size size = 1; size <= 20'000; ++size) {
            const auto below = std::uint32_t(std::count_if(bounds.begin(), bounds.end(), [&](Size b) { return b < size; }));
            ASSERT_EQ(lists.classOf(size), below) << "size " << size << " with " << bounds.size() << " bounds from " << bounds[0];
        }
    }
}

// Best fit's index answers "the smallest block of at least `need` bytes, the
// lowest address among equals" as a brute-force set of (size, address) does:
// with narrow keys below 4 GiB, through a block beyond it (every block moves
// to wide keys), and narrow again once that block and the rest are gone.
TEST(FreeIndex, SizeIndexFindsTheSmallestFitBelowAndBeyondFourGiB)
{
    std::mt19937_64 rng(29);
    SizeIndex index;
    std::set<std::pair<Size, std::uint64_t>> truth; // (size, address)
    std::map<std::uint64_t, NodeIndex> nodeAt;
    std::map<NodeIndex, std::pair<Size, std::uint64_t>> held;
    NodeIndex nextNode = 0;
    const std::uint64_t beyond = std::uint64_t{5} << 30; // 5 GiB
    const auto add = [&](std::uint64_t at, Size size) {
        if (nodeAt.count(at))
            return;
        index.insert(nextNode, Address(at), size);
        truth.insert({size, at});
        nodeAt[at] = nextNode;
        held[nextNode++] = {size, at};
    };
    const auto remove = [&](NodeIndex n) {
        index.erase(n);
        truth.erase(held[n]);
        nodeAt.erase(held[n].second);
        held.erase(n);
    };
    const auto expectAgrees = [&](int step) {
        ASSERT_EQ(index.checkInvariants(), "") << "step " << step;
        ASSERT_EQ(index.count(), truth.size()) << "step " << step;
        ASSERT_EQ(index.maxSize(), truth.empty() ? 0 : truth.rbegin()->first) << "step " << step;
        for (int ask = 0; ask < 4; ++ask) {
            const Size need = 16 * (1 + rng() % 40);
            const auto want = truth.lower_bound({need, 0});
            const NodeIndex got = index.smallestFit(need);
            if (want == truth.end()) {
                ASSERT_EQ(got, kNil) << "need " << need << ", step " << step;
            } else {
                ASSERT_EQ(got, nodeAt[want->second]) << "need " << need << ", step " << step;
                ASSERT_EQ(index.sizeOf(got), want->first);
                ASSERT_EQ(index.addressOf(got), Address(want->second));
            }
        }
    };
    for (int step = 0; step < 20'000; ++step) {
        // Sizes of a few values only, so that many blocks tie and the address decides.
        if (held.empty() || rng() % 100 < 60) {
            add(16 * (rng() % 100'000), 16 * (1 + rng() % 40));
        } else {
            const auto [node, block] = *std::next(held.begin(), std::ptrdiff_t(rng() % held.size()));
            if (block.second != beyond) // that one stays till step 14,000
                remove(node);
        }
        if (step == 8'000)
            add(beyond, 32); // every block (about 1,600) moves to wide keys
        if (step == 14'000) {
            remove(nodeAt[beyond]);
            while (!held.empty())
                remove(held.begin()->first); // empty: narrow again from the next block on
        }
        if (step % 20 == 0 || step == 8'000 || step == 14'000)
            expectAgrees(step);
    }
    // A block of 4 GiB or more, below 4 GiB, needs the wide keys too.
    add(64, std::uint64_t{1} << 32);
    expectAgrees(-1);
    ASSERT_EQ(index.smallestFit(std::uint64_t{1} << 32), nodeAt[64]);
}

// QuadTree, the segment tree of four children a node under FreeTree and
// ClassTree, against the leaves it sums: for trees of one leaf to several
// levels (and slots short of a full level), after raises, falls and count
// changes at random slots, every search from either end finds the first
// slot with a block big enough and the blocks before it, and every count
// before a slot is the sum of the leaves before it.
TEST(FreeIndex, QuadTreeSearchesAndCountsAgreeWithItsLeavesAtEverySize)
{
    std::mt19937_64 rng(31);
    for (const std::uint32_t slots : {1u, 3u, 4u, 5u, 16u, 17u, 70u, 300u}) {
        const QuadTree shape = QuadTree::holding(slots);
        ASSERT_GE(shape.leaves, slots);
        ASSERT_LT(shape.leaves, 4 * std::max(slots, 1u));
        std::vector<SegNode> storage(shape.storage);
        SegNode* t = storage.data() + QuadTree::kFront;
        std::vector<SegNode> leaf(slots);
        for (int step = 0; step < 400; ++step) {
            const std::uint32_t slot = std::uint32_t(rng() % slots);
            switch (rng() % 3) {
            case 0: { // a block arrives
                const Size size = 1 + rng() % 1'000;
                ++leaf[slot].count;
                leaf[slot].max = std::max(leaf[slot].max, size);
                shape.addCount(t, slot, 1);
                shape.raiseMax(t, slot, size);
                break;
            }
            case 1: // the largest falls (or rises) to any size
                leaf[slot].max = rng() % 1'000;
                shape.setMax(t, slot, leaf[slot].max);
                break;
            default:
                if (leaf[slot].count > 0) {
                    --leaf[slot].count;
                    shape.addCount(t, slot, ~std::uint32_t{0});
                }
            }
            ASSERT_TRUE(shape.consistent(t)) << slots << " slots, step " << step;
            for (std::uint32_t s = 0, before = 0; s < slots; before += leaf[s++].count)
                ASSERT_EQ(shape.countBefore(t, s), before) << slots << " slots, slot " << s;
            const Size need = 1 + rng() % 1'000;
            const auto fits = [&](std::uint32_t s) { return leaf[s].max >= need; };
            std::uint32_t first = 0, firstBefore = 0;
            while (first < slots && !fits(first))
                firstBefore += leaf[first++].count;
            std::uint32_t last = slots, lastBefore = 0; // from the last slot down
            while (last > 0 && !fits(last - 1))
                lastBefore += leaf[--last].count;
            if (first < slots) {
                std::uint32_t before = 0;
                ASSERT_EQ(shape.firstSlotWith<false>(t, need, before), first) << slots << " slots, need " << need;
                ASSERT_EQ(before, firstBefore);
                before = 0;
                ASSERT_EQ(shape.firstSlotWith<true>(t, need, before), last - 1);
                ASSERT_EQ(before, lastBefore);
            }
            const auto big = [need](const SegNode& n) { return n.max >= need; };
            const std::uint32_t from = std::uint32_t(rng() % slots);
            std::uint32_t up = from;
            while (up < slots && !fits(up))
                ++up;
            EXPECT_EQ(shape.nextSlotWhere<false>(t, from, big), up < slots ? up : QuadTree::kNone);
            std::uint32_t down = from + 1;
            while (down > 0 && !fits(down - 1))
                --down;
            EXPECT_EQ(shape.nextSlotWhere<true>(t, from, big), down > 0 ? down - 1 : QuadTree::kNone);
        }
    }
}
