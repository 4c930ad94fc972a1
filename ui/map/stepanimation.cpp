#include "ui/map/stepanimation.h"

#include <QEasingCurve>
#include <QFontMetricsF>
#include <QObject>
#include <QPainter>

#include <algorithm>
#include <cmath>

#include "ui/map/memorymapgeometry.h"
#include "ui/style/palette.h"
#include "ui/style/theme.h"

namespace heapviz::ui {

StepAnimation::StepAnimation(std::span<const Event> events, const SearchPath* path,
                             const std::vector<FreeSpan>& freeBefore)
{
    const auto spanAt = [&](Address a) {
        auto it = std::lower_bound(freeBefore.begin(), freeBefore.end(), a,
                                   [](const FreeSpan& f, Address x) { return f.at < x; });
        return it != freeBefore.end() && it->at == a ? *it : FreeSpan{a, 0};
    };
    if (path) {
        for (Address a : path->examined)
            m_examined.push_back(spanAt(a));
        if (path->chosen)
            m_chosen = spanAt(*path->chosen);
    }
    for (const Event& e : events) {
        if (const auto* a = std::get_if<Allocated>(&e))
            m_effects.push_back({Kind::Grow, a->at, a->size, a->id, {}});
        else if (const auto* f = std::get_if<Freed>(&e))
            m_effects.push_back({Kind::Fade, f->at, f->size, f->id, {}});
        else if (const auto* s = std::get_if<Split>(&e))
            m_effects.push_back({Kind::Appear, s->at + s->first, 0, 0, {}});
        else if (const auto* c = std::get_if<Coalesced>(&e))
            m_effects.push_back({Kind::Dissolve, c->at + c->left, 0, 0, {}});
        else if (const auto* m = std::get_if<Moved>(&e))
            m_effects.push_back({Kind::Slide, m->to, m->toSize, m->id, m->from});
    }
}

namespace {

void fillRange(QPainter& p, const MemoryMapGeometry& g, Address from, Size size, const QBrush& brush)
{
    g.forEachPiece(from, from + size, [&](const QRectF& r, bool, bool) { p.fillRect(r, brush); });
}

// What a free block looks like: its fill and its hatch.
void paintFree(QPainter& p, const MemoryMapGeometry& g, Address from, Size size, const Theme& theme)
{
    fillRange(p, g, from, size, theme.free);
    QBrush hatch(theme.freeHatch, Qt::BDiagPattern);
    fillRange(p, g, from, size, hatch);
}

// A block boundary at address `at`, drawn across its row.
void paintBoundary(QPainter& p, const MemoryMapGeometry& g, Address at, double opacity,
                   const Theme& theme)
{
    if (opacity <= 0)
        return;
    const auto pieces = g.rectsFor(at, at + 1);
    if (pieces.empty())
        return;
    const QRectF r = pieces.front();
    QColor c = theme.selection;
    c.setAlphaF(float(opacity));
    p.fillRect(QRectF(r.left() - 1.5, r.top() - 2, 3, r.height() + 4), c);
}

// "id 17 · 96 B" in a tag above the moving block, so a class can follow it.
void labelMovingBlock(QPainter& p, const MemoryMapGeometry& g, Address at, const StepAnimation::Effect& fx,
                      const Theme& theme)
{
    const auto pieces = g.rectsFor(at, at + fx.size);
    if (pieces.empty())
        return;
    const QString text = QObject::tr("id %1 · %2 B").arg(fx.id).arg(fx.size);
    QFont font = p.font();
    font.setBold(true);
    p.setFont(font);
    const QFontMetricsF metrics(font);
    QRectF tag(0, 0, metrics.horizontalAdvance(text) + 10, metrics.height() + 4);
    tag.moveCenter(pieces.front().center());
    tag.moveBottom(pieces.front().top() - 1);
    if (tag.top() < 0)
        tag.moveTop(pieces.front().bottom() + 1);
    p.setPen(Qt::NoPen);
    p.setBrush(theme.selection);
    p.drawRoundedRect(tag, 3, 3);
    p.setPen(theme.base);
    p.drawText(tag, Qt::AlignCenter, text);
}

} // namespace

void StepAnimation::paintChanges(QPainter& p, const MemoryMapGeometry& g, double t, const Theme& theme) const
{
    if (t >= 1)
        return; // the map itself shows the end state
    const double e = QEasingCurve(QEasingCurve::InOutCubic).valueForProgress(t);
    for (const Effect& fx : m_effects) {
        switch (fx.kind) {
        case Kind::Grow: { // the part not grown yet still looks free
            const auto grown = Size(std::llround(double(fx.size) * e));
            paintFree(p, g, fx.at + grown, fx.size - grown, theme);
            break;
        }
        case Kind::Fade: {
            QColor c = colorForId(fx.id);
            c.setAlphaF(float(1 - e));
            fillRange(p, g, fx.at, fx.size, c);
            break;
        }
        case Kind::Appear:
            paintBoundary(p, g, fx.at, e, theme);
            break;
        case Kind::Dissolve:
            paintBoundary(p, g, fx.at, 1 - e, theme);
            break;
        case Kind::Slide: {
            paintFree(p, g, fx.at, fx.size, theme); // not arrived yet
            QColor ghost = colorForId(fx.id);
            ghost.setAlphaF(float(0.45 * (1 - e)));
            fillRange(p, g, fx.from, fx.size, ghost);
            const double from = double(fx.from.value()), to = double(fx.at.value());
            const Address now(std::uint64_t(std::llround(from + (to - from) * e)));
            fillRange(p, g, now, fx.size, colorForId(fx.id));
            p.setPen(QPen(theme.selection, 2));
            p.setBrush(Qt::NoBrush);
            g.forEachPiece(now, now + fx.size, [&](const QRectF& r, bool, bool) { p.drawRect(r); });
            labelMovingBlock(p, g, now, fx, theme);
            break;
        }
        }
    }
}

// The examined blocks outlined one after another, the newest boldest; once
// the search is over, the chosen block stands out.
void StepAnimation::paint(QPainter& painter, const MemoryMapGeometry& geometry, double progress,
                          const Theme& theme) const
{
    const double share = searchShare();
    paintChanges(painter, geometry, std::max(0.0, (progress - share) / (1 - share)), theme);
    paintSearch(painter, geometry, share == 0 ? 1.0 : std::min(1.0, progress / share), theme);
}

void StepAnimation::paintSearch(QPainter& p, const MemoryMapGeometry& g, double q, const Theme& theme) const
{
    const std::size_t shown = std::min(m_examined.size(), std::size_t(std::ceil(q * double(m_examined.size()))));
    p.setBrush(Qt::NoBrush);
    for (std::size_t i = 0; i < shown; ++i) {
        const bool newest = i + 1 == shown && q < 1;
        p.setPen(QPen(theme.examined, newest ? 4 : 2));
        g.forEachPiece(m_examined[i].at, m_examined[i].at + m_examined[i].size, [&](const QRectF& r, bool, bool) {
            p.drawRect(r.adjusted(1, 1, -1, -1));
        });
    }
    if (q >= 1 && m_chosen) {
        p.setPen(QPen(theme.selection, 4));
        g.forEachPiece(m_chosen->at, m_chosen->at + m_chosen->size, [&](const QRectF& r, bool, bool) {
            p.drawRect(r.adjusted(1, 1, -1, -1));
        });
    }
}

} // namespace heapviz::ui
