#include "app/cli/quiz.h"

#include <memory>

#include "core/alloc/registry.h"
#include "core/quiz/quiz.h"
#include "core/replay/layoutcursor.h"
#include "core/sim/run.h"
#include "core/text/units.h"

namespace heapviz::cli {

namespace {

// "A", "B", ... "Z", "AA", "AB", ...: a free block's name in a question.
std::string letter(std::size_t i)
{
    std::string s;
    for (++i; i > 0; i = (i - 1) / 26)
        s.insert(s.begin(), char('A' + (i - 1) % 26));
    return s;
}

constexpr std::size_t kMaxListed = 26; // a question lists at most A to Z

struct LaneRun {
    LaneSpec spec;
    RunResult run;
    std::unique_ptr<LayoutCursor> cursor;
};

// The bytes the request needs in this lane, as its engine said.
Size needOf(std::span<const Event> events)
{
    for (const Event& e : events) {
        if (const auto* s = std::get_if<Searched>(&e))
            return s->need;
        if (const auto* f = std::get_if<RequestFailed>(&e))
            return f->need;
    }
    return 0;
}

std::string answerLine(const QuizAnswer& answer, const BlockLayout& before)
{
    if (answer.kind != QuizAnswer::Kind::Block)
        return answerWords(answer, before);
    std::size_t i = 0;
    for (const auto& [at, block] : before.map()) {
        if (block.used)
            continue;
        if (at == answer.block)
            return letter(i) + ", the block at " + hexAddress(at) + " (" + withCommas(block.size) + " B)";
        ++i;
    }
    return answerWords(answer, before);
}

} // namespace

void writeQuiz(std::ostream& out, std::ostream& key, const Trace& trace, const std::vector<LaneSpec>& lanes,
               const QuizOptions& options)
{
    std::vector<LaneRun> runs;
    for (const LaneSpec& lane : lanes) {
        runs.push_back({lane, runTrace(trace, {.lane = lane, .countExamined = true, .recordEvents = true}), nullptr});
    }
    for (LaneRun& r : runs) // once the runs stay put: a cursor keeps its log's address
        r.cursor = std::make_unique<LayoutCursor>(r.run.initialLayout, r.run.events);
    {
    }
    const std::vector<std::size_t> steps = sampleQuestions(trace, options.questions, options.seed);
    out << "HeapViz quiz: " << trace.name << ", " << steps.size() << " questions (seed " << options.seed << ")\n"
        << "For each lane: which free block does the request take? Or does it fail, or does the heap grow?\n";
    key << "Answer key: " << trace.name << " (seed " << options.seed << ")\n";
    for (std::size_t q = 0; q < steps.size(); ++q) {
        const Op& op = trace.ops[steps[q]];
        out << "\n" << q + 1 << ". line " << op.line << ": malloc(" << withCommas(op.size) << ") for id " << op.id << "\n";
        key << q + 1 << ".";
        for (LaneRun& r : runs) {
            r.cursor->seek(steps[q]);
            const BlockLayout& before = r.cursor->layout();
            const auto events = r.run.events.eventsOf(std::ptrdiff_t(steps[q]));
            out << "   " << laneTitle(r.spec) << ", needs " << withCommas(needOf(events)) << " B; free:";
            std::size_t i = 0;
            for (const auto& [at, block] : before.map()) {
                if (block.used)
                    continue;
                if (i < kMaxListed)
                    out << " " << letter(i) << " " << hexAddress(at) << " (" << withCommas(block.size) << " B)";
                ++i;
            }
            if (i == 0)
                out << " none";
            else if (i > kMaxListed)
                out << " and " << i - kMaxListed << " more";
            out << "\n";
            const auto answer = answerOf(events);
            key << (&r == &runs.front() ? " " : "; ") << laneTitle(r.spec) << ": "
                << (answer ? answerLine(*answer, before) : "no search (a fault)");
        }
        key << "\n";
    }
}

} // namespace heapviz::cli
