#pragma once
// Events packed into bytes, the form a recording keeps them in (EventLog):
// a byte naming the kind, then each field as a variable-length integer
// (varint.h), against what the operation's events before it packed (see the
// field kinds in eventcodec.cpp), so that a typical event takes 5-11 bytes
// instead of the 64 of an Event value. Each field is listed once (eventcodec.cpp) and both
// directions follow that list, so packing and unpacking cannot disagree.

#include <cstdint>
#include <vector>

#include "core/model/event.h"
#include "core/model/varint.h"

namespace heapviz {

// What packing remembers from one event to the next inside an operation.
// Start each operation with a fresh state holding the operation's line.
struct EventPacking {
    std::uint64_t address = 0; // the previous address packed
    Size size = 0;             // the previous size packed
    LineNo line = 0;           // the operation's line
};

void packEvent(std::vector<std::uint8_t>& out, const Event& event, EventPacking& state);
Event unpackEvent(VarintReader& in, EventPacking& state);

} // namespace heapviz
