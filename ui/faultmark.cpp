#include "faultmark.h"

#include <QObject>

namespace heapviz::ui {

std::vector<FaultMark> faultMarks(std::span<const Event> events)
{
    std::vector<FaultMark> marks;
    for (const Event& e : events)
        if (const auto* f = std::get_if<Fault>(&e); f && f->size > 0)
            marks.push_back({f->at, f->size, f->kind, f->id, f->line});
    return marks;
}

QString faultLabel(FaultKind kind)
{
    switch (kind) {
    case FaultKind::DoubleFree: return QObject::tr("double free");
    case FaultKind::InvalidFree: return QObject::tr("invalid free");
    case FaultKind::InvalidRealloc: return QObject::tr("invalid realloc");
    case FaultKind::IdReuse: return QObject::tr("id reuse");
    }
    return {};
}

// An id reuse names the id's block as it is now; the others name the block
// the id had when it was freed, which may since have merged or been reused.
QString faultSentence(const FaultMark& mark)
{
    const QString whose = mark.kind == FaultKind::IdReuse ? QObject::tr("this is its live block")
                                                          : QObject::tr("this was its block");
    return QObject::tr("%1 of id %2 at line %3: %4")
        .arg(faultLabel(mark.kind))
        .arg(mark.id)
        .arg(mark.line)
        .arg(whose);
}

} // namespace heapviz::ui
