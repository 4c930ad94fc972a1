#include "ui/charts/chartaxes.h"

#include <QAbstractSeries>
#include <QChart>
#include <QFontMetricsF>
#include <QLegend>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace heapviz::ui {

// "64", "1K", "2M": a power of two, short.
QString shortBytes(Size n)
{
    if (n >= (Size{1} << 30) && n % (Size{1} << 30) == 0)
        return QString::number(n >> 30) + "G";
    if (n >= (Size{1} << 20) && n % (Size{1} << 20) == 0)
        return QString::number(n >> 20) + "M";
    if (n >= 1024 && n % 1024 == 0)
        return QString::number(n >> 10) + "K";
    return QString::number(n);
}

// A whole, round interval (1, 2, 2.5 or 5 times a power of ten; 2.5 only from
// 25 up) that cuts `span` into at most `intervals` parts.
double niceInterval(double span, int intervals)
{
    const double raw = std::max(span, 1.0) / std::max(intervals, 1);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0})
        if (raw <= m * power && (m != 2.5 || power >= 10))
            return std::max(1.0, m * power);
    return std::max(1.0, 10 * power);
}

// The tick interval over `span` on an axis `length` pixels long whose labels
// each need `labelExtent` pixels along it and `air` between them, so that no
// label is elided.
double tickIntervalFor(double span, double length, double labelExtent, double air)
{
    const int labels = int(length / (labelExtent + kTextSlack + kLabelPadding + air));
    return niceInterval(span, std::max(labels - 1, 1));
}

// Gives an axis the range [0, max] and a tick interval, in whichever order
// never asks it for more ticks than it shows before or after. Qt Charts makes
// a label, a tick and a grid line per tick at once on each change: going from
// 164 to 1,000,000 operations range first made 50,000 of them for an instant,
// and destroyed them again (a 20 s freeze). Of the two orders, one always
// stays at or below the larger of the two counts: their product is the
// product of the before and after counts.
void setRangeAndInterval(QValueAxis* axis, double max, double interval)
{
    const double rangeFirst = max / axis->tickInterval();
    const double intervalFirst = (axis->max() - axis->min()) / interval;
    if (intervalFirst <= rangeFirst) {
        axis->setTickInterval(interval);
        axis->setRange(0, max);
    } else {
        axis->setRange(0, max);
        axis->setTickInterval(interval);
    }
}

QChart* newChart()
{
    auto* chart = new QChart;
    chart->legend()->hide(); // one legend serves both charts: ChartLegend
    chart->setMargins(QMargins(2, 2, 6, 2));
    chart->setBackgroundRoundness(0);
    chart->setPlotAreaBackgroundVisible(false);
    return chart;
}

QValueAxis* newValueAxis()
{
    auto* axis = new QValueAxis;
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(1);
    axis->setRange(0, 1);
    axis->setLabelFormat("%d"); // every axis counts whole things: operations, blocks, KiB, percent
    return axis;
}

// `font` scaled by `factor`, whether its size is in points or pixels.
QFont scaledFont(QFont font, double factor)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(std::max(6.0, font.pointSizeF() * factor));
    else
        font.setPixelSize(std::max(8, int(std::lround(font.pixelSize() * factor))));
    return font;
}

// The first of `texts` (longest first) that `font` writes within `width`
// pixels, else the last: a narrow chart gets a shorter title, not a cut one.
QString firstThatFits(const QStringList& texts, const QFont& font, double width)
{
    const QFontMetricsF metrics(font);
    for (const QString& text : texts)
        if (metrics.horizontalAdvance(text) + kTextSlack <= width)
            return text;
    return texts.last();
}

// The series to put on a chart, after which Qt Charts draws it.
void addOnTop(QChart* chart, QAbstractSeries* series, QValueAxis* x, QValueAxis* y)
{
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
}

} // namespace heapviz::ui
