#include "ui/charts/chartspanel.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QStackedWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <bit>
#include <cmath>

#include "ui/charts/breakdownchart.h"
#include "ui/charts/chartaxes.h"
#include "ui/charts/chartlegend.h"
#include "ui/charts/lanemarker.h"
#include "core/alloc/registry.h"
#include "ui/style/palette.h"
#include "ui/session/session.h"

namespace heapviz::ui {

namespace {

constexpr qreal kLineWidth = 2;
// A lane's markers stand this many marker widths apart, at least, so that
// with every lane's between them the line still shows.
constexpr double kMarkerSpacing = 6;
constexpr int kPixelsPerColumn = 3;
constexpr int kMinSizeClasses = 3;
constexpr int kMaxSizeClasses = 10;
} // namespace

ChartsPanel::ChartsPanel(QWidget* parent)
    : QWidget(parent)
    , m_metricBox(new QComboBox(this))
    , m_legend(new ChartLegend(this))
    , m_lineChart(newChart())
    , m_lineView(new QChartView(m_lineChart, this))
    , m_x(newValueAxis())
    , m_y(newValueAxis())
    , m_cursor(new QLineSeries)
    , m_histChart(newChart())
    , m_histView(new QChartView(m_histChart, this))
    , m_histSeries(new QBarSeries)
    , m_histX(new QBarCategoryAxis)
    , m_histY(newValueAxis())
    , m_sideBox(new QComboBox(this))
    , m_indexBox(new QCheckBox(tr("Unusable free space index"), this))
    , m_sideStack(new QStackedWidget(this))
    , m_note(new QLabel(this))
{
    for (ChartMetric m : kAllChartMetrics)
        m_metricBox->addItem(metricTitle(m));
    m_metricBox->setAccessibleName(tr("Charted metric"));
    m_metricBox->setFocusPolicy(Qt::NoFocus);
    m_lineChart->addAxis(m_x, Qt::AlignBottom);
    m_lineChart->addAxis(m_y, Qt::AlignLeft);
    m_x->setTitleText(tr("operation"));
    addOnTop(m_lineChart, m_cursor, m_x, m_y);
    m_lineView->setRenderHint(QPainter::Antialiasing);
    m_lineView->viewport()->installEventFilter(this);
    m_lineView->setToolTip(tr("Click to jump to that step"));
    m_lineView->setAccessibleName(tr("Metric over time"));

    m_histChart->addSeries(m_histSeries);
    m_histChart->addAxis(m_histX, Qt::AlignBottom);
    m_histChart->addAxis(m_histY, Qt::AlignLeft);
    m_histSeries->attachAxis(m_histX);
    m_histSeries->attachAxis(m_histY);
    m_histView->setAccessibleName(tr("Free block size histogram"));

    // The chart beside: the choice is the item's data, never its row.
    m_sideBox->addItem(tr("Free blocks by size"), int(SideChart::FreeBlockSizes));
    m_sideBox->addItem(BreakdownChart::title(BreakdownKind::LostPerClass), int(SideChart::LostPerClass));
    m_sideBox->addItem(BreakdownChart::title(BreakdownKind::FreePerOrder), int(SideChart::FreePerOrder));
    m_sideBox->setAccessibleName(tr("Chart beside"));
    m_sideBox->setFocusPolicy(Qt::NoFocus);
    m_indexBox->setToolTip(tr("Per order, the share of free bytes in smaller free blocks (Linux's unusable free space index)"));
    m_indexBox->setFocusPolicy(Qt::NoFocus);
    m_indexBox->hide();
    m_note->setAlignment(Qt::AlignCenter);
    m_note->setWordWrap(true);
    m_note->setAutoFillBackground(true);
    m_note->setAccessibleName(tr("Chart note"));
    m_sideStack->addWidget(m_histView);
    m_sideStack->addWidget(m_note);

    auto* top = new QHBoxLayout;
    top->addWidget(m_metricBox);
    top->addSpacing(12);
    top->addWidget(m_legend, 1);
    top->addSpacing(12);
    top->addWidget(m_indexBox);
    top->addWidget(m_sideBox);
    auto* charts = new QHBoxLayout;
    charts->addWidget(m_lineView, 3);
    charts->addWidget(m_sideStack, 2);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addLayout(top);
    column->addLayout(charts, 1);

    connect(m_metricBox, &QComboBox::currentIndexChanged, this,
            [this](int i) { setMetric(kAllChartMetrics[std::size_t(i)]); });
    connect(m_sideBox, &QComboBox::activated, this, [this](int i) {
        setSideChart(SideChart(m_sideBox->itemData(i).toInt()));
        Q_EMIT sideChartChanged(m_side);
    });
    connect(m_indexBox, &QCheckBox::toggled, this, [this](bool on) { // setUnusableIndex's own change is quiet
        setUnusableIndex(on);
        Q_EMIT unusableIndexChanged(on);
    });
    // The ticks depend on the plot area, which Qt Charts lays out after a
    // resize or a font change: fit them again once it has.
    connect(m_lineChart, &QChart::plotAreaChanged, this, &ChartsPanel::updateLineAxes, Qt::QueuedConnection);
    connect(m_histChart, &QChart::plotAreaChanged, this, &ChartsPanel::updateHistogram, Qt::QueuedConnection);
    applyFonts();
    applyTheme();
}

void ChartsPanel::setSession(Session* session)
{
    m_session = session;
    for (BreakdownChart* chart : {m_lostChart, m_orderChart})
        if (chart)
            chart->setSession(session);
    makeHistogramSets();
    clearLineSeries();
    makeLineSeries();
    updateLineAxes();
    plotMetric();
    updateLegend();
    showSideChart();
    refresh();
}

void ChartsPanel::setMetric(ChartMetric metric)
{
    m_metric = metric;
    const QSignalBlocker quiet(m_metricBox);
    m_metricBox->setCurrentIndex(int(metric));
    updateLineAxes();
    plotMetric();
    refresh();
}

void ChartsPanel::setTheme(const Theme& theme)
{
    m_theme = theme;
    applyTheme();
}

void ChartsPanel::setSideChart(SideChart chart)
{
    m_side = chart;
    const QSignalBlocker quiet(m_sideBox);
    m_sideBox->setCurrentIndex(m_sideBox->findData(int(chart)));
    showSideChart();
}

void ChartsPanel::setUnusableIndex(bool on)
{
    m_unusableIndex = on;
    const QSignalBlocker quiet(m_indexBox);
    m_indexBox->setChecked(on);
    if (m_orderChart)
        m_orderChart->setUnusableIndex(on);
}

// The breakdown chart of `chart`, made the first time it is asked for: a
// chart that was never laid out reports its labels as cut.
BreakdownChart* ChartsPanel::breakdown(SideChart chart)
{
    BreakdownChart*& made = chart == SideChart::LostPerClass ? m_lostChart : m_orderChart;
    if (!made) {
        made = new BreakdownChart(chart == SideChart::LostPerClass ? BreakdownKind::LostPerClass
                                                                   : BreakdownKind::FreePerOrder);
        made->setTheme(m_theme);
        made->setUnusableIndex(m_unusableIndex);
        m_sideStack->addWidget(made);
        made->setSession(m_session);
    }
    return made;
}

// The chosen chart beside the line chart, or the note when no lane has it;
// the index option only where it means something.
void ChartsPanel::showSideChart()
{
    bool buddy = false, classes = false;
    for (std::size_t i = 0; m_session && i < m_session->laneCount(); ++i) {
        buddy |= BreakdownChart::laneHas(BreakdownKind::FreePerOrder, m_session->lane(i).spec);
        classes |= BreakdownChart::laneHas(BreakdownKind::LostPerClass, m_session->lane(i).spec);
    }
    m_indexBox->setVisible(m_side == SideChart::FreePerOrder && buddy);
    switch (m_side) {
    case SideChart::FreeBlockSizes:
        m_sideStack->setCurrentWidget(m_histView);
        updateHistogram();
        return;
    case SideChart::LostPerClass:
        if (!classes) {
            m_note->setText(tr("Bytes lost per size class: for buddy and segregated lanes; none runs here."));
            m_sideStack->setCurrentWidget(m_note);
            return;
        }
        break;
    case SideChart::FreePerOrder:
        if (!buddy) {
            m_note->setText(tr("Free blocks per order: for buddy lanes; none runs here."));
            m_sideStack->setCurrentWidget(m_note);
            return;
        }
        break;
    }
    m_sideStack->setCurrentWidget(breakdown(m_side)); // shown, it recounts if the step moved
}

void ChartsPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (columns() != m_plottedColumns)
        plotMetric();
    updateLineAxes();
}

void ChartsPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        applyFonts();
    QWidget::changeEvent(event);
}

// A column every kPixelsPerColumn pixels: a line with a point on every pixel
// of a swinging series shakes with how many highs and lows each column
// happens to catch; every few pixels it reads as a level.
std::size_t ChartsPanel::columns() const
{
    return std::size_t(std::max(50, m_lineView->viewport()->width() / kPixelsPerColumn));
}

// The lanes' series but the cursor, which stays.
void ChartsPanel::clearLineSeries()
{
    for (const LaneSeries& s : m_lanes)
        for (QAbstractSeries* series : std::initializer_list<QAbstractSeries*>{s.band, s.line, s.markers, s.compactions}) {
            m_lineChart->removeSeries(series);
            delete series;
        }
    m_lanes.clear();
}

// Every lane's series, empty, attached to the axes in drawing order: Qt
// Charts draws series in the order they were added, so the bands go under
// every line, the markers on the lines, the cursor over them, and the
// compaction marks on top of all. They are filled only once the axes have
// their range: a series attached with points first stretches the axes to them.
void ChartsPanel::makeLineSeries()
{
    m_lineChart->removeSeries(m_cursor);
    m_cursor->clear();
    if (m_session) {
        for (std::size_t i = 0; i < m_session->laneCount(); ++i) {
            LaneSeries s;
            s.slot = colourSlot(m_session->lane(i).spec);
            s.band = new QAreaSeries(new QLineSeries, new QLineSeries);
            s.band->upperSeries()->setParent(s.band);
            s.band->lowerSeries()->setParent(s.band);
            s.line = new QLineSeries;
            s.line->setName(QString::fromStdString(laneTitle(m_session->lane(i).spec)));
            s.markers = new QScatterSeries;
            s.compactions = new QScatterSeries;
            m_lanes.push_back(s);
        }
    }
    for (const LaneSeries& s : m_lanes)
        addOnTop(m_lineChart, s.band, m_x, m_y);
    for (const LaneSeries& s : m_lanes)
        addOnTop(m_lineChart, s.line, m_x, m_y);
    for (const LaneSeries& s : m_lanes)
        addOnTop(m_lineChart, s.markers, m_x, m_y);
    addOnTop(m_lineChart, m_cursor, m_x, m_y);
    for (const LaneSeries& s : m_lanes)
        addOnTop(m_lineChart, s.compactions, m_x, m_y);
    styleMarks();
}

