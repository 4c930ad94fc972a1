// The settings panel's lane-set editor: presets in one click, Add offering
// every family, the buttons and keys that act on the chosen lane, the
// per-lane parameter form checked by the registry, and the panel's read()
// refusing what cannot run. Expected lanes and words are worked out from the
// spec's defaults and the registry's documented messages.

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

#include "ui/settings/lanelistmodel.h"
#include "ui/settings/laneparameterform.h"
#include "ui/settings/lanesetedit.h"
#include "ui/settings/settingspanel.h"

using namespace heapviz;
using namespace heapviz::ui;

namespace {

using Lanes = std::vector<std::string>;

struct LaneSetEditing : ::testing::Test {
    LaneSetEditor editor;
    QAbstractItemModelTester tester{editor.model(), QAbstractItemModelTester::FailureReportingMode::Warning};

    QString title(int row) const { return editor.model()->index(row).data().toString(); }
    QLineEdit* field(const char* key) const { return editor.parameterForm()->field(key); }
    // Types `text` into a field as a user would, replacing what it held.
    static void type(QLineEdit* edit, const QString& text)
    {
        edit->selectAll();
        if (text.isEmpty())
            QTest::keyClick(edit, Qt::Key_Backspace);
        else
            QTest::keyClicks(edit, text);
    }
};

QPushButton* presetButton(const LaneSetEditor& editor, const QString& name)
{
    for (QPushButton* b : editor.presetButtons())
        if (b->text() == name)
            return b;
    return nullptr;
}

} // namespace

TEST_F(LaneSetEditing, EachPresetGivesExactlyItsLanes)
{
    const std::vector<std::pair<QString, Lanes>> expected = {
        {"the four fits", {"first", "next", "best", "worst"}},
        {"fits vs segregated vs TLSF", {"first", "best", "segregated", "tlsf"}},
        {"buddy vs first fit", {"buddy", "first"}},
        {"pool vs first fit", {"pool", "first"}},
        {"everything", {"first", "next", "best", "worst", "segregated", "tlsf", "buddy", "pool"}},
    };
    ASSERT_EQ(editor.presetButtons().size(), expected.size());
    for (const auto& [name, lanes] : expected) {
        QPushButton* button = presetButton(editor, name);
        ASSERT_NE(button, nullptr) << name.toStdString();
        button->click();
        EXPECT_EQ(editor.lanes(), lanes) << name.toStdString();
        EXPECT_EQ(editor.currentRow(), 0);
    }
    EXPECT_EQ(title(4), "segregated");
    EXPECT_EQ(title(5), "TLSF");
    EXPECT_EQ(title(6), "buddy (min 32 B)");
    EXPECT_EQ(title(7), "pool (64 B slots)") << "the spec's default slot";
}

TEST_F(LaneSetEditing, AddOffersEveryFamilyInTheSpecsOrder)
{
    const QList<QAction*> actions = editor.addMenu()->actions();
    QStringList names;
    for (QAction* a : actions)
        names << a->data().toString();
    EXPECT_EQ(names, QStringList({"first", "next", "best", "worst", "segregated", "tlsf", "buddy", "pool"}));
    EXPECT_EQ(actions[6]->text(), "buddy — the buddy system");
    EXPECT_EQ(actions[0]->text(), "first — first fit");
    EXPECT_TRUE(actions[6]->toolTip().contains("min_order=5: the smallest block is 2^min_order bytes"))
        << actions[6]->toolTip().toStdString();
    EXPECT_TRUE(actions[7]->toolTip().contains("slot=64"));

    editor.setLanes({"first", "best"});
    editor.setCurrentRow(0);
    actions[6]->trigger();
    EXPECT_EQ(editor.lanes(), (Lanes{"first", "buddy", "best"})) << "after the chosen lane";
    EXPECT_EQ(editor.currentRow(), 1) << "and chosen";
}

