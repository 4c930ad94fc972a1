#include "ui/map/memorymapwidget.h"

#include "ui/map/stepanimation.h"
#include "ui/style/tooltip.h"

#include <QApplication>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

#include "core/config/heapconfig.h"
#include "core/replay/layout.h"

namespace heapviz::ui {

namespace {

constexpr double kWheelStep = 1.25; // zoom per wheel notch (120 eighths of a degree)

QString hex(Address a) { return QStringLiteral("0x") + QString::number(a.value(), 16); }

QString bytes(Size n)
{
    return n == 1 ? QStringLiteral("1 byte") : QStringLiteral("%1 bytes").arg(n);
}

} // namespace

template <class F> void MemoryMapWidget::changeView(F&& change)
{
    const Address first = m_geometry.first();
    const Size perRow = m_geometry.bytesPerRow();
    const int rows = m_geometry.rowCount();
    change();
    if (m_geometry.first() != first || m_geometry.bytesPerRow() != perRow
        || m_geometry.rowCount() != rows) {
        invalidate();
        Q_EMIT zoomChanged();
    }
}

MemoryMapWidget::MemoryMapWidget(QWidget* parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Memory map"));
    setAccessibleDescription(tr("The heap drawn to scale by address, one row after another"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMinimumHeight(120);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent); // the cached image covers every pixel
    setCursor(Qt::OpenHandCursor);
    setMouseTracking(true); // hovering a block tells the lane, which points at it in its other views
    m_style.font = font();
    m_geometry.setViewport(size());
}

QSize MemoryMapWidget::sizeHint() const { return {640, 320}; }

QSize MemoryMapWidget::minimumSizeHint() const { return {200, 120}; }

void MemoryMapWidget::setConfig(const HeapConfig& config)
{
    m_style.header = config.header;
    m_style.footer = config.footer;
    m_style.prefix = config.prefix;
    m_style.suffix = config.suffix;
    invalidate();
}

void MemoryMapWidget::setBlockLayout(const BlockLayout* layout)
{
    m_layout = layout;
    refresh();
}

void MemoryMapWidget::setHighlight(std::optional<Address> blockAt)
{
    if (m_highlight == blockAt)
        return;
    m_highlight = blockAt;
    update();
}

void MemoryMapWidget::setQuizMarks(std::optional<Address> guess, std::optional<Address> truth)
{
    if (m_guess == guess && m_truth == truth)
        return;
    m_guess = guess;
    m_truth = truth;
    update();
}

void MemoryMapWidget::setSelectedId(std::optional<TraceId> id)
{
    if (m_style.selected == id)
        return;
    m_style.selected = id;
    invalidate();
}

void MemoryMapWidget::setSearch(std::vector<Address> examined, std::optional<Address> chosen)
{
    m_style.examined = std::move(examined);
    m_style.chosen = chosen;
    invalidate();
}

void MemoryMapWidget::setTheme(const Theme& theme)
{
    m_style.theme = theme;
    invalidate();
}

void MemoryMapWidget::setRover(std::optional<Address> rover)
{
    if (m_style.rover == rover)
        return;
    m_style.rover = rover;
    invalidate();
}

void MemoryMapWidget::setFaults(std::vector<FaultMark> faults)
{
    if (m_style.faults == faults)
        return;
    m_style.faults = std::move(faults);
    invalidate();
}

void MemoryMapWidget::setExtent(Size bytes)
{
    changeView([&] {
        m_geometry.setExtent(bytes);
        updateMargin();
    });
    invalidate(); // the margin, and so the scale, may have changed alone
}

void MemoryMapWidget::showRows(Address first, Size bytesPerRow)
{
    changeView([&] { m_geometry.showRows(first, bytesPerRow); });
}

void MemoryMapWidget::refresh()
{
    const Size before = m_geometry.heapSize();
    changeView([this] {
        m_geometry.setHeapSize(m_layout ? m_layout->heapSize() : 0);
        updateMargin();
        fillHeight();
    });
    invalidate();
    if (m_geometry.heapSize() != before)
        Q_EMIT heapSizeChanged();
}

void MemoryMapWidget::fitAll()
{
    changeView([this] { m_geometry.fitAll(); });
}

void MemoryMapWidget::zoomIn()
{
    changeView([this] { m_geometry.zoomStepsAt(1, QPointF(rect().center())); });
}

void MemoryMapWidget::zoomOut()
{
    changeView([this] { m_geometry.zoomStepsAt(-1, QPointF(rect().center())); });
}

void MemoryMapWidget::panRows(double rows)
{
    changeView([&] { m_geometry.panByBytes(std::int64_t(rows * double(m_geometry.bytesPerRow()))); });
}

void MemoryMapWidget::invalidate()
{
    m_dirty = true;
    update();
}

// The margin grows with the number of hex digits of the largest address, and
// with the font, so that no ruler label is cut off. It is the extent's, not the
// heap's, so that linked maps keep their rows the same width.
// Rows from the default height up to two and a half times it: a tall map
// shows the same heap in taller rows, easier to see from the back of a room.
void MemoryMapWidget::fillHeight()
{
    if (m_tallRows)
        m_geometry.fillHeight(MemoryMapGeometry::kDefaultRowHeight, MemoryMapGeometry::kDefaultRowHeight * 2.5);
}

void MemoryMapWidget::setTallRows(bool on)
{
    m_tallRows = on;
    if (!on)
        m_geometry.setRowHeight(MemoryMapGeometry::kDefaultRowHeight);
    changeView([this] { fillHeight(); });
    invalidate();
}

void MemoryMapWidget::updateMargin()
{
    const Size extent = m_geometry.extent();
    m_geometry.setMargin(rulerWidthFor(Address(extent > 0 ? extent - 1 : 0), m_style.font));
}

std::optional<TraceId> MemoryMapWidget::idAt(QPointF pos) const
{
    const auto address = m_geometry.addressAt(pos);
    if (!m_layout || !address)
        return std::nullopt;
    const auto it = m_layout->blockAt(*address);
    if (it == m_layout->map().end() || !it->second.used)
        return std::nullopt;
    return it->second.id;
}

QString MemoryMapWidget::toolTipAt(QPointF pos) const
{
    const auto address = m_geometry.addressAt(pos);
    if (!m_layout || !address)
        return {};
    const auto it = m_layout->blockAt(*address);
    if (it == m_layout->map().end()) {
        const bool low = address->value() < m_style.prefix;
        return tr("%1: reserved %2 of the heap (no block)")
            .arg(hex(*address), low ? tr("prefix") : tr("suffix"));
    }
    const auto& [at, block] = *it;
    QStringList lines;
    lines << tr("%1 block at %2").arg(block.used ? tr("used") : tr("free"), hex(at));
    lines << tr("size %1").arg(bytes(block.size));
    if (block.used) {
        lines << tr("payload %1 at %2").arg(bytes(block.payload), hex(at + m_style.header));
        lines << tr("id %1").arg(block.id);
        if (block.line > 0)
            lines << tr("line %1").arg(block.line);
    }
    for (const FaultMark& mark : m_style.faults)
        if (mark.covers(*address))
            lines << QStringLiteral("⚠ ") + faultSentence(mark);
    return lines.join(QLatin1Char('\n'));
}

bool MemoryMapWidget::event(QEvent* event)
{
    if (answerToolTip(this, event, [this](QPointF at) { return toolTipAt(at); }))
        return true;
    return QWidget::event(event);
}

// The window's text scale reaches the map as a new font: the ruler and the
// labels follow it, and the margin is measured again.
void MemoryMapWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange) {
        m_style.font = font();
        changeView([this] { updateMargin(); });
        invalidate();
    }
    QWidget::changeEvent(event);
}

