// A step's animation, frame by frame: the search outlines come first, then
// the new block grows into place; stepping on and back restores the state.

#include <gtest/gtest.h>

#include <QImage>
#include <QTest>

#include "support/heaptesting.h"
#include "ui/window/mainwindow.h"
#include "ui/lanes/lanewidget.h"
#include "ui/map/memorymapwidget.h"
#include "ui/style/palette.h"
#include "ui/session/session.h"
#include "ui/map/stepanimation.h"

using namespace heapviz;
using namespace heapviz::testing;
using namespace heapviz::ui;

namespace {

// The colour at the middle of the block [at, at + size) on the widget.
QColor colourOf(MemoryMapWidget& map, Address at, Size size, double progress)
{
    map.setAnimationProgress(progress);
    const QImage shot = map.grab().toImage();
    const auto rects = map.mapGeometry().rectsFor(at, at + size);
    return shot.pixelColor(rects.front().center().toPoint());
}

} // namespace

TEST(StepAnimation, TheSearchComesFirstThenTheBlockGrowsIn)
{
    // Fixed 1024-byte heap; the second malloc takes [32,160) for id 1.
    SessionSettings settings;
    settings.lanes = {"first"};
    settings.config = fixedHeap(1024);
    Session session(recordSession(parseTrace("a 0 10\na 1 100\n", "t.rep"), settings, false));
    session.seek(2);
    MemoryMapWidget map;
    map.resize(900, 200);
    map.setConfig(settings.config);
    map.setBlockLayout(&session.lane(0).cursor->layout());
    map.refresh();

    const auto events = session.currentEvents(0);
    const std::vector<FreeSpan> before{{Address(32), 992}};
    const SearchPath path{{Address(32)}, Address(32)}; // first fit looked at the one free block and took it
    auto animation = std::make_shared<StepAnimation>(events, &path, before);
    ASSERT_EQ(animation->examined().size(), 1u);
    map.setAnimation(animation);

    // At the start, and all through the search, the block is not there yet.
    const QColor early = colourOf(map, Address(32), 128, 0.2);
    EXPECT_NE(early, colorForId(1));
    // At the end it is.
    EXPECT_EQ(colourOf(map, Address(32), 128, 1.0), colorForId(1));
    // Most of the way through its growth (eased: 89%, 114 of 128 bytes), a
    // quarter of the block is in, its last bytes not yet.
    map.setAnimationProgress(0.85);
    const QImage shot = map.grab().toImage();
    const auto middleOf = [&](Address a) {
        const MemoryMapGeometry& g = map.mapGeometry();
        return (g.pointFor(a) + QPointF(g.pixelsPerByte() / 2, g.rowHeight() / 2)).toPoint();
    };
    EXPECT_EQ(shot.pixelColor(middleOf(Address(32 + 32))), colorForId(1));
    EXPECT_NE(shot.pixelColor(middleOf(Address(32 + 124))), colorForId(1));
}

TEST(StepAnimation, SteppingThroughAndBackRestoresTheState)
{
    MainWindow window{SettingsStore::Mode::Ephemeral};
    window.resize(1400, 900);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    window.openDemo(true);
    const auto before = window.session()->lane(0).cursor->layout();
    QTest::keyClick(&window, Qt::Key_Right);
    EXPECT_TRUE(window.lanes().front()->animating()) << "a single step is animated";
    QTest::keyClick(&window, Qt::Key_Right);
    QTest::keyClick(&window, Qt::Key_Left);
    QTest::keyClick(&window, Qt::Key_Left);
    EXPECT_EQ(window.session()->step(), 0u);
    EXPECT_EQ(window.session()->lane(0).cursor->layout(), before);
    EXPECT_FALSE(window.lanes().front()->animating()) << "stepping back shows the state at once";
}
