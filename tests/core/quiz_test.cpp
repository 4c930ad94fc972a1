// Predict, then reveal: the questions a quiz asks, and the engine's answers,
// worked by hand from heap-model.md.

#include <gtest/gtest.h>

#include "core/alloc/registry.h"
#include "core/quiz/quiz.h"
#include "core/replay/layoutcursor.h"
#include "core/trace/traceparser.h"
#include "support/heaptesting.h"

using namespace heapviz;
using namespace heapviz::testing;

namespace {

// Default preset (align 16, 8-byte header and footer): malloc(32) needs 48,
// malloc(100) 128, malloc(1000) 1,024.
constexpr const char* kOps = "a 0 32\na 1 32\nf 0\na 2 100\na 3 0\na 4 1000\n";

QuizAnswer block(std::uint64_t at) { return {QuizAnswer::Kind::Block, Address(at)}; }

} // namespace

TEST(Quiz, AsksBeforeEachMallocOrEveryNthOrAtTheStepsGiven)
{
    const Trace trace = parseTrace(kOps, "q.rep");
    EXPECT_EQ(quizQuestions(trace, {}), (std::vector<std::size_t>{0, 1, 3, 5})) << "not a free, not malloc(0)";
    EXPECT_EQ(quizQuestions(trace, {.every = 2, .onlySteps = {}}), (std::vector<std::size_t>{0, 3}));
    EXPECT_EQ(quizQuestions(trace, {.onlySteps = {5, 2, 3, 3, 99}}), (std::vector<std::size_t>{3, 5}))
        << "a free and a step past the end are no questions";
}

TEST(Quiz, TheAnswerIsTheEnginesBlockOrAFailureOrAGrowth)
{
    // Fixed 1,024 bytes: after line 3 the free blocks are [0, 48) and
    // [96, 1024); malloc(100) (128) is too big for the first, so first fit
    // takes the block at 96, and best fit too (the only one that fits).
    for (const char* fit : {"first", "best"}) {
        const Outcome out = runOps(kOps, laneOf(fit, fixedHeap(1024)), true);
        EXPECT_EQ(answerOf(out.run.events.eventsOf(3)), block(96)) << fit;
        // 1,024 bytes asked of a heap with 1,024 − 48 − 128 = 848 free: it fails.
        EXPECT_EQ(answerOf(out.run.events.eventsOf(5)), (QuizAnswer{QuizAnswer::Kind::Fails, {}})) << fit;
    }
    const Outcome growing = runOps(kOps, laneOf("first", defaultConfig()), true);
    EXPECT_EQ(answerOf(growing.run.events.eventsOf(5)), (QuizAnswer{QuizAnswer::Kind::Grows, {}}));
    EXPECT_EQ(answerOf(growing.run.events.eventsOf(2)), std::nullopt) << "a free is no question";
}

TEST(Quiz, AGuessIsAnyByteOfAFreeBlockBeforeTheStep)
{
    const Outcome out = runOps(kOps, laneOf("first", fixedHeap(1024)), true);
    LayoutCursor cursor(out.run.initialLayout, out.run.events);
    cursor.seek(3); // before malloc(100)
    const BlockLayout& before = cursor.layout();
    EXPECT_EQ(guessAt(before, Address(10)), block(0));
    EXPECT_EQ(guessAt(before, Address(500)), block(96));
    EXPECT_EQ(guessAt(before, Address(50)), std::nullopt) << "id 1's used block";
    EXPECT_NE(guessAt(before, Address(10)), answerOf(out.run.events.eventsOf(3))) << "first fit skips the 48 bytes";
    EXPECT_EQ(answerWords(block(96), before), "the free block at 0x60 (928 B)");
    EXPECT_EQ(answerWords({QuizAnswer::Kind::Fails, {}}, before), "it fails");
}

TEST(Quiz, HomeworkPicksTheSameQuestionsForTheSameSeed)
{
    std::string ops;
    for (int i = 0; i < 50; ++i)
        ops += "a " + std::to_string(i) + " " + std::to_string(8 + i) + "\n";
    const Trace trace = parseTrace(ops, "q.rep");
    const auto a = sampleQuestions(trace, 10, 7);
    EXPECT_EQ(a, sampleQuestions(trace, 10, 7));
    EXPECT_NE(a, sampleQuestions(trace, 10, 8));
    ASSERT_EQ(a.size(), 10u);
    EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
    EXPECT_EQ(sampleQuestions(trace, 80, 7).size(), 50u) << "no more questions than mallocs";
}
