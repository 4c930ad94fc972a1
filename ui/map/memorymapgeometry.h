#pragma once
// MemoryMapGeometry: where each heap byte is drawn in the memory map. The heap
// is drawn to scale by address, as text is set: rows of `bytesPerRow()` bytes,
// left to right and top to bottom, a block that does not fit on one row going
// on at the start of the next. A ruler of row-start addresses takes the left
// margin.
//
// A value type with no widget, so that the mapping is tested without pixels;
// the widget only paints what it says.
//
// Rows start at multiples of bytesPerRow(), as a hex dump's do, at every zoom
// and pan position, so that the ruler's labels are round addresses and a
// block's address can be read off the ruler. Bytes per row are "nice" (a power
// of two, or from 24 up three times one: 0x100, 0x180, 0x200 ...), so that
// every row of 8 bytes or more starts at a multiple of 8, as blocks do.
//
// The view is kept as a requested span of bytes and a requested first byte,
// both continuous, so that small wheel steps and drags add up; what is shown is
// derived from them: the span rounded up to nice rows, the first byte rounded
// to the nearest row start.
//
// Maps that show lanes side by side can share an extent (setExtent): each then
// fits and scrolls over the same address range, the largest heap's, so that
// the same address is in the same place in every lane.

#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "core/model/types.h"

namespace heapviz::ui {

class MemoryMapGeometry {
public:
    // The closest zoom: a handful of bytes per row, each a few tens of pixels
    // wide, so that a class can count a header's bytes; no closer, since a
    // row of fewer bytes than a header would no longer show a block's shape.
    static constexpr double kMaxPixelsPerByte = 64.0;
    static constexpr Size kMinBytesPerRow = 8;
    static constexpr double kDefaultMargin = 64.0;
    static constexpr double kDefaultRowHeight = 16.0;
    static constexpr double kDefaultRowGap = 4.0;

    MemoryMapGeometry() = default;
    // The whole of a `heapSize`-byte heap in a viewport of `viewport` pixels.
    MemoryMapGeometry(Size heapSize, QSizeF viewport);

    // Inputs. Each keeps the current view as far as it can; a view that showed
    // the whole heap goes on showing the whole heap (a growing heap stays fitted).
    void setViewport(QSizeF size);
    void setHeapSize(Size bytes);
    // The address range the view fits and pans over is [0, extent()), where
    // extent() is the larger of the heap and `bytes`: linked maps pass the
    // largest of their heaps, so that all show the same rows. 0: the heap's own.
    void setExtent(Size bytes);
    void setMargin(double px);
    void setRowHeight(double px);
    // With the whole heap in view: the row height in [least, most] pixels at
    // which the rows the heap takes fill most of the viewport (the tallest of
    // equals), so that a map with room to spare draws fewer, taller rows
    // rather than leave its lower part empty. A zoomed view keeps its rows.
    void fillHeight(double least, double most);
    void setRowGap(double px);

    QSizeF viewport() const { return m_viewport; }
    Size heapSize() const { return m_heapSize; }
    Size extent() const { return std::max(m_heapSize, m_extent); }
    double margin() const { return m_margin; }
    double rowHeight() const { return m_rowHeight; }
    double rowGap() const { return m_rowGap; }
    double rowPitch() const { return m_rowHeight + m_rowGap; }
    // Pixels across a row, right of the margin (at least 1).
    double rowWidth() const;

    // The view.
    void fitAll();
    // Shows at least [first, last), as closely as the rows allow.
    void showRange(Address first, Address last);
    // Shows rows of `bytesPerRow` bytes from the row start nearest `first`, as
    // far as the limits allow: how a linked map takes another's view.
    void showRows(Address first, Size bytesPerRow);
    // Zooms in by `factor` (< 1 zooms out), keeping `anchor` on the same row
    // when it is in view (its column follows from its address); else about
    // the middle of the view.
    void zoom(double factor, Address anchor);
    // Zooms in by `factor` keeping whatever is under `pixel` on that row.
    void zoomAt(double factor, QPointF pixel);
    // Zooms `steps` nice row widths in (negative: out), keeping whatever is
    // under `pixel` on that row: each step shows a change, as a key press must.
    void zoomStepsAt(int steps, QPointF pixel);
    // Moves the content by `pixels` as a drag does: right shows lower
    // addresses, down shows earlier rows. Drags add up, and the rows move
    // once they amount to half a row's bytes.
    void panBy(QPointF pixels);
    // Moves the view `bytes` towards higher addresses (negative: lower).
    void panByBytes(std::int64_t bytes);
    // Whether the view is the whole extent (and so follows the heap as it grows).
    bool showsAll() const { return m_fitted; }

