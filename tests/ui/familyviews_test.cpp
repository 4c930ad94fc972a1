// The families' views: what each one shows at a step is worked out by hand
// from heap-model.md (a buddy split and merge, TLSF's rounding and the exact
// fit it passes over, the pool's stack), its layout is checked without
// pixels, stepping back through a split and a merge gives the same view
// exactly, and hovering a block points at it in both the map and the view.

#include <gtest/gtest.h>

#include <QTest>

#include "core/alloc/registry.h"
#include "core/replay/layoutcursor.h"
#include "core/trace/traceparser.h"
#include "support/heaptesting.h"
#include "ui/families/buddytree.h"
#include "ui/families/freestructure.h"
#include "ui/families/structuregeometry.h"
#include "ui/families/structurewidget.h"
#include "ui/lanes/lanewidget.h"
#include "ui/map/memorymapwidget.h"
#include "ui/session/session.h"

using namespace heapviz;
using namespace heapviz::ui;
using namespace heapviz::testing;

namespace {

LaneSpec lane(const char* text, const HeapConfig& heap)
{
    std::string error;
    const auto spec = parseLane(text, heap, error);
    EXPECT_TRUE(spec) << error;
    return *spec;
}

// A recorded run and a cursor over it, as a lane of the window has them.
struct Replay {
    RunResult run;
    std::unique_ptr<LayoutCursor> cursor;

    Replay(const char* ops, const LaneSpec& spec)
        : run(runTrace(parseTrace(ops, "test.rep"), {.lane = spec, .countExamined = true, .recordEvents = true}))
        , cursor(std::make_unique<LayoutCursor>(run.initialLayout, run.events, 4))
    {
    }
    FreeStructure at(std::size_t step)
    {
        cursor->seek(step);
        const auto events = step == 0 ? std::vector<Event>{} : run.events.eventsOf(std::ptrdiff_t(step - 1));
        return freeStructureOf(run.lane, cursor->layout(), cursor->listOrder(), events);
    }
    BuddyTree treeAt(std::size_t step)
    {
        cursor->seek(step);
        return buddyTreeOf(run.lane, cursor->layout());
    }
};

std::vector<std::pair<std::uint64_t, Size>> chips(const FreeRow& row)
{
    std::vector<std::pair<std::uint64_t, Size>> out;
    for (const FreeChip& c : row.chips)
        out.emplace_back(c.at.value(), c.size);
    return out;
}

using Chips = std::vector<std::pair<std::uint64_t, Size>>;
using State = BuddyNode::State;

TextMeasure fixedText() { return {16, [](const QString& s) { return 7.0 * double(s.size()); }}; }

// One lane of `family` over `ops` on a fixed heap, recorded, shown in a
// LaneWidget of `size` at `step`, as the window shows it.
struct ShownLane {
    Session session;
    LaneWidget widget;
    ShownLane(const char* ops, Size heap, const std::string& family, QSize size, std::size_t step)
        : session(recordSession(parseTrace(ops, "test.rep"), settingsFor(heap, family), false)), widget(session, 0)
    {
        widget.resize(size);
        widget.show();
        session.seek(step);
        widget.refresh();
        QApplication::processEvents();
    }
    static SessionSettings settingsFor(Size heap, const std::string& family)
    {
        SessionSettings settings;
        settings.config = fixedHeap(heap);
        settings.lanes = {family};
        return settings;
    }
};

} // namespace