// The greatest value of the metric over all lanes, from the summaries.
double ChartsPanel::seriesMax() const
{
    double top = 0;
    for (std::size_t i = 0; m_session && i < m_session->laneCount(); ++i)
        top = std::max(top, m_session->lane(i).charts.summary(m_metric).max());
    return top;
}

// Bytes go up a unit (bytes, KiB, MiB, GiB) while the largest value is at
// least ten of the next: the labels stay short and whole.
std::pair<double, QString> ChartsPanel::yScale() const
{
    if (metricUnit(m_metric) != MetricUnit::Bytes)
        return {1, metricAxisTitle(m_metric)};
    const QString units[] = {tr("bytes"), tr("KiB"), tr("MiB"), tr("GiB")};
    const double top = seriesMax();
    double scale = 1;
    int unit = 0;
    while (unit < 3 && top / (scale * 1024) >= 10) {
        scale *= 1024;
        ++unit;
    }
    return {scale, units[unit]};
}

// The axes' ranges, tick intervals and value title for the session, the
// metric, the plot's size and the label font.
void ChartsPanel::updateLineAxes()
{
    if (!m_session)
        return;
    // Before the first layout the plot area is empty: guess the view less the axes.
    const QRectF plot = m_lineChart->plotArea();
    const double width = plot.width() > 1 ? plot.width() : std::max(100, m_lineView->width() - 80);
    const double height = plot.height() > 1 ? plot.height() : std::max(60, m_lineView->height() - 60);
    const QFontMetricsF labels(m_x->labelsFont());
    const double steps = double(std::max<std::size_t>(m_session->steps(), 1));
    const double widest = labels.horizontalAdvance(QString::number(qint64(steps)));
    setRangeAndInterval(m_x, steps, tickIntervalFor(steps, width, widest, kLabelAirAcross));

    const auto [scale, title] = yScale();
    const bool percent = metricUnit(m_metric) == MetricUnit::Percent;
    // A little headroom, so a line at its maximum does not run along the frame.
    const double top = percent ? 100 : std::max(1.0, seriesMax() / scale * 1.02);
    const double interval = tickIntervalFor(top, height, labels.height(), kLabelAirUp);
    setRangeAndInterval(m_y, percent ? 100 : interval * std::ceil(top / interval), interval);
    m_y->setTitleText(title);
    placeCursor();
}

