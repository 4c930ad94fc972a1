#include "ui/map/faultmark.h"

#include <QObject>

#include "core/text/narration.h"

namespace heapviz::ui {

namespace {

QString fromStd(std::string_view text) { return QString::fromUtf8(text.data(), qsizetype(text.size())); }

} // namespace

std::vector<FaultMark> faultMarks(std::span<const Event> events, std::optional<BlockAnatomy> anatomy)
{
    std::vector<FaultMark> marks;
    for (const Event& e : events) {
        if (const auto* f = std::get_if<Fault>(&e); f && f->size > 0) {
            FaultMark mark{f->at, f->size, f->kind, f->id, f->line};
            if (isWriteFault(f->kind) && f->damage > 0) {
                mark.damageAt = f->damageAt;
                mark.damage = f->damage;
                mark.reach = fromStd(writeReach(*f));
                if (anatomy)
                    mark.damaged = fromStd(writeDamage(*f, *anatomy));
            }
            marks.push_back(std::move(mark));
        } else if (const auto* c = std::get_if<CanaryBroken>(&e); c && c->size > 0) {
            FaultMark mark{c->at, c->size, FaultKind::Overflow, c->id, c->line};
            mark.canary = CanaryCheck{c->damagedAt, c->realloc};
            marks.push_back(std::move(mark));
        }
    }
    return marks;
}

QString faultLabel(FaultKind kind) { return fromStd(faultWords(kind)); }

QString markLabel(const FaultMark& mark)
{
    return mark.canary ? QObject::tr("canary check fails") : faultLabel(mark.kind);
}

// An id reuse or a bad write to a live id names the id's block as it is now;
// the others name the block the id had when it was freed, which may since
// have merged or been reused.
QString faultSentence(const FaultMark& mark)
{
    if (mark.canary)
        return QObject::tr("%1 of id %2 at line %3: the canary the write at line %4 damaged fails its check")
            .arg(mark.canary->realloc ? QObject::tr("realloc") : QObject::tr("free"))
            .arg(mark.id)
            .arg(mark.line)
            .arg(mark.canary->damagedAt);
    const QString head = QObject::tr("%1 of id %2 at line %3: ").arg(faultLabel(mark.kind)).arg(mark.id).arg(mark.line);
    if (!mark.reach.isEmpty())
        return head + (mark.damaged.isEmpty() ? QObject::tr("%1 damaged").arg(mark.reach)
                                              : QObject::tr("%1 damaged: %2").arg(mark.reach, mark.damaged));
    const bool live = mark.kind == FaultKind::IdReuse || mark.kind == FaultKind::Overflow || mark.kind == FaultKind::Underflow;
    return head + (live ? QObject::tr("this is its live block") : QObject::tr("this was its block"));
}

} // namespace heapviz::ui
