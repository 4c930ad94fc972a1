// The family charts beside the line chart, offscreen: internal fragmentation
// over time for buddy and pool lanes, the chooser of the chart beside (the
// free-block histogram, bytes lost per size class, free blocks per order with
// the unusable free space index), the note where no lane has the chart, a
// step replacing values in the same bar sets, buddy and segregated lanes on
// one class axis, tooltips, whole labels, themes and text size. Every
// expected number is worked out by hand from heap-model.md.

#include <gtest/gtest.h>

#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QGraphicsTextItem>
#include <QLabel>
#include <QLineSeries>
#include <QStackedWidget>
#include <QTest>
#include <QToolTip>
#include <QValueAxis>

#include "core/trace/traceparser.h"
#include "core/trace/workloads.h"
#include "support/heaptesting.h"
#include "ui/charts/breakdownchart.h"
#include "ui/charts/chartspanel.h"
#include "ui/session/session.h"
#include "ui/style/palette.h"

using namespace heapviz;
using namespace heapviz::ui;
using heapviz::testing::defaultConfig;
using heapviz::testing::fixedHeap;

namespace {

std::unique_ptr<Session> record(std::string_view ops, std::vector<std::string> lanes, HeapConfig config)
{
    SessionSettings settings;
    settings.lanes = std::move(lanes);
    settings.config = std::move(config);
    return std::make_unique<Session>(recordSession(parseTrace(std::string(ops), "t.rep"), settings));
}

std::unique_ptr<Session> record(const Trace& trace, std::vector<std::string> lanes, HeapConfig config)
{
    SessionSettings settings;
    settings.lanes = std::move(lanes);
    settings.config = std::move(config);
    return std::make_unique<Session>(recordSession(trace, settings));
}

void settle()
{
    for (int i = 0; i < 4; ++i)
        QTest::qWait(5);
}

QStringList elidedTexts(QChart* chart)
{
    QStringList elided;
    for (QGraphicsItem* item : chart->scene()->items())
        if (auto* text = dynamic_cast<QGraphicsTextItem*>(item); text && text->isVisible())
            if (text->toPlainText().contains("...") || text->toPlainText().contains(QChar(0x2026)))
                elided << text->toPlainText();
    return elided;
}

QList<double> valuesOf(const QBarSet* set)
{
    QList<double> out;
    for (int i = 0; i < set->count(); ++i)
        out << set->at(i);
    return out;
}

QStringList namesOf(const QBarSeries* series)
{
    QStringList out;
    for (const QBarSet* set : series->barSets())
        out << set->label();
    return out;
}

// The class axis' labels with the bar each sits on.
QList<std::pair<QString, double>> labelsOf(QCategoryAxis* axis)
{
    QList<std::pair<QString, double>> out;
    for (const QString& label : axis->categoriesLabels())
        out.append({label, axis->endValue(label)});
    return out;
}

// The buddy example of familybreakdown_test.cpp: 256 bytes, min_order 4, an
// 8-byte header. After step 2 free [32,64) and [64,128), used [0,32) (20 B
// payload) and [128,256) (100 B); after step 5 free [48,64) and [128,256),
// used [0,32) (20 B), [32,48) (5 B), [64,128) (40 B).
constexpr std::string_view kBuddyOps = "a 0 20\na 1 100\na 2 5\na 3 40\nf 1\n";

struct FamilyCharts : ::testing::Test {
    ChartsPanel panel;
    void SetUp() override
    {
        panel.resize(1000, 320);
        panel.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    }
    void TearDown() override { panel.setSession(nullptr); }
    BreakdownChart* chart(BreakdownKind kind) const
    {
        for (BreakdownChart* c : panel.findChildren<BreakdownChart*>())
            if (c->kind() == kind)
                return c;
        return nullptr;
    }
    QChartView* view(const QString& name) const
    {
        for (QChartView* v : panel.findChildren<QChartView*>())
            if (v->accessibleName() == name)
                return v;
        return nullptr;
    }
    QComboBox* sideBox() const
    {
        for (QComboBox* box : panel.findChildren<QComboBox*>())
            if (box->accessibleName() == "Chart beside")
                return box;
        return nullptr;
    }
    QCheckBox* indexBox() const { return panel.findChild<QCheckBox*>(); }
    QLabel* note() const
    {
        for (QLabel* l : panel.findChildren<QLabel*>())
            if (l->accessibleName() == "Chart note")
                return l;
        return nullptr;
    }
    QWidget* shown() const { return panel.findChild<QStackedWidget*>()->currentWidget(); }
    // Chooses as a user does: the combo box item with that text.
    void choose(const QString& text)
    {
        const int i = sideBox()->findText(text);
        ASSERT_GE(i, 0) << text.toStdString();
        sideBox()->setCurrentIndex(i);
        Q_EMIT sideBox()->activated(i);
        settle();
    }
};

} // namespace

