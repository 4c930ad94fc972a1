#pragma once
// What the charts share about axes and labels: round tick intervals that keep
// every label whole, the order in which to change an axis so that Qt Charts
// never makes thousands of ticks, short byte labels, fonts that follow the
// panel's, and a chart and a value axis set up as every chart here wants them.

#include <QFont>
#include <QString>
#include <QStringList>

#include "core/model/types.h"

class QAbstractSeries;
class QChart;
class QValueAxis;

namespace heapviz::ui {

// Axis labels are a notch smaller than the text around them.
inline constexpr double kLabelScale = 0.9;
// Qt Charts gives each axis label (axis length / number of labels) less 4 px
// on either side, and elides a label that does not fit.
inline constexpr qreal kLabelPadding = 8;
// Room between two labels side by side, so that they read as two numbers
// (stacked labels are apart by their line spacing already).
inline constexpr qreal kLabelAirAcross = 12;
inline constexpr qreal kLabelAirUp = 2;
// The label text item is a little wider than the text itself (document margins).
inline constexpr qreal kTextSlack = 4;

// "64", "1K", "2M": a power of two, short.
QString shortBytes(Size n);

// A whole, round interval (1, 2, 2.5 or 5 times a power of ten; 2.5 only from
// 25 up) that cuts `span` into at most `intervals` parts.
double niceInterval(double span, int intervals);

// The tick interval over `span` on an axis `length` pixels long whose labels
// each need `labelExtent` pixels along it and `air` between them, so that no
// label is elided.
double tickIntervalFor(double span, double length, double labelExtent, double air);

// Gives an axis the range [0, max] and a tick interval, in whichever order
// never asks it for more ticks than it shows before or after.
void setRangeAndInterval(QValueAxis* axis, double max, double interval);

// A chart without its own legend (ChartLegend serves them all), tight margins, square.
QChart* newChart();
// A value axis with dynamic ticks from 0 and whole-number labels.
QValueAxis* newValueAxis();

// `font` scaled by `factor`, whether its size is in points or pixels.
QFont scaledFont(QFont font, double factor);

// The first of `texts` (longest first) that `font` writes within `width`
// pixels, else the last: a narrow chart gets a shorter title, not a cut one.
QString firstThatFits(const QStringList& texts, const QFont& font, double width);

// The series put on a chart and attached to its axes.
void addOnTop(QChart* chart, QAbstractSeries* series, QValueAxis* x, QValueAxis* y);

} // namespace heapviz::ui
