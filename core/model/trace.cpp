#include "core/model/trace.h"

#include <unordered_map>

namespace heapviz {

void assignSlots(Trace& trace)
{
    // Slots follow first use so that the same trace always gets the same slots,
    // whatever the hash map's iteration order.
    std::unordered_map<TraceId, std::uint32_t> slotOf;
    for (Op& op : trace.ops) {
        if (op.id < 0) {
            op.slot = kNoSlot;
            continue;
        }
        const auto next = static_cast<std::uint32_t>(slotOf.size());
        op.slot = slotOf.try_emplace(op.id, next).first->second;
    }
    trace.slots = static_cast<std::uint32_t>(slotOf.size());
}

} // namespace heapviz
