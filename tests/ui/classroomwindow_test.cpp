// The window as a teacher first meets it: the demo's settings stay the
// demo's, a failing lane says why, bad inputs are explained without losing
// the session, headless runs are reproducible; presentation mode, text
// scale, themes, the shortcuts overlay; the settings, findings and blocks
// docks; the timeline's speed and fault marks.

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <set>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QDockWidget>

#include "ui/demowindow.h"
#include "ui/session/blocktablemodel.h"
#include "ui/lanes/elidedtext.h"
#include "ui/session/findingsmodel.h"
#include "ui/lanes/lanewidget.h"
#include "ui/window/mainwindow.h"
#include "ui/map/memorymapwidget.h"
#include "ui/settings/settingspanel.h"
#include "ui/window/shortcutsoverlay.h"
#include "ui/window/timelinebar.h"

using namespace heapviz;
using namespace heapviz::ui;

namespace {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return path;
}

// A trace whose 40 requests of 1,000 bytes need 40 KiB and more.
QByteArray bigRequests()
{
    QByteArray text;
    for (int i = 0; i < 40; ++i)
        text += "a " + QByteArray::number(i) + " 1000\n";
    return text;
}

struct Classroom : ::testing::Test {
    MainWindow window{SettingsStore::Mode::Ephemeral};
    QTemporaryDir dir;
    void SetUp() override
    {
        window.resize(1280, 720);
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
        window.openDemo(/*wait=*/true);
        ASSERT_NE(window.session(), nullptr);
        window.activateWindow();
    }
    void TearDown() override
    {
        window.setTextScale(1); // the application's font and palette are shared by every test
        window.setTheme(ThemeKind::Light);
    }
    QDockWidget* dock(const char* name) { return window.findChild<QDockWidget*>(name); }
};

} // namespace

TEST_F(Classroom, TheDemosSmallHeapDoesNotFollowIntoATrace)
{
    EXPECT_TRUE(window.showingDemo());
    EXPECT_EQ(window.session()->data().settings.config.fixedSize, 8192u) << "the demo's own heap";
    ASSERT_TRUE(window.openTraceFile(writeFile(dir, "big.rep", bigRequests()), /*wait=*/true));
    EXPECT_FALSE(window.showingDemo());
    EXPECT_TRUE(window.session()->data().settings.config.growing()) << "traces open with a growing heap by default";
    EXPECT_EQ(window.session()->lane(0).run.final.failed, 0u);
    window.openDemo(/*wait=*/true);
    EXPECT_EQ(window.session()->data().settings.config.fixedSize, 8192u);
}

TEST_F(Classroom, ALaneThatFailsManyRequestsSaysWhyAndGrowsInOneClick)
{
    SessionSettings fixed = window.traceSettings();
    fixed.config.fixedSize = 8192;
    window.setTraceSettings(fixed, /*persist=*/false);
    ASSERT_TRUE(window.openTraceFile(writeFile(dir, "big.rep", bigRequests()), /*wait=*/true));
    // need(1000) = 1024: eight fit in 8 KiB, 32 of the 40 fail.
    LaneWidget* lane = window.lanes().front();
    ASSERT_TRUE(lane->failureBanner()->isVisible());
    const auto* text = lane->failureBanner()->findChild<QLabel*>();
    EXPECT_EQ(text->text(), "32 of 40 requests failed: the fixed 8 KiB heap is too small");
    QSignalSpy loaded(&window, &MainWindow::sessionLoaded);
    QTest::mouseClick(lane->failureBanner()->findChild<QPushButton*>(), Qt::LeftButton);
    ASSERT_TRUE(loaded.wait(10000));
    EXPECT_TRUE(window.session()->data().settings.config.growing());
    EXPECT_EQ(window.session()->lane(0).run.final.failed, 0u);
    EXPECT_FALSE(window.lanes().front()->failureBanner()->isVisible());
    EXPECT_TRUE(window.traceSettings().config.growing()) << "and traces go on growing";
}

TEST_F(Classroom, AnEmptyTraceIsExplainedAndTheSessionStays)
{
    window.session()->seek(12);
    const Session* before = window.session();
    EXPECT_FALSE(window.openTraceFile(writeFile(dir, "empty.rep", "# nothing here\n\n"), /*wait=*/true));
    EXPECT_TRUE(window.lastError().contains("empty.rep has no operations")) << window.lastError().toStdString();
    EXPECT_EQ(window.session(), before);
    EXPECT_EQ(window.session()->step(), 12u);
    EXPECT_EQ(window.errorBox()->informativeText(), "The session on screen is unchanged.");
}

