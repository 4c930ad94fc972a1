#pragma once
// Every setting a user can choose, with the name the spec and the command
// line use ("min_block", "--min-block", "on-failure") and the words the GUI
// shows ("Minimum block", "when a request fails though the bytes are free").
// Defined once here; heapviz-cli and the settings panel both read them, so
// no combo-box index or option string stands for an enum anywhere else.

#include <optional>
#include <iterator>
#include <string_view>

#include <string>
#include <utility>
#include <vector>

#include "core/config/heapconfig.h"

namespace heapviz {

// One value of an enumerated setting.
template <class E> struct Choice {
    E value;
    std::string_view name;  // as the spec and the CLI write it
    std::string_view words; // as the GUI says it
};

inline constexpr Choice<Growth> kGrowthChoices[] = {
    {Growth::Exact, "exact", "exactly what is missing"},
    {Growth::Chunk, "chunk", "in chunks"},
};
inline constexpr Choice<ReallocPolicy> kReallocChoices[] = {
    {ReallocPolicy::InPlace, "in_place", "in place when it can"},
    {ReallocPolicy::Move, "move", "always move"},
};
inline constexpr Choice<ZeroPolicy> kZeroChoices[] = {
    {ZeroPolicy::MinBlock, "min_block", "a smallest block"},
    {ZeroPolicy::Null, "null", "NULL"},
};
inline constexpr Choice<Compactor> kCompactorChoices[] = {
    {Compactor::Sliding, "sliding", "sliding (keeps the order)"},
    {Compactor::TwoFinger, "two-finger", "two-finger (fewer moves)"},
};
inline constexpr Choice<CompactTrigger::Kind> kTriggerChoices[] = {
    {CompactTrigger::Kind::Never, "never", "never"},
    {CompactTrigger::Kind::OnFailure, "on-failure", "when a request fails though the bytes are free"},
    {CompactTrigger::Kind::At, "at", "after given operations"},
    {CompactTrigger::Kind::Threshold, "threshold", "above an external fragmentation"},
};
// The presets, with what each is.
inline constexpr Choice<std::string_view> kPresetChoices[] = {
    {"default", "default", "a 64-bit malloc: 16-byte alignment, 8-byte tags"},
    {"csapp", "csapp", "the CS:APP textbook allocator (mm.c) as malloc-lab grades it"},
};

// The name of `value` among `choices` (one of the k...Choices tables).
template <class Choices, class E> constexpr std::string_view nameOf(const Choices& choices, E value)
{
    for (const auto& c : choices)
        if (c.value == value)
            return c.name;
    return "?";
}

// The value named `name` among `choices`, if any.
template <class Choices> constexpr auto valueNamed(const Choices& choices, std::string_view name)
    -> std::optional<decltype(std::begin(choices)->value)>
{
    for (const auto& c : choices)
        if (c.name == name)
            return c.value;
    return std::nullopt;
}

// "sliding, two-finger": the names, for a message saying what is allowed.
template <class Choices> std::string namesOf(const Choices& choices)
{
    std::string out;
    for (const auto& c : choices)
        out += (out.empty() ? "" : ", ") + std::string(c.name);
    return out;
}

inline std::string_view compactorName(Compactor c) { return nameOf(kCompactorChoices, c); }

// The parameters that are a number of bytes.
struct SizeParameter {
    Size HeapConfig::*field;
    std::string_view name;   // "min_block"
    std::string_view option; // "--min-block"
    std::string_view words;  // "Minimum block"
    std::string_view help;   // a tooltip
};

inline constexpr SizeParameter kSizeParameters[] = {
    {&HeapConfig::align, "align", "--align", "Alignment", "Block sizes are multiples of it (a power of two)"},
    {&HeapConfig::header, "header", "--header", "Header", "Tag bytes before each payload"},
    {&HeapConfig::footer, "footer", "--footer", "Footer", "Tag bytes after each payload"},
    {&HeapConfig::minBlock, "min_block", "--min-block", "Minimum block",
     "The smallest block; a split leaves no smaller remainder"},
    {&HeapConfig::prefix, "prefix", "--prefix", "Prefix", "Heap bytes before the first block (padding, prologue)"},
    {&HeapConfig::suffix, "suffix", "--suffix", "Suffix", "Heap bytes after the last block (epilogue)"},
    {&HeapConfig::canary, "canary", "--canary", "Canary",
     "Guard bytes right after each payload: an overflow of up to this many bytes stays in its own block"},
};

// The options of a heap config by name (the spec's and the CLI's, without
// "--"): preset (which resets every parameter, so set it first), heap
// ("grow" or a byte size), align, header, footer, min_block, prefix, suffix,
// growth ("exact" or "chunk:N"), realloc, zero, compact, compactor. False,
// with `error` saying what was expected, for a bad value; an unknown name is
// an error too. The result may still fail HeapConfig::validate().
bool setOption(HeapConfig& config, std::string_view name, std::string_view value, std::string& error);
bool isOption(std::string_view name);

// Every option of `config` as setOption takes it back, preset first: a config
// written out and read in again is the same config (compactions asked for by
// hand, which belong to one session, are left out).
std::vector<std::pair<std::string_view, std::string>> optionsOf(const HeapConfig& config);

} // namespace heapviz
