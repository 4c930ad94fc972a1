// The block table under QAbstractItemModelTester, and what it lists.

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>

#include "support/heaptesting.h"
#include "ui/session/blocktablemodel.h"
#include "ui/session/session.h"

using namespace heapviz;
using namespace heapviz::testing;
using namespace heapviz::ui;

TEST(BlockTableModel, ListsTheLanesBlocksAtTheCurrentStep)
{
    SessionSettings settings;
    settings.lanes = {"first", "worst"};
    settings.config = fixedHeap(256);
    Session session(recordSession(parseTrace("a 0 10\na 1 40\nf 0\n", "t.rep"), settings, false));
    BlockTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    model.setSession(&session, 0);
    EXPECT_EQ(model.rowCount(), 1); // one free block [0,256)
    session.seek(2);
    model.refresh();
    // [0,32) id 0 (10 bytes, line 1), [32,96) id 1 (40 bytes, line 2), [96,256) free
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_EQ(model.index(1, BlockTableModel::AddressColumn).data().toString(), "0x20");
    EXPECT_EQ(model.index(1, BlockTableModel::SizeColumn).data().toString(), "64");
    EXPECT_EQ(model.index(1, BlockTableModel::StateColumn).data().toString(), "used");
    EXPECT_EQ(model.index(1, BlockTableModel::IdColumn).data().toLongLong(), 1);
    EXPECT_EQ(model.index(1, BlockTableModel::PayloadColumn).data().toULongLong(), 40u);
    EXPECT_EQ(model.index(1, BlockTableModel::LineColumn).data().toUInt(), 2u);
    EXPECT_FALSE(model.index(2, BlockTableModel::IdColumn).data().isValid()) << "a free block has no id";
    EXPECT_EQ(model.rowOfId(1), 1);
    session.seek(3);
    model.refresh(); // f 0: [0,32) free
    EXPECT_EQ(model.index(0, BlockTableModel::StateColumn).data().toString(), "free");
    EXPECT_EQ(model.rowOfId(0), -1);
    model.setLane(1);
    EXPECT_EQ(model.rowCount(), 3);
    model.setSession(nullptr);
    EXPECT_EQ(model.rowCount(), 0);
}
