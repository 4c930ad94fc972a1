// The chart beside the line chart and its "unusable free space index" box
// are remembered across runs: the store keeps them under words, and a new
// window opens with what the last one chose.

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QSettings>

#include <memory>

#include "ui/charts/chartspanel.h"
#include "ui/settings/settingsstore.h"
#include "ui/window/mainwindow.h"

using namespace heapviz;
using namespace heapviz::ui;

namespace {

// The tests' own QSettings (tests/ui/main.cpp: test mode, its own name),
// emptied before and after, so that no other test sees what these save.
struct SavedCharts : ::testing::Test {
    void SetUp() override { QSettings().clear(); }
    void TearDown() override { QSettings().clear(); }
};

} // namespace

TEST(ChartSettings, SideChartsHaveNamesBothWays)
{
    for (SideChart chart : kAllSideCharts)
        EXPECT_EQ(sideChartFromName(sideChartName(chart)), chart);
    EXPECT_EQ(sideChartName(SideChart::FreePerOrder), "free-per-order");
    EXPECT_FALSE(sideChartFromName("2"));
}

TEST(ChartSettings, AnEphemeralStoreStartsFromTheDefaults)
{
    SettingsStore store(SettingsStore::Mode::Ephemeral);
    EXPECT_EQ(store.sideChart(), SideChart::FreeBlockSizes);
    EXPECT_FALSE(store.unusableIndex());
    store.setSideChart(SideChart::LostPerClass);
    store.setUnusableIndex(true);
    EXPECT_EQ(store.sideChart(), SideChart::LostPerClass);
    EXPECT_TRUE(store.unusableIndex());
    EXPECT_EQ(SettingsStore(SettingsStore::Mode::Ephemeral).sideChart(), SideChart::FreeBlockSizes)
        << "and keeps nothing for the next";
}

TEST_F(SavedCharts, TheStoreKeepsTheChoiceInWords)
{
    {
        SettingsStore store(SettingsStore::Mode::Persistent);
        store.setSideChart(SideChart::LostPerClass);
        store.setUnusableIndex(true);
    }
    EXPECT_EQ(QSettings().value("view/sideChart").toString(), "lost-per-class");
    SettingsStore again(SettingsStore::Mode::Persistent);
    EXPECT_EQ(again.sideChart(), SideChart::LostPerClass);
    EXPECT_TRUE(again.unusableIndex());
    QSettings().setValue("view/sideChart", "pie"); // another version's chart
    EXPECT_EQ(again.sideChart(), SideChart::FreeBlockSizes);
}

TEST_F(SavedCharts, TheNextWindowOpensWithTheChartsTheLastOneChose)
{
    {
        MainWindow window{SettingsStore::Mode::Persistent};
        ChartsPanel* charts = window.charts();
        EXPECT_EQ(charts->sideChart(), SideChart::FreeBlockSizes);
        QComboBox* side = nullptr;
        for (QComboBox* box : charts->findChildren<QComboBox*>())
            if (box->accessibleName() == "Chart beside")
                side = box;
        ASSERT_NE(side, nullptr);
        const int order = side->findData(int(SideChart::FreePerOrder));
        ASSERT_GE(order, 0);
        side->setCurrentIndex(order); // as a user's pick
        Q_EMIT side->activated(order);
        auto* index = charts->findChild<QCheckBox*>();
        ASSERT_NE(index, nullptr);
        index->setChecked(true);
        EXPECT_TRUE(charts->unusableIndex());
        EXPECT_EQ(window.store().sideChart(), SideChart::FreePerOrder);
        EXPECT_TRUE(window.store().unusableIndex());
    }
    MainWindow next{SettingsStore::Mode::Persistent};
    EXPECT_EQ(next.charts()->sideChart(), SideChart::FreePerOrder);
    EXPECT_TRUE(next.charts()->unusableIndex());
    EXPECT_TRUE(next.charts()->findChild<QCheckBox*>()->isChecked());
    next.charts()->setUnusableIndex(false); // the program's own change is not the user's
    EXPECT_TRUE(next.store().unusableIndex());
}
