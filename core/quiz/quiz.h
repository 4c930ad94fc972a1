#pragma once
// Predict, then reveal: before an operation runs, which free block will the
// lane's allocator take, or does the request fail, or does the heap grow?
// The answer is the engine's own (the step's Searched and RequestFailed /
// HeapGrown events), never re-derived; a guess is a free block of the heap
// as it stood before the step (an address anywhere in it will do).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/model/event.h"
#include "core/model/trace.h"
#include "core/replay/layout.h"

namespace heapviz {

// What can happen to a request, as a class guesses it.
struct QuizAnswer {
    // Compacts: the search failed and a compaction (on failure) made room.
    enum class Kind : std::uint8_t { Block, Fails, Grows, Compacts };
    Kind kind = Kind::Block;
    Address block; // Block: the free block taken (its start)
    friend bool operator==(const QuizAnswer&, const QuizAnswer&) = default;
};

// Which operations are questions: mallocs (with a size), every `every`-th of
// them (1: all), or only the steps listed (a scenario's bookmarks).
struct QuizSchedule {
    std::uint32_t every = 1;
    std::vector<std::size_t> onlySteps; // operation indices; empty: by `every`
};

// The operation indices that are questions under `schedule`, in order.
std::vector<std::size_t> quizQuestions(const Trace& trace, const QuizSchedule& schedule);
// `count` of the trace's mallocs, picked by `seed` (for homework), in order.
std::vector<std::size_t> sampleQuestions(const Trace& trace, std::size_t count, std::uint64_t seed);

// The engine's answer from the events of the operation.
std::optional<QuizAnswer> answerOf(std::span<const Event> events);

// A guess at a byte of the heap before the step: the free block holding it,
// or nullopt where there is none (a used block, the prefix).
std::optional<QuizAnswer> guessAt(const BlockLayout& before, Address at);

// "the free block at 0x40 (64 B)", "it fails", "the heap grows", "the heap is compacted".
std::string answerWords(const QuizAnswer& answer, const BlockLayout& before);

// A score per lane: right out of asked.
struct QuizScore {
    std::uint32_t right = 0;
    std::uint32_t asked = 0;
};

} // namespace heapviz
