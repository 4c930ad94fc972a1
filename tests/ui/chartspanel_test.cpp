// The charts as a user sees them, offscreen: a million-operation trace opens
// without the axes making thousands of ticks, lines come from the lanes'
// summaries, compaction marks lie on top, histogram labels are whole, the
// metric choice, lane styles, themes and text size, and a click jumps.

#include <gtest/gtest.h>

#include <QApplication>
#include <QScrollBar>
#include <QScrollArea>
#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QGraphicsTextItem>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

#include "core/trace/traceparser.h"
#include "core/trace/workloads.h"
#include "support/heaptesting.h"
#include "ui/charts/chartlegend.h"
#include "ui/charts/chartspanel.h"
#include "ui/window/mainwindow.h"
#include "ui/style/palette.h"
#include "ui/session/session.h"

using namespace heapviz;
using namespace heapviz::ui;
using heapviz::testing::defaultConfig;
using heapviz::testing::fixedHeap;

namespace {

std::unique_ptr<Session> record(const Trace& trace, std::vector<std::string> lanes, HeapConfig config = defaultConfig())
{
    SessionSettings settings;
    settings.lanes = std::move(lanes);
    settings.config = std::move(config);
    return std::make_unique<Session>(recordSession(trace, settings));
}

// The demo's size: a short trace, as a session opens with.
Trace shortTrace()
{
    return generateWorkload({.kind = WorkloadKind::Uniform, .seed = 3, .ops = 164, .minSize = 16, .maxSize = 512, .live = 30});
}

// One lane over a million operations, recorded once for the tests that need it.
Session& millionSession()
{
    static const std::unique_ptr<Session> session = record(
        generateWorkload({.kind = WorkloadKind::Larson, .seed = 7, .ops = 1'000'000, .live = 2000, .freeAtEnd = false}),
        {"best"});
    return *session;
}

// Lets Qt Charts lay out (it posts its layout requests) and queued updates run.
void settle()
{
    for (int i = 0; i < 4; ++i)
        QTest::qWait(5);
}

struct Panel : ::testing::Test {
    ChartsPanel panel;
    void SetUp() override
    {
        panel.resize(1000, 320);
        panel.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    }
    QChartView* view(const QString& name) const
    {
        for (QChartView* v : panel.findChildren<QChartView*>())
            if (v->accessibleName() == name)
                return v;
        return nullptr;
    }
    QChart* lineChart() const { return view("Metric over time")->chart(); }
    QChart* histogram() const { return view("Free block size histogram")->chart(); }
    QValueAxis* x() const { return qobject_cast<QValueAxis*>(lineChart()->axes(Qt::Horizontal).first()); }
    QValueAxis* y() const { return qobject_cast<QValueAxis*>(lineChart()->axes(Qt::Vertical).first()); }
    QBarCategoryAxis* sizes() const { return qobject_cast<QBarCategoryAxis*>(histogram()->axes(Qt::Horizontal).first()); }
    template <class S> QList<S*> series() const
    {
        QList<S*> found;
        for (QAbstractSeries* s : lineChart()->series())
            if (auto* t = qobject_cast<S*>(s))
                found.append(t);
        return found;
    }
    // The lanes' lines: the line series with a name (the cursor has none).
    QList<QLineSeries*> lines() const
    {
        QList<QLineSeries*> found;
        for (QLineSeries* s : series<QLineSeries>())
            if (!s->name().isEmpty())
                found.append(s);
        return found;
    }
    QLineSeries* cursor() const
    {
        for (QLineSeries* s : series<QLineSeries>())
            if (s->name().isEmpty())
                return s;
        return nullptr;
    }
};

// Any label of a chart that Qt Charts elided.
QStringList elidedTexts(QChart* chart)
{
    QStringList elided;
    for (QGraphicsItem* item : chart->scene()->items())
        if (auto* text = dynamic_cast<QGraphicsTextItem*>(item); text && text->isVisible())
            if (text->toPlainText().contains("...") || text->toPlainText().contains(QChar(0x2026)))
                elided << text->toPlainText();
    return elided;
}

double ticksOf(const QValueAxis* axis) { return (axis->max() - axis->min()) / axis->tickInterval(); }

} // namespace