// A 256-byte buddy heap, 32-byte blocks at least: malloc(20) needs 32 bytes,
// so the one 256-byte block is halved three times (256 → 128 → 64 → 32), the
// lowest 32 bytes used and each upper half left free; the free merges them
// all back.
TEST(FamilyViews, ABuddySplitShowsEveryHalfAndTheMergeClosesThem)
{
    Replay r("a 0 20\nf 0\n", lane("buddy", fixedHeap(256)));
    const BuddyTree split = r.treeAt(1);
    EXPECT_EQ(split.top, 8u);
    EXPECT_EQ(split.bottom, 5u);
    const std::vector<BuddyNode> expected{
        {Address(0), 8, State::Split},  {Address(0), 7, State::Split},   {Address(128), 7, State::Free},
        {Address(0), 6, State::Split},  {Address(64), 6, State::Free},   {Address(0), 5, State::Used, 20, 0, 0},
        {Address(32), 5, State::Free},
    };
    EXPECT_EQ(split.nodes, expected);
    EXPECT_EQ(split.nodes[5].lost(), 12u) << "32 bytes for 20 asked: 12 lost to the rounding";

    const FreeStructure s = r.at(1);
    EXPECT_EQ(s.search, "need 32 B → order 5");
    ASSERT_EQ(s.rows.size(), 4u) << "orders 5 to 8";
    EXPECT_EQ(s.rows[0].name, "order 5 (32 B)");
    EXPECT_EQ(chips(s.rows[0]), (Chips{{32, 32}}));
    EXPECT_EQ(chips(s.rows[1]), (Chips{{64, 64}}));
    EXPECT_EQ(chips(s.rows[2]), (Chips{{128, 128}}));
    EXPECT_EQ(chips(s.rows[3]), (Chips{{0, 256}})) << "the block taken, where it stood";
    EXPECT_TRUE(s.rows[3].chips[0].taken);
    for (int k = 0; k < 3; ++k)
        EXPECT_TRUE(s.rows[std::size_t(k)].chips[0].fresh) << "each upper half entered its order's list";
    for (const FreeRow& row : s.rows)
        EXPECT_TRUE(row.probed) << "the search looked at orders 5, 6 and 7, empty, then 8";
    EXPECT_TRUE(s.rows[3].takenFrom);

    const BuddyTree merged = r.treeAt(2);
    EXPECT_EQ(merged.nodes, (std::vector<BuddyNode>{{Address(0), 8, State::Free}}));
    EXPECT_EQ(chips(r.at(2).rows[3]), (Chips{{0, 256}}));
    EXPECT_TRUE(r.at(2).rows[3].chips[0].fresh);

    // Back through the merge, then the split: the very views of the way forward.
    EXPECT_EQ(r.treeAt(1).nodes, split.nodes);
    EXPECT_EQ(r.at(1).rows, s.rows);
    EXPECT_TRUE(r.treeAt(0).nodes == (std::vector<BuddyNode>{{Address(0), 8, State::Free}}));
}

// The default preset (align 16, 8-byte header and footer), TLSF with S = 5:
// SMALL = 2^(5+4) = 512. malloc(1024) needs 1,040 bytes; the spec rounds it
// to r = 1040 + 2^(10-5) - 1 = 1071, list (10 - 9 + 1, (1071 >> 5) - 32) =
// (2, 1), whose smallest block is 33 · 32 = 1,056 bytes. The free 1,040-byte
// block at 0 (in list (2, 0)) would fit exactly, but TLSF does not look
// there: it takes the head of the next non-empty first level, 7: the
// 64,464-byte block at 0x430 (65,536 − 1,040 − 32), in list
// (15 - 9 + 1, (64464 >> 10) - 32) = (7, 30).
TEST(FamilyViews, TlsfShowsTheRoundingAndTheExactFitItPassesOver)
{
    Replay r("a 0 1024\na 1 16\nf 0\na 2 1024\n", lane("tlsf", fixedHeap(65536)));
    const FreeStructure s = r.at(4);
    EXPECT_EQ(s.search, "need 1,040 B → rounded up to 1,056 B → list (2, 1), empty → next: (7, 30)");
    EXPECT_EQ(s.probes, (std::vector<FreeListId>{{2, 1}, {7, 30}}));
    const FreeChip* exact = s.chipAt(Address(0));
    ASSERT_NE(exact, nullptr);
    EXPECT_EQ(exact->size, 1040u);
    EXPECT_TRUE(exact->passedOver);
    const FreeChip* taken = s.chipAt(Address(0x430));
    ASSERT_NE(taken, nullptr);
    EXPECT_TRUE(taken->taken);
    EXPECT_EQ(taken->size, 64464u);
    ASSERT_NE(s.rowOf({7, 30}), nullptr);
    EXPECT_TRUE(s.rowOf({7, 30})->takenFrom);
    // The remainder, 64,464 − 1,040 = 63,424 bytes at 0x840, list (7, (63424 >> 10) − 32) = (7, 29).
    ASSERT_NE(s.rowOf({7, 29}), nullptr);
    EXPECT_EQ(chips(*s.rowOf({7, 29})), (Chips{{0x840, 63424}}));
    EXPECT_TRUE(s.rowOf({7, 29})->chips[0].fresh);
    // The bitmaps: (2, 0) and (7, 29) hold blocks; (7, 30) only held the one taken.
    ASSERT_EQ(s.secondLevel.size(), 8u);
    EXPECT_EQ(s.secondLevel[2], 1u);
    EXPECT_EQ(s.secondLevel[7], std::uint64_t{1} << 29);
    EXPECT_EQ(s.secondLevels, 32u);
}