TEST_F(LaneSetEditing, ButtonsAndKeysActOnTheChosenLaneAndSayWhenTheyCannot)
{
    editor.setLanes({"first", "next", "best"});
    editor.setCurrentRow(0);
    EXPECT_TRUE(editor.addButton()->isEnabled());
    EXPECT_TRUE(editor.removeButton()->isEnabled());
    EXPECT_FALSE(editor.upButton()->isEnabled()) << "the first lane cannot go up";
    EXPECT_TRUE(editor.downButton()->isEnabled());
    editor.downButton()->click();
    EXPECT_EQ(editor.lanes(), (Lanes{"next", "first", "best"}));
    EXPECT_EQ(editor.currentRow(), 1);

    QListView* list = editor.list();
    QTest::keyClick(list, Qt::Key_Down, Qt::AltModifier);
    EXPECT_EQ(editor.lanes(), (Lanes{"next", "best", "first"}));
    EXPECT_FALSE(editor.downButton()->isEnabled()) << "the last lane cannot go down";
    QTest::keyClick(list, Qt::Key_Up, Qt::AltModifier);
    EXPECT_EQ(editor.lanes(), (Lanes{"next", "first", "best"}));
    QTest::keyClick(list, Qt::Key_Delete);
    EXPECT_EQ(editor.lanes(), (Lanes{"next", "best"}));
    EXPECT_EQ(editor.currentRow(), 1) << "the lane after the removed one";
    QTest::keyClick(list, Qt::Key_Backspace);
    QTest::keyClick(list, Qt::Key_Backspace);
    EXPECT_TRUE(editor.lanes().empty());
    EXPECT_FALSE(editor.removeButton()->isEnabled());
    EXPECT_FALSE(editor.upButton()->isEnabled());
    EXPECT_FALSE(editor.downButton()->isEnabled());

    editor.show();
    QTest::keyClick(list, Qt::Key_Insert);
    EXPECT_TRUE(editor.addMenu()->isVisible()) << "Insert offers the families";
    editor.addMenu()->hide();

    presetButton(editor, "everything")->click();
    EXPECT_FALSE(editor.addButton()->isEnabled());
    EXPECT_TRUE(editor.fullMessage().contains("8 lanes")) << editor.fullMessage().toStdString();
    EXPECT_FALSE(editor.addLane("first"));
    EXPECT_EQ(editor.lanes().size(), 8u);
    editor.removeCurrent();
    EXPECT_TRUE(editor.addButton()->isEnabled());
    EXPECT_TRUE(editor.fullMessage().isEmpty());
}

TEST_F(LaneSetEditing, TheFormShowsTheFamilysParametersWithTheSpecsDefaults)
{
    editor.setLanes({"buddy", "first:align=32"});
    editor.setCurrentRow(0);
    EXPECT_EQ(editor.parameterForm()->keys(), QStringList({"min_order", "header", "zero", "canary"}));
    EXPECT_EQ(field("min_order")->placeholderText(), "5");
    EXPECT_EQ(field("min_order")->toolTip(), "the smallest block is 2^min_order bytes");
    EXPECT_EQ(field("header")->placeholderText(), "0");
    EXPECT_EQ(field("zero")->placeholderText(), "min_block") << "the heap's current value";
    EXPECT_EQ(field("canary")->placeholderText(), "0");

    editor.setCurrentRow(1);
    EXPECT_EQ(editor.parameterForm()->keys(), QStringList({"zero", "canary", "align"})) << "align is kept";
    EXPECT_EQ(field("align")->text(), "32");
    type(field("canary"), "8");
    EXPECT_EQ(editor.lanes()[1], "first:align=32:canary=8") << "align first, as the CLI writes the options";
}

TEST_F(LaneSetEditing, AnEditRewritesTheLaneAsTheCliWritesIt)
{
    editor.setLanes({"first", "buddy"});
    editor.setCurrentRow(1);
    QSignalSpy resets(editor.model(), &QAbstractItemModel::modelReset);
    type(field("min_order"), "4");
    EXPECT_EQ(editor.lanes()[1], "buddy:min_order=4");
    EXPECT_EQ(title(1), "buddy (min 16 B)");
    type(field("min_order"), "5");
    EXPECT_EQ(editor.lanes()[1], "buddy") << "5 is the default: nothing to write";
    EXPECT_EQ(title(1), "buddy (min 32 B)");
    EXPECT_TRUE(editor.problem().isEmpty());
    EXPECT_EQ(resets.count(), 0);
}

TEST_F(LaneSetEditing, ARefusedEditKeepsTheLaneAndSaysWhy)
{
    editor.setLanes({"tlsf:sl_log2=4"});
    editor.setCurrentRow(0);
    EXPECT_EQ(field("sl_log2")->text(), "4");
    type(field("sl_log2"), "9");
    EXPECT_EQ(editor.lanes()[0], "tlsf:sl_log2=4");
    EXPECT_EQ(editor.problem(),
              "The lane stays as it was: lane 'tlsf:sl_log2=9': sl_log2 takes a number from 0 to 6, not '9'");
    type(field("sl_log2"), "");
    EXPECT_EQ(editor.lanes()[0], "tlsf") << "an empty field is the default";
    EXPECT_TRUE(editor.problem().isEmpty());
}

namespace {

struct LaneSetPanel : ::testing::Test {
    SettingsPanel panel;
    LaneSetEditor* editor = panel.laneSetEditor();

    void SetUp() override { panel.show(SessionSettings{}); }
    QLineEdit* heapSize() const
    {
        for (QLineEdit* edit : panel.findChildren<QLineEdit*>())
            if (edit->accessibleName() == "Fixed heap size")
                return edit;
        return nullptr;
    }
};

} // namespace