TEST(FirstUse, AMissingFileOnTheCommandLineOpensTheDemoAndSaysSo)
{
    MainWindow window{SettingsStore::Mode::Ephemeral};
    EXPECT_FALSE(window.openTraceFile("/nowhere/at/all.rep", /*wait=*/true, /*fromCommandLine=*/true));
    ASSERT_NE(window.session(), nullptr) << "never a blank window";
    EXPECT_TRUE(window.showingDemo());
    EXPECT_TRUE(window.errorBox()->text().contains("no such file"));
    EXPECT_EQ(window.errorBox()->informativeText(), "HeapViz opened its demo instead.");
}

TEST_F(Classroom, AFileThatIsGoneLeavesOpenRecent)
{
    const QString path = writeFile(dir, "soon-gone.rep", "a 0 8\n");
    ASSERT_TRUE(window.openTraceFile(path, /*wait=*/true));
    ASSERT_TRUE(window.store().recentFiles().contains(QFileInfo(path).absoluteFilePath()));
    QFile::remove(path);
    EXPECT_FALSE(window.openTraceFile(path, /*wait=*/true));
    EXPECT_FALSE(window.store().recentFiles().contains(QFileInfo(path).absoluteFilePath()));
}

TEST_F(Classroom, ABinaryFilesMessageFitsItsDialog)
{
    QByteArray garbage;
    for (int i = 0; i < 4096; ++i)
        garbage += char(0x80 + (i * 37) % 128);
    EXPECT_FALSE(window.openTraceFile(writeFile(dir, "garbage.bin", garbage), /*wait=*/true));
    QMessageBox* box = window.errorBox();
    ASSERT_NE(box, nullptr);
    box->adjustSize();
    EXPECT_LE(box->width(), window.width()) << "the escaped bytes are cut, and long runs wrap";
}

TEST(FirstUse, HelpAndVersionPrintWithoutADisplay)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("QT_QPA_PLATFORM");
    env.remove("DISPLAY");
    env.remove("WAYLAND_DISPLAY");
    for (const char* flag : {"--help", "--version"}) {
        QProcess app;
        app.setProcessEnvironment(env);
        app.start(HEAPVIZ_GUI_APP, {flag});
        ASSERT_TRUE(app.waitForFinished(30000));
        EXPECT_EQ(app.exitStatus(), QProcess::NormalExit) << flag;
        EXPECT_EQ(app.exitCode(), 0) << flag << ": " << app.readAllStandardError().toStdString();
        const QByteArray out = app.readAllStandardOutput();
        EXPECT_TRUE(out.contains(QByteArray(flag) == "--help" ? "--screenshot" : "HeapViz")) << out.toStdString();
    }
}

TEST(FirstUse, AHeadlessRunNeitherReadsNorWritesTheUsersSettings)
{
    // A home with saved settings: a fixed heap, four lanes, the dark theme.
    QTemporaryDir home, empty, out;
    QDir(home.path()).mkpath("HeapViz");
    const QString conf = home.filePath("HeapViz/HeapViz.conf");
    QFile f(conf);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("[traces]\nlanes=first, next, best, worst\nconfig\\heap=4096\n[view]\ntheme=dark\n"
            "[General]\nrecentFiles=/tmp/x.rep\n");
    f.close();
    const QByteArray before = QCryptographicHash::hash([&] { QFile c(conf); c.open(QIODevice::ReadOnly); return c.readAll(); }(),
                                                       QCryptographicHash::Sha256);
    const auto shoot = [&](const QString& configHome, const QString& png) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_CONFIG_HOME", configHome);
        QProcess app;
        app.setProcessEnvironment(env);
        app.start(HEAPVIZ_GUI_APP, {"--screenshot", png, "--size", "1024x768", "--step", "40"});
        app.waitForFinished(60000);
        return app.exitCode();
    };
    ASSERT_EQ(shoot(home.path(), out.filePath("a.png")), 0);
    ASSERT_EQ(shoot(empty.path(), out.filePath("b.png")), 0);
    EXPECT_EQ(QImage(out.filePath("a.png")), QImage(out.filePath("b.png"))) << "the same command, the same picture";
    const QByteArray after = QCryptographicHash::hash([&] { QFile c(conf); c.open(QIODevice::ReadOnly); return c.readAll(); }(),
                                                      QCryptographicHash::Sha256);
    EXPECT_EQ(before, after) << "nothing written";
    EXPECT_TRUE(QDir(empty.path()).isEmpty()) << "nothing written in an empty home either";
}