// A pool of four 64-byte slots, the lowest on top: a malloc pops the top, a
// free pushes its slot back on top.
TEST(FamilyViews, ThePoolsStackPopsAndPushesAtItsTop)
{
    Replay r("a 0 10\na 1 10\nf 0\nf 1\n", lane("pool", fixedHeap(256)));
    EXPECT_EQ(chips(r.at(0).rows.at(0)), (Chips{{0, 64}, {64, 64}, {128, 64}, {192, 64}}));
    const FreeStructure popped = r.at(2);
    EXPECT_EQ(popped.rows[0].name, "free stack");
    EXPECT_EQ(popped.order, "top first");
    EXPECT_EQ(chips(popped.rows[0]), (Chips{{64, 64}, {128, 64}, {192, 64}})) << "slot 64 taken from the top";
    EXPECT_TRUE(popped.rows[0].chips[0].taken);
    EXPECT_EQ(popped.rows[0].chips[0].visit, 1);
    EXPECT_EQ(chips(r.at(4).rows[0]), (Chips{{64, 64}, {0, 64}, {128, 64}, {192, 64}})) << "last freed on top";
}

// First fit walks the address-ordered list: two 48-byte blocks (need(32) =
// 48) freed apart, then malloc(100) (need 128) passes both and takes the rest.
TEST(FamilyViews, FirstFitsWalkIsNumberedOnItsList)
{
    Replay r("a 0 32\na 1 32\na 2 32\na 3 32\nf 0\nf 2\na 4 100\n", lane("first", fixedHeap(1024)));
    const FreeStructure s = r.at(7);
    ASSERT_EQ(s.rows.size(), 1u);
    EXPECT_EQ(s.rows[0].name, "free list");
    // The 832 bytes at 192 were split: 128 used, 704 left free at 320.
    EXPECT_EQ(chips(s.rows[0]), (Chips{{0, 48}, {96, 48}, {192, 832}, {320, 704}}));
    EXPECT_EQ(s.rows[0].chips[0].visit, 1);
    EXPECT_EQ(s.rows[0].chips[1].visit, 2);
    EXPECT_EQ(s.rows[0].chips[2].visit, 3);
    EXPECT_TRUE(s.rows[0].chips[2].taken);
    EXPECT_EQ(s.rows[0].chips[3].visit, 0);
    EXPECT_TRUE(s.rows[0].chips[3].fresh);
    EXPECT_EQ(s.search, "need 128 B");
}

TEST(FamilyViews, TheGeometryDrawsTheTreeToScaleBesideItsOrders)
{
    Replay r("a 0 20\n", lane("buddy", fixedHeap(256)));
    const FreeStructure s = r.at(1);
    const BuddyTree tree = r.treeAt(1);
    const StructureGeometry g(s, tree, QRectF(0, 0, 600, 200), fixedText());
    // The header is a line; four orders share the rest: (200 − 24) / 4 = 44,
    // at most 1.7 lines (27.2 pixels) each.
    EXPECT_DOUBLE_EQ(g.rowHeight(), 16 * 1.7);
    ASSERT_EQ(g.rows().size(), 4u);
    EXPECT_EQ(g.rowOrder(), (std::vector<std::size_t>{3, 2, 1, 0})) << "the root's order on top";
    const QRectF tree8 = g.nodeRect(tree.nodes[0]);
    EXPECT_DOUBLE_EQ(tree8.width(), g.treeArea().width()) << "the root spans the tree";
    for (const BuddyNode& n : tree.nodes) {
        const QRectF box = g.nodeRect(n);
        EXPECT_DOUBLE_EQ(box.width(), g.treeArea().width() * double(n.size()) / 256) << "a node is as wide as its bytes";
        EXPECT_DOUBLE_EQ(box.left(), g.treeArea().left() + g.treeArea().width() * double(n.at.value()) / 256);
        const std::size_t row = 8 - n.order;
        EXPECT_TRUE(g.rows()[row].band.top() <= box.center().y() && box.center().y() <= g.rows()[row].band.bottom())
            << "order " << n.order << " beside its own list";
    }
    // Hovering a chip or a node names its block.
    EXPECT_EQ(g.hitAt(g.rows()[3].chips[0].center()), (StructureGeometry::Hit{Address(32), 32}));
    EXPECT_EQ(g.hitAt(g.nodeRect(tree.nodes[2]).center()), (StructureGeometry::Hit{Address(128), 128}));
    EXPECT_FALSE(g.hitAt(QPointF(-5, -5)));
}

