#include "core/quiz/quiz.h"

#include <algorithm>
#include <random>

#include "core/text/units.h"

namespace heapviz {

namespace {

bool isQuestion(const Op& op) { return op.kind == OpKind::Malloc && op.size > 0; }

} // namespace

std::vector<std::size_t> quizQuestions(const Trace& trace, const QuizSchedule& schedule)
{
    std::vector<std::size_t> steps;
    if (!schedule.onlySteps.empty()) {
        for (std::size_t s : schedule.onlySteps)
            if (s < trace.ops.size() && isQuestion(trace.ops[s]))
                steps.push_back(s);
        std::sort(steps.begin(), steps.end());
        steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
        return steps;
    }
    const std::uint32_t every = std::max<std::uint32_t>(1, schedule.every);
    std::uint64_t mallocs = 0;
    for (std::size_t i = 0; i < trace.ops.size(); ++i)
        if (isQuestion(trace.ops[i]) && mallocs++ % every == 0)
            steps.push_back(i);
    return steps;
}

std::vector<std::size_t> sampleQuestions(const Trace& trace, std::size_t count, std::uint64_t seed)
{
    std::vector<std::size_t> all = quizQuestions(trace, {});
    std::mt19937_64 rng(seed); // mt19937_64 is the same sequence on every platform
    std::vector<std::size_t> picked;
    std::sample(all.begin(), all.end(), std::back_inserter(picked), count, rng);
    return picked; // std::sample keeps the order
}

std::optional<QuizAnswer> answerOf(std::span<const Event> events)
{
    for (const Event& e : events) {
        if (std::holds_alternative<HeapGrown>(e))
            return QuizAnswer{QuizAnswer::Kind::Grows, {}};
        if (std::holds_alternative<RequestFailed>(e))
            return QuizAnswer{QuizAnswer::Kind::Fails, {}};
        if (std::holds_alternative<CompactionStarted>(e))
            return QuizAnswer{QuizAnswer::Kind::Compacts, {}};
        if (const auto* s = std::get_if<Searched>(&e); s && s->found)
            return QuizAnswer{QuizAnswer::Kind::Block, s->chosen};
    }
    return std::nullopt; // not a search (a fault, a malloc(0) that returns NULL)
}

std::optional<QuizAnswer> guessAt(const BlockLayout& before, Address at)
{
    const auto it = before.blockAt(at);
    if (it == before.map().end() || it->second.used)
        return std::nullopt;
    return QuizAnswer{QuizAnswer::Kind::Block, it->first};
}

std::string answerWords(const QuizAnswer& answer, const BlockLayout& before)
{
    switch (answer.kind) {
    case QuizAnswer::Kind::Fails: return "it fails";
    case QuizAnswer::Kind::Grows: return "the heap grows";
    case QuizAnswer::Kind::Compacts: return "the heap is compacted";
    case QuizAnswer::Kind::Block: break;
    }
    const auto it = before.map().find(answer.block);
    const Size size = it == before.map().end() ? 0 : it->second.size;
    return "the free block at " + hexAddress(answer.block) + " (" + withCommas(size) + " B)";
}

} // namespace heapviz