// Every lane's series for the metric at the chart's width.
void ChartsPanel::plotMetric()
{
    m_plottedColumns = columns();
    for (std::size_t i = 0; m_session && i < m_session->laneCount(); ++i)
        plotLane(m_session->lane(i), i, m_plottedColumns);
}

// A lane's band, line, markers and compaction marks from its summary, a point
// per column.
void ChartsPanel::plotLane(const Lane& lane, std::size_t index, std::size_t columns)
{
    const LaneSeries& s = m_lanes[index];
    const double scale = yScale().first;
    const std::vector<EnvelopeColumn> envelope = lane.charts.summary(m_metric).envelope(columns);
    QList<QPointF> upper, lower, line;
    upper.reserve(qsizetype(envelope.size()));
    lower.reserve(qsizetype(envelope.size()));
    line.reserve(qsizetype(envelope.size()));
    for (const EnvelopeColumn& c : envelope) {
        // Sample i is the state after operation i, at step i + 1; a column stands at its middle.
        const double x = double(c.first + c.last) / 2 + 1;
        upper.append({x, c.max / scale});
        lower.append({x, c.min / scale});
        line.append({x, c.mean / scale});
    }
    s.band->upperSeries()->replace(upper);
    s.band->lowerSeries()->replace(lower);
    s.line->replace(line);

    // A few markers along the line, shifted per lane so that lanes on the same
    // values do not hide each other's.
    QList<QPointF> marks;
    const double phase = (double(index) + 0.5) / double(m_lanes.size());
    const int count = std::clamp(int(double(m_lineView->viewport()->width()) / (markerSize() * kMarkerSpacing)), 4, 16);
    for (int k = 0; k < count && !line.isEmpty(); ++k) {
        const auto c = qsizetype((k + phase) * double(line.size()) / count);
        if (marks.isEmpty() || marks.last() != line[c])
            marks.append(line[c]);
    }
    s.markers->replace(marks);

    QList<QPointF> compactions;
    for (std::size_t op : lane.charts.compactions(columns))
        compactions.append({double(op + 1), metricValue(lane.run.metricsAfter(op + 1), m_metric) / scale});
    s.compactions->replace(compactions);
}

void ChartsPanel::updateLegend()
{
    QList<ChartLegend::Entry> entries;
    bool compactions = false;
    for (std::size_t i = 0; m_session && i < m_session->laneCount(); ++i) {
        entries.append({m_lanes[i].line->name(), m_lanes[i].slot});
        compactions |= !m_session->lane(i).charts.compactions(1).empty();
    }
    if (compactions)
        entries.append({tr("compaction"), std::nullopt});
    m_legend->setEntries(entries);
}

// Markers are a little smaller than a line of label text.
qreal ChartsPanel::markerSize() const { return std::round(QFontMetricsF(m_x->labelsFont()).height() * 0.8); }