TEST_F(Classroom, PresentationHidesTheChromeAndEnlargesTheNarration)
{
    dock("findingsDock")->show();
    ElidedText* narration = window.lanes().front()->narrationView();
    const double before = narration->font().pointSizeF();
    QTest::keyClick(&window, Qt::Key_F5);
    EXPECT_TRUE(window.presentation());
    EXPECT_FALSE(dock("findingsDock")->isVisible());
    EXPECT_FALSE(window.findChild<QToolBar*>("mainToolBar")->isVisible());
    EXPECT_FALSE(window.chartsShown()) << "the maps get the height";
    EXPECT_GT(narration->font().pointSizeF(), before * 1.3);
    EXPECT_EQ(narration->lines(), 3);
    QTest::keyClick(&window, Qt::Key_Escape);
    EXPECT_FALSE(window.presentation());
    EXPECT_TRUE(dock("findingsDock")->isVisible()) << "what was open comes back";
    EXPECT_TRUE(window.chartsShown());
    EXPECT_DOUBLE_EQ(narration->font().pointSizeF(), before);
}

TEST_F(Classroom, TextScaleReachesEveryTextAndIsRemembered)
{
    const double base = QApplication::font().pointSizeF();
    const double title = window.lanes().front()->findChild<QLabel*>()->font().pointSizeF();
    QTest::keyClick(&window, Qt::Key_Plus, Qt::ControlModifier);
    QTest::keyClick(&window, Qt::Key_Plus, Qt::ControlModifier);
    QApplication::processEvents(); // Qt posts the font's change to the widgets
    EXPECT_NEAR(QApplication::font().pointSizeF(), base * 1.15 * 1.15, 0.01);
    EXPECT_GT(window.lanes().front()->findChild<QLabel*>()->font().pointSizeF(), title * 1.2) << "the lane title too";
    EXPECT_GT(window.lanes().front()->map()->mapStyle().font.pointSizeF(), base * 1.2) << "the map's ruler too";
    EXPECT_NEAR(window.store().textScale(), 1.15 * 1.15, 1e-9);
    QTest::keyClick(&window, Qt::Key_0, Qt::ControlModifier);
    EXPECT_NEAR(QApplication::font().pointSizeF(), base, 0.01);
}

TEST_F(Classroom, ThemesRecolourTheWindowAndTheMaps)
{
    window.setTheme(ThemeKind::Dark);
    EXPECT_EQ(QApplication::palette().color(QPalette::Window), Theme::of(ThemeKind::Dark).window);
    EXPECT_EQ(window.lanes().front()->map()->mapStyle().theme.kind, ThemeKind::Dark);
    window.action("theme-high-contrast")->trigger();
    EXPECT_EQ(QApplication::palette().color(QPalette::Base), QColor(Qt::black));
    EXPECT_EQ(window.store().theme(), ThemeKind::HighContrast);
}

TEST_F(Classroom, F1ListsEveryKey)
{
    QTest::keyClick(&window, Qt::Key_F1);
    auto* overlay = window.findChild<ShortcutsOverlay*>();
    ASSERT_NE(overlay, nullptr);
    const QStringList rows = overlay->rows();
    for (const char* row : {"Space — Play / pause", "F5 — Presentation", "[ — Slower", "] — Faster", "C — Compact now",
                            "L — Lock lanes together", "F — Fit the heap"})
        EXPECT_TRUE(rows.contains(row)) << row << " in:\n" << rows.join('\n').toStdString();
    QTest::keyClick(overlay, Qt::Key_Escape);
    QApplication::processEvents();
    QTest::qWait(10);
    EXPECT_EQ(window.findChild<ShortcutsOverlay*>(), nullptr);
}

TEST(Timeline, SpeedsReadAsPeopleSayThem)
{
    EXPECT_EQ(TimelineBar::speedText(5000), "5,000 steps/s");
    EXPECT_EQ(TimelineBar::speedText(0.305), "0.3 steps/s");
    EXPECT_EQ(TimelineBar::speedText(1), "1 step/s");
    EXPECT_EQ(TimelineBar::speedText(4), "4 steps/s");
    EXPECT_EQ(TimelineBar::speedText(12.4), "12 steps/s");
}

TEST_F(Classroom, BracketsChangeTheSpeedWhichIsRemembered)
{
    const double before = window.timeline()->stepsPerSecond();
    QTest::keyClick(&window, Qt::Key_BracketRight);
    EXPECT_GT(window.timeline()->stepsPerSecond(), before * 1.5);
    EXPECT_DOUBLE_EQ(window.store().speed(), window.timeline()->stepsPerSecond());
    QTest::keyClick(&window, Qt::Key_BracketLeft);
    QTest::keyClick(&window, Qt::Key_BracketLeft);
    EXPECT_LT(window.timeline()->stepsPerSecond(), before);
}

