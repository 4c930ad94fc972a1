// Predict, then reveal: a question before each malloc asked about, guesses
// per lane, the engine's answer, a score per lane; from the keyboard and by
// clicking a lane's map. Expected answers worked by hand from heap-model.md.

#include <gtest/gtest.h>

#include <QAction>
#include <QTemporaryDir>
#include <QTest>

#include "core/alloc/registry.h"
#include "core/trace/traceparser.h"
#include "support/heaptesting.h"
#include "ui/lanes/lanewidget.h"
#include "ui/map/memorymapwidget.h"
#include "ui/quiz/quizbar.h"
#include "ui/quiz/quizcontroller.h"
#include "ui/session/session.h"
#include "ui/window/mainwindow.h"

using namespace heapviz;
using namespace heapviz::ui;
using namespace heapviz::testing;

namespace {

// Default preset: malloc(32) needs 48, malloc(100) 128, malloc(1000) 1,024.
constexpr const char* kOps = "a 0 32\na 1 32\nf 0\na 2 100\na 3 0\na 4 1000\n";

QuizAnswer block(std::uint64_t at) { return {QuizAnswer::Kind::Block, Address(at)}; }

std::shared_ptr<SessionData> fitsOnAFixedHeap()
{
    SessionSettings settings;
    settings.config = fixedHeap(1024);
    settings.lanes = {"first", "best"};
    return recordSession(parseTrace(kOps, "q.rep"), settings, false);
}

} // namespace

// On 1,024 fixed bytes: the first malloc takes the one free block at 0 in
// both lanes; before line 4 the free blocks are [0, 48) and [96, 1024), and
// both fits take the one at 96 (the other is too small).
TEST(QuizMode, PosesRevealsAndScoresEachLane)
{
    Session session(fitsOnAFixedHeap());
    QuizController quiz;
    quiz.setSession(&session);
    quiz.setActive(true);
    ASSERT_TRUE(quiz.pending()) << "step 0: line 1's malloc is about to run";
    EXPECT_EQ(quiz.questionStep(), 0u);
    quiz.guess(0, block(0));
    quiz.reveal(); // best fit had no guess: wrong
    EXPECT_EQ(session.step(), 1u) << "the reveal shows what happened";
    ASSERT_EQ(quiz.results().size(), 2u);
    EXPECT_TRUE(quiz.results()[0].right);
    EXPECT_FALSE(quiz.results()[1].right);
    EXPECT_EQ(quiz.results()[1].truth, block(0));
    ASSERT_TRUE(quiz.pending()) << "line 2's malloc is next";
    quiz.reveal();
    session.seek(3);
    ASSERT_TRUE(quiz.pending());
    EXPECT_EQ(quiz.questionStep(), 3u);
    quiz.guess(0, block(0));  // too small: wrong
    quiz.guess(1, block(96)); // right
    quiz.reveal();
    EXPECT_EQ(quiz.score(0).right, 1u);
    EXPECT_EQ(quiz.score(0).asked, 3u);
    EXPECT_EQ(quiz.score(1).right, 1u);
    // Line 6's 1,024 bytes: 48 + 800 free, none of it in one piece: it fails.
    session.seek(5);
    ASSERT_TRUE(quiz.pending()) << "malloc(0) at line 5 is no question; line 6's is";
    EXPECT_EQ(quiz.questionStep(), 5u);
    quiz.guess(0, QuizAnswer{QuizAnswer::Kind::Fails, {}});
    quiz.reveal();
    EXPECT_EQ(quiz.score(0).right, 2u);
    EXPECT_EQ(quiz.score(0).asked, 4u);
    // Back over questions already answered: not asked (nor counted) again.
    session.seek(0);
    EXPECT_FALSE(quiz.pending());
    EXPECT_EQ(quiz.score(0).asked, 4u);
}

TEST(QuizMode, AsksOneLaneOrEveryNthMalloc)
{
    Session session(fitsOnAFixedHeap());
    QuizController quiz;
    quiz.setSession(&session);
    quiz.setAskedLane(1);
    quiz.setSchedule({.every = 2, .onlySteps = {}}); // mallocs 1, 3, ...: lines 1 and 4
    quiz.setActive(true);
    EXPECT_TRUE(quiz.pending());
    quiz.guess(0, block(0)); // not asked: ignored
    EXPECT_EQ(quiz.guessOf(0), std::nullopt);
    quiz.reveal();
    EXPECT_EQ(quiz.results().size(), 1u);
    EXPECT_FALSE(quiz.pending()) << "line 2's malloc is the second: not asked";
    session.seek(3);
    EXPECT_TRUE(quiz.pending());
}

TEST(QuizMode, TheKeysAndAClickAnswerInTheWindow)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("q.rep");
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(kOps);
    }
    MainWindow window{SettingsStore::Mode::Ephemeral};
    window.resize(1280, 720);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    ASSERT_TRUE(window.openTraceFile(path, /*wait=*/true));
    window.activateWindow(); // the keys are the window's shortcuts
    ASSERT_GE(window.lanes().size(), 2u);
    QTest::keyClick(&window, Qt::Key_P);
    ASSERT_TRUE(window.quizBar()->isVisible());
    QuizController& quiz = *window.quiz();
    ASSERT_TRUE(quiz.pending());
    // A growing heap starts empty: the first malloc grows it, in every lane.
    QTest::keyClick(&window, Qt::Key_G);
    EXPECT_EQ(quiz.guessOf(0), (QuizAnswer{QuizAnswer::Kind::Grows, {}}));
    QTest::keyClick(&window, Qt::Key_2);
    QTest::keyClick(&window, Qt::Key_X);
    EXPECT_EQ(quiz.guessOf(1), (QuizAnswer{QuizAnswer::Kind::Fails, {}}));
    EXPECT_TRUE(window.quizBar()->questionText().contains("malloc(32) for id 0"));
    QTest::keyClick(&window, Qt::Key_Return);
    EXPECT_EQ(window.session()->step(), 1u);
    EXPECT_TRUE(window.quizBar()->scoreText().contains(QString::fromStdString(laneTitle(window.session()->lane(0).spec)) + " 1/1"))
        << window.quizBar()->scoreText().toStdString();
    EXPECT_TRUE(window.quizBar()->scoreText().contains(QString::fromStdString(laneTitle(window.session()->lane(1).spec)) + " 0/1"));

    // Before line 4 (step 3) lane 0 has the freed 48 bytes at 0 free; a click
    // on the map guesses the block under it, and its map marks the guess.
    window.session()->seek(3);
    ASSERT_TRUE(quiz.pending());
    MemoryMapWidget* map = window.lanes()[0]->map();
    Q_EMIT map->clickedAt(Address(20));
    EXPECT_EQ(quiz.guessOf(0), block(0));
    QTest::keyClick(&window, Qt::Key_Right); // going on reveals first
    EXPECT_EQ(window.session()->step(), 4u);
    EXPECT_FALSE(quiz.results().empty());
    EXPECT_FALSE(quiz.results()[0].right) << "48 bytes cannot hold 128";
    QTest::keyClick(&window, Qt::Key_P);
    EXPECT_FALSE(window.quizBar()->isVisible());
}
