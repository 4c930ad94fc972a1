#pragma once
// BuddyTree: a buddy heap's blocks as the binary tree of halves they are. The
// root is the whole heap; a node is split when its range holds more than one
// block, and a leaf is a block, used or free (depth = the heap's order minus
// the node's). Read off the replayed blocks: every buddy block is 2^k bytes at
// a multiple of 2^k, so its ancestors are implied by its address.

#include <vector>

#include "core/alloc/lanespec.h"
#include "core/replay/layout.h"

namespace heapviz::ui {

struct BuddyNode {
    enum class State : std::uint8_t { Split, Free, Used };
    Address at;
    unsigned order = 0;
    State state = State::Split;
    Size payload = 0; // used: the bytes asked for
    Size header = 0;  // used: the family's header and canary before and after the payload
    TraceId id = 0;

    Size size() const { return Size{1} << order; }
    // Used: the bytes rounded up and lost to the power of two (and the header).
    Size lost() const { return state == State::Used ? size() - payload : 0; }
    friend bool operator==(const BuddyNode&, const BuddyNode&) = default;
};

struct BuddyTree {
    unsigned top = 0;    // the heap's order (the root's)
    unsigned bottom = 0; // the smallest block's order: the deepest row drawn
    std::vector<BuddyNode> nodes; // by order from the top, then by address

    bool empty() const { return nodes.empty(); }
    // The node of `order` at `at`, or null.
    const BuddyNode* find(Address at, unsigned order) const;
};

BuddyTree buddyTreeOf(const LaneSpec& lane, const BlockLayout& layout);

} // namespace heapviz::ui
