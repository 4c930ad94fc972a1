#pragma once
// FaultMark: a fault of the current step drawn on the block it concerns (a
// double free's freed block, an id reuse's live block), so that a class sees
// which block the malloc debugger is talking about. The map draws it; its
// tooltip says it in words.

#include <QString>

#include <span>
#include <vector>

#include "core/model/event.h"

namespace heapviz::ui {

struct FaultMark {
    Address at;
    Size size = 0;
    FaultKind kind = FaultKind::DoubleFree;
    TraceId id = 0;
    LineNo line = 0;

    bool covers(Address a) const { return a >= at && a - at < size; }
    friend bool operator==(const FaultMark&, const FaultMark&) = default;
};

// The marks of `events`' faults; a fault that names no block (size 0) has none.
std::vector<FaultMark> faultMarks(std::span<const Event> events);

// "double free", "id reuse" ...: the few words drawn beside the mark.
QString faultLabel(FaultKind kind);
// "double free of id 7 at line 12: this was its block": the tooltip's words.
QString faultSentence(const FaultMark& mark);

} // namespace heapviz::ui