    // What is shown: rows [0, rowCount()) of bytesPerRow() bytes from first(),
    // cut off at the heap's end.
    Address first() const { return m_origin; }
    Address last() const;
    Size bytesPerRow() const { return m_bytesPerRow; }
    int rowCount() const { return m_rows; }
    double pixelsPerByte() const { return m_pixelsPerByte; }
    double bytesPerPixel() const { return 1.0 / m_pixelsPerByte; }
    bool isVisible(Address a) const { return a >= m_origin && a - m_origin < capacity() && a.value() < m_heapSize; }

    // The top-left corner of byte `a` (rows above or below the view included).
    QPointF pointFor(Address a) const;
    // The byte drawn at `p`; nullopt in the margin, in a gap between rows,
    // outside the viewport or past the heap's end.
    std::optional<Address> addressAt(QPointF p) const;
    // The rectangles that show [from, to), one per row it touches, clipped to the view.
    std::vector<QRectF> rectsFor(Address from, Address to) const;
    // rectsFor without the vector: calls f(rect, openLeft, openRight) per row
    // piece, where open means the range goes on past that side (into the
    // previous or next row, or out of view), so outlines can leave it open.
    template <class F> void forEachPiece(Address from, Address to, F&& f) const;
    // The top y of each row and the address it starts at, for the ruler; rows
    // past the heap's end are left out.
    std::vector<std::pair<double, Address>> rowStarts() const;

    // The least nice bytes-per-row value that is at least `bytes`: 1, 2, 4, 8,
    // 16, 24, 32, 48, 64, 96 ... (2^k, or 3 * 2^k from 24 up).
    static Size niceBytesPerRow(Size bytes);
    // The largest nice value below `bytes` (1 for 1 and below).
    static Size niceBelow(Size bytes);

private:
    void relayout();
    Size capacity() const { return Size(m_rows) * m_bytesPerRow; }
    // The byte under `pixel` as a continuous address, the pixel clamped into the rows.
    double exactAddressAt(QPointF pixel, int* row, double* x) const;
    // Shows a span of `span` bytes putting byte `anchor` on row `row`.
    void zoomAbout(double span, double anchor, int row);

    // Inputs.
    QSizeF m_viewport;
    Size m_heapSize = 0;
    Size m_extent = 0;
    double m_margin = kDefaultMargin;
    double m_rowHeight = kDefaultRowHeight;
    double m_rowGap = kDefaultRowGap;

    // The requested view (continuous) and whether it is "the whole heap".
    double m_start = 0;
    double m_span = 0;
    bool m_fitted = true;

    // Derived by relayout().
    int m_rows = 1;
    Size m_bytesPerRow = 1;
    Address m_origin;
    double m_pixelsPerByte = 1;
    double m_maxSpan = 1;
};

template <class F> void MemoryMapGeometry::forEachPiece(Address from, Address to, F&& f) const
{
    const Address lo = std::max(from, m_origin);
    const Address hi = std::min({to, m_origin + capacity(), Address(m_heapSize)});
    if (lo >= hi)
        return;
    const Size firstRow = (lo - m_origin) / m_bytesPerRow;
    const Size lastRow = (hi - m_origin - 1) / m_bytesPerRow;
    for (Size row = firstRow; row <= lastRow; ++row) {
        const Address rowStart = m_origin + row * m_bytesPerRow;
        const Address a = std::max(lo, rowStart);
        const Address b = std::min(hi, rowStart + m_bytesPerRow);
        const double x0 = m_margin + double(a - rowStart) * m_pixelsPerByte;
        const double x1 = m_margin + double(b - rowStart) * m_pixelsPerByte;
        f(QRectF(x0, double(row) * rowPitch(), x1 - x0, m_rowHeight), a != from, b != to);
    }
}

} // namespace heapviz::ui