// The looks of the lanes' series and the cursor that depend on the theme and the text size.
void ChartsPanel::styleMarks()
{
    const qreal size = markerSize();
    const qreal dpr = m_lineView->devicePixelRatioF();
    for (const LaneSeries& s : m_lanes) {
        QColor fill = laneColor(s.slot);
        fill.setAlpha(m_theme.dark() ? 0x48 : 0x30); // light enough to see the other lanes through
        s.band->setPen(Qt::NoPen);
        s.band->setBrush(fill);
        s.line->setPen(lanePen(s.slot, kLineWidth));
        s.markers->setMarkerSize(size);
        s.markers->setLightMarker(laneMarkerImage(s.slot, size, m_theme.base, dpr));
        s.compactions->setMarkerSize(size * 1.25);
        s.compactions->setLightMarker(compactionMarkImage(size * 1.25, laneColor(s.slot), m_theme.text, dpr));
    }
    QPen cursor(m_theme.cursor, 1.5, Qt::DashLine);
    m_cursor->setPen(cursor);
}

void ChartsPanel::applyTheme()
{
    for (QChart* chart : {m_lineChart, m_histChart}) {
        chart->setBackgroundBrush(m_theme.base);
        chart->setBackgroundPen(Qt::NoPen);
        chart->setTitleBrush(m_theme.text);
    }
    for (QChartView* view : {m_lineView, m_histView})
        view->setBackgroundBrush(m_theme.base);
    for (QAbstractAxis* axis : std::initializer_list<QAbstractAxis*>{m_x, m_y, m_histX, m_histY}) {
        axis->setLabelsColor(m_theme.text);
        axis->setTitleBrush(m_theme.text);
        axis->setGridLineColor(m_theme.grid);
        axis->setLinePenColor(m_theme.mutedText);
    }
    m_legend->setTheme(m_theme);
    QPalette note = m_note->palette();
    note.setColor(QPalette::Window, m_theme.base);
    note.setColor(QPalette::WindowText, m_theme.mutedText);
    m_note->setPalette(note);
    for (BreakdownChart* chart : {m_lostChart, m_orderChart})
        if (chart)
            chart->setTheme(m_theme);
    styleMarks();
}

// Chart text follows the panel's font (Qt Charts keeps its own): labels a
// notch smaller, titles as large and bold.
void ChartsPanel::applyFonts()
{
    QFont title = font();
    title.setBold(true);
    for (QAbstractAxis* axis : std::initializer_list<QAbstractAxis*>{m_x, m_y, m_histX, m_histY}) {
        axis->setLabelsFont(scaledFont(font(), kLabelScale));
        axis->setTitleFont(title);
    }
    m_histChart->setTitleFont(title);
    styleMarks();
    plotMetric(); // as many markers as fit
    updateLineAxes();
    updateHistogram();
}

// Only the chart on show recounts; a hidden breakdown chart does when next shown.
void ChartsPanel::refresh()
{
    placeCursor();
    if (m_side == SideChart::FreeBlockSizes)
        updateHistogram();
    for (BreakdownChart* chart : {m_lostChart, m_orderChart})
        if (chart)
            chart->refresh();
}

// The cursor runs the height of the value axis at the session's step.
void ChartsPanel::placeCursor()
{
    if (!m_session)
        return;
    const double x = double(m_session->step());
    m_cursor->replace(QList<QPointF>{{x, 0}, {x, m_y->max()}});
}

// One bar set per lane; the size classes and counts come with each step.
void ChartsPanel::makeHistogramSets()
{
    m_histSeries->clear();
    for (std::size_t i = 0; m_session && i < m_session->laneCount(); ++i) {
        auto* set = new QBarSet(QString::fromStdString(laneTitle(m_session->lane(i).spec)));
        set->setColor(laneColor(m_session->lane(i).spec));
        set->setBorderColor(Qt::transparent);
        m_histSeries->append(set);
    }
}

// "64", "128", ..., "≥32K": class c holds sizes from base << c; the last takes all larger.
QStringList ChartsPanel::histogramLabels(Size base, int classes) const
{
    QStringList labels;
    for (int c = 0; c < classes; ++c)
        labels << (c + 1 == classes ? "≥" : "") + shortBytes(base << c);
    return labels;
}

