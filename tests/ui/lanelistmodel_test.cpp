// The lane list model under QAbstractItemModelTester: adding, removing,
// moving and editing change only their rows, titles say what differs, and a
// ninth lane is refused. Expected titles come from the spec's defaults
// (min_order 5 is 32 B, slot 64) and the registry's documented titles.

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>

#include "core/alloc/registry.h"
#include "ui/settings/lanelistmodel.h"
#include "ui/style/palette.h"

using namespace heapviz;
using namespace heapviz::ui;

namespace {

struct LaneList : ::testing::Test {
    LaneListModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::Warning};
    QSignalSpy resets{&model, &QAbstractItemModel::modelReset};

    QString title(int row) const { return model.index(row).data().toString(); }
    std::vector<std::string> lanes(std::initializer_list<const char*> texts) const
    {
        return std::vector<std::string>(texts.begin(), texts.end());
    }
};

} // namespace

TEST_F(LaneList, AddRemoveAndEditChangeOnlyTheirRows)
{
    model.setLanes({"first", "best"});
    ASSERT_EQ(resets.count(), 1) << "loading a whole set is the one reset";
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    EXPECT_TRUE(model.addLane("buddy"));
    EXPECT_TRUE(model.addLane("segregated:order=lifo", 1));
    ASSERT_EQ(inserted.count(), 2);
    EXPECT_EQ(inserted.at(1).at(1).toInt(), 1) << "the row it went in";
    EXPECT_EQ(model.lanes(), lanes({"first", "segregated:order=lifo", "best", "buddy"}));
    EXPECT_EQ(title(0), "first fit");
    EXPECT_EQ(title(1), "segregated (LIFO)");
    EXPECT_EQ(title(2), "best fit");
    EXPECT_EQ(title(3), "buddy (min 32 B)") << "min_order 5: 2^5 bytes";

    EXPECT_TRUE(model.setLane(3, "buddy:min_order=4"));
    EXPECT_EQ(title(3), "buddy (min 16 B)");
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.front().at(0).toModelIndex().row(), 3);
    EXPECT_EQ(changed.front().at(1).toModelIndex().row(), 3);

    EXPECT_TRUE(model.removeLane(0));
    EXPECT_FALSE(model.removeLane(3)) << "there are only three rows left";
    EXPECT_EQ(removed.count(), 1);
    EXPECT_EQ(model.lanes(), lanes({"segregated:order=lifo", "best", "buddy:min_order=4"}));

    EXPECT_TRUE(model.setLane(1, "pool:slot=128"));
    EXPECT_EQ(title(1), "pool (128 B slots)");
    EXPECT_EQ(resets.count(), 1) << "no edit resets the model";
}

TEST_F(LaneList, APersistentIndexFollowsItsLaneThroughMoves)
{
    model.setLanes({"first", "next", "best", "worst"});
    const QPersistentModelIndex next = model.index(1);
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    EXPECT_TRUE(model.moveLane(1, 3));
    EXPECT_EQ(model.lanes(), lanes({"first", "best", "worst", "next"}));
    EXPECT_EQ(next.row(), 3);
    EXPECT_EQ(next.data().toString(), "next fit");
    EXPECT_TRUE(model.moveLane(3, 0));
    EXPECT_EQ(model.lanes(), lanes({"next", "first", "best", "worst"}));
    EXPECT_EQ(next.row(), 0);
    EXPECT_TRUE(model.moveLane(1, 2)) << "one down";
    EXPECT_EQ(model.lanes(), lanes({"next", "best", "first", "worst"}));
    EXPECT_FALSE(model.moveLane(0, 4)) << "no row 4";
    EXPECT_FALSE(model.moveLane(-1, 0));
    EXPECT_EQ(moved.count(), 3);
    EXPECT_EQ(resets.count(), 1);
}

TEST_F(LaneList, ANinthLaneIsRefused)
{
    model.setLanes({"first", "next", "best", "worst", "segregated", "tlsf", "buddy", "pool"});
    EXPECT_TRUE(model.isFull());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    EXPECT_FALSE(model.addLane("first"));
    EXPECT_EQ(model.rowCount(), 8);
    EXPECT_EQ(inserted.count(), 0);
    EXPECT_TRUE(model.removeLane(7));
    EXPECT_TRUE(model.addLane("first")) << "room again";
}

TEST_F(LaneList, ALaneShowsItsFamilysColourAndWordsOrWhyItCannotRun)
{
    model.setLanes({"buddy:min_order=4", "pool:slot=48", "nonsense"});
    EXPECT_EQ(model.index(0).data(Qt::DecorationRole).value<QColor>(),
              laneColor(familyNamed("buddy")->colourSlot));
    EXPECT_EQ(model.index(0).data(Qt::ToolTipRole).toString(), "buddy:min_order=4 — the buddy system");
    EXPECT_EQ(model.index(0).data(LaneListModel::LaneTextRole).toString(), "buddy:min_order=4");
    EXPECT_TRUE(model.problem(1).isEmpty()) << "a growing heap takes any slot that is a multiple of 8";

    HeapConfig heap;
    heap.fixedSize = 65536;
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setHeap(heap);
    EXPECT_EQ(changed.count(), 1);
    // 65536 / 48 is not whole; formatBytes says 48 bytes and 64 KiB.
    const QString why = "lane 'pool:slot=48': a pool's heap must be a positive multiple of its slot (48 bytes), not 64 KiB";
    EXPECT_EQ(model.problem(1), why);
    EXPECT_EQ(model.index(1).data(Qt::ToolTipRole).toString(), "pool:slot=48\n" + why);
    EXPECT_EQ(model.index(1).data().toString(), "pool (48 B slots)") << "still titled";
    EXPECT_EQ(model.index(2).data().toString(), "nonsense") << "an unknown family shows its text";
    EXPECT_TRUE(model.index(2).data(Qt::ToolTipRole).toString().contains("unknown allocator family 'nonsense'"));
    EXPECT_EQ(resets.count(), 1);
}
