#include "ui/style/palette.h"

#include "core/alloc/registry.h"

#include <array>

namespace heapviz::ui {

namespace {

// Tol's nine "muted" colours and Okabe-Ito blue, ordered so that each one
// differs from the next in lightness as well as hue: adjacent blocks stay apart
// even for readers who see hue poorly.
constexpr std::array<QRgb, kIdColorCount> kIdColors = {
    0xFFDDCC77, // sand
    0xFF332288, // indigo
    0xFF88CCEE, // cyan
    0xFF882255, // wine
    0xFF999933, // olive
    0xFF0072B2, // blue (Okabe-Ito)
    0xFFCC6677, // rose
    0xFF117733, // green
    0xFF44AA99, // teal
    0xFFAA4499, // purple
};

} // namespace

// The hash is the id modulo the table size (negative ids too): consecutive ids
// step through the table, so ids fewer than kIdColorCount apart never share a
// colour, and a trace that allocates in order gets neighbours that differ.
QRgb rgbForId(TraceId id)
{
    const TraceId slot = id % kIdColorCount; // in (-n, n): no overflow for any id
    return kIdColors[std::size_t(slot < 0 ? slot + kIdColorCount : slot)];
}

QColor colorForId(TraceId id) { return QColor::fromRgb(rgbForId(id)); }

namespace {

// The lane colours. Slots 0-3 (first, next, best, worst fit) are Okabe-Ito
// blue, orange and bluish green, and Okabe-Ito's reddish purple darkened to
// L* 34: the original CC79A7 (L* 61) was 3 L* from bluish green (L* 58), the
// same grey in a greyscale print. Slots 4-7 are Okabe-Ito sky blue and
// vermillion, Tol's bright red and Tableau's brown.
//
// How it was checked (tests/ui/lanecolors_test.cpp runs the same numbers):
// each colour is put through Machado, Oliveira & Fernandes (2009)'s
// deuteranopia matrix at severity 1.0 in linear RGB, then CIEDE2000 is taken
// between the simulated colours in CIELAB (D65); for greyscale, the CIE L*
// of each colour's relative luminance. Every pair of slots 0-3 is at least
// 15 apart in deuteranopic CIEDE2000 and 10 apart in L*; every pair of all
// eight at least 10 in deuteranopic CIEDE2000 (and 20 in ordinary vision).
// Eight greys 10 L* apart would not fit between a white and a dark
// background: lanes beyond the fourth are told apart in greyscale by their
// dash and marker, which every lane has.
constexpr std::array<QRgb, kLaneStyleCount> kLaneColors = {
    0xFF0072B2, // blue
    0xFFE69F00, // orange
    0xFF009E73, // bluish green
    0xFF9E005C, // reddish purple, darkened
    0xFF56B4E9, // sky blue
    0xFFD55E00, // vermillion
    0xFFEE6677, // red (Tol bright)
    0xFF8C564B, // brown (Tableau)
};

} // namespace

QColor laneColor(std::size_t slot) { return QColor::fromRgb(kLaneColors[slot % kLaneStyleCount]); }

QColor laneColor(const LaneSpec& lane) { return laneColor(colourSlot(lane)); }

// Qt's four dashes, then custom ones (in pen widths: dash, gap, ...) that stay
// apart from them at a glance: dash-dot-dot, long dashes, long-short, sparse dots.
QPen lanePen(std::size_t slot, qreal width)
{
    QPen pen(laneColor(slot), width);
    pen.setCapStyle(Qt::FlatCap);
    switch (slot % kLaneStyleCount) {
    case 0: pen.setStyle(Qt::SolidLine); break;
    case 1: pen.setDashPattern({4, 2}); break;
    case 2: pen.setDashPattern({1, 1.5}); break;
    case 3: pen.setDashPattern({5, 2, 1, 2}); break;
    case 4: pen.setDashPattern({5, 2, 1, 2, 1, 2}); break;
    case 5: pen.setDashPattern({9, 3}); break;
    case 6: pen.setDashPattern({9, 2, 3, 2}); break;
    case 7: pen.setDashPattern({1, 4}); break;
    }
    return pen;
}

LaneMarker laneMarker(std::size_t slot) { return LaneMarker(slot % kLaneStyleCount); }

} // namespace heapviz::ui
