// Scenarios in the window: File → Scenarios opens one with its lanes and
// heap, the banner tells its title and scene, its bookmarks are marked on
// the timeline and B / Shift+B jump between them; a trace opened afterwards
// has none of it.

#include <gtest/gtest.h>

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QTest>

#include "ui/window/mainwindow.h"
#include "ui/window/timelinebar.h"

using namespace heapviz;
using namespace heapviz::ui;

namespace {

struct ScenarioWindow : ::testing::Test {
    MainWindow window{SettingsStore::Mode::Ephemeral};
    void SetUp() override
    {
        window.resize(1400, 900);
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
    }
    std::size_t step() const { return window.session()->step(); }
    void key(Qt::Key k, Qt::KeyboardModifiers m = Qt::NoModifier) { QTest::keyClick(&window, k, m); }
};

} // namespace

TEST_F(ScenarioWindow, FileScenariosListsEveryScenario)
{
    auto* menu = window.findChild<QMenu*>(QStringLiteral("scenariosMenu"));
    ASSERT_NE(menu, nullptr);
    EXPECT_EQ(menu->actions().size(), qsizetype(scenarios().size()));
    ASSERT_NE(window.action(QStringLiteral("scenario-hypervisor")), nullptr);
    EXPECT_EQ(window.action(QStringLiteral("scenario-hypervisor"))->text(), QStringLiteral("Hypervisor"));
}

TEST_F(ScenarioWindow, OpensAScenarioWithItsLanesHeapTitleAndBookmarks)
{
    ASSERT_TRUE(window.openScenario(QStringLiteral("hypervisor"), /*wait=*/true));
    ASSERT_NE(window.session(), nullptr);
    ASSERT_NE(window.scenario(), nullptr);
    EXPECT_EQ(window.lanes().size(), 3u); // best, first, worst
    EXPECT_EQ(window.session()->data().settings.lanes, (std::vector<std::string>{"best", "first", "worst"}));
    EXPECT_EQ(window.session()->data().settings.config.fixedSize, std::optional<Size>(256 * 1024));
    EXPECT_TRUE(window.scenarioBanner()->isVisible());
    bool titled = false;
    for (QLabel* label : window.scenarioBanner()->findChildren<QLabel*>())
        titled = titled || label->text().contains(QStringLiteral("Hypervisor"));
    EXPECT_TRUE(titled);
    EXPECT_TRUE(window.windowTitle().contains(QStringLiteral("Hypervisor")));
    const auto& marks = window.timeline()->bookmarkedSteps();
    ASSERT_EQ(marks.size(), window.scenario()->bookmarks.size());
    EXPECT_EQ(marks[2], 17u); // the 32 GiB machine
    EXPECT_TRUE(window.timeline()->bookmarkTexts()[2].startsWith(QStringLiteral("step 17: The 32 GiB machine")));
}

TEST_F(ScenarioWindow, BAndShiftBJumpBetweenBookmarks)
{
    ASSERT_TRUE(window.openScenario(QStringLiteral("cargo-hold"), /*wait=*/true));
    // Bookmarks at steps 7, 8 and 10.
    ASSERT_EQ(step(), 0u);
    key(Qt::Key_B);
    EXPECT_EQ(step(), 7u);
    key(Qt::Key_B);
    EXPECT_EQ(step(), 8u);
    key(Qt::Key_B);
    EXPECT_EQ(step(), 10u);
    key(Qt::Key_B); // none after: stays
    EXPECT_EQ(step(), 10u);
    key(Qt::Key_B, Qt::ShiftModifier);
    EXPECT_EQ(step(), 8u);
    window.session()->seek(9);
    key(Qt::Key_B, Qt::ShiftModifier);
    EXPECT_EQ(step(), 8u);
}

TEST_F(ScenarioWindow, ApplyingSettingsKeepsTheScenarioAndTheDemoDropsIt)
{
    ASSERT_TRUE(window.openScenario(QStringLiteral("guardian"), /*wait=*/true));
    window.session()->seek(4);
    SessionSettings s = window.session()->data().settings;
    s.lanes = {"first"};
    window.rerun(s, 4, false, /*wait=*/true);
    ASSERT_NE(window.scenario(), nullptr);
    EXPECT_EQ(window.scenario()->name, "guardian");
    EXPECT_EQ(window.lanes().size(), 1u);
    EXPECT_EQ(step(), 4u);
    EXPECT_FALSE(window.timeline()->bookmarkedSteps().empty());
    window.openDemo(/*wait=*/true);
    EXPECT_EQ(window.scenario(), nullptr);
    EXPECT_FALSE(window.scenarioBanner()->isVisible());
    EXPECT_TRUE(window.timeline()->bookmarkedSteps().empty());
}

TEST_F(ScenarioWindow, AnUnknownScenarioIsExplainedAndTheSessionStays)
{
    window.openDemo(/*wait=*/true);
    EXPECT_FALSE(window.openScenario(QStringLiteral("nosuch")));
    EXPECT_TRUE(window.lastError().contains(QStringLiteral("nosuch")));
    EXPECT_TRUE(window.showingDemo());
}
