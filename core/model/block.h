#pragma once
// A block as every view and every allocator family tells it: where it is,
// how big, and, when used, whose payload it holds. The vocabulary that
// allocators' block walks, replay and the views share.

#include "core/model/types.h"

namespace heapviz {

struct BlockInfo {
    Address at;
    Size size = 0;
    bool used = false;
    TraceId id = 0;     // used blocks only
    Size payload = 0;   // used blocks only
    LineNo line = 0;    // used blocks only: the line that made the id live

    friend bool operator==(const BlockInfo&, const BlockInfo&) = default;
};

} // namespace heapviz