// The 20 s freeze: going from 164 to 1,000,000 operations set the range
// before the interval, and for an instant the axis had 50,000 ticks (each a
// label, a tick and a grid line, made and destroyed at once). Every state the
// axes pass through must stay at a readable number of ticks.
TEST_F(Panel, AxesNeverAskForThousandsOfTicksWhenTheTraceGrowsOrShrinks)
{
    const auto small = record(shortTrace(), {"first", "best", "worst"});
    panel.setSession(small.get());
    settle();
    EXPECT_EQ(x()->max(), 164);
    double most = 0;
    for (QValueAxis* axis : {x(), y()}) {
        const auto watch = [&, axis] { most = std::max(most, ticksOf(axis)); };
        QObject::connect(axis, &QValueAxis::rangeChanged, &panel, watch);
        QObject::connect(axis, &QValueAxis::tickIntervalChanged, &panel, watch);
    }
    panel.setSession(&millionSession());
    settle();
    EXPECT_EQ(x()->max(), 1'000'000);
    EXPECT_LE(most, 20) << "an axis asked for " << most << " ticks on its way";
    EXPECT_GE(x()->tickInterval(), 1'000'000 / 20);
    EXPECT_FALSE(x()->labelsTruncated());

    most = 0;
    panel.setSession(small.get());
    settle();
    EXPECT_EQ(x()->max(), 164);
    EXPECT_LE(most, 20) << "and on its way back";
}

// A new metric draws from the summaries: a point every few pixels, and the
// band reaches exactly the lane's least and greatest value.
TEST_F(Panel, LinesAreDrawnPerColumnWithTheirWholeRange)
{
    Session& session = millionSession();
    panel.setSession(&session);
    for (ChartMetric metric : {ChartMetric::FreeBlocks, ChartMetric::Examined}) {
        panel.setMetric(metric);
        settle();
        double most = 0, least = 1e300;
        const RunResult& run = session.lane(0).run;
        for (std::size_t step = 1; step <= run.events.operations(); ++step) { // the test walks them; the panel must not
            const Metrics m = run.metricsAfter(step);
            most = std::max(most, metricValue(m, metric));
            least = std::min(least, metricValue(m, metric));
        }
        const QAreaSeries* band = series<QAreaSeries>().first();
        const QList<QPointF> upper = band->upperSeries()->points(), lower = band->lowerSeries()->points();
        const QList<QPointF> line = lines().first()->points();
        const int pixels = view("Metric over time")->viewport()->width();
        EXPECT_LE(line.size(), pixels / 2) << "a point every few pixels, not a million";
        EXPECT_GE(line.size(), pixels / 4);
        double top = 0, bottom = 1e300;
        for (qsizetype i = 0; i < line.size(); ++i) {
            top = std::max(top, upper[i].y());
            bottom = std::min(bottom, lower[i].y());
            EXPECT_LE(lower[i].y(), line[i].y());
            EXPECT_LE(line[i].y(), upper[i].y());
        }
        EXPECT_EQ(top, most) << metricTitle(metric).toStdString();
        EXPECT_EQ(bottom, least) << metricTitle(metric).toStdString();
        EXPECT_GE(y()->max(), most);
    }
    // A wider chart gets more columns from the same summary.
    const qsizetype narrow = lines().first()->count();
    panel.resize(1600, 320);
    settle();
    EXPECT_GT(lines().first()->count(), narrow * 3 / 2);
}

TEST_F(Panel, CompactionMarksLieOnTopOfTheCursor)
{
    HeapConfig config = defaultConfig();
    std::string error;
    config.compact = *CompactTrigger::parse("at:50,100", error);
    const auto session = record(shortTrace(), {"first", "worst"}, config);
    panel.setSession(session.get());
    settle();
    const QList<QAbstractSeries*> order = lineChart()->series();
    const qsizetype cursorAt = order.indexOf(cursor());
    int marked = 0;
    for (QScatterSeries* s : series<QScatterSeries>()) {
        const QList<QPointF> points = s->points();
        if (points.size() != 2 || points[0].x() != 50 || points[1].x() != 100)
            continue; // a lane's markers
        ++marked;
        EXPECT_GT(order.indexOf(s), cursorAt) << "Qt Charts draws series in the order they were added";
    }
    EXPECT_EQ(marked, 2) << "one set of marks per lane, after operations 50 and 100";
    EXPECT_EQ(panel.findChild<ChartLegend*>()->entries().last().name, "compaction");
}

