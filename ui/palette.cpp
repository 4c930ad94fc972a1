#include "palette.h"

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

// Okabe-Ito blue, orange, bluish green and reddish purple: told apart under
// every common colour-vision deficiency, and none close to the free grey.
QColor strategyColor(Strategy strategy)
{
    switch (strategy) {
    case Strategy::First: return QColor(0x00, 0x72, 0xB2);
    case Strategy::Next: return QColor(0xE6, 0x9F, 0x00);
    case Strategy::Best: return QColor(0x00, 0x9E, 0x73);
    case Strategy::Worst: return QColor(0xCC, 0x79, 0xA7);
    }
    return QColor(Qt::black);
}

} // namespace heapviz::ui