void MemoryMapWidget::setAnimation(std::shared_ptr<const StepAnimation> animation)
{
    m_animation = std::move(animation);
    m_progress = 0;
    update();
}

void MemoryMapWidget::setAnimationProgress(double progress)
{
    m_progress = progress;
    update();
}

void MemoryMapWidget::paintEvent(QPaintEvent*)
{
    const qreal ratio = devicePixelRatioF();
    const QSize pixels = (QSizeF(size()) * ratio).toSize();
    if (m_dirty || m_cache.size() != pixels) {
        if (m_cache.size() != pixels)
            m_cache = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
        m_cache.setDevicePixelRatio(ratio);
        if (m_layout)
            renderMemoryMap(m_cache, *m_layout, m_geometry, m_style);
        else
            m_cache.fill(m_style.theme.base);
        m_dirty = false;
    }
    QPainter painter(this);
    painter.drawImage(0, 0, m_cache);
    if (m_animation) {
        painter.setClipRect(QRectF(m_geometry.margin(), 0, width() - m_geometry.margin(), height()));
        m_animation->paint(painter, m_geometry, m_progress, m_style.theme);
        painter.setClipping(false);
    }
    // Drawn over the cache, so that hovering or guessing repaints nothing else.
    const auto outline = [&](std::optional<Address> at, QPen pen, double inset) {
        const auto it = at && m_layout ? m_layout->map().find(*at) : BlockMap::const_iterator{};
        if (!at || !m_layout || it == m_layout->map().end())
            return;
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        m_geometry.forEachPiece(it->first, it->first + it->second.size,
                                [&](QRectF r, bool, bool) { painter.drawRect(r.adjusted(inset, inset, -inset, -inset)); });
    };
    static const QColor kRight(0x2e, 0x9e, 0x44);
    const bool right = m_truth && m_guess == m_truth;
    outline(m_truth, QPen(kRight, 4), 2);
    outline(m_guess, QPen(m_truth ? (right ? kRight : m_style.theme.fault) : m_style.theme.accent, 3,
                          m_truth ? Qt::SolidLine : Qt::DashLine), right ? 5 : 2);
    outline(m_highlight, QPen(m_style.theme.selection, 3), 1);
    if (hasFocus()) {
        painter.setPen(QPen(palette().highlight(), 1));
        painter.drawRect(rect().adjusted(0, 0, -1, -1));
    }
}