// The most size classes whose labels all show whole, and the label font.
// Qt Charts gives a bar category label the axis' width over (categories + 2),
// less its padding, and elides what does not fit: ten classes in a narrow
// chart gave "12…", "≥1…". Fewer classes first; a smaller font only when even
// the fewest do not fit, since a user who made the text bigger wants it so.
int ChartsPanel::fitHistogramClasses(Size base)
{
    const QRectF plot = m_histChart->plotArea();
    const double width = plot.width() > 1 ? plot.width() : std::max(100, m_histView->width() - 50);
    const auto room = [&](int n) { return width / (n + 2) - kLabelPadding - kTextSlack; };
    const auto widest = [&](const QFont& font, int n) {
        const QFontMetricsF metrics(font);
        double w = 0;
        for (const QString& label : histogramLabels(base, n))
            w = std::max(w, metrics.horizontalAdvance(label));
        return w;
    };
    const QFont normal = scaledFont(font(), kLabelScale);
    int n = kMaxSizeClasses;
    while (n > kMinSizeClasses && widest(normal, n) > room(n))
        --n;
    QFont labels = normal;
    if (const double w = widest(normal, n); w > room(n))
        labels = scaledFont(normal, std::max(0.6, 0.95 * room(n) / w)); // text width goes with its size
    if (m_histX->labelsFont() != labels)
        m_histX->setLabelsFont(labels);
    return n;
}

// The histogram's titles, as long as its width allows.
void ChartsPanel::fitHistogramTitles()
{
    const QString title = firstThatFits({tr("Free blocks by size at this step"), tr("Free blocks by size"), tr("Free blocks")},
                                        m_histChart->titleFont(), m_histChart->size().width() - 20);
    if (m_histChart->title() != title)
        m_histChart->setTitle(title);
    const QRectF plot = m_histChart->plotArea();
    const double width = plot.width() > 1 ? plot.width() : std::max(100, m_histView->width() - 50);
    const QString axis = firstThatFits({tr("block size (bytes, at least)"), tr("size (bytes, at least)"), tr("bytes")},
                                       m_histX->titleFont(), width);
    if (m_histX->titleText() != axis)
        m_histX->setTitleText(axis);
}

// Free blocks counted in power-of-two size classes, from the smallest free
// block's class up; the last class takes everything larger. Each step only
// changes the numbers (and the classes when the smallest block changes).
void ChartsPanel::updateHistogram()
{
    if (m_side != SideChart::FreeBlockSizes)
        return; // counted again when it is chosen
    fitHistogramTitles();
    if (!m_session || m_histSeries->count() == 0)
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
    const int classes = fitHistogramClasses(base);
    const QStringList categories = histogramLabels(base, classes);
    if (m_histX->categories() != categories)
        m_histX->setCategories(categories);
    int most = 1;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        std::vector<int> counts(std::size_t(classes), 0);
        for (Size s : sizes[i])
            ++counts[std::size_t(std::clamp(int(std::bit_width(s / base)) - 1, 0, classes - 1))];
        QBarSet* set = m_histSeries->barSets().at(qsizetype(i));
        if (set->count() != classes)
            set->remove(0, set->count());
        for (int c = 0; c < classes; ++c) {
            if (c < set->count())
                set->replace(c, counts[std::size_t(c)]);
            else
                set->append(counts[std::size_t(c)]);
            most = std::max(most, counts[std::size_t(c)]);
        }
    }
    const QRectF plot = m_histChart->plotArea();
    const double height = plot.height() > 1 ? plot.height() : std::max(60, m_histView->height() - 80);
    const double interval = tickIntervalFor(most, height, QFontMetricsF(m_histY->labelsFont()).height(), kLabelAirUp);
    setRangeAndInterval(m_histY, interval * std::ceil(most / interval), interval);
}

bool ChartsPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_lineView->viewport() && event->type() == QEvent::MouseButtonPress && m_session) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        const QPointF scene = m_lineView->mapToScene(mouse->pos());
        if (m_lineChart->plotArea().contains(scene)) {
            const QPointF value = m_lineChart->mapToValue(scene);
            Q_EMIT stepRequested(std::size_t(std::clamp(std::llround(value.x()), 0ll,
                                                      (long long)m_session->steps())));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace heapviz::ui
