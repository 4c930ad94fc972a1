// Lanes of every allocator family in today's window: the demo runs in all
// eight side by side, each lane's map shows its own blocks, and its title
// says what it is.

#include <gtest/gtest.h>

#include <QLabel>
#include <QTest>

#include "core/alloc/registry.h"
#include "ui/demowindow.h"
#include "ui/lanes/lanewidget.h"
#include "ui/window/mainwindow.h"
#include "ui/map/memorymapwidget.h"

using namespace heapviz;
using namespace heapviz::ui;

TEST(FamilyLanes, EveryFamilyRunsAsALaneOfTheDemo)
{
    MainWindow window{SettingsStore::Mode::Ephemeral};
    SessionSettings demo = MainWindow::defaultDemoSettings(); // 8 KiB: a power of two, a multiple of every slot
    demo.lanes = {"first", "next", "best", "worst", "segregated:order=lifo", "tlsf", "buddy", "pool:slot=128"};
    openDemoOffScreen(window, {1920, 1080}, demo);
    ASSERT_NE(window.session(), nullptr) << window.lastError().toStdString();
    ASSERT_EQ(window.lanes().size(), 8u);
    window.session()->seek(60);
    QApplication::processEvents();
    const QStringList titles{"first fit", "next fit", "best fit", "worst fit", "segregated (LIFO)",
                             "TLSF", "buddy (min 32 B)", "pool (128 B slots)"};
    for (std::size_t i = 0; i < 8; ++i) {
        LaneWidget* lane = window.lanes()[i];
        const BlockLayout* layout = lane->map()->blockLayout();
        ASSERT_NE(layout, nullptr);
        EXPECT_GT(layout->map().size(), 1u) << titles[int(i)].toStdString() << ": the map shows blocks";
        EXPECT_EQ(layout->heapSize(), 8192u);
        EXPECT_TRUE(lane->findChild<QLabel*>()->text().contains(titles[int(i)])) << titles[int(i)].toStdString();
        EXPECT_EQ(lane->map()->mapStyle().rover.has_value(), i == 1) << "only next fit has a rover";
    }
    // The buddy lane's blocks are powers of two at multiples of their size.
    for (const auto& [at, b] : window.lanes()[6]->map()->blockLayout()->map())
        EXPECT_EQ(at.value() % b.size, 0u);
}
