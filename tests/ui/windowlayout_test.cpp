// The window on the screens a class has, 1024x768 to 1920x1080, with 1 to 8
// lanes: it keeps the size it was given, and every visible control and every
// lane's map, metric strip and narration lie inside it at a legible size.

#include <gtest/gtest.h>

#include <map>

#include <QAbstractButton>
#include <QApplication>
#include <QAbstractSlider>
#include <QComboBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

#include "support/strategy.h"
#include "ui/demowindow.h"
#include "ui/lanes/elidedtext.h"
#include "ui/lanes/lanewidget.h"
#include "ui/window/mainwindow.h"
#include "ui/window/operationheading.h"
#include "ui/map/memorymapwidget.h"

using namespace heapviz;
using namespace heapviz::ui;

namespace {

struct Screen {
    int width;
    int height;
};

const Screen kScreens[] = {{1024, 768}, {1280, 720}, {1366, 768}, {1920, 1080}};

// `w`'s rectangle in `window`'s coordinates.
QRect rectIn(const QWidget* w, const QWidget* window) { return QRect(w->mapTo(window, QPoint(0, 0)), w->size()); }

// Whether the user can see `w`: shown, and not in a part folded away (the
// charts, when the lanes need their height: the splitter moves them out of
// its own rectangle, and nothing of them shows).
bool seenIn(const QWidget* w, const QWidget* window)
{
    if (!w->isVisibleTo(window) || w->window() != window)
        return false;
    for (const QWidget* p = w; p && p != window; p = p->parentWidget())
        if (!p->geometry().intersects(p->parentWidget()->rect()))
            return false;
    return true;
}

std::vector<std::string> lanes(int n)
{
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i)
        out.push_back(std::string(strategyName(kAllStrategies[std::size_t(i) % 4])));
    return out;
}

} // namespace

TEST(WindowLayout, EveryLaneAndControlFitsEveryScreen)
{
    for (const Screen& screen : kScreens) {
        for (int n = 1; n <= 8; ++n) {
            const std::string where = std::to_string(screen.width) + "x" + std::to_string(screen.height) + ", "
                                      + std::to_string(n) + " lanes";
            MainWindow window{SettingsStore::Mode::Ephemeral};
            SessionSettings demo = MainWindow::defaultDemoSettings();
            demo.lanes = lanes(n);
            openDemoOffScreen(window, {screen.width, screen.height}, demo);
            window.session()->seek(60);
            QApplication::processEvents();
            ASSERT_EQ(window.size(), QSize(screen.width, screen.height)) << where << ": nothing widens the window";
            const QRect inside = window.rect();

            // Every control the user can see is whole inside the window.
            for (QWidget* w : window.findChildren<QWidget*>()) {
                if (!seenIn(w, &window))
                    continue;
                const bool control = qobject_cast<QAbstractButton*>(w) || qobject_cast<QComboBox*>(w)
                                     || (qobject_cast<QAbstractSlider*>(w) && !qobject_cast<QScrollBar*>(w));
                if (control && !w->parentWidget()->inherits("QScrollArea") && !w->isAncestorOf(window.lanesArea())) {
                    EXPECT_TRUE(inside.contains(rectIn(w, &window)))
                        << where << ": " << w->metaObject()->className() << " '" << w->accessibleName().toStdString()
                        << "' at " << rectIn(w, &window).x() << "," << rectIn(w, &window).y();
                }
            }

            // Every lane is on screen, not scrolled away, and legible.
            const QRect viewport = rectIn(window.lanesArea()->viewport(), &window);
            ASSERT_EQ(window.lanes().size(), std::size_t(n)) << where;
            EXPECT_FALSE(window.lanesArea()->verticalScrollBar()->isVisible()) << where << ": no lane out of sight";
            for (LaneWidget* lane : window.lanes()) {
                for (QWidget* part : {static_cast<QWidget*>(lane->map()), lane->metricStrip(),
                                      static_cast<QWidget*>(lane->narrationView())}) {
                    const QRect r = rectIn(part, &window);
                    EXPECT_TRUE(viewport.contains(r)) << where << ": " << part->accessibleName().toStdString();
                }
                EXPECT_GE(lane->map()->height(), LaneWidget::kMinimumMapHeight) << where;
                EXPECT_GE(lane->map()->width(), 150) << where;
                EXPECT_GE(lane->metricStrip()->height(), lane->metricStrip()->heightForWidth(lane->metricStrip()->width()))
                    << where << ": the metric strip is cut";
                EXPECT_GE(lane->narrationView()->height(), 2 * lane->narrationView()->fontMetrics().lineSpacing())
                    << where << ": two lines of narration";
            }
        }
    }
}

TEST(WindowLayout, AHugeHeapDoesNotWidenTheWindow)
{
    // A 4 GiB heap's addresses take the widest ruler.
    MainWindow window{SettingsStore::Mode::Ephemeral};
    SessionSettings demo = MainWindow::defaultDemoSettings();
    demo.lanes = lanes(4);
    demo.config.fixedSize = Size{4} << 30;
    openDemoOffScreen(window, {1024, 768}, demo);
    QApplication::processEvents();
    EXPECT_EQ(window.size(), QSize(1024, 768));
    for (LaneWidget* lane : window.lanes())
        EXPECT_TRUE(window.lanesArea()->viewport()->rect().contains(
            QRect(lane->map()->mapTo(window.lanesArea()->viewport(), QPoint(0, 0)), lane->map()->size())));
}

