#pragma once
// FreeTree: the index of the free blocks that makes every fit O(log n).
//
// A treap (a binary search tree kept balanced by random heap priorities) over
// the heap's block nodes, ordered either by address or by (size, address).
// Every node also knows the largest size and the number of nodes in its
// subtree, which is what lets a search skip whole subtrees:
//  - by address: first fit and next fit ("lowest address >= a with size >= need"),
//    worst fit ("lowest address whose size is the largest"), and ranks for the
//    `examined` metric;
//  - by (size, address): best fit ("smallest size >= need, lowest address").
// The tree copies each block's address and size, so a search touches only the
// tree's own compact nodes.

#include <cstdint>
#include <string>
#include <vector>

#include "types.h"

namespace heapviz {

using NodeIndex = std::uint32_t;
inline constexpr NodeIndex kNil = std::numeric_limits<NodeIndex>::max();

class FreeTree {
public:
    enum class Order : std::uint8_t { ByAddress, BySize };

    explicit FreeTree(Order order) : m_order(order) {}

    // Adds node n, a free block [at, at + size). n must not be in the tree.
    void insert(NodeIndex n, Address at, Size size);
    // Removes node n, which must be in the tree.
    void erase(NodeIndex n);
    // By address: node n's block changed size but not address.
    void resize(NodeIndex n, Size size);

    std::uint32_t count() const { return countOf(m_root); }
    Size maxSize() const { return maxOf(m_root); }

    // By address: the lowest-addressed node at or above `from` whose size is at
    // least `need`; kNil if none.
    NodeIndex firstFit(Address from, Size need) const;
    // By address: how many nodes lie below address `at`.
    std::uint32_t countBelow(Address at) const;
    // By size: the smallest node of size >= need (lowest address among equals).
    NodeIndex smallestFit(Size need) const;

    Address addressOf(NodeIndex n) const { return m_nodes[n].at; }
    Size sizeOf(NodeIndex n) const { return m_nodes[n].size; }

    // Calls f(node) for every node in the tree's order.
    template <class F> void forEach(F&& f) const { walk(m_root, f); }

    // Empty when ordering, heap priorities, sizes and counts are all consistent;
    // else the first broken invariant.
    std::string checkInvariants() const;

private:
    struct Node {
        Address at;
        Size size = 0;
        Size max = 0;             // largest size in this subtree
        NodeIndex left = kNil;
        NodeIndex right = kNil;
        std::uint32_t priority = 0;
        std::uint32_t count = 0;  // nodes in this subtree; 0 while not in the tree
    };

    bool before(const Node& a, const Node& b) const;
    Size maxOf(NodeIndex n) const { return n == kNil ? 0 : m_nodes[n].max; }
    std::uint32_t countOf(NodeIndex n) const { return n == kNil ? 0 : m_nodes[n].count; }
    void pull(NodeIndex n);
    void split(NodeIndex t, const Node& key, NodeIndex& lo, NodeIndex& hi);
    NodeIndex merge(NodeIndex lo, NodeIndex hi);
    NodeIndex insertAt(NodeIndex t, NodeIndex n);
    NodeIndex eraseAt(NodeIndex t, NodeIndex n);
    void resizeAt(NodeIndex t, NodeIndex n, Size size);
    NodeIndex firstFitIn(NodeIndex t, Address from, Size need) const;
    std::string checkSubtree(NodeIndex t, const Node* lo, const Node* hi, std::uint32_t& seen) const;
    template <class F> void walk(NodeIndex t, F& f) const
    {
        if (t == kNil)
            return;
        walk(m_nodes[t].left, f);
        f(t);
        walk(m_nodes[t].right, f);
    }

    Order m_order;
    NodeIndex m_root = kNil;
    std::vector<Node> m_nodes;
    std::uint64_t m_random = 0x9E3779B97F4A7C15ull; // fixed seed: runs are repeatable
};

} // namespace heapviz