// A 1 MiB buddy heap has sixteen orders, 1 MiB down to 32 B; in 90 pixels
// of rows, at least 0.75 of a 16-pixel line + 3 = 15 each, six fit. A 32-byte
// request climbs from order 5 to the root and splits down: the six shown end
// at the request's order, and the tree shows only their levels, beside them.
TEST(FamilyViews, ACrampedBuddyViewShowsTheOrdersItsSearchEndsAt)
{
    Replay r("a 0 20\n", lane("buddy", fixedHeap(1 << 20)));
    const FreeStructure s = r.at(1);
    const BuddyTree tree = r.treeAt(1);
    ASSERT_EQ(s.rows.size(), 16u);
    const StructureGeometry g(s, tree, QRectF(0, 0, 600, 20 + 4 + 90), fixedText());
    EXPECT_DOUBLE_EQ(g.rowHeight(), 15.0);
    std::vector<unsigned> shown;
    for (std::size_t i : g.rowOrder())
        shown.push_back(s.rows[i].id.first);
    EXPECT_EQ(shown, (std::vector<unsigned>{10, 9, 8, 7, 6, 5})) << "the request's order last, the climb above it";
    EXPECT_EQ(g.hiddenRowsAbove(), 10u);
    EXPECT_EQ(g.hiddenRows(), 0u);
    for (const BuddyNode& n : tree.nodes) {
        const QRectF box = g.nodeRect(n);
        if (n.order > 10) {
            EXPECT_TRUE(box.isEmpty()) << "order " << n.order << " is not shown";
            continue;
        }
        const std::size_t row = 10 - n.order;
        EXPECT_TRUE(g.rows()[row].band.top() <= box.center().y() && box.center().y() <= g.rows()[row].band.bottom())
            << "order " << n.order << " beside its own list";
    }
}

// A long search in a narrow lane takes three lines of the header, not two
// with the third drawn over the lists: 74 characters of 7 pixels, 1.15 times
// that in bold and wrapped, are 596 pixels, three lines of 230.
TEST(FamilyViews, ALongSearchTakesTheLinesItNeeds)
{
    FreeStructure s; // TLSF's words, no lists
    s.search = "need 32,832 B → rounded up to 33,792 B → list (7, 1), empty → next: (8, 5)";
    ASSERT_EQ(QString::fromStdString(s.search).size(), 74);
    EXPECT_DOUBLE_EQ(StructureGeometry(s, {}, QRectF(0, 0, 230, 300), fixedText()).header().height(), 3 * 16 + 4);
    EXPECT_DOUBLE_EQ(StructureGeometry(s, {}, QRectF(0, 0, 400, 300), fixedText()).header().height(), 2 * 16 + 4);
    EXPECT_DOUBLE_EQ(StructureGeometry(s, {}, QRectF(0, 0, 600, 300), fixedText()).header().height(), 16 + 4);
}

