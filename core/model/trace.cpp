#include "core/model/trace.h"

namespace heapviz {

void SlotTable::assign(Op& op)
{
    if (op.id < 0) {
        op.slot = kNoSlot;
        return;
    }
    // Slots follow first use so that the same trace always gets the same slots,
    // whatever the hash map's iteration order.
    const auto next = static_cast<std::uint32_t>(m_slotOf.size());
    op.slot = m_slotOf.try_emplace(op.id, next).first->second;
}

void assignSlots(Trace& trace)
{
    SlotTable slots;
    for (Op& op : trace.ops)
        slots.assign(op);
    trace.slots = slots.size();
}

} // namespace heapviz