void MemoryMapWidget::resizeEvent(QResizeEvent* event)
{
    changeView([this] {
        m_geometry.setViewport(size());
        fillHeight();
    });
    invalidate();
    QWidget::resizeEvent(event);
}

void MemoryMapWidget::wheelEvent(QWheelEvent* event)
{
    const QPoint delta = event->angleDelta();
    const int eighths = delta.y() != 0 ? delta.y() : delta.x();
    if (eighths == 0)
        return event->ignore();
    const double factor = std::pow(kWheelStep, eighths / 120.0);
    changeView([&] { m_geometry.zoomAt(factor, event->position()); });
    event->accept();
}

void MemoryMapWidget::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    m_pressed = true;
    m_dragging = false;
    m_pressPos = m_lastDragPos = event->position();
    m_pendingRowDrag = 0;
}

// A drag moves the content with the cursor: sideways byte by byte, up and down
// only by whole rows, since half a row's shift would reflow every row.
void MemoryMapWidget::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_pressed) {
        std::optional<Address> block;
        if (const auto address = m_geometry.addressAt(event->position()); address && m_layout)
            if (const auto it = m_layout->blockAt(*address); it != m_layout->map().end())
                block = it->first;
        if (block != m_hovered) {
            m_hovered = block;
            Q_EMIT hovered(block);
        }
        return QWidget::mouseMoveEvent(event);
    }
    const QPointF pos = event->position();
    if (!m_dragging) {
        if ((pos - m_pressPos).manhattanLength() < QApplication::startDragDistance())
            return;
        m_dragging = true;
        setCursor(Qt::ClosedHandCursor);
    }
    const QPointF delta = pos - m_lastDragPos;
    m_lastDragPos = pos;
    m_pendingRowDrag += delta.y();
    const double rows = std::trunc(m_pendingRowDrag / m_geometry.rowPitch());
    m_pendingRowDrag -= rows * m_geometry.rowPitch();
    changeView([&] { m_geometry.panBy(QPointF(delta.x(), rows * m_geometry.rowPitch())); });
}

void MemoryMapWidget::leaveEvent(QEvent* event)
{
    if (m_hovered) {
        m_hovered.reset();
        Q_EMIT hovered(std::nullopt);
    }
    QWidget::leaveEvent(event);
}

void MemoryMapWidget::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !m_pressed)
        return QWidget::mouseReleaseEvent(event);
    m_pressed = false;
    if (m_dragging) {
        m_dragging = false;
        setCursor(Qt::OpenHandCursor);
        return;
    }
    if (const auto at = m_geometry.addressAt(event->position()))
        Q_EMIT clickedAt(*at);
    Q_EMIT blockClicked(idAt(event->position()));
}

void MemoryMapWidget::keyPressEvent(QKeyEvent* event)
{
    const double page = std::max(1, m_geometry.rowCount() - 1);
    const int key = event->key();
    // Zoom keys only unmodified (or shifted: + is Shift+= on many layouts):
    // with Ctrl they belong to the window's text scale.
    const bool plain = !(event->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier));
    if (plain && (key == Qt::Key_Plus || key == Qt::Key_Equal))
        zoomIn();
    else if (plain && key == Qt::Key_Minus)
        zoomOut();
    else if (plain && key == Qt::Key_F)
        fitAll();
    else if (key == Qt::Key_Up)
        panRows(-1);
    else if (key == Qt::Key_Down)
        panRows(1);
    else if (key == Qt::Key_PageUp)
        panRows(-page);
    else if (key == Qt::Key_PageDown)
        panRows(page);
    else if (key == Qt::Key_Home)
        changeView([this] { m_geometry.panByBytes(-std::int64_t(m_geometry.extent())); });
    else if (key == Qt::Key_End)
        changeView([this] { m_geometry.panByBytes(std::int64_t(m_geometry.extent())); });
    else
        return QWidget::keyPressEvent(event);
    event->accept();
}

} // namespace heapviz::ui