TEST(FamilyViews, ANarrowBuddyViewNamesItsOrdersByTheirBlockSize)
{
    Replay r("a 0 20\n", lane("buddy", fixedHeap(256)));
    const FreeStructure s = r.at(1);
    const BuddyTree tree = r.treeAt(1);
    // Wide: 600 − 42% for the tree − 10 = 338 for the lists; "order 8 (256 B)"
    // is 15 × 7 = 105, 105 × 1.1 + 10 = 125.5, within 55% of 338.
    const StructureGeometry wide(s, tree, QRectF(0, 0, 600, 200), fixedText());
    EXPECT_FALSE(wide.briefLabels());
    EXPECT_EQ(s.rows[wide.rowOrder()[0]].label(wide.briefLabels()), "order 8 (256 B)");
    // Narrow: 200 − 84 − 10 = 106, 55% of it 58.3: the names would be cut to
    // "order…", so each order shows its block size, which fits whole.
    const StructureGeometry narrow(s, tree, QRectF(0, 0, 200, 200), fixedText());
    ASSERT_TRUE(narrow.briefLabels());
    const std::vector<std::string> labels = {"256 B", "128 B", "64 B", "32 B"}; // the root's order on top
    for (std::size_t i = 0; i < narrow.rows().size(); ++i) {
        const std::string& label = s.rows[narrow.rowOrder()[i]].label(true);
        EXPECT_EQ(label, labels[i]);
        EXPECT_LE(7.0 * double(label.size()), narrow.rows()[i].label.width() - 6) << label << " is drawn whole";
    }
    // A family without brief names keeps its own, cut if it must be.
    Replay first("a 0 20\n", lane("first", fixedHeap(256)));
    EXPECT_EQ(first.at(1).rows[0].label(true), "free list");
}

TEST(FamilyViews, ALongListEndsInACountOfWhatDoesNotFit)
{
    // 20 free 48-byte blocks between used ones (need(32) = 48), then the rest.
    std::string ops;
    for (int i = 0; i < 40; ++i)
        ops += "a " + std::to_string(i) + " 32\n";
    for (int i = 0; i < 40; i += 2)
        ops += "f " + std::to_string(i) + "\n";
    Replay r(ops.c_str(), lane("first", fixedHeap(4096)));
    const FreeStructure s = r.at(60);
    ASSERT_EQ(s.rows[0].chips.size(), 21u);
    // Chips 7 × 4 + 10 = 38 wide (the least is 1.8 lines, 28.8, less than "2176"'s 28 + 10);
    // the label "free list" 63 × 1.1 + 10 = 79.3; 400 − 79.3 = 320.7 for chips at a stride of 50:
    // 6 chips would fit, 21 do not: 5 and "+16" (room for "+21", the most it
    // could say: 25 pixels after the fifth chip's gap; 6 and "+15" would end at 404.3).
    const StructureGeometry g(s, BuddyTree{}, QRectF(0, 0, 400, 100), fixedText());
    EXPECT_EQ(g.rows()[0].chips.size(), 5u);
    EXPECT_EQ(g.rows()[0].hidden, 16u);
    EXPECT_GT(g.rows()[0].more.width(), 0);
    EXPECT_LE(g.rows()[0].more.right(), 400);
}

TEST(FamilyViews, HoveringABlockPointsAtItInTheMapAndTheView)
{
    ShownLane shown("a 0 20\nf 0\n", 256, "buddy", QSize(700, 500), 1);
    LaneWidget& widget = shown.widget;
    StructureWidget* view = widget.structureView();
    ASSERT_FALSE(view->isHidden());
    const auto& g = view->structureGeometry();
    ASSERT_FALSE(g.rows().empty());
    // The 64-byte free block of order 6 (the second row from the bottom).
    const QRectF chip = g.rows()[2].chips.at(0);
    QTest::mouseMove(view, chip.center().toPoint());
    EXPECT_EQ(view->highlight(), Address(64));
    EXPECT_EQ(widget.map()->highlight(), Address(64)) << "the map outlines the block hovered in the view";
    // And the other way: the map's hover reaches the view.
    Q_EMIT widget.map()->hovered(Address(32));
    EXPECT_EQ(view->highlight(), Address(32));
    EXPECT_TRUE(view->toolTipAt(chip.center()).contains("free block at 0x40, 64 B"));
}