TEST_F(Classroom, TheTimelineMarksEveryFaultsStep)
{
    ASSERT_TRUE(window.openTraceFile(writeFile(dir, "faults.rep", "a 0 8\nf 0\nf 0\na 1 8\nf 9\n"), /*wait=*/true));
    EXPECT_EQ(window.timeline()->markedSteps(), (std::vector<std::size_t>{3, 5}));
}

TEST_F(Classroom, SettingsApplyOnEnterWithButtonsThatStayPut)
{
    dock("settingsDock")->show();
    SettingsPanel* panel = window.settingsPanel();
    const QRect applyBefore = panel->applyButton()->geometry();
    QLineEdit* size = nullptr;
    for (QLineEdit* edit : panel->findChildren<QLineEdit*>())
        if (edit->accessibleName() == "Fixed heap size")
            size = edit;
    ASSERT_NE(size, nullptr);
    ASSERT_TRUE(size->isEnabled());
    size->setText("100");
    QSignalSpy applied(panel, &SettingsPanel::applied);
    QTest::keyClick(size, Qt::Key_Return);
    EXPECT_EQ(applied.count(), 0);
    EXPECT_TRUE(panel->error().contains("A fixed heap of 100 bytes leaves 100 bytes for blocks")) << panel->error().toStdString();
    QApplication::processEvents();
    EXPECT_EQ(panel->applyButton()->geometry(), applyBefore) << "the message comes below the buttons";
    size->setText("16 KiB");
    QTest::keyClick(size, Qt::Key_Return);
    ASSERT_EQ(applied.count(), 1);
    EXPECT_EQ(applied.front().front().value<SessionSettings>().config.fixedSize, 16384u);
}

TEST(SettingsPanel, APresetKeepsTheLanesHeapAndCompaction)
{
    SettingsPanel panel;
    SessionSettings s;
    s.lanes = {"next"};
    s.config.fixedSize = 65536 + 16; // a multiple of both presets' alignment once prefix/suffix are counted
    std::string error;
    s.config.compact = *CompactTrigger::parse("threshold:0.4", error);
    s.config.compactor = Compactor::TwoFinger;
    panel.show(s);
    auto* preset = panel.findChildren<QComboBox*>().front();
    preset->setCurrentIndex(preset->findData("csapp"));
    Q_EMIT preset->activated(preset->currentIndex());
    const auto read = panel.read();
    ASSERT_TRUE(read) << panel.error().toStdString();
    EXPECT_EQ(read->config.align, 8u) << "the preset's parameters";
    EXPECT_EQ(read->config.realloc, ReallocPolicy::Move);
    EXPECT_EQ(read->lanes, s.lanes);
    EXPECT_EQ(read->config.compact, s.config.compact) << "compaction stays";
    EXPECT_EQ(read->config.compactor, Compactor::TwoFinger);
    panel.resetToDefaults();
    const auto reset = panel.read();
    ASSERT_TRUE(reset);
    EXPECT_EQ(reset->lanes, SessionSettings{}.lanes);
    EXPECT_TRUE(reset->config.growing());
    EXPECT_EQ(reset->config.compact.kind, CompactTrigger::Kind::Never);
}

TEST_F(Classroom, FindingsSpeakWordsAndALeakShowsItsBlock)
{
    ASSERT_TRUE(window.openTraceFile(writeFile(dir, "leaky.rep", "a 0 10\na 1 20\nf 0\nf 0\n"), /*wait=*/true));
    QListView* view = window.findingsView();
    QAbstractItemModelTester tester(view->model(), QAbstractItemModelTester::FailureReportingMode::Warning);
    ASSERT_EQ(view->model()->rowCount(), 2);
    EXPECT_EQ(view->model()->index(0, 0).data().toString(), "line 4: double free: the id was already freed (id 0)");
    EXPECT_EQ(view->model()->index(1, 0).data().toString(), "line 2: leak: id 1 (20 bytes) is never freed");
    dock("findingsDock")->show();
    QApplication::processEvents();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(view->model()->index(1, 0)).center());
    EXPECT_EQ(window.session()->step(), 2u) << "the step that allocated it";
    EXPECT_EQ(window.selectedId(), 1) << "and its block, selected";
    EXPECT_EQ(window.lanes().front()->map()->mapStyle().selected, 1);
}