// Internal fragmentation, 1 - live_payload / allocated_bytes, on a 256-byte
// heap over "a 0 20, a 1 100, f 0":
//  buddy (min 32 B): 32-byte block, then 32 + 128 for 120, then 128 for 100:
//    1 - 20/32 = 37.5 %, 1 - 120/160 = 25 %, 1 - 100/128 = 21.875 %.
//  pool of 64 B slots: 20 in 64; 100 does not fit a slot (fails); nothing used:
//    1 - 20/64 = 68.75 %, 68.75 %, 0.
//  pool of 128 B slots, 8-byte header: 20 in 128; 100 + 8 fits: 120 in 256; 100 in 128:
//    1 - 20/128 = 84.375 %, 1 - 120/256 = 53.125 %, 21.875 %.
TEST_F(FamilyCharts, InternalFragmentationOfABuddyAndTwoPoolLanesByHand)
{
    const auto session = record("a 0 20\na 1 100\nf 0\n", {"buddy", "pool:slot=64", "pool:slot=128:header=8"},
                                fixedHeap(256));
    panel.setSession(session.get());
    panel.setMetric(ChartMetric::InternalFragmentation);
    QList<QList<double>> lines;
    QStringList names;
    for (QChartView* v : panel.findChildren<QChartView*>())
        if (v->accessibleName() == "Metric over time")
            for (QAbstractSeries* s : v->chart()->series())
                if (auto* line = qobject_cast<QLineSeries*>(s); line && !line->name().isEmpty()) {
                    names << line->name();
                    lines.append(QList<double>());
                    for (QPointF p : line->points())
                        lines.back() << p.y();
                }
    EXPECT_EQ(names, (QStringList{"buddy (min 32 B)", "pool (64 B slots)", "pool (128 B slots)"}));
    ASSERT_EQ(lines.size(), 3);
    EXPECT_EQ(lines[0], (QList<double>{37.5, 25, 21.875}));
    EXPECT_EQ(lines[1], (QList<double>{68.75, 68.75, 0}));
    EXPECT_EQ(lines[2], (QList<double>{84.375, 53.125, 21.875}));
}

// The chooser offers the three charts by name; each has one bar set per lane
// that has it, named and coloured as the lane; the index option shows only
// for free blocks per order. The breakdown charts are made when first shown.
TEST_F(FamilyCharts, SwitchingBetweenTheThreeChartsShowsTheLanesThatHaveEach)
{
    const auto session = record(kBuddyOps, {"first", "buddy:min_order=4:header=8", "segregated"}, fixedHeap(256));
    panel.setSession(session.get());
    settle();
    ASSERT_NE(sideBox(), nullptr);
    EXPECT_EQ(sideBox()->count(), 3);
    EXPECT_EQ(sideBox()->itemText(0), "Free blocks by size");
    EXPECT_EQ(sideBox()->itemText(1), "Bytes lost per size class");
    EXPECT_EQ(sideBox()->itemText(2), "Free blocks per order");
    EXPECT_EQ(panel.findChildren<BreakdownChart*>().size(), 0) << "made only when first shown";
    EXPECT_EQ(shown(), view("Free block size histogram"));
    EXPECT_FALSE(indexBox()->isVisible());

    const QString buddy = "buddy (min 16 B)", segregated = "segregated";
    choose("Bytes lost per size class");
    EXPECT_EQ(panel.sideChart(), SideChart::LostPerClass);
    ASSERT_NE(chart(BreakdownKind::LostPerClass), nullptr);
    EXPECT_EQ(chart(BreakdownKind::FreePerOrder), nullptr);
    EXPECT_EQ(shown(), chart(BreakdownKind::LostPerClass));
    EXPECT_EQ(namesOf(chart(BreakdownKind::LostPerClass)->bars()), (QStringList{buddy, segregated}));
    EXPECT_EQ(chart(BreakdownKind::LostPerClass)->bars()->barSets()[0]->color(), laneColor(session->lane(1).spec));
    EXPECT_EQ(chart(BreakdownKind::LostPerClass)->bars()->barSets()[1]->color(), laneColor(session->lane(2).spec));
    EXPECT_NE(laneColor(session->lane(1).spec), laneColor(session->lane(2).spec));
    EXPECT_FALSE(indexBox()->isVisible());

    choose("Free blocks per order");
    EXPECT_EQ(shown(), chart(BreakdownKind::FreePerOrder));
    EXPECT_EQ(namesOf(chart(BreakdownKind::FreePerOrder)->bars()), QStringList{buddy});
    EXPECT_EQ(chart(BreakdownKind::FreePerOrder)->bars()->barSets()[0]->color(), laneColor(session->lane(1).spec));
    EXPECT_TRUE(indexBox()->isVisible());
    EXPECT_EQ(indexBox()->text(), "Unusable free space index");

    choose("Free blocks by size");
    EXPECT_EQ(shown(), view("Free block size histogram"));
    EXPECT_EQ(namesOf(qobject_cast<QBarSeries*>(view("Free block size histogram")->chart()->series().first())),
              (QStringList{"first fit", buddy, segregated}));
    EXPECT_FALSE(indexBox()->isVisible());
    EXPECT_EQ(sideBox()->itemData(sideBox()->currentIndex()).toInt(), int(SideChart::FreeBlockSizes));
}

