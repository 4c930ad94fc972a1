#include "freetree.h"

#include <algorithm>
#include <cassert>

namespace heapviz {

bool FreeTree::before(const Node& a, const Node& b) const
{
    if (m_order == Order::BySize && a.size != b.size)
        return a.size < b.size;
    return a.at < b.at;
}

void FreeTree::pull(NodeIndex n)
{
    Node& x = m_nodes[n];
    x.count = 1 + countOf(x.left) + countOf(x.right);
    x.max = std::max({x.size, maxOf(x.left), maxOf(x.right)});
}

// Splits subtree t into the nodes before `key` (lo) and the rest (hi).
void FreeTree::split(NodeIndex t, const Node& key, NodeIndex& lo, NodeIndex& hi)
{
    if (t == kNil) {
        lo = hi = kNil;
        return;
    }
    if (before(m_nodes[t], key)) {
        split(m_nodes[t].right, key, m_nodes[t].right, hi);
        lo = t;
    } else {
        split(m_nodes[t].left, key, lo, m_nodes[t].left);
        hi = t;
    }
    pull(t);
}

// Joins two subtrees, every node of lo ordered before every node of hi.
NodeIndex FreeTree::merge(NodeIndex lo, NodeIndex hi)
{
    if (lo == kNil)
        return hi;
    if (hi == kNil)
        return lo;
    if (m_nodes[lo].priority > m_nodes[hi].priority) {
        m_nodes[lo].right = merge(m_nodes[lo].right, hi);
        pull(lo);
        return lo;
    }
    m_nodes[hi].left = merge(lo, m_nodes[hi].left);
    pull(hi);
    return hi;
}

NodeIndex FreeTree::insertAt(NodeIndex t, NodeIndex n)
{
    if (t == kNil)
        return n;
    if (m_nodes[n].priority > m_nodes[t].priority) {
        split(t, m_nodes[n], m_nodes[n].left, m_nodes[n].right);
        pull(n);
        return n;
    }
    if (before(m_nodes[n], m_nodes[t]))
        m_nodes[t].left = insertAt(m_nodes[t].left, n);
    else
        m_nodes[t].right = insertAt(m_nodes[t].right, n);
    pull(t);
    return t;
}

NodeIndex FreeTree::eraseAt(NodeIndex t, NodeIndex n)
{
    assert(t != kNil && "erasing a node that is not in the free tree");
    if (t == n)
        return merge(m_nodes[t].left, m_nodes[t].right);
    if (before(m_nodes[n], m_nodes[t]))
        m_nodes[t].left = eraseAt(m_nodes[t].left, n);
    else
        m_nodes[t].right = eraseAt(m_nodes[t].right, n);
    pull(t);
    return t;
}

void FreeTree::insert(NodeIndex n, Address at, Size size)
{
    if (n >= m_nodes.size())
        m_nodes.resize(std::max<std::size_t>(n + 1, m_nodes.size() * 2));
    // xorshift64: cheap, and the same sequence every run.
    m_random ^= m_random << 13;
    m_random ^= m_random >> 7;
    m_random ^= m_random << 17;
    Node& x = m_nodes[n];
    assert(x.count == 0 && "inserting a node that is already in the free tree");
    x = Node{at, size, size, kNil, kNil, std::uint32_t(m_random >> 32), 1};
    m_root = insertAt(m_root, n);
}

void FreeTree::erase(NodeIndex n)
{
    m_root = eraseAt(m_root, n);
    m_nodes[n].count = 0;
}

void FreeTree::resizeAt(NodeIndex t, NodeIndex n, Size size)
{
    assert(t != kNil && "resizing a node that is not in the free tree");
    if (t == n)
        m_nodes[n].size = size;
    else
        resizeAt(before(m_nodes[n], m_nodes[t]) ? m_nodes[t].left : m_nodes[t].right, n, size);
    m_nodes[t].max = std::max({m_nodes[t].size, maxOf(m_nodes[t].left), maxOf(m_nodes[t].right)});
}

void FreeTree::resize(NodeIndex n, Size size)
{
    assert(m_order == Order::ByAddress && "a size change moves a node in the by-size order");
    resizeAt(m_root, n, size);
}

// Lowest address >= from with size >= need, within subtree t. Subtrees whose
// largest block is too small are skipped, so this follows O(depth) nodes.
NodeIndex FreeTree::firstFitIn(NodeIndex t, Address from, Size need) const
{
    while (t != kNil && maxOf(t) >= need) {
        const Node& x = m_nodes[t];
        if (x.at < from) {
            t = x.right;
            continue;
        }
        if (NodeIndex inLeft = firstFitIn(x.left, from, need); inLeft != kNil)
            return inLeft;
        if (x.size >= need)
            return t;
        t = x.right;
    }
    return kNil;
}

NodeIndex FreeTree::firstFit(Address from, Size need) const
{
    assert(m_order == Order::ByAddress);
    return firstFitIn(m_root, from, need);
}

std::uint32_t FreeTree::countBelow(Address at) const
{
    assert(m_order == Order::ByAddress);
    std::uint32_t below = 0;
    for (NodeIndex t = m_root; t != kNil;) {
        const Node& x = m_nodes[t];
        if (x.at < at) {
            below += 1 + countOf(x.left);
            t = x.right;
        } else {
            t = x.left;
        }
    }
    return below;
}

NodeIndex FreeTree::smallestFit(Size need) const
{
    assert(m_order == Order::BySize);
    NodeIndex best = kNil;
    for (NodeIndex t = m_root; t != kNil;) {
        const Node& x = m_nodes[t];
        if (x.size >= need) {
            best = t;
            t = x.left;
        } else {
            t = x.right;
        }
    }
    return best;
}

std::string FreeTree::checkSubtree(NodeIndex t, const Node* lo, const Node* hi,
                                   std::uint32_t& seen) const
{
    if (t == kNil)
        return {};
    const Node& x = m_nodes[t];
    ++seen;
    if ((lo && !before(*lo, x)) || (hi && !before(x, *hi)))
        return "free tree: node " + std::to_string(t) + " is out of order";
    for (NodeIndex c : {x.left, x.right})
        if (c != kNil && m_nodes[c].priority > x.priority)
            return "free tree: node " + std::to_string(c) + " outranks its parent";
    if (x.count != 1 + countOf(x.left) + countOf(x.right))
        return "free tree: node " + std::to_string(t) + " has a wrong subtree count";
    if (x.max != std::max({x.size, maxOf(x.left), maxOf(x.right)}))
        return "free tree: node " + std::to_string(t) + " has a wrong subtree maximum";
    if (auto e = checkSubtree(x.left, lo, &x, seen); !e.empty())
        return e;
    return checkSubtree(x.right, &x, hi, seen);
}

std::string FreeTree::checkInvariants() const
{
    std::uint32_t seen = 0;
    if (auto e = checkSubtree(m_root, nullptr, nullptr, seen); !e.empty())
        return e;
    return {};
}

} // namespace heapviz
