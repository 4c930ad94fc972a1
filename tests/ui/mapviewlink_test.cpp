// Lanes locked together: a zoom or pan in one map is shown by every linked
// map (same first address, same bytes per row), all fit the largest heap and
// stay fitted as it grows; unlinked, each map zooms alone; and a map that
// cannot follow exactly never pulls the others back.

#include <gtest/gtest.h>

#include <QAction>
#include <QSignalSpy>
#include <QTest>

#include <memory>

#include "core/replay/layout.h"
#include "support/heaptesting.h"
#include "ui/lanes/lanewidget.h"
#include "ui/window/mainwindow.h"
#include "ui/map/mapviewlink.h"
#include "ui/map/memorymapwidget.h"

using namespace heapviz;
using namespace heapviz::testing;
using namespace heapviz::ui;

namespace {

constexpr Size kKiB = 1024;

// Maps of 600 x 300 (15 rows) over fixed heaps of the given sizes, each one free block.
struct Maps {
    std::vector<std::unique_ptr<BlockLayout>> layouts;
    std::vector<std::unique_ptr<MemoryMapWidget>> widgets;

    explicit Maps(std::initializer_list<Size> heaps, QSize size = QSize(600, 300))
    {
        for (Size heap : heaps) {
            HeapConfig config;
            config.fixedSize = heap;
            layouts.push_back(std::make_unique<BlockLayout>(config));
            widgets.push_back(std::make_unique<MemoryMapWidget>());
            widgets.back()->resize(size);
            widgets.back()->show(); // a hidden widget hears of its size only when shown
            widgets.back()->setBlockLayout(layouts.back().get());
        }
    }
    MemoryMapWidget& operator[](std::size_t i) { return *widgets[i]; }
};

// Whether every map shows what `leader` shows.
::testing::AssertionResult allShowAsOne(Maps& maps, std::size_t leader)
{
    const MemoryMapGeometry& view = maps[leader].mapGeometry();
    for (std::size_t i = 0; i < maps.widgets.size(); ++i) {
        const MemoryMapGeometry& g = maps[i].mapGeometry();
        if (g.first() != view.first() || g.bytesPerRow() != view.bytesPerRow())
            return ::testing::AssertionFailure()
                   << "map " << i << " shows 0x" << std::hex << g.bytesPerRow() << " bytes a row from 0x"
                   << g.first().value() << ", map " << leader << " 0x" << view.bytesPerRow() << " from 0x"
                   << view.first().value();
    }
    return ::testing::AssertionSuccess();
}

void wheel(MemoryMapWidget& map, QPointF at, int notches)
{
    QWheelEvent event(at, map.mapToGlobal(at), QPoint(), QPoint(0, notches * 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(&map, &event);
}

} // namespace

TEST(MapViewLink, LinkedMapsFitTheLargestHeapThenZoomAndPanAsOne)
{
    Maps maps{4 * kKiB, 8 * kKiB, 16 * kKiB};
    EXPECT_EQ(maps[0].mapGeometry().bytesPerRow(), 384u) << "alone: 4 KiB / 15 rows -> 384";
    MapViewLink link;
    for (auto& map : maps.widgets)
        link.add(map.get());

    // 16 KiB / 15 rows = 1093 -> 1536 bytes a row, in every lane.
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(maps[i].mapGeometry().bytesPerRow(), 1536u) << i;
        EXPECT_TRUE(maps[i].mapGeometry().showsAll()) << i;
    }
    EXPECT_EQ(maps[0].mapGeometry().last(), Address(4 * kKiB)) << "each draws only its own heap";

    QSignalSpy leaderMoved(&maps[0], &MemoryMapWidget::zoomChanged);
    QTest::keyClick(&maps[0], Qt::Key_Plus);
    EXPECT_EQ(maps[0].mapGeometry().bytesPerRow(), 1024u);
    EXPECT_TRUE(allShowAsOne(maps, 0));
    EXPECT_EQ(leaderMoved.count(), 1) << "the others' changes do not come back to it";

    wheel(maps[1], QPointF(300, 155), 6);
    EXPECT_TRUE(allShowAsOne(maps, 1)) << "after a wheel zoom";
    QTest::keyClick(&maps[2], Qt::Key_PageDown);
    EXPECT_TRUE(allShowAsOne(maps, 2)) << "after a pan";
    QTest::mousePress(&maps[0], Qt::LeftButton, {}, QPoint(300, 150));
    QTest::mouseMove(&maps[0], QPoint(300, 90));
    QTest::mouseRelease(&maps[0], Qt::LeftButton, {}, QPoint(300, 90));
    EXPECT_TRUE(allShowAsOne(maps, 0)) << "after a drag";
    EXPECT_GT(maps[0].mapGeometry().first(), Address(0));

    QTest::keyClick(&maps[1], Qt::Key_F);
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_TRUE(maps[i].mapGeometry().showsAll()) << i;
    EXPECT_TRUE(allShowAsOne(maps, 1));
}

TEST(MapViewLink, AGrowingHeapKeepsEveryLinkedMapFitted)
{
    Maps maps{8 * kKiB};
    BlockLayout growing(HeapConfig{}); // no prefix, no suffix: starts empty
    MemoryMapWidget grower;
    grower.resize(600, 300);
    grower.show();
    grower.setBlockLayout(&growing);
    MapViewLink link;
    link.add(&maps[0]);
    link.add(&grower);
    EXPECT_EQ(grower.mapGeometry().bytesPerRow(), 768u) << "8 KiB / 15 rows = 547 -> 768";

    growing.apply(HeapGrown{0, 64 * kKiB, Address(0)});
    grower.refresh(); // as its lane does after a step
    // 64 KiB / 15 rows = 4370 -> 6144, in both.
    EXPECT_EQ(grower.mapGeometry().bytesPerRow(), 6144u);
    EXPECT_EQ(maps[0].mapGeometry().bytesPerRow(), 6144u);
    EXPECT_TRUE(maps[0].mapGeometry().showsAll());
    EXPECT_EQ(maps[0].mapGeometry().last(), Address(8 * kKiB));
}

TEST(MapViewLink, UnlinkedEachMapZoomsAloneAndFitsItsOwnHeap)
{
    Maps maps{4 * kKiB, 16 * kKiB};
    MapViewLink link;
    link.add(&maps[0]);
    link.add(&maps[1]);
    link.setEnabled(false);
    EXPECT_EQ(maps[0].mapGeometry().bytesPerRow(), 384u) << "its own 4 KiB again";
    EXPECT_EQ(maps[1].mapGeometry().bytesPerRow(), 1536u);

    QTest::keyClick(&maps[0], Qt::Key_Plus);
    QTest::keyClick(&maps[0], Qt::Key_PageDown);
    EXPECT_EQ(maps[0].mapGeometry().bytesPerRow(), 256u);
    EXPECT_EQ(maps[1].mapGeometry().bytesPerRow(), 1536u) << "the other does not follow";
    EXPECT_EQ(maps[1].mapGeometry().first(), Address(0));
    EXPECT_TRUE(maps[1].mapGeometry().showsAll());

    link.setEnabled(true); // locked again: all take the first map's view
    EXPECT_TRUE(allShowAsOne(maps, 0));
}

TEST(MapViewLink, AMapThatCannotFollowExactlyDoesNotPullTheOthersBack)
{
    // A 300-pixel map reaches 8 bytes a row; a 1600-pixel one stops at 24.
    Maps maps{16 * kKiB, 16 * kKiB};
    maps[0].resize(300, 300);
    maps[1].resize(1600, 300);
    MapViewLink link;
    link.add(&maps[0]);
    link.add(&maps[1]);
    for (int i = 0; i < 20; ++i)
        QTest::keyClick(&maps[0], Qt::Key_Plus);
    EXPECT_EQ(maps[0].mapGeometry().bytesPerRow(), 8u) << "the one the user zooms keeps its zoom";
    EXPECT_EQ(maps[1].mapGeometry().bytesPerRow(), 24u) << "the other goes as close as it can";
}

TEST(MapViewLink, TheWindowLocksItsLanesTogetherUntilToldOtherwise)
{
    MainWindow window{SettingsStore::Mode::Ephemeral};
    window.resize(1400, 900);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    window.openDemo(/*wait=*/true);
    ASSERT_EQ(window.lanes().size(), 3u);
    QAction* lock = window.action("lockLanes");
    ASSERT_NE(lock, nullptr) << "a View-menu toggle";
    EXPECT_TRUE(lock->isChecked()) << "on by default";

    MemoryMapWidget* first = window.lanes()[0]->map();
    MemoryMapWidget* other = window.lanes()[2]->map();
    first->zoomIn();
    first->zoomIn();
    EXPECT_EQ(other->mapGeometry().bytesPerRow(), first->mapGeometry().bytesPerRow());
    EXPECT_EQ(other->mapGeometry().first(), first->mapGeometry().first());

    lock->setChecked(false);
    const Size before = other->mapGeometry().bytesPerRow();
    first->zoomIn();
    EXPECT_EQ(other->mapGeometry().bytesPerRow(), before) << "unlocked, lanes zoom alone";
    EXPECT_LT(first->mapGeometry().bytesPerRow(), before);
}