// Where no lane has the chosen chart, a short note in the theme's colours.
TEST_F(FamilyCharts, ANoteWhereNoLaneHasTheChart)
{
    const auto session = record(kBuddyOps, {"first", "best"}, fixedHeap(256));
    panel.setSession(session.get());
    choose("Bytes lost per size class");
    EXPECT_EQ(shown(), note());
    EXPECT_TRUE(note()->isVisible());
    EXPECT_TRUE(note()->text().contains("buddy and segregated")) << note()->text().toStdString();
    EXPECT_EQ(panel.findChildren<BreakdownChart*>().size(), 0);
    choose("Free blocks per order");
    EXPECT_EQ(shown(), note());
    EXPECT_TRUE(note()->text().contains("buddy")) << note()->text().toStdString();
    EXPECT_FALSE(indexBox()->isVisible()) << "no buddy lane, no index";
    const Theme& dark = Theme::of(ThemeKind::Dark);
    panel.setTheme(dark);
    EXPECT_EQ(note()->palette().color(QPalette::Window), dark.base);
    EXPECT_EQ(note()->palette().color(QPalette::WindowText), dark.mutedText);
    EXPECT_EQ(note()->grab().toImage().pixelColor(1, 1), dark.base);
}

// By hand (kBuddyOps): the orders are 16, 32, 64, 128 and 256 bytes.
//  step 2: free blocks per order 0 1 1 0 0; index (96 free) 0 0 1/3 1 1.
//  step 5: free blocks per order 1 0 0 1 0; index (144 free) 0 1/9 1/9 1/9 1.
// Bytes lost, only between the smallest and largest class in use:
//  step 2: orders 5 to 7 (32, 64, 128 B): 12, 0, 28.
//  step 5: orders 4 to 6 (16, 32, 64 B): 11, 12, 24.
TEST_F(FamilyCharts, AStepReplacesTheValuesInTheSameBarSets)
{
    const auto session = record(kBuddyOps, {"buddy:min_order=4:header=8"}, fixedHeap(256));
    panel.setSession(session.get());
    session->seek(2);
    panel.refresh();
    choose("Free blocks per order");
    BreakdownChart* orders = chart(BreakdownKind::FreePerOrder);
    const QList<QBarSet*> sets = orders->bars()->barSets();
    ASSERT_EQ(sets.size(), 1);
    EXPECT_EQ(orders->categoryBounds(), (std::vector<std::optional<Size>>{16, 32, 64, 128, 256}));
    EXPECT_EQ(valuesOf(sets[0]), (QList<double>{0, 1, 1, 0, 0}));
    EXPECT_EQ(orders->valueAxis()->titleText(), "blocks");

    session->seek(5);
    panel.refresh();
    EXPECT_EQ(orders->bars()->barSets(), sets) << "the same set, its values replaced";
    EXPECT_EQ(valuesOf(sets[0]), (QList<double>{1, 0, 0, 1, 0}));

    panel.setUnusableIndex(true);
    EXPECT_TRUE(indexBox()->isChecked());
    EXPECT_EQ(orders->bars()->barSets(), sets);
    EXPECT_EQ(valuesOf(sets[0]), (QList<double>{0, 16.0 / 144, 16.0 / 144, 16.0 / 144, 1}));
    EXPECT_EQ(orders->valueAxis()->titleText(), "index");
    EXPECT_EQ(orders->valueAxis()->max(), 1);
    session->seek(2);
    panel.refresh();
    EXPECT_EQ(valuesOf(sets[0]), (QList<double>{0, 0, 32.0 / 96, 1, 1}));
    indexBox()->click();
    EXPECT_FALSE(panel.unusableIndex());
    EXPECT_EQ(valuesOf(sets[0]), (QList<double>{0, 1, 1, 0, 0}));

    choose("Bytes lost per size class");
    BreakdownChart* lost = chart(BreakdownKind::LostPerClass);
    const QList<QBarSet*> lostSets = lost->bars()->barSets();
    EXPECT_EQ(lost->categoryBounds(), (std::vector<std::optional<Size>>{32, 64, 128}));
    EXPECT_EQ(valuesOf(lostSets[0]), (QList<double>{12, 0, 28}));
    EXPECT_EQ(lost->valueAxis()->titleText(), "bytes");
    session->seek(5);
    panel.refresh();
    EXPECT_EQ(lost->bars()->barSets(), lostSets);
    EXPECT_EQ(lost->categoryBounds(), (std::vector<std::optional<Size>>{16, 32, 64}));
    EXPECT_EQ(valuesOf(lostSets[0]), (QList<double>{11, 12, 24}));
    settle();
    EXPECT_EQ(labelsOf(lost->classAxis()), (QList<std::pair<QString, double>>{{"16", 0}, {"32", 1}, {"64", 2}}))
        << "each label on its bar";
}