TEST_F(Classroom, TheBlocksTableAndTheMapsShareOneSelection)
{
    dock("blocksDock")->show();
    window.session()->seek(20);
    QApplication::processEvents();
    QTableView* table = window.blockView();
    int row = 0;
    while (!table->model()->index(row, BlockTableModel::IdColumn).data().isValid())
        ++row;
    const TraceId id = table->model()->index(row, BlockTableModel::IdColumn).data().toLongLong();
    table->setCurrentIndex(table->model()->index(row, 0)); // the table leads
    EXPECT_EQ(window.selectedId(), id);
    EXPECT_EQ(window.lanes().back()->map()->mapStyle().selected, id);
    // A click on another block in a map: the table follows.
    const BlockLayout& layout = window.session()->lane(0).cursor->layout();
    const auto other = std::find_if(layout.map().begin(), layout.map().end(),
                                    [&](const auto& b) { return b.second.used && b.second.id != id; });
    ASSERT_NE(other, layout.map().end());
    MemoryMapWidget* map = window.lanes().front()->map();
    const auto rects = map->mapGeometry().rectsFor(other->first, other->first + other->second.size);
    QTest::mouseClick(map, Qt::LeftButton, {}, rects.front().center().toPoint());
    EXPECT_EQ(window.selectedId(), other->second.id);
    EXPECT_EQ(table->model()->index(table->currentIndex().row(), BlockTableModel::IdColumn).data().toLongLong(),
              other->second.id);
}

TEST_F(Classroom, TheDocksAreTabsNotASqueezedStack)
{
    for (const char* name : {"settingsDock", "findingsDock", "blocksDock"})
        dock(name)->show();
    QApplication::processEvents();
    EXPECT_EQ(window.tabifiedDockWidgets(dock("blocksDock")).size(), 2);
    dock("blocksDock")->raise();
    QApplication::processEvents();
    EXPECT_GT(window.blockView()->height(), 300) << "the table gets the dock's height";
}

TEST_F(Classroom, TheMapKeepsItsHeightWhateverTheNarrationSays)
{
    MemoryMapWidget* map = window.lanes().front()->map();
    std::set<int> heights;
    for (std::size_t step = 0; step <= window.session()->steps(); step += 7) {
        window.session()->seek(step);
        QApplication::processEvents();
        heights.insert(map->height());
    }
    EXPECT_EQ(heights.size(), 1u);
}

// The narration of four lanes across 1920 x 1080 takes three lines, as
// two lines of a lane a quarter as wide (about 460 px) cut a sentence of
// more than about 130 characters; at 1024 x 768 the lanes are too short to
// spare the line, which the free lists keep.
TEST(Narration, ATallNarrowLaneGivesItsNarrationAThirdLine)
{
    MainWindow window{SettingsStore::Mode::Ephemeral};
    SessionSettings demo = MainWindow::defaultDemoSettings();
    demo.lanes = {"first", "segregated:order=lifo", "tlsf", "buddy"};
    openDemoOffScreen(window, {1920, 1080}, demo);
    ASSERT_EQ(window.lanes().size(), 4u);
    QApplication::processEvents();
    int longOnes = 0;
    for (LaneWidget* lane : window.lanes()) {
        ElidedText* narration = lane->narrationView();
        ASSERT_EQ(narration->lines(), 3);
        std::set<int> mapHeights;
        for (std::size_t step = 1; step <= window.session()->steps(); ++step) {
            window.session()->seek(step);
            QApplication::processEvents();
            mapHeights.insert(lane->map()->height());
            const QString text = lane->narrationText();
            if (text.size() > 170)
                continue; // a fault's account can be longer
            EXPECT_FALSE(narration->elided()) << "step " << step << ": " << text.toStdString();
            longOnes += text.size() > 130;
        }
        EXPECT_EQ(mapHeights.size(), 1u) << "the line is the lane's, whatever the sentence";
    }
    EXPECT_GT(longOnes, 20) << "sentences that two lines would cut";
    window.resize(1024, 768);
    QApplication::processEvents();
    for (LaneWidget* lane : window.lanes())
        EXPECT_EQ(lane->narrationView()->lines(), 2);
}

// Eight lanes at 1280 x 720 fold their free lists away: the map gives the
// third line, and keeps more than its least height.
TEST(Narration, EightLanesWithoutListsTakeTheThirdLineFromTheMap)
{
    MainWindow window{SettingsStore::Mode::Ephemeral};
    openEveryFamilyOffScreen(window, {1280, 720});
    ASSERT_EQ(window.lanes().size(), 8u);
    for (LaneWidget* lane : window.lanes()) {
        EXPECT_EQ(lane->narrationView()->lines(), 3);
        EXPECT_GT(lane->map()->height(), LaneWidget::kMinimumMapHeight);
    }
}
