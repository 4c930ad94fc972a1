#pragma once
// A trace's operations delivered a chunk at a time (a .rep file being read,
// a workload being generated), so that a run over them needs memory for a
// chunk, not for the whole trace.

#include <cstddef>
#include <string>
#include <vector>

#include "core/model/trace.h"

namespace heapviz {

class OpSource {
public:
    virtual ~OpSource() = default;

    // Replaces chunk's contents with the next operations, at most `most` of
    // them (most > 0), their lines and slots filled in as the whole trace
    // would have them. False, with chunk empty, once no operation is left.
    // A file source throws TraceError on the first malformed line.
    virtual bool read(OpList& chunk, std::size_t most) = 0;

    // The trace's name, as a whole-trace run would name it in messages.
    virtual const std::string& name() const = 0;
};

} // namespace heapviz
