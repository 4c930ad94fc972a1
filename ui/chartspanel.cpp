#include "chartspanel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <bit>
#include <cmath>

#include "palette.h"
#include "seriesthinning.h"
#include "session.h"

namespace heapviz::ui {

namespace {

double metricValue(const Metrics& m, ChartsPanel::Metric metric)
{
    switch (metric) {
    case ChartsPanel::Metric::ExternalFragmentation: return m.externalFragmentation() * 100;
    case ChartsPanel::Metric::LargestFree: return double(m.largestFree);
    case ChartsPanel::Metric::FreeBlocks: return double(m.freeBlocks);
    case ChartsPanel::Metric::Utilization: return m.utilization() * 100;
    }
    return 0;
}

bool isPercent(ChartsPanel::Metric m)
{
    return m == ChartsPanel::Metric::ExternalFragmentation || m == ChartsPanel::Metric::Utilization;
}

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

// A round interval (1, 2 or 5 times a power of ten) giving about `ticks` ticks over `span`.
double niceInterval(double span, int ticks)
{
    const double raw = std::max(span, 1.0) / std::max(ticks, 1);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0})
        if (raw <= m * power)
            return std::max(1.0, m * power);
    return std::max(1.0, 10 * power);
}

QChart* newChart()
{
    auto* chart = new QChart;
    chart->legend()->setVisible(true);
    chart->legend()->setAlignment(Qt::AlignRight); // height is what the charts are short of
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    return chart;
}

} // namespace

ChartsPanel::ChartsPanel(QWidget* parent)
    : QWidget(parent)
    , m_metricBox(new QComboBox(this))
    , m_lineChart(newChart())
    , m_lineView(new QChartView(m_lineChart, this))
    , m_x(new QValueAxis)
    , m_y(new QValueAxis)
    , m_cursor(new QLineSeries)
    , m_histChart(newChart())
    , m_histView(new QChartView(m_histChart, this))
{
    m_metricBox->addItems({tr("External fragmentation (%)"), tr("Largest free block (bytes)"),
                           tr("Free blocks"), tr("Utilization (%)")});
    m_metricBox->setAccessibleName(tr("Charted metric"));
    m_metricBox->setFocusPolicy(Qt::NoFocus);
    m_lineChart->addAxis(m_x, Qt::AlignBottom);
    m_lineChart->addAxis(m_y, Qt::AlignLeft);
    m_x->setTitleText(tr("operation"));
    m_x->setLabelFormat("%d");
    m_lineView->setRenderHint(QPainter::Antialiasing);
    m_lineView->viewport()->installEventFilter(this);
    m_lineView->setToolTip(tr("Click to jump to that step"));
    m_lineView->setAccessibleName(tr("Metric over time"));
    m_histChart->setTitle(tr("Free blocks by size at this step"));
    m_histView->setAccessibleName(tr("Free block size histogram"));

    auto* left = new QVBoxLayout;
    left->addWidget(m_metricBox);
    left->addWidget(m_lineView, 1);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addLayout(left, 3);
    row->addWidget(m_histView, 2);

    connect(m_metricBox, &QComboBox::currentIndexChanged, this,
            [this](int i) { setMetric(Metric(i)); });
}

void ChartsPanel::setSession(Session* session)
{
    m_session = session;
    rebuildSeries();
    buildHistogram();
    refresh();
}

void ChartsPanel::setMetric(Metric metric)
{
    m_metric = metric;
    const QSignalBlocker quiet(m_metricBox);
    m_metricBox->setCurrentIndex(int(metric));
    rebuildSeries();
    refresh();
}

void ChartsPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);

    rebuildSeries(); // thinning depends on the width in pixels
    refresh();
}

// One series per lane, thinned to about two points per pixel column.
void ChartsPanel::rebuildSeries()
{
    const auto old = m_lineChart->series();
    for (QAbstractSeries* s : old) {
        m_lineChart->removeSeries(s);
        if (s != m_cursor)
            delete s;
    }
    if (!m_session)
        return;
    const std::size_t steps = m_session->steps();
    const int columns = std::max(50, m_lineView->viewport()->width());
    double top = isPercent(m_metric) ? 100 : 1;
    for (std::size_t i = 0; i < m_session->laneCount(); ++i) {
        const Lane& lane = m_session->lane(i);
        auto* series = new QLineSeries;
        series->setName(QString::fromLatin1(strategyName(lane.strategy).data()));
        QPen pen(strategyColor(lane.strategy));
        pen.setWidthF(2.0);
        series->setPen(pen);
        // Sample i is the state after operation i, i.e. at step i + 1.
        const auto& samples = lane.run.samples;
        series->replace(thinSeries(steps, [&](std::size_t k) { return metricValue(samples[k], m_metric); },
                                   columns, 1));
        for (const Metrics& m : samples)
            top = std::max(top, metricValue(m, m_metric));
        m_lineChart->addSeries(series);
        series->attachAxis(m_x);
        series->attachAxis(m_y);
        addCompactionMarks(lane);
    }
    m_cursor->setName(tr("now"));
    QPen cursorPen(QColor(60, 60, 60));
    cursorPen.setWidthF(1.5);
    cursorPen.setStyle(Qt::DashLine);
    m_cursor->setPen(cursorPen);
    m_lineChart->addSeries(m_cursor);
    m_cursor->attachAxis(m_x);
    m_cursor->attachAxis(m_y);
    m_lineChart->legend()->markers(m_cursor).first()->setVisible(false);
    // Round ticks, about one every 40 pixels up and 120 across: closer, and
    // the labels are elided to "...".
    const double xSpan = double(std::max<std::size_t>(steps, 1));
    const double ySpan = isPercent(m_metric) ? 100 : top * 1.05;
    const int yTicks = std::clamp(m_lineView->height() / 40, 1, 5);
    m_x->setRange(0, xSpan);
    m_x->setTickType(QValueAxis::TicksDynamic);
    m_x->setTickAnchor(0);
    m_x->setTickInterval(niceInterval(xSpan, std::clamp(m_lineView->width() / 120, 2, 10)));
    m_y->setTickType(QValueAxis::TicksDynamic);
    m_y->setTickAnchor(0);
    m_y->setTickInterval(isPercent(m_metric) ? (yTicks >= 4 ? 25 : 50) : niceInterval(ySpan, yTicks));
    m_y->setRange(0, ySpan);
    m_y->setLabelFormat(isPercent(m_metric) || m_metric == Metric::FreeBlocks ? "%d" : "%.3g");
}