// "12…", "≥1…": every size class label must show whole, from a narrow
// histogram to a wide one and with the text made large.
TEST_F(Panel, HistogramLabelsAreNeverElided)
{
    const auto session = record(shortTrace(), {"first", "best", "worst"});
    panel.setSession(session.get());
    for (int fontSize : {0, 16})
        for (int width : {720, 900, 1300, 1900}) {
            if (fontSize) {
                QFont big = panel.font();
                big.setPointSize(fontSize);
                panel.setFont(big);
            }
            panel.resize(width, 320);
            settle();
            ASSERT_GE(view("Free block size histogram")->width(), 280);
            const QStringList categories = sizes()->categories();
            ASSERT_GE(categories.size(), 3);
            EXPECT_FALSE(sizes()->labelsTruncated()) << width << " px, " << categories.join(' ').toStdString();
            EXPECT_EQ(elidedTexts(histogram()), QStringList()) << width << " px";
            const QFontMetricsF metrics(sizes()->labelsFont());
            const double perCategory = histogram()->plotArea().width() / double(categories.size());
            for (const QString& c : categories)
                EXPECT_LT(metrics.horizontalAdvance(c), perCategory) << c.toStdString() << " at " << width << " px";
        }
}

TEST(ChartsInTheWindow, HistogramLabelsAreWholeIn1024By768)
{
    MainWindow window;
    window.resize(1024, 768);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    window.openDemo(true);
    settle();
    for (QChartView* v : window.findChildren<QChartView*>()) {
        for (QAbstractAxis* axis : v->chart()->axes())
            EXPECT_FALSE(axis->labelsTruncated()) << v->accessibleName().toStdString();
        EXPECT_EQ(elidedTexts(v->chart()), QStringList()) << v->accessibleName().toStdString();
    }
}

// Text half as large again (Ctrl++ three times, a teacher's projector): the
// charts have the height their words need or fold away, and never show "…"
// for every number, as they did at 1280 x 720. There the lanes come first:
// the charts fold and the lanes fit without scrolling; at 1920 x 1080 both fit.
TEST(ChartsInTheWindow, LargeTextKeepsTheChartsLabelsWholeOrFoldsThem)
{
    const QFont usual = QApplication::font();
    for (const QSize size : {QSize(1280, 720), QSize(1920, 1080)}) {
        MainWindow window;
        window.setTextScale(1.5);
        window.resize(size);
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
        window.openDemo(true);
        settle();
        int shown = 0;
        for (QChartView* v : window.findChildren<QChartView*>()) {
            if (!v->isVisible() || v->height() == 0)
                continue;
            ++shown;
            for (QAbstractAxis* axis : v->chart()->axes())
                EXPECT_FALSE(axis->labelsTruncated()) << v->accessibleName().toStdString() << " at " << size.width();
            EXPECT_EQ(elidedTexts(v->chart()), QStringList()) << v->accessibleName().toStdString() << " at " << size.width();
        }
        const auto* lanes = window.findChild<QScrollArea*>();
        ASSERT_NE(lanes, nullptr);
        if (size.width() == 1280)
            EXPECT_EQ(lanes->verticalScrollBar()->maximum(), 0) << "the lanes fit: the charts gave way";
        else
            EXPECT_GE(shown, 1) << "at 1920 x 1080 the charts have room";
        window.setTextScale(1);
    }
    QApplication::setFont(usual);
}

// By hand, on a 1024-byte heap (16-byte alignment, 8-byte header and footer):
// two requests for 2000 bytes fail, then 100 bytes take a 128-byte block.
TEST_F(Panel, OffersTheNewMetricsWithTheirUnits)
{
    const auto session = record(parseTrace("a 0 2000\na 1 2000\na 2 100\n", "t.rep"), {"first"}, fixedHeap(1024));
    panel.setSession(session.get());
    const auto* box = panel.findChild<QComboBox*>();
    ASSERT_EQ(box->count(), 8);
    EXPECT_EQ(box->itemText(0), "External fragmentation (%)");
    const auto values = [&](ChartMetric metric) {
        panel.setMetric(metric);
        QList<double> ys;
        for (QPointF p : lines().first()->points())
            ys << p.y();
        return ys;
    };
    EXPECT_EQ(values(ChartMetric::Failed), (QList<double>{1, 2, 2}));
    EXPECT_EQ(y()->titleText(), "requests");
    EXPECT_EQ(box->currentText(), "Failed requests (so far)");
    EXPECT_EQ(values(ChartMetric::InternalFragmentation), (QList<double>{0, 0, 100 * (1 - 100.0 / 128)}));
    EXPECT_EQ(y()->titleText(), "%");
    EXPECT_EQ(values(ChartMetric::HeapSize), (QList<double>{1024, 1024, 1024}));
    EXPECT_EQ(y()->titleText(), "bytes");
    EXPECT_EQ(values(ChartMetric::Examined).last(), 1) << "the one free block: the rest of the heap";
    EXPECT_EQ(y()->titleText(), "blocks");
}