TEST_F(LaneSetPanel, ReadGivesTheLanesAsEditedOrSaysWhatIsMissing)
{
    ASSERT_NE(editor, nullptr);
    EXPECT_EQ(editor->lanes(), (Lanes{"first", "best", "worst"})) << "SessionSettings' default lanes";
    auto s = panel.read();
    ASSERT_TRUE(s) << panel.error().toStdString();
    EXPECT_EQ(s->lanes, (Lanes{"first", "best", "worst"}));

    presetButton(*editor, "buddy vs first fit")->click();
    s = panel.read();
    ASSERT_TRUE(s) << panel.error().toStdString();
    EXPECT_EQ(s->lanes, (Lanes{"buddy", "first"}));

    editor->setLanes({});
    EXPECT_FALSE(panel.read());
    EXPECT_EQ(panel.error(), "Choose at least one lane: add one, or pick a lane set.");

    SessionSettings nine;
    nine.lanes = {"first", "next", "best", "worst", "segregated", "tlsf", "buddy", "pool", "first"};
    panel.show(nine);
    EXPECT_FALSE(panel.read());
    EXPECT_EQ(panel.error(), "At most 8 lanes can run side by side, not 9: remove 1.");
}

TEST_F(LaneSetPanel, AnInvalidFieldBlocksApplyWithItsReason)
{
    editor->setLanes({"tlsf"});
    editor->setCurrentRow(0);
    QSignalSpy applied(&panel, &SettingsPanel::applied);
    QLineEdit* sl = editor->parameterForm()->field("sl_log2");
    sl->selectAll();
    QTest::keyClicks(sl, "9");
    QTest::keyClick(sl, Qt::Key_Return);
    EXPECT_EQ(applied.count(), 0);
    EXPECT_EQ(panel.error(),
              "The lane stays as it was: lane 'tlsf:sl_log2=9': sl_log2 takes a number from 0 to 6, not '9'");
    sl->selectAll();
    QTest::keyClicks(sl, "3");
    QTest::keyClick(sl, Qt::Key_Return);
    ASSERT_EQ(applied.count(), 1);
    EXPECT_EQ(applied.front().front().value<SessionSettings>().lanes, (Lanes{"tlsf:sl_log2=3"}));
}

TEST_F(LaneSetPanel, ALaneIsCheckedAgainstTheHeapAsTyped)
{
    SessionSettings s;
    s.lanes = {"pool:slot=48"};
    s.config.fixedSize = 65536;
    panel.show(s);
    EXPECT_FALSE(panel.read()) << "65536 is no multiple of 48";
    EXPECT_EQ(panel.error(),
              "lane 'pool:slot=48': a pool's heap must be a positive multiple of its slot (48 bytes), not 64 KiB");
    EXPECT_FALSE(editor->model()->problem(0).isEmpty());

    heapSize()->setText("48 KiB"); // 49152 = 48 x 1024
    EXPECT_TRUE(editor->model()->problem(0).isEmpty()) << "the lane follows the heap as typed";
    const auto read = panel.read();
    ASSERT_TRUE(read) << panel.error().toStdString();
    EXPECT_EQ(read->config.fixedSize, 49152u);
    EXPECT_EQ(read->lanes, (Lanes{"pool:slot=48"}));

    heapSize()->setText("100"); // not a multiple of the alignment (16): the heap first
    EXPECT_TRUE(editor->model()->problem(0).isEmpty()) << "an invalid heap leaves the lanes' check as it was";
    EXPECT_FALSE(panel.read());
    EXPECT_TRUE(panel.error().contains("A fixed heap of 100 bytes")) << panel.error().toStdString();
    EXPECT_FALSE(panel.error().contains("pool")) << "the heap's own problem, not the lane's";
}

TEST(LaneSetLayout, EverythingFitsANarrowDock)
{
    QScrollArea scroll;
    auto* panel = new SettingsPanel;
    scroll.setWidget(panel);
    scroll.setWidgetResizable(true);
    scroll.setFrameShape(QFrame::NoFrame);
    scroll.resize(340, 720);
    panel->show(SessionSettings{});
    LaneSetEditor* editor = panel->laneSetEditor();
    presetButton(*editor, "everything")->click();
    scroll.show();
    QApplication::processEvents(); // no second pass: a height that changes late makes the buttons jump

    EXPECT_FALSE(scroll.horizontalScrollBar()->isVisible())
        << "the panel needs " << panel->minimumSizeHint().width() << " px";
    for (QPushButton* b : panel->findChildren<QPushButton*>()) {
        if (b->isVisible()) {
            EXPECT_GE(b->width(), b->sizeHint().width()) << b->text().toStdString() << " is cut";
        }
    }
    QListView* list = editor->list();
    ASSERT_EQ(list->model()->rowCount(), 8);
    for (int row = 0; row < 8; ++row)
        EXPECT_TRUE(list->viewport()->rect().contains(list->visualRect(list->model()->index(row, 0))))
            << "row " << row << " is hidden";
    EXPECT_LE(editor->presetButtons().back()->geometry().right(), editor->width()) << "the presets wrap";
}
