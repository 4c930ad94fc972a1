// Compaction in the app: the Compact action, stepping through the moves one
// by one with the arrow keys, and back again to exactly the same states.

#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTest>

#include "support/heaptesting.h"
#include "ui/lanes/lanewidget.h"
#include "ui/window/mainwindow.h"
#include "ui/session/session.h"

using namespace heapviz;
using namespace heapviz::ui;

TEST(CompactionUi, CompactStepsThroughTheMovesAndBackExactly)
{
    MainWindow window{SettingsStore::Mode::Ephemeral};
    window.resize(1400, 900);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    window.openDemo(true);
    window.session()->seek(30); // the demo has holes by now

    QSignalSpy loaded(&window, &MainWindow::sessionLoaded);
    QTest::keyClick(&window, Qt::Key_C);
    ASSERT_TRUE(loaded.wait(10000));
    Session* session = window.session();
    ASSERT_TRUE(session->inCompaction()) << "the Compact action stops before the first move";
    EXPECT_EQ(session->step(), 29u);
    EXPECT_EQ(session->currentOp()->line, session->trace().ops[29].line);
    const std::size_t moves = session->compactionMoves(29);
    ASSERT_GT(moves, 0u);

    // Forward, move by move: each key press is one move.
    std::vector<std::vector<BlockLayout>> states;
    const auto snapshot = [&] {
        std::vector<BlockLayout> lanes;
        for (std::size_t i = 0; i < session->laneCount(); ++i)
            lanes.push_back(session->lane(i).cursor->layout());
        return lanes;
    };
    states.push_back(snapshot());
    for (std::size_t k = 1; k <= moves; ++k) {
        QTest::keyClick(&window, Qt::Key_Right);
        states.push_back(snapshot());
        if (k < moves) {
            EXPECT_EQ(session->move(), k);
        }
    }
    EXPECT_FALSE(session->inCompaction());
    EXPECT_EQ(session->step(), 30u);
    EXPECT_GE(session->metricsAt(0).compactions, 1u);

    // The end state is the engine's own for the same trigger.
    RunOptions options{session->lane(0).spec};
    Trace prefix = session->trace();
    prefix.ops.resize(30);
    EXPECT_EQ(session->lane(0).cursor->layout().blocks(), runTrace(prefix, options).finalBlocks);

    // And back, move by move, through exactly the same states.
    for (std::size_t k = moves; k-- > 0;) {
        QTest::keyClick(&window, Qt::Key_Left);
        ASSERT_EQ(snapshot(), states[k]) << "back to move " << k;
    }
    QTest::keyClick(&window, Qt::Key_Left);
    EXPECT_FALSE(session->inCompaction());
    EXPECT_EQ(session->step(), 29u);
}

TEST(CompactionUi, AtStepZeroThereIsNothingToCompact)
{
    MainWindow window{SettingsStore::Mode::Ephemeral};
    window.openDemo(true);
    const Session* before = window.session();
    window.compactNow();
    EXPECT_EQ(window.session(), before);
    EXPECT_FALSE(window.session()->inCompaction());
}