TEST(WindowLayout, AScreenshotIsExactlyTheSizeAskedFor)
{
    for (const char* size : {"1024x768", "1280x720"}) {
        QTemporaryDir dir;
        const QString png = dir.filePath("shot.png");
        QProcess app;
        app.start(HEAPVIZ_GUI_APP, {"--screenshot", png, "--size", size, "--strategy", "first,next,best,worst"});
        ASSERT_TRUE(app.waitForFinished(60000));
        ASSERT_EQ(app.exitCode(), 0) << app.readAllStandardError().toStdString();
        const QStringList wh = QString::fromLatin1(size).split('x');
        EXPECT_EQ(QImage(png).size(), QSize(wh[0].toInt(), wh[1].toInt())) << size;
    }
}

// A lane whose banner takes two lines (a pool's failed requests, in a lane a
// quarter of 1024 wide) needs more height than the others: its row gets it,
// and its map ends above its metric strip, where an even share of the
// height had run the map under the strip's labels.
TEST(WindowLayout, ALaneWithABannerGetsTheHeightItNeeds)
{
    MainWindow window{SettingsStore::Mode::Ephemeral};
    openEveryFamilyOffScreen(window, {1024, 768});
    ASSERT_EQ(window.lanes().size(), 8u);
    for (LaneWidget* lane : window.lanes()) {
        const std::string name = lane->findChild<QLabel*>()->text().toStdString();
        EXPECT_LE(lane->map()->geometry().bottom(), lane->metricStrip()->geometry().top()) << name;
        EXPECT_GE(lane->height(), lane->heightForWidth(lane->width())) << name;
    }
    EXPECT_GT(window.lanes()[7]->height(), window.lanes()[0]->height()) << "the banner's row is the taller";
}

// Text half as large again at 1024 x 768: a lane's title too long for its
// lane ends in "…" rather than being cut mid-letter ("segregated (LI"), and
// one that fits stays whole.
TEST(WindowLayout, ALaneTitleTooLongForItsLaneEndsInAnEllipsis)
{
    const QFont usual = QApplication::font();
    {
        MainWindow window{SettingsStore::Mode::Ephemeral};
        window.setTextScale(1.5);
        SessionSettings demo = MainWindow::defaultDemoSettings();
        demo.lanes = {"first", "segregated:order=lifo", "tlsf", "buddy"};
        openDemoOffScreen(window, {1024, 768}, demo);
        QApplication::processEvents();
        ASSERT_EQ(window.lanes().size(), 4u);
        std::map<std::string, std::string> shown; // a lane's name -> its title's words as drawn
        for (LaneWidget* lane : window.lanes()) {
            const QLabel* title = nullptr;
            for (const QLabel* l : lane->findChildren<QLabel*>())
                if (l->accessibleName().startsWith("Lane: "))
                    title = l;
            ASSERT_NE(title, nullptr);
            QTextDocument drawn;
            drawn.setHtml(title->text());
            const QString words = drawn.toPlainText();
            EXPECT_LE(QFontMetrics(title->font()).horizontalAdvance(words), title->contentsRect().width())
                << words.toStdString() << " is drawn whole";
            shown[title->accessibleName().mid(6).toStdString()] = words.toStdString();
        }
        EXPECT_EQ(shown["first fit"], "■ first fit");
        EXPECT_EQ(shown["TLSF"], "■ TLSF");
        EXPECT_TRUE(QString::fromStdString(shown["segregated (LIFO)"]).endsWith("…")) << shown["segregated (LIFO)"];
        EXPECT_TRUE(QString::fromStdString(shown["segregated (LIFO)"]).startsWith("■ segregated")) << shown["segregated (LIFO)"];
        window.setTextScale(1);
    }
    QApplication::setFont(usual);
}

// Every lane ran the same call: the window says it once, above the lanes,
// and each lane only what its own heap did. At 1024 x 768 four lanes each
// repeating "line 65: malloc(24) for id 42 →" cut the part that differs.
TEST(WindowLayout, TheCallIsSaidOnceAboveTheLanes)
{
    MainWindow window{SettingsStore::Mode::Ephemeral};
    SessionSettings demo = MainWindow::defaultDemoSettings();
    demo.lanes = {"first", "best", "segregated:order=lifo", "tlsf"};
    openDemoOffScreen(window, {1024, 768}, demo);
    window.session()->seek(0);
    QApplication::processEvents();
    EXPECT_EQ(window.heading()->text(), "Before the first operation");
    window.session()->seek(60); // the 60th operation is line 65 of demo.rep: "a 42 24"
    QApplication::processEvents();
    EXPECT_EQ(window.heading()->text(), "line 65: malloc(24) for id 42");
    const QRect heading = rectIn(window.heading(), &window);
    EXPECT_LE(heading.bottom(), rectIn(window.lanesArea(), &window).top()) << "above the lanes";
    ASSERT_EQ(window.lanes().size(), 4u);
    for (LaneWidget* lane : window.lanes()) {
        const QString text = lane->narrationText();
        EXPECT_TRUE(text.startsWith("→ ")) << text.toStdString() << ": goes on from the call";
        EXPECT_FALSE(text.contains("malloc(24)")) << text.toStdString() << ": the call is not repeated";
    }
    EXPECT_TRUE(window.lanes()[0]->narrationText().startsWith("→ first fit examined 2 free blocks and split"))
        << window.lanes()[0]->narrationText().toStdString();
}

// The smallest window the program takes a picture of in its checks, and a
// user may make: 640 x 480 lays out, its lanes scrolling.
TEST(WindowLayout, TheWindowLaysOutAt640By480)
{
    MainWindow window{SettingsStore::Mode::Ephemeral};
    openDemoOffScreen(window, {640, 480}, MainWindow::defaultDemoSettings());
    window.resize(640, 480);
    window.settle();
    EXPECT_EQ(window.size(), QSize(640, 480));
    EXPECT_TRUE(window.heading()->isVisible());
}