// Only the chart on show recounts: a hidden one catches up when shown.
TEST_F(FamilyCharts, OnlyTheChartOnShowRecounts)
{
    const auto session = record(kBuddyOps, {"buddy:min_order=4:header=8"}, fixedHeap(256));
    panel.setSession(session.get());
    choose("Free blocks per order");
    choose("Bytes lost per size class");
    BreakdownChart* orders = chart(BreakdownKind::FreePerOrder);
    session->seek(2);
    panel.refresh();
    EXPECT_EQ(valuesOf(orders->bars()->barSets()[0]), (QList<double>{0, 0, 0, 0, 1})) << "still step 0's";
    choose("Free blocks per order");
    EXPECT_EQ(valuesOf(orders->bars()->barSets()[0]), (QList<double>{0, 1, 1, 0, 0}));
}

// Segregated (classes <= 32, <= 64, <= 128, > 128) and buddy (min 32 B) lanes
// on 1024 bytes, over a 0 10, a 1 40, a 2 41, a 3 100, a 4 200:
//  segregated (need = roundup(n + 16, 16), at least 32): 32, 64, 64, 128, 224:
//    <= 32 loses 22; <= 64 loses 24 + 23 = 47; <= 128 loses 28; > 128 loses 24.
//  buddy (need = the power of two >= n, at least 32): 32, 64, 64, 128, 256:
//    order 5 loses 22; 6: 47; 7: 28; 8: 256 - 200 = 56; orders 9, 10 none.
// The classes share an axis by upper bound: 32, 64, 128, 256, 512, 1K, and
// the open class last.
TEST_F(FamilyCharts, SegregatedAndBuddyLanesShareTheClassAxis)
{
    const auto session = record("a 0 10\na 1 40\na 2 41\na 3 100\na 4 200\n",
                                {"segregated:classes=32/64/128", "buddy"}, fixedHeap(1024));
    panel.resize(1400, 320);
    panel.setSession(session.get());
    session->seek(5);
    panel.refresh();
    choose("Bytes lost per size class");
    BreakdownChart* lost = chart(BreakdownKind::LostPerClass);
    EXPECT_EQ(lost->categoryBounds(),
              (std::vector<std::optional<Size>>{32, 64, 128, 256, 512, 1024, std::nullopt}));
    const QList<QBarSet*> sets = lost->bars()->barSets();
    ASSERT_EQ(sets.size(), 2);
    EXPECT_EQ(sets[0]->label(), "segregated (classes 32/64/128)");
    EXPECT_EQ(valuesOf(sets[0]), (QList<double>{22, 47, 28, 0, 0, 0, 24}));
    EXPECT_EQ(sets[1]->label(), "buddy (min 32 B)");
    EXPECT_EQ(valuesOf(sets[1]), (QList<double>{22, 47, 28, 56, 0, 0, 0}));
    settle();
    EXPECT_EQ(labelsOf(lost->classAxis()),
              (QList<std::pair<QString, double>>{
                  {"32", 0}, {"64", 1}, {"128", 2}, {"256", 3}, {"512", 4}, {"1K", 5}, {">128", 6}}));
}