TEST_F(Panel, BytesGoUpAUnitSoLabelsStayShort)
{
    panel.setSession(&millionSession());
    panel.setMetric(ChartMetric::HeapSize);
    settle();
    const double heap = double(millionSession().lane(0).charts.summary(ChartMetric::HeapSize).max());
    // Bytes from 10 KiB up are KiB, from 10 MiB up MiB.
    ASSERT_GE(heap, 10 * 1024) << "the workload should grow the heap past 10 KiB";
    ASSERT_LT(heap, 10 * 1024 * 1024) << "and stay below 10 MiB";
    EXPECT_EQ(y()->titleText(), "KiB");
    EXPECT_GE(y()->max(), heap / 1024);
    EXPECT_LT(y()->max(), 2 * heap / 1024);
}

TEST_F(Panel, LanesDifferByDashAndMarkerInTheChartAndTheLegend)
{
    const auto session = record(shortTrace(), {"first", "next", "best", "worst"});
    panel.setSession(session.get());
    settle();
    const QList<QLineSeries*> laneLines = lines();
    ASSERT_EQ(laneLines.size(), 4);
    QList<QImage> markers;
    for (QScatterSeries* s : series<QScatterSeries>())
        if (!s->lightMarker().isNull() && s->count() >= 4)
            markers << s->lightMarker();
    ASSERT_EQ(markers.size(), 4) << "a few markers along each lane";
    for (qsizetype i = 0; i < 4; ++i) {
        const QPen expected = lanePen(i, 2);
        EXPECT_EQ(laneLines[i]->pen().color(), expected.color());
        EXPECT_EQ(laneLines[i]->pen().style(), expected.style());
        EXPECT_EQ(laneLines[i]->pen().dashPattern(), expected.dashPattern());
        for (qsizetype j = 0; j < i; ++j)
            EXPECT_NE(markers[i], markers[j]) << "lanes " << i << " and " << j << " share a marker";
    }
    ChartLegend* legend = panel.findChild<ChartLegend*>();
    ASSERT_EQ(legend->entries().size(), 4);
    const QImage shown = legend->grab().toImage();
    for (qsizetype i = 0; i < 4; ++i) {
        EXPECT_EQ(legend->entries()[i].name, laneLines[i]->name());
        EXPECT_EQ(legend->entries()[i].slot, std::size_t(i));
        // The glyph, left of the name, shows the lane's colour.
        const QRectF box = legend->entryRect(i);
        int coloured = 0;
        for (int px = int(box.left()); px < int(box.left() + box.height() * 3); ++px)
            for (int py = int(box.top()); py < int(box.bottom()); ++py)
                coloured += shown.pixelColor(px, py) == laneColor(std::size_t(i));
        EXPECT_GT(coloured, 10) << "lane " << i;
    }
}

TEST_F(Panel, ThemesRecolourBackgroundsTextGridAndCursor)
{
    const auto session = record(shortTrace(), {"first"});
    panel.setSession(session.get());
    for (ThemeKind kind : {ThemeKind::Dark, ThemeKind::HighContrast, ThemeKind::Light}) {
        const Theme& theme = Theme::of(kind);
        panel.setTheme(theme);
        for (QChart* chart : {lineChart(), histogram()}) {
            EXPECT_EQ(chart->backgroundBrush().color(), theme.base);
            for (QAbstractAxis* axis : chart->axes()) {
                EXPECT_EQ(axis->labelsColor(), theme.text);
                EXPECT_EQ(axis->titleBrush().color(), theme.text);
                EXPECT_EQ(axis->gridLineColor(), theme.grid);
            }
        }
        EXPECT_EQ(histogram()->titleBrush().color(), theme.text);
        EXPECT_EQ(cursor()->pen().color(), theme.cursor);
    }
    EXPECT_NE(Theme::of(ThemeKind::Dark).base, Theme::of(ThemeKind::Light).base) << "else this test proves nothing";
}

