#pragma once
// The four classic placement strategies ("fits") of heap-model.md.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace heapviz {

enum class Strategy : std::uint8_t { First, Next, Best, Worst };

inline constexpr Strategy kAllStrategies[] = {Strategy::First, Strategy::Next, Strategy::Best,
                                              Strategy::Worst};

// "first", "next", "best", "worst".
constexpr std::string_view strategyName(Strategy s)
{
    switch (s) {
    case Strategy::First: return "first";
    case Strategy::Next: return "next";
    case Strategy::Best: return "best";
    case Strategy::Worst: return "worst";
    }
    return "?";
}

constexpr std::optional<Strategy> strategyFromName(std::string_view name)
{
    for (Strategy s : kAllStrategies)
        if (strategyName(s) == name)
            return s;
    return std::nullopt;
}

} // namespace heapviz
