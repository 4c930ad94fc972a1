#include "ui/charts/chartlegend.h"

#include <QEvent>
#include <QPainter>

#include <cmath>

#include "ui/charts/lanemarker.h"
#include "ui/style/palette.h"

namespace heapviz::ui {

namespace {
constexpr qreal kGap = 6;       // between a glyph and its name
constexpr qreal kSpacing = 16;  // between entries
constexpr qreal kLineWidth = 2; // the chart's line width
} // namespace

ChartLegend::ChartLegend(QWidget* parent)
    : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setAccessibleName(tr("Chart legend"));
}

void ChartLegend::setEntries(const QList<Entry>& entries)
{
    if (entries == m_entries)
        return;
    m_entries = entries;
    QStringList names;
    for (const Entry& e : m_entries)
        names << e.name;
    setAccessibleDescription(names.join(", "));
    updateGeometry();
    update();
}

void ChartLegend::setTheme(const Theme& theme)
{
    m_theme = theme;
    update();
}

// A glyph is as tall as a line of text and long enough to show three periods
// of the longest dash around the marker in its middle.
QSizeF ChartLegend::glyphSize() const
{
    const qreal h = fontMetrics().height();
    return {std::round(h * 3.2), h};
}

qreal ChartLegend::entryWidth(const Entry& entry) const
{
    const qreal glyph = entry.slot ? glyphSize().width() : glyphSize().height();
    return glyph + kGap + fontMetrics().horizontalAdvance(entry.name);
}

QList<QRectF> ChartLegend::layoutEntries(int width) const
{
    QList<QRectF> boxes;
    const qreal rowHeight = fontMetrics().height() + 4;
    qreal x = 0, y = 0;
    for (const Entry& e : m_entries) {
        const qreal w = entryWidth(e);
        if (x > 0 && x + w > width) { // to the next row, never squeezed
            x = 0;
            y += rowHeight;
        }
        boxes.append(QRectF(x, y, w, rowHeight));
        x += w + kSpacing;
    }
    return boxes;
}

int ChartLegend::heightForWidth(int width) const
{
    const QList<QRectF> boxes = layoutEntries(width);
    return boxes.isEmpty() ? 0 : int(std::ceil(boxes.last().bottom()));
}

QSize ChartLegend::sizeHint() const
{
    qreal w = 0;
    for (const Entry& e : m_entries)
        w += entryWidth(e) + kSpacing;
    return {int(std::ceil(w)), fontMetrics().height() + 4};
}

// As narrow as the widest entry: the rest flows onto more rows.
QSize ChartLegend::minimumSizeHint() const
{
    qreal w = 0;
    for (const Entry& e : m_entries)
        w = std::max(w, entryWidth(e));
    return {int(std::ceil(w)), fontMetrics().height() + 4};
}

void ChartLegend::paintGlyph(QPainter& painter, const QRectF& box, const Entry& entry) const
{
    const qreal mark = std::round(box.height() * 0.8);
    if (!entry.slot) {
        const QRectF square(box.left(), box.center().y() - mark / 2, mark, mark);
        paintCompactionMark(painter, square, m_theme.mutedText, m_theme.text);
        return;
    }
    const qreal y = box.center().y();
    painter.setPen(lanePen(*entry.slot, kLineWidth));
    painter.drawLine(QPointF(box.left(), y), QPointF(box.right(), y));
    paintLaneMarker(painter, QRectF(box.center().x() - mark / 2, y - mark / 2, mark, mark), *entry.slot,
                    m_theme.window); // the legend sits on the window, not on a chart
}

void ChartLegend::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QList<QRectF> boxes = layoutEntries(width());
    const QSizeF glyph = glyphSize();
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        const Entry& e = m_entries[i];
        const QRectF& box = boxes[i];
        const qreal glyphWidth = e.slot ? glyph.width() : glyph.height();
        paintGlyph(painter, QRectF(box.left(), box.top(), glyphWidth, box.height()), e);
        painter.setPen(m_theme.text);
        painter.drawText(QRectF(box.left() + glyphWidth + kGap, box.top(), box.width(), box.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, e.name);
    }
}

void ChartLegend::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        updateGeometry();
    QWidget::changeEvent(event);
}

} // namespace heapviz::ui