TEST_F(Panel, ChartTextFollowsThePanelsFont)
{
    const auto session = record(shortTrace(), {"first"});
    panel.setSession(session.get());
    settle();
    const double labels = x()->labelsFont().pointSizeF(), titles = x()->titleFont().pointSizeF();
    const double histTitle = histogram()->titleFont().pointSizeF();
    const double combo = panel.findChild<QComboBox*>()->font().pointSizeF();
    QFont big = panel.font();
    big.setPointSizeF(big.pointSizeF() * 2);
    panel.setFont(big);
    settle();
    EXPECT_NEAR(x()->labelsFont().pointSizeF(), 2 * labels, 0.1);
    EXPECT_NEAR(y()->labelsFont().pointSizeF(), 2 * labels, 0.1);
    EXPECT_NEAR(x()->titleFont().pointSizeF(), 2 * titles, 0.1);
    EXPECT_NEAR(histogram()->titleFont().pointSizeF(), 2 * histTitle, 0.1);
    EXPECT_NEAR(panel.findChild<QComboBox*>()->font().pointSizeF(), 2 * combo, 0.1);
    EXPECT_NEAR(panel.findChild<ChartLegend*>()->font().pointSizeF(), big.pointSizeF(), 0.1);
    EXPECT_FALSE(x()->labelsTruncated()) << "fewer ticks for bigger labels";
    EXPECT_FALSE(y()->labelsTruncated());
}

// Ctrl++ in the main window scales every text through QApplication::setFont.
TEST_F(Panel, ChartTextFollowsTheApplicationFont)
{
    const QFont before = QApplication::font();
    const double labels = x()->labelsFont().pointSizeF();
    QFont big = before;
    big.setPointSizeF(before.pointSizeF() * 1.5);
    QApplication::setFont(big);
    settle();
    const double scaled = x()->labelsFont().pointSizeF();
    QApplication::setFont(before);
    settle();
    EXPECT_NEAR(scaled, 1.5 * labels, 0.1);
    EXPECT_NEAR(x()->labelsFont().pointSizeF(), labels, 0.1) << "and back";
}

TEST_F(Panel, AClickJumpsToThatStep)
{
    const auto session = record(shortTrace(), {"first"});
    panel.setSession(session.get());
    settle();
    QSignalSpy requested(&panel, &ChartsPanel::stepRequested);
    QChartView* v = view("Metric over time");
    const QPoint at = v->mapFromScene(lineChart()->mapToPosition(QPointF(120, y()->max() / 2)));
    QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, at);
    ASSERT_EQ(requested.size(), 1);
    EXPECT_NEAR(double(requested[0][0].value<std::size_t>()), 120, 1);
}

// Stepping moves the cursor and recounts the histogram; nothing else is
// rebuilt. By hand, on a 4096-byte heap: four 100-byte requests take 128-byte
// blocks at 0, 128, 256 and 384; freeing the first and third leaves free
// blocks of 128, 128 and 4096 - 512 = 3584 bytes: two in the 128-byte class,
// one in the 2K class (2048 <= 3584 < 4096).
TEST_F(Panel, AStepMovesTheCursorAndRecountsTheHistogramOnly)
{
    const auto session = record(parseTrace("a 0 100\na 1 100\na 2 100\na 3 100\nf 0\nf 2\n", "t.rep"),
                                {"first", "best"}, fixedHeap(4096));
    panel.resize(1400, 320);
    panel.setSession(session.get());
    settle();
    const QList<QAbstractSeries*> before = lineChart()->series();
    const QList<QPointF> line = lines().first()->points();
    const auto* bars = histogram()->series().first();
    const QList<QBarSet*> sets = static_cast<const QBarSeries*>(bars)->barSets();

    session->seek(6);
    panel.refresh();
    EXPECT_EQ(cursor()->points().first().x(), 6);
    const QStringList categories = sizes()->categories();
    ASSERT_GE(categories.size(), 5);
    EXPECT_EQ(categories.mid(0, 5), (QStringList{"128", "256", "512", "1K", "2K"}));
    for (QBarSet* set : sets) {
        EXPECT_EQ(set->at(0), 2) << set->label().toStdString();
        EXPECT_EQ(set->at(4), 1) << set->label().toStdString();
        EXPECT_EQ(set->sum(), 3);
    }

    session->seek(2);
    panel.refresh();
    EXPECT_EQ(cursor()->points().first().x(), 2);
    EXPECT_EQ(lineChart()->series(), before) << "no series made or dropped";
    EXPECT_EQ(lines().first()->points(), line);
    EXPECT_EQ(static_cast<const QBarSeries*>(histogram()->series().first())->barSets(), sets);
}