// What hovering a bar tells, worked by hand from the examples above.
TEST_F(FamilyCharts, TooltipsSayWhereTheBytesGo)
{
    // min_order 3, header 8: a 20 takes 32 bytes (order 5), losing 12.
    const auto small = record("a 0 20\n", {"buddy:min_order=3:header=8"}, fixedHeap(64));
    panel.setSession(small.get());
    small->seek(1);
    panel.refresh();
    choose("Bytes lost per size class");
    BreakdownChart* lost = chart(BreakdownKind::LostPerClass);
    ASSERT_EQ(lost->categoryBounds(), (std::vector<std::optional<Size>>{32}));
    EXPECT_EQ(lost->toolTipFor(0, 0), "buddy (min 8 B) · order 5 (32 B) / 12 B lost of 32 B in 1 used block");
    // Hovering shows the same text.
    Q_EMIT lost->bars()->hovered(true, 0, lost->bars()->barSets()[0]);
    EXPECT_EQ(QToolTip::text(), lost->toolTipFor(0, 0));
    Q_EMIT lost->bars()->hovered(false, 0, lost->bars()->barSets()[0]);

    const auto shared = record("a 0 10\na 1 40\na 2 41\na 3 100\na 4 200\n",
                               {"segregated:classes=32/64/128", "buddy"}, fixedHeap(1024));
    panel.setSession(shared.get());
    shared->seek(5);
    panel.refresh();
    EXPECT_EQ(lost->toolTipFor(1, 1), "buddy (min 32 B) · order 6 (64 B) / 47 B lost of 128 B in 2 used blocks");
    EXPECT_EQ(lost->toolTipFor(0, 6),
              "segregated (classes 32/64/128) · > 128 B / 24 B lost of 224 B in 1 used block");
    EXPECT_EQ(lost->toolTipFor(0, 3), "segregated (classes 32/64/128) · no class up to 256");

    // The buddy lane's free blocks after the five: [32,64), [192,256), [384,512), [768,1024):
    // one each of orders 5 to 8, 480 bytes; order 7's index: (480 - 128 - 256) / 480 = 0.2.
    choose("Free blocks per order");
    BreakdownChart* orders = chart(BreakdownKind::FreePerOrder);
    EXPECT_EQ(orders->toolTipFor(0, 2), "buddy (min 32 B) · order 7 (128 B) / 1 free block, 128 B");
    panel.setUnusableIndex(true);
    EXPECT_EQ(orders->toolTipFor(0, 2),
              "buddy (min 32 B) · order 7 (128 B) / unusable free space index 0.20 (1 free block, 128 B)");
}

