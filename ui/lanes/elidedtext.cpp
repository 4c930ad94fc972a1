#include "ui/lanes/elidedtext.h"

#include <QEvent>
#include <QPainter>
#include <QTextLayout>

namespace heapviz::ui {

ElidedText::ElidedText(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
}

void ElidedText::setText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    updateToolTip();
    update();
}

void ElidedText::setLines(int lines)
{
    m_lines = std::max(1, lines);
    updateGeometry();
    updateToolTip();
    update();
}

int ElidedText::heightForLines(int lines) const { return lines * fontMetrics().lineSpacing() + 2; }
QSize ElidedText::sizeHint() const { return {200, heightForLines(m_lines)}; }
QSize ElidedText::minimumSizeHint() const { return {40, sizeHint().height()}; }

QStringList ElidedText::layoutLines(int width, bool* cut) const
{
    QStringList out;
    *cut = false;
    const QStringList paragraphs = m_text.split('\n');
    for (int p = 0; p < paragraphs.size(); ++p) {
        QTextLayout layout(paragraphs[p], font());
        layout.beginLayout();
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(width);
            if (out.size() + 1 == m_lines) { // the last line takes the rest, elided
                const QString rest = paragraphs[p].mid(line.textStart())
                                     + (p + 1 < paragraphs.size() ? QStringLiteral(" ") + paragraphs.mid(p + 1).join(' ') : QString());
                const QString shown = fontMetrics().elidedText(rest, Qt::ElideRight, width);
                *cut = shown != rest;
                out << shown;
                layout.endLayout();
                return out;
            }
            out << paragraphs[p].mid(line.textStart(), line.textLength());
        }
        layout.endLayout();
    }
    return out;
}

bool ElidedText::elided() const
{
    bool cut = false;
    layoutLines(std::max(1, width()), &cut);
    return cut;
}

void ElidedText::updateToolTip() { setToolTip(elided() ? m_text : QString()); }

void ElidedText::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setPen(palette().color(QPalette::WindowText));
    bool cut = false;
    const QStringList lines = layoutLines(width(), &cut);
    const int pitch = fontMetrics().lineSpacing();
    for (int i = 0; i < lines.size(); ++i)
        painter.drawText(QRect(0, i * pitch, width(), pitch), Qt::AlignLeft | Qt::AlignVCenter, lines[i]);
}

void ElidedText::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateToolTip();
}

void ElidedText::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        updateGeometry();
        updateToolTip();
    }
}

} // namespace heapviz::ui
