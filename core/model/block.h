#pragma once
// A block as every view and every allocator family tells it: where it is,
// how big, and, when used, whose payload it holds. The vocabulary that
// allocators' block walks, replay and the views share.

#include <utility>
#include <vector>

#include "core/model/bigvector.h"
#include "core/model/types.h"

namespace heapviz {

struct BlockInfo {
    Address at;
    Size size = 0;
    bool used = false;
    TraceId id = 0;     // used blocks only
    Size payload = 0;   // used blocks only
    LineNo line = 0;    // used blocks only: the line that made the id live

    // The block becomes the free block [at, at + size): it forgets whose it
    // was. Field by field, for the engine's hot paths: assigning a new
    // BlockInfo built it on the stack and copied it in pieces that waited on
    // the stores that built it.
    void makeFree(Address start, Size bytes)
    {
        at = start;
        size = bytes;
        used = false;
        id = 0;
        payload = 0;
        line = 0;
    }

    friend bool operator==(const BlockInfo&, const BlockInfo&) = default;
};

// One block of a layout: a used block knows its id, payload and the trace
// line that made it; a free block only its size.
struct LayoutBlock {
    Size size = 0;
    bool used = false;
    TraceId id = 0;
    Size payload = 0;
    LineNo line = 0;
    friend bool operator==(const LayoutBlock&, const LayoutBlock&) = default;
};

// A whole heap, flat, in address order: an allocator's walk written down,
// which replay restores as a checkpoint.
struct LayoutSnapshot {
    BigVector<std::pair<Address, LayoutBlock>> blocks;
    Size heapSize = 0;
    Address rover;
    // A LIFO family's free lists, each head first (Allocator::listOrder); empty
    // for a family whose lists are in address order.
    std::vector<std::vector<Address>> lists;
};

} // namespace heapviz
