#include "ui/families/buddytree.h"

#include <algorithm>
#include <bit>
#include <map>

#include "core/alloc/registry.h"

namespace heapviz::ui {

const BuddyNode* BuddyTree::find(Address at, unsigned order) const
{
    const auto it = std::lower_bound(nodes.begin(), nodes.end(), std::pair(order, at), [](const BuddyNode& n, const auto& key) {
        return n.order != key.first ? n.order > key.first : n.at < key.second;
    });
    return it != nodes.end() && it->order == order && it->at == at ? &*it : nullptr;
}

BuddyTree buddyTreeOf(const LaneSpec& lane, const BlockLayout& layout)
{
    BuddyTree tree;
    const Size heap = layout.heapSize();
    if (heap == 0 || !std::has_single_bit(heap))
        return tree;
    tree.top = unsigned(std::countr_zero(heap));
    tree.bottom = tree.top;
    const BlockAnatomy anatomy = anatomyOf(lane);
    // (depth, address) → node: in the order the tree is drawn, top row first.
    std::map<std::pair<unsigned, Address>, BuddyNode> byRow;
    for (const auto& [at, block] : layout.map()) {
        const unsigned k = unsigned(std::countr_zero(std::bit_ceil(block.size)));
        tree.bottom = std::min(tree.bottom, k);
        BuddyNode leaf{at, k, block.used ? BuddyNode::State::Used : BuddyNode::State::Free};
        if (block.used) {
            leaf.payload = block.payload;
            leaf.header = anatomy.header + anatomy.canary;
            leaf.id = block.id;
        }
        byRow[{tree.top - k, at}] = leaf;
        for (unsigned up = k + 1; up <= tree.top; ++up) { // its ancestors, each split
            const Address parent(at.value() & ~((Size{1} << up) - 1));
            if (!byRow.try_emplace({tree.top - up, parent}, BuddyNode{parent, up}).second)
                break; // the rest of the way up is there already
        }
    }
    for (const auto& [key, node] : byRow)
        tree.nodes.push_back(node);
    return tree;
}

} // namespace heapviz::ui