// "a 1 MiB buddy heap has 16 orders": every label shows whole, on its bar,
// from narrow to wide and with large text; where they do not all fit, every
// second or third bar is labelled.
TEST_F(FamilyCharts, LabelsAreWholeOnSmallAndLargeBuddyHeaps)
{
    const Trace trace =
        generateWorkload({.kind = WorkloadKind::Uniform, .seed = 3, .ops = 164, .minSize = 16, .maxSize = 2000, .live = 30});
    for (Size heap : {Size{8} << 10, Size{1} << 20}) {
        const auto session = record(trace, {"buddy", "segregated"}, fixedHeap(heap));
        panel.setFont(QFont());
        panel.setSession(session.get());
        session->seek(100);
        panel.refresh();
        for (int fontSize : {0, 16})
            for (int width : {720, 1000, 1300, 1900}) {
                if (fontSize) {
                    QFont big = panel.font();
                    big.setPointSize(fontSize);
                    panel.setFont(big);
                }
                panel.resize(width, 320);
                for (const char* which : {"Free blocks per order", "Bytes lost per size class"}) {
                    choose(which);
                    settle();
                    BreakdownChart* c = qobject_cast<BreakdownChart*>(shown());
                    ASSERT_NE(c, nullptr);
                    const auto where = [&] {
                        return std::string(which) + ", " + std::to_string(heap) + " B heap, " + std::to_string(width)
                               + " px, font " + std::to_string(fontSize);
                    };
                    const int bars = int(c->categoryBounds().size());
                    if (std::string(which) == "Free blocks per order") {
                        EXPECT_EQ(bars, heap == 8192 ? 9 : 16) << "orders 5 to 13 / 20; " << where();
                    }
                    const QList<std::pair<QString, double>> labels = labelsOf(c->classAxis());
                    ASSERT_GE(labels.size(), 1) << where();
                    EXPECT_GE(labels.size(), (bars + 2) / 3) << "at least every third bar; " << where();
                    EXPECT_FALSE(c->classAxis()->labelsTruncated()) << where();
                    EXPECT_EQ(elidedTexts(c->chart()), QStringList()) << where();
                    const QFontMetricsF metrics(c->classAxis()->labelsFont());
                    EXPECT_NEAR(c->classAxis()->labelsFont().pointSizeF(), panel.font().pointSizeF() * 0.9, 0.1)
                        << "never a smaller font; " << where();
                    const double perBar = c->chart()->plotArea().width() / bars;
                    for (qsizetype i = 0; i < labels.size(); ++i) {
                        EXPECT_EQ(labels[i].second, std::round(labels[i].second)) << "on a bar; " << where();
                        if (i > 0) { // neighbours stay apart
                            EXPECT_LT(metrics.horizontalAdvance(labels[i].first),
                                      (labels[i].second - labels[i - 1].second) * perBar)
                                << labels[i].first.toStdString() << "; " << where();
                        }
                    }
                    // Every label text item that Qt Charts drew is visible.
                    int visible = 0;
                    for (QGraphicsItem* item : c->chart()->scene()->items())
                        if (auto* text = dynamic_cast<QGraphicsTextItem*>(item); text && text->isVisible())
                            for (const auto& [label, at] : labels)
                                visible += text->toPlainText() == label;
                    EXPECT_GE(visible, labels.size()) << where();
                }
            }
        panel.setSession(nullptr); // before the session goes
    }
    panel.setFont(QFont());
}

TEST_F(FamilyCharts, ThemesAndTextSizeReachTheBreakdownCharts)
{
    const auto session = record(kBuddyOps, {"buddy"}, fixedHeap(256));
    panel.setSession(session.get());
    choose("Bytes lost per size class");
    choose("Free blocks per order");
    for (ThemeKind kind : {ThemeKind::Dark, ThemeKind::HighContrast, ThemeKind::Light}) {
        const Theme& theme = Theme::of(kind);
        panel.setTheme(theme);
        for (BreakdownChart* c : panel.findChildren<BreakdownChart*>()) {
            EXPECT_EQ(c->chart()->backgroundBrush().color(), theme.base);
            EXPECT_EQ(c->chart()->titleBrush().color(), theme.text);
            for (QAbstractAxis* axis : c->chart()->axes()) {
                EXPECT_EQ(axis->labelsColor(), theme.text);
                EXPECT_EQ(axis->titleBrush().color(), theme.text);
                EXPECT_EQ(axis->gridLineColor(), theme.grid);
            }
        }
    }
    BreakdownChart* c = chart(BreakdownKind::FreePerOrder);
    const double labels = c->classAxis()->labelsFont().pointSizeF(), title = c->chart()->titleFont().pointSizeF();
    QFont big = panel.font();
    big.setPointSizeF(big.pointSizeF() * 2);
    panel.setFont(big);
    settle();
    for (BreakdownChart* b : panel.findChildren<BreakdownChart*>()) {
        EXPECT_NEAR(b->classAxis()->labelsFont().pointSizeF(), 2 * labels, 0.1);
        EXPECT_NEAR(b->valueAxis()->labelsFont().pointSizeF(), 2 * labels, 0.1);
        EXPECT_NEAR(b->chart()->titleFont().pointSizeF(), 2 * title, 0.1);
    }
    EXPECT_FALSE(c->classAxis()->labelsTruncated());
    EXPECT_FALSE(c->valueAxis()->labelsTruncated());
    panel.setFont(QFont());
}