// Segregated fits with one bound, 4,096: 21 free 48-byte blocks (need(32) =
// 48) in the lower class, and the 6,176 bytes after 42 blocks in the upper.
// malloc(48) needs 64: the walk looks at the 21 blocks, none big enough, then
// takes the upper class's block: 22 steps, of which a view is told the first
// 15 and the 22nd.
TEST(FamilyViews, ALongWalkIsToldInPartWithTheBlockTakenNumberedWhereItStood)
{
    std::string ops;
    for (int i = 0; i < 42; ++i)
        ops += "a " + std::to_string(i) + " 32\n";
    for (int i = 0; i < 42; i += 2)
        ops += "f " + std::to_string(i) + "\n";
    ops += "a 42 48\n";
    Replay r(ops.c_str(), lane("segregated:classes=4096", fixedHeap(8192)));
    const FreeStructure s = r.at(64);
    ASSERT_EQ(s.rows.size(), 2u);
    EXPECT_EQ(s.rows[0].name, "≤ 4 KiB");
    ASSERT_EQ(s.rows[0].chips.size(), 21u);
    for (std::size_t i = 0; i < 21; ++i)
        EXPECT_EQ(s.rows[0].chips[i].visit, i < 15 ? int(i) + 1 : 0) << "block " << i;
    EXPECT_EQ(chips(s.rows[1]), (Chips{{2016, 6176}, {2080, 6112}}));
    EXPECT_TRUE(s.rows[1].chips[0].taken);
    EXPECT_EQ(s.rows[1].chips[0].visit, 22);
    EXPECT_EQ(r.run.samples[63].examined, 22u) << "the count is whole";
}

// Segregated fits' nine classes in 76 pixels of rows would be 8 pixels
// each, too thin for 16-pixel text: the empty classes the search passed by
// are left out, and the rest keep the text's size. With room, all nine show.
TEST(FamilyViews, ListsTooManyForTheirHeightLeaveOutTheEmptyOnesTheSearchPassedBy)
{
    // A freed 100-byte block (112 with its tags) in the "≤ 128 B" class and the
    // rest of the heap in "> 4 KiB"; malloc(40) needs 48, looks in "≤ 64 B"
    // (empty), then "≤ 128 B", and splits the freed block: its 64-byte rest
    // goes to "≤ 64 B".
    Replay r("a 0 40\na 1 100\na 2 40\nf 1\na 3 40\n", lane("segregated", fixedHeap(8192)));
    const FreeStructure s = r.at(5);
    ASSERT_EQ(s.rows.size(), 9u);
    const StructureGeometry tall(s, BuddyTree{}, QRectF(0, 0, 400, 400), fixedText());
    EXPECT_EQ(tall.rows().size(), 9u);
    EXPECT_TRUE(tall.emptyRowsLeftOut().empty());

    const StructureGeometry cramped(s, BuddyTree{}, QRectF(0, 0, 400, 100), fixedText());
    std::vector<std::string> shown;
    for (std::size_t i : cramped.rowOrder())
        shown.push_back(s.rows[i].name);
    EXPECT_EQ(shown, (std::vector<std::string>{"≤ 64 B", "≤ 128 B", "> 4 KiB"}));
    std::vector<std::string> leftOut;
    for (std::size_t i : cramped.emptyRowsLeftOut())
        leftOut.push_back(s.rows[i].name);
    EXPECT_EQ(leftOut, (std::vector<std::string>{"≤ 32 B", "≤ 256 B", "≤ 512 B", "≤ 1 KiB", "≤ 2 KiB", "≤ 4 KiB"}));
    EXPECT_EQ(cramped.hiddenRows(), 0u);
    EXPECT_GE(cramped.rowHeight() - 3, 16.0) << "rows keep the text at its own size";
}

// The lists a cramped view leaves out are named when the header is hovered,
// with the header's words whole.
TEST(FamilyViews, HoveringTheHeaderNamesTheListsLeftOut)
{
    const ShownLane shown("a 0 40\na 1 100\na 2 40\nf 1\na 3 40\n", 8192, "segregated", QSize(420, 330), 5);
    const StructureWidget* view = shown.widget.structureView();
    ASSERT_FALSE(view->isHidden());
    const auto& g = view->structureGeometry();
    ASSERT_FALSE(g.emptyRowsLeftOut().empty()) << "the view is cramped enough to leave lists out";
    const QString tip = view->toolTipAt(g.header().center());
    EXPECT_TRUE(tip.startsWith(QString::fromStdString(view->structure().search))) << tip.toStdString();
    EXPECT_TRUE(tip.contains("lists: address order")) << tip.toStdString();
    // The six empty classes the search did not look at (as in the geometry test above).
    EXPECT_TRUE(tip.contains("empty, not shown for want of room: ≤ 32 B, ≤ 256 B, ≤ 512 B, ≤ 1 KiB, ≤ 2 KiB, ≤ 4 KiB"))
        << tip.toStdString();
}
