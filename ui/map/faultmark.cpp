#include "ui/map/faultmark.h"

#include <QObject>

#include "core/text/narration.h"

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
    const std::string_view words = faultWords(kind);
    return QString::fromUtf8(words.data(), qsizetype(words.size()));
}

// An id reuse names the id's block as it is now; the others name the block
// the id had when it was freed, which may since have merged or been reused.
QString faultSentence(const FaultMark& mark)
{
    const bool live = mark.kind == FaultKind::IdReuse || mark.kind == FaultKind::Overflow || mark.kind == FaultKind::Underflow;
    const QString whose = live ? QObject::tr("this is its live block") : QObject::tr("this was its block");
    return QObject::tr("%1 of id %2 at line %3: %4")
        .arg(faultLabel(mark.kind))
        .arg(mark.id)
        .arg(mark.line)
        .arg(whose);
}

} // namespace heapviz::ui
