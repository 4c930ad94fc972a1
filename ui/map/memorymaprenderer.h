#pragma once
// Paints a BlockLayout as the memory map that a MemoryMapGeometry lays out:
// used blocks in their id's colour, free blocks hatched, header and footer
// bytes, the selection, a search's examined blocks and the one it chose, next
// fit's rover, the blocks the step's faults concern and the bytes a bad write
// damaged, and the address ruler.
// At the closest zooms each byte is drawn as a cell and the header and
// footer are named.
//
// Fast at any zoom: every block goes through one pass that sums, per pixel
// column of each row, how much of that pixel is used and free, and each row is
// then drawn as one image strip. A block narrower than a pixel thus costs a few
// additions, never a rectangle; only blocks wide enough to show details
// (hatching, boundaries, tags) add rectangles, and those are drawn in batches.

#include <QFont>
#include <QString>

#include <optional>
#include <vector>

#include "core/model/types.h"
#include "ui/map/faultmark.h"
#include "ui/map/memorymapgeometry.h"
#include "ui/style/theme.h"

class QImage;
class QPainter;
class QSize;

namespace heapviz {
class BlockLayout;
} // namespace heapviz

namespace heapviz::ui {

struct MapStyle {
    std::optional<TraceId> selected; // outlined: the id picked in any view
    std::vector<Address> examined;   // free blocks a search looked at (block starts)
    std::optional<Address> chosen;   // the block that search took
    std::optional<Address> rover;    // next fit's rover: where its next search starts
    std::vector<FaultMark> faults;   // blocks the current step's faults concern, bytes its bad write damaged
    Size header = 0, footer = 0;     // tag bytes of each used block (HeapConfig)
    Size prefix = 0, suffix = 0;     // bytes at the heap's ends that are no block
    Theme theme = Theme::of(ThemeKind::Light);
    QFont font; // the widget's: the ruler and the labels follow the window's text scale
};

// Thresholds of detail, in pixels: below them the detail would be noise.
inline constexpr double kBoundaryMinPixels = 3.0; // a block this wide gets edge lines
inline constexpr double kTagMinPixels = 2.0;      // a header or footer this wide is drawn
inline constexpr double kHatchMinPixels = 4.0;    // a free block this wide is hatched
inline constexpr double kByteMinPixels = 8.0;     // a byte this wide is a cell of its own

// Paints the map into [0, size) of the painter's device (which it fills first).
void renderMemoryMap(QPainter& painter, const QSize& size, const BlockLayout& layout,
                     const MemoryMapGeometry& geometry, const MapStyle& style);
// The same into the whole of `image` (best as Format_ARGB32_Premultiplied or Format_RGB32).
void renderMemoryMap(QImage& image, const BlockLayout& layout, const MemoryMapGeometry& geometry,
                     const MapStyle& style);

// The ruler's font: the monospace face at `base`'s size.
QFont rulerFont(const QFont& base);
// The margin the ruler needs for addresses up to `largest` in `base`'s size
// (at least MemoryMapGeometry::kDefaultMargin).
double rulerWidthFor(Address largest, const QFont& base);

struct RulerLabel {
    double y = 0; // the top of the row it names
    Address address;
    QString text; // "0x1200"; its low digits only when the margin is too narrow
};
// The ruler: row-start addresses, for every row or, when rows are lower than
// the text, every few rows.
std::vector<RulerLabel> rulerLabels(const MemoryMapGeometry& geometry, const QFont& base);

} // namespace heapviz::ui