// A triangle on the lane's line at every operation that ran a compaction.
void ChartsPanel::addCompactionMarks(const Lane& lane)
{
    QList<QPointF> marks;
    const auto& samples = lane.run.samples;
    for (std::size_t i = 0; i < samples.size(); ++i)
        if (samples[i].compactions > (i ? samples[i - 1].compactions : 0))
            marks.append({double(i + 1), metricValue(samples[i], m_metric)});
    if (marks.isEmpty())
        return;
    auto* series = new QScatterSeries;
    series->setName(tr("compactions"));
    series->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    series->setMarkerSize(12);
    series->setColor(strategyColor(lane.strategy));
    series->setBorderColor(QColor(40, 40, 40));
    series->replace(marks);
    m_lineChart->addSeries(series);
    series->attachAxis(m_x);
    series->attachAxis(m_y);
    for (QLegendMarker* marker : m_lineChart->legend()->markers(series))
        marker->setVisible(false);
}

void ChartsPanel::refresh()
{
    if (!m_session)
        return;
    const double x = double(m_session->step());
    m_cursor->replace(QList<QPointF>{{x, m_y->min()}, {x, m_y->max()}});
    updateHistogram();
}

// The histogram's series, one bar set per lane, and its axes: made once per
// session; a step only changes the numbers.
void ChartsPanel::buildHistogram()
{
    m_histChart->removeAllSeries();
    for (QAbstractAxis* a : m_histChart->axes()) {
        m_histChart->removeAxis(a);
        delete a;
    }
    m_histSeries = nullptr;
    if (!m_session)
        return;
    m_histSeries = new QBarSeries;
    for (std::size_t i = 0; i < m_session->laneCount(); ++i) {
        auto* set = new QBarSet(QString::fromLatin1(strategyName(m_session->lane(i).strategy).data()));
        set->setColor(strategyColor(m_session->lane(i).strategy));
        set->setBorderColor(Qt::transparent);
        for (int c = 0; c < kSizeClasses; ++c)
            *set << 0;
        m_histSeries->append(set);
    }
    m_histChart->addSeries(m_histSeries);
    m_histX = new QBarCategoryAxis;
    m_histX->setTitleText(tr("block size (bytes, at least)"));
    m_histY = new QValueAxis;
    m_histY->setTickType(QValueAxis::TicksDynamic);
    m_histY->setTickAnchor(0);
    m_histY->setLabelFormat("%d");
    m_histChart->addAxis(m_histX, Qt::AlignBottom);
    m_histChart->addAxis(m_histY, Qt::AlignLeft);
    m_histSeries->attachAxis(m_histX);
    m_histSeries->attachAxis(m_histY);
}

// Free blocks counted in power-of-two size classes, from the smallest free
// block's class up; the last class takes everything larger.
void ChartsPanel::updateHistogram()
{
    if (!m_histSeries)
        return;
    Size smallest = ~Size{0};
    std::vector<std::vector<Size>> sizes;
    for (std::size_t i = 0; i < m_session->laneCount(); ++i) {
        sizes.emplace_back();
        for (const FreeSpan& f : m_session->lane(i).cursor->layout().freeSpans()) {
            sizes.back().push_back(f.size);
            smallest = std::min(smallest, f.size);
        }
    }
    if (smallest == ~Size{0})
        smallest = m_session->data().settings.config.minBlock;
    const Size base = std::bit_floor(std::max<Size>(smallest, 1));
    QStringList categories;
    for (int c = 0; c < kSizeClasses; ++c)
        categories << (c + 1 == kSizeClasses ? "≥" : "") + shortBytes(base << c);
    if (m_histX->categories() != categories)
        m_histX->setCategories(categories);
    int most = 1;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        std::vector<int> counts(kSizeClasses, 0);
        for (Size s : sizes[i])
            ++counts[std::size_t(std::clamp(int(std::bit_width(s / base)) - 1, 0, kSizeClasses - 1))];
        QBarSet* set = m_histSeries->barSets().at(qsizetype(i));
        for (int c = 0; c < kSizeClasses; ++c) {
            set->replace(c, counts[std::size_t(c)]);
            most = std::max(most, counts[std::size_t(c)]);
        }
    }
    // Whole numbers on the ticks: counts have no fractions.
    const int interval = std::max(1, (most + 4) / 5);
    m_histY->setRange(0, interval * ((most + interval - 1) / interval));
    m_histY->setTickInterval(interval);
}

bool ChartsPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_lineView->viewport() && event->type() == QEvent::MouseButtonPress && m_session) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        const QPointF value = m_lineChart->mapToValue(m_lineView->mapToScene(mouse->pos()));
        if (m_lineChart->plotArea().contains(m_lineView->mapToScene(mouse->pos()))) {
            Q_EMIT stepRequested(std::size_t(std::clamp(std::llround(value.x()), 0ll,
                                                      (long long)m_session->steps())));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace heapviz::ui
