#pragma once
// heapviz-cli --quiz: homework in the manner of OSTEP's malloc.py. For a few
// of the trace's mallocs (picked by --seed), each lane's free blocks before
// the request, lettered, and the question: which does it take, or does the
// request fail, or the heap grow? The answer key goes apart (after the
// questions, or to its own file), from the engine's own events.

#include <ostream>
#include <vector>

#include "core/model/trace.h"
#include "core/alloc/lanespec.h"

namespace heapviz::cli {

struct QuizOptions {
    std::size_t questions = 10;
    std::uint64_t seed = 1;
};

void writeQuiz(std::ostream& questions, std::ostream& key, const Trace& trace, const std::vector<LaneSpec>& lanes,
               const QuizOptions& options);

} // namespace heapviz::cli
