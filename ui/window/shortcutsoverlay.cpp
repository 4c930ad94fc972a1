#include "ui/window/shortcutsoverlay.h"

#include <QAction>
#include <QEvent>
#include <QKeyEvent>
#include <QPainter>

namespace heapviz::ui {

namespace {
// "&Play / pause" -> "Play / pause"
QString plain(QString text) { return text.remove('&').remove(QStringLiteral("…")); }

QString keysOf(const QAction* a)
{
    QStringList keys;
    for (const QKeySequence& k : a->shortcuts())
        keys << k.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(" or "));
}
} // namespace

ShortcutsOverlay::ShortcutsOverlay(QWidget* window, std::vector<Group> groups)
    : QWidget(window)
    , m_groups(std::move(groups))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Keyboard shortcuts"));
    setGeometry(window->rect());
    window->installEventFilter(this); // follow the window's size
    raise();
    show();
    setFocus();
}

QStringList ShortcutsOverlay::rows() const
{
    QStringList out;
    for (const Group& g : m_groups)
        for (const QAction* a : g.actions)
            if (!a->shortcuts().isEmpty())
                out << keysOf(a) + QStringLiteral(" — ") + plain(a->text());
    return out;
}

void ShortcutsOverlay::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(0, 0, 0, 200));
    QFont body = font();
    body.setPointSizeF(font().pointSizeF() * 1.15);
    QFont heading = body;
    heading.setBold(true);
    const QFontMetrics fm(body);
    const int line = fm.lineSpacing() + 4;
    // Two columns of groups, in menu order, centred.
    const int columnWidth = std::min(width() / 2 - 40, fm.horizontalAdvance(QStringLiteral("M")) * 34);
    int x = std::max(20, (width() - 2 * columnWidth - 40) / 2);
    const int top = 60;
    int y = top;
    p.setPen(Qt::white);
    QFont title = heading;
    title.setPointSizeF(heading.pointSizeF() * 1.3);
    p.setFont(title);
    p.drawText(QRect(0, 10, width(), top - 10), Qt::AlignCenter, tr("Keyboard shortcuts — press any key to close"));
    for (const Group& g : m_groups) {
        int rowsInGroup = 1;
        for (const QAction* a : g.actions)
            rowsInGroup += !a->shortcuts().isEmpty();
        if (y + rowsInGroup * line > height() - 10 && y > top) { // next column
            x += columnWidth + 40;
            y = top;
        }
        p.setFont(heading);
        p.setPen(QColor(0xFF, 0xD5, 0x4F));
        p.drawText(x, y + fm.ascent(), plain(g.title));
        y += line;
        p.setFont(body);
        for (const QAction* a : g.actions) {
            if (a->shortcuts().isEmpty())
                continue;
            p.setPen(QColor(0xFF, 0xD5, 0x4F));
            p.drawText(QRect(x, y, columnWidth / 3, line), Qt::AlignLeft | Qt::AlignVCenter, keysOf(a));
            p.setPen(Qt::white);
            p.drawText(QRect(x + columnWidth / 3, y, columnWidth * 2 / 3, line), Qt::AlignLeft | Qt::AlignVCenter,
                       fm.elidedText(plain(a->text()), Qt::ElideRight, columnWidth * 2 / 3));
            y += line;
        }
        y += line / 2;
    }
}

void ShortcutsOverlay::keyPressEvent(QKeyEvent*) { close(); }
void ShortcutsOverlay::mousePressEvent(QMouseEvent*) { close(); }

bool ShortcutsOverlay::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        setGeometry(parentWidget()->rect());
    return QWidget::eventFilter(watched, event);
}

} // namespace heapviz::ui
