// The four kinds of bad write (heap-model.md, "Writes and canaries") in the
// faults dock and along the timeline, in words, each at its own line.

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>

#include <memory>

#include "support/heaptesting.h"
#include "ui/session/findingsmodel.h"
#include "ui/session/session.h"
#include "ui/window/timelinebar.h"

using namespace heapviz;
using namespace heapviz::testing;
using namespace heapviz::ui;

namespace {

// id 0 has a 24-byte payload. Line 2 writes [0, 30): past its end, an
// overflow. Line 3 writes [-2, 2): before its start only, an underflow.
// Line 5 writes to it once freed: a use after free. Line 6 writes to id 7,
// never allocated: an invalid write. No leak: id 0 is freed.
std::unique_ptr<Session> badWrites()
{
    SessionSettings settings;
    settings.lanes = {"first"};
    settings.config = fixedHeap(256);
    const char* trace = "a 0 24\nw 0 0 30\nw 0 -2 4\nf 0\nw 0 0 1\nw 7 0 1\n";
    return std::make_unique<Session>(recordSession(parseTrace(trace, "writes.rep"), settings, /*parallel=*/false));
}

} // namespace

TEST(WriteFindings, TheFaultsDockNamesEachKindOfBadWrite)
{
    const auto session = badWrites();
    FindingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    model.setSession(&session->data());
    ASSERT_EQ(model.rowCount(), 4);
    const auto row = [&](int r) { return model.index(r, 0).data().toString().toStdString(); };
    EXPECT_EQ(row(0), "line 2: overflow: the write runs past the end of the payload (id 0)");
    EXPECT_EQ(row(1), "line 3: underflow: the write starts before the payload (id 0)");
    EXPECT_EQ(row(2), "line 5: use after free: the id was freed (id 0)");
    EXPECT_EQ(row(3), "line 6: invalid write: the id is not allocated (id 7)");
    EXPECT_EQ(model.index(2, 0).data(FindingsModel::StepRole).toULongLong(), 5u);
    EXPECT_FALSE(model.index(3, 0).data(FindingsModel::IsLeakRole).toBool());
}

TEST(WriteFindings, TheTimelineMarksEachBadWriteInWords)
{
    const auto session = badWrites();
    TimelineBar bar;
    bar.setSession(session.get());
    EXPECT_EQ(bar.markedSteps(), (std::vector<std::size_t>{2, 3, 5, 6}));
    ASSERT_EQ(bar.markTexts().size(), 4u);
    EXPECT_EQ(bar.markTexts()[0], "step 2, line 2: overflow: the write runs past the end of the payload (id 0)");
    EXPECT_EQ(bar.markTexts()[1], "step 3, line 3: underflow: the write starts before the payload (id 0)");
    EXPECT_EQ(bar.markTexts()[2], "step 5, line 5: use after free: the id was freed (id 0)");
    EXPECT_EQ(bar.markTexts()[3], "step 6, line 6: invalid write: the id is not allocated (id 7)");
    bar.setSession(nullptr);
}
