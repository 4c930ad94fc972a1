#include "core/model/trace.h"

namespace heapviz {

void SlotTable::assign(Op& op)
{
    if (op.id < 0) {
        op.slot = kNoSlot;
        return;
    }
    // Slots follow first use so that the same trace always gets the same slots.
    const std::uint32_t* known = m_slotOf.find(op.id);
    op.slot = known ? *known : m_slotOf.insert(op.id, size());
}

void assignSlots(Trace& trace)
{
    SlotTable slots;
    for (Op& op : trace.ops)
        slots.assign(op);
    trace.slots = slots.size();
}

} // namespace heapviz
