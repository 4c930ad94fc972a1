#pragma once
// A trace: the operations of a CS:APP malloc-lab .rep file, or of a generated
// workload, in the order they run.

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/bigvector.h"
#include "core/model/idmap.h"
#include "core/model/types.h"

namespace heapviz {

// a ID SIZE, f ID, r ID SIZE, and HeapViz's own w ID OFFSET LENGTH (a write).
enum class OpKind : std::uint8_t { Malloc, Free, Realloc, Write };

inline constexpr std::uint32_t kNoSlot = std::numeric_limits<std::uint32_t>::max();

struct Op {
    OpKind kind = OpKind::Malloc;
    TraceId id = 0;           // -1 only for "f -1", C's free(NULL)
    Size size = 0;            // payload bytes asked for (malloc, realloc); bytes written (write)
    std::int64_t offset = 0;  // write: where in the payload it starts (may be negative)
    LineNo line = 0;          // where the op stands in its file
    std::uint32_t slot = kNoSlot; // dense index of id; kNoSlot for "f -1"
};

// A trace's operations: 40 bytes each, so a long trace's are asked for in
// large pages (see BigVector); a 10M-operation trace touches 400 MB.
using OpList = BigVector<Op>;

struct Trace {
    std::string name;                  // file name (or workload name) for messages
    std::vector<std::uint64_t> header; // 0 to 4 header integers, as written
    OpList ops;
    std::uint32_t slots = 0;           // number of distinct ids
};

// Gives each distinct id a dense slot in order of first use, one op at a time,
// so that a trace read in chunks gets the slots the whole trace would.
class SlotTable {
public:
    // Sets op.slot (kNoSlot for "f -1"), adding op.id if it is new.
    void assign(Op& op);
    std::uint32_t size() const { return static_cast<std::uint32_t>(m_slotOf.size()); }

private:
    IdMap<std::uint32_t> m_slotOf;
};

// Gives each distinct id of the trace a dense slot, in order of first use.
void assignSlots(Trace& trace);

} // namespace heapviz
