#include "ui/map/memorymapgeometry.h"

#include <bit>
#include <cmath>

namespace heapviz::ui {

namespace {

// Sizes beyond any screen are clamped so that rows * bytes-per-row stays far
// from 64-bit overflow whatever a caller passes.
constexpr double kMaxViewportPixels = 1e6;
constexpr int kMaxRows = 100000;

// A double as a byte count, clamped into [0, limit]; never converts a value
// out of range (which would be undefined).
Size toSize(double v, Size limit)
{
    if (!(v > 0))
        return 0;
    if (v >= double(limit))
        return limit;
    return Size(v);
}

Size ceilDiv(Size a, Size b) { return a / b + (a % b != 0); }

} // namespace

MemoryMapGeometry::MemoryMapGeometry(Size heapSize, QSizeF viewport)
    : m_viewport(viewport)
    , m_heapSize(std::min(heapSize, kMaxHeapBytes))
{
    fitAll();
}

Size MemoryMapGeometry::niceBytesPerRow(Size bytes)
{
    if (bytes <= 1)
        return 1;
    bytes = std::min(bytes, kMaxHeapBytes);
    const Size power = std::bit_ceil(bytes);
    const Size threeQuarters = power / 4 * 3; // 3 * 2^k just below `power`
    // No 12 or 6: rows of those would start off the 8-byte grid blocks sit on.
    return power >= 32 && threeQuarters >= bytes ? threeQuarters : power;
}

Size MemoryMapGeometry::niceBelow(Size bytes)
{
    if (bytes <= 2)
        return 1;
    const Size power = std::bit_floor(bytes - 1);
    const Size threeHalves = power / 2 * 3; // 3 * 2^k just above `power`
    return power >= 16 && threeHalves < bytes ? threeHalves : power;
}

double MemoryMapGeometry::rowWidth() const { return std::max(1.0, m_viewport.width() - m_margin); }

void MemoryMapGeometry::setViewport(QSizeF size)
{
    m_viewport = QSizeF(std::clamp(size.width(), 0.0, kMaxViewportPixels),
                        std::clamp(size.height(), 0.0, kMaxViewportPixels));
    relayout();
}

void MemoryMapGeometry::setHeapSize(Size bytes)
{
    m_heapSize = std::min(bytes, kMaxHeapBytes);
    relayout();
}

void MemoryMapGeometry::setExtent(Size bytes)
{
    m_extent = std::min(bytes, kMaxHeapBytes);
    relayout();
}

void MemoryMapGeometry::setMargin(double px)
{
    m_margin = std::clamp(px, 0.0, kMaxViewportPixels);
    relayout();
}

void MemoryMapGeometry::setRowHeight(double px)
{
    m_rowHeight = std::clamp(px, 1.0, kMaxViewportPixels);
    relayout();
}

void MemoryMapGeometry::fillHeight(double least, double most)
{
    if (!m_fitted || extent() == 0)
        return;
    double best = least;
    double filled = -1;
    for (double h = std::floor(most); h >= least; h -= 1) {
        m_rowHeight = h;
        relayout();
        const double rows = double(ceilDiv(extent(), m_bytesPerRow));
        const double height = rows * rowPitch() - m_rowGap;
        if (height <= m_viewport.height() && height > filled + 0.5) {
            best = h;
            filled = height;
        }
    }
    m_rowHeight = best;
    relayout();
}

void MemoryMapGeometry::setRowGap(double px)
{
    m_rowGap = std::clamp(px, 0.0, kMaxViewportPixels);
    relayout();
}

// Derives rows, bytes per row, scale and first address from the inputs and the
// requested view, clamping the request to what can be shown: no closer than
// kMaxPixelsPerByte or kMinBytesPerRow, no further out than the whole extent,
// no scrolling past either end.
void MemoryMapGeometry::relayout()
{
    m_rows = int(std::clamp(std::floor((m_viewport.height() + m_rowGap) / rowPitch()), 1.0,
                            double(kMaxRows)));
    const double width = rowWidth();
    const Size closest =
        std::max(kMinBytesPerRow, niceBytesPerRow(Size(std::ceil(width / kMaxPixelsPerByte))));
    const Size rows = Size(m_rows);
    m_maxSpan = double(std::max(extent(), rows * closest));
    if (m_fitted) {
        m_span = m_maxSpan;
        m_start = 0;
    }
    m_span = std::clamp(m_span, double(rows * closest), m_maxSpan);
    const Size span = toSize(std::ceil(m_span), Size(m_maxSpan));
    m_bytesPerRow = std::max(closest, niceBytesPerRow(ceilDiv(span, rows)));
    m_pixelsPerByte = width / double(m_bytesPerRow);

    // The last row start from which the rows reach the extent's end.
    const Size over = extent() > capacity() ? extent() - capacity() : 0;
    const Size lastStart = ceilDiv(over, m_bytesPerRow) * m_bytesPerRow;
    m_start = std::clamp(m_start, 0.0, double(lastStart));
    // The nearest row start, not the one below: a drag a hair to the right of
    // a row start must not scroll a whole row.
    const Size start = toSize(m_start + double(m_bytesPerRow) / 2, lastStart + m_bytesPerRow);
    m_origin = Address(std::min(start / m_bytesPerRow * m_bytesPerRow, lastStart));
}

Address MemoryMapGeometry::last() const
{
    return Address(std::min(m_origin.value() + capacity(), m_heapSize));
}

void MemoryMapGeometry::fitAll()
{
    m_fitted = true;
    relayout();
}

void MemoryMapGeometry::showRange(Address first, Address last)
{
    first = std::min(first, Address(extent()));
    last = std::clamp(last, first + 1, std::max(first + 1, Address(extent())));
    m_fitted = false;
    m_span = double(last - first);
    // The row holding `first` comes first; that may push `last` off the
    // bottom, so widen the rows a nice step at a time until it fits: the whole
    // extent always does.
    const auto startAt = [&] {
        relayout(); // the bytes per row
        m_start = double(first.value() / m_bytesPerRow * m_bytesPerRow);
        relayout();
    };
    startAt();
    for (int i = 0; i < 128 && m_origin + capacity() < last && m_span < m_maxSpan; ++i) {
        m_span = double(Size(m_rows) * niceBytesPerRow(m_bytesPerRow + 1));
        startAt();
    }
    m_fitted = m_span >= m_maxSpan;
}

void MemoryMapGeometry::showRows(Address first, Size bytesPerRow)
{
    m_fitted = false;
    m_span = double(Size(m_rows) * std::max<Size>(1, bytesPerRow));
    m_start = double(first.value());
    relayout();
    m_fitted = m_span >= m_maxSpan;
    if (m_fitted)
        relayout();
}

double MemoryMapGeometry::exactAddressAt(QPointF pixel, int* row, double* x) const
{
    *row = int(std::clamp(std::floor(pixel.y() / rowPitch()), 0.0, double(m_rows - 1)));
    *x = std::clamp(pixel.x() - m_margin, 0.0, rowWidth());
    return double(m_origin.value()) + double(*row) * double(m_bytesPerRow)
           + *x / m_pixelsPerByte;
}

void MemoryMapGeometry::zoomAbout(double span, double anchor, int row)
{
    if (!(span > 0) || !std::isfinite(span))
        return;
    m_fitted = false;
    m_span = span;
    relayout(); // the new bytes per row
    const Size anchorRow = toSize(anchor, kMaxHeapBytes) / m_bytesPerRow;
    m_start = (double(anchorRow) - double(row)) * double(m_bytesPerRow);
    relayout(); // the new first address
    m_fitted = m_span >= m_maxSpan;
    if (m_fitted)
        relayout();
}

void MemoryMapGeometry::zoomAt(double factor, QPointF pixel)
{
    int row = 0;
    double x = 0;
    const double anchor = exactAddressAt(pixel, &row, &x);
    zoomAbout(m_span / factor, anchor, row);
}

// From the shown bytes per row, not the requested span: the span may lie
// anywhere between two nice widths, and a step must cross one.
void MemoryMapGeometry::zoomStepsAt(int steps, QPointF pixel)
{
    Size target = m_bytesPerRow;
    for (int i = 0; i < std::abs(steps) && target < kMaxHeapBytes; ++i)
        target = steps > 0 ? niceBelow(target) : niceBytesPerRow(target + 1);
    int row = 0;
    double x = 0;
    const double anchor = exactAddressAt(pixel, &row, &x);
    zoomAbout(double(Size(m_rows) * target), anchor, row);
}

void MemoryMapGeometry::zoom(double factor, Address anchor)
{
    if (!isVisible(anchor))
        return zoomAt(factor, QPointF(m_margin + rowWidth() / 2, double(m_rows) * rowPitch() / 2));
    zoomAbout(m_span / factor, double(anchor.value()), int((anchor - m_origin) / m_bytesPerRow));
}

void MemoryMapGeometry::panBy(QPointF pixels)
{
    // From the requested start, not the shown one: the shown one is rounded
    // to a row start, which would swallow every small step of a drag.
    m_start -= pixels.x() / m_pixelsPerByte + pixels.y() / rowPitch() * double(m_bytesPerRow);
    relayout();
}

void MemoryMapGeometry::panByBytes(std::int64_t bytes)
{
    m_start += double(bytes);
    relayout();
}

QPointF MemoryMapGeometry::pointFor(Address a) const
{
    // Rows above the view have negative indices; integer arithmetic keeps
    // huge heaps exact.
    std::int64_t row = 0;
    Size column = 0;
    if (a >= m_origin) {
        row = std::int64_t((a - m_origin) / m_bytesPerRow);
        column = (a - m_origin) % m_bytesPerRow;
    } else {
        const Size back = ceilDiv(m_origin - a, m_bytesPerRow);
        row = -std::int64_t(back);
        column = back * m_bytesPerRow - (m_origin - a);
    }
    return {m_margin + double(column) * m_pixelsPerByte, double(row) * rowPitch()};
}

std::optional<Address> MemoryMapGeometry::addressAt(QPointF p) const
{
    const double x = p.x() - m_margin;
    if (!(x >= 0 && x < rowWidth() && p.y() >= 0))
        return std::nullopt;
    const double row = std::floor(p.y() / rowPitch());
    if (row >= double(m_rows) || p.y() - row * rowPitch() >= m_rowHeight)
        return std::nullopt;
    // A point on a byte's left edge (as pointFor gives) belongs to that byte
    // even when rounding puts it a hair to the left: hence the tiny nudge.
    const double column = x / m_pixelsPerByte;
    const Size byte =
        toSize(std::floor(column + std::max(1e-9, column * 1e-12)), m_bytesPerRow - 1);
    const Address a = m_origin + Size(row) * m_bytesPerRow + byte;
    if (a.value() >= m_heapSize)
        return std::nullopt;
    return a;
}

std::vector<QRectF> MemoryMapGeometry::rectsFor(Address from, Address to) const
{
    std::vector<QRectF> rects;
    forEachPiece(from, to, [&](const QRectF& r, bool, bool) { rects.push_back(r); });
    return rects;
}

std::vector<std::pair<double, Address>> MemoryMapGeometry::rowStarts() const
{
    std::vector<std::pair<double, Address>> starts;
    for (int row = 0; row < m_rows; ++row) {
        const Address start = m_origin + Size(row) * m_bytesPerRow;
        if (start.value() >= m_heapSize)
            break;
        starts.emplace_back(double(row) * rowPitch(), start);
    }
    return starts;
}

} // namespace heapviz::ui
