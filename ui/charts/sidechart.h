#pragma once
// What stands beside the charts' line chart (chartspanel.h), and the words
// the settings keep it under: an enum is never stored as a number.

#include <cstdint>
#include <optional>
#include <string_view>

namespace heapviz::ui {

enum class SideChart : std::uint8_t { FreeBlockSizes, LostPerClass, FreePerOrder };

inline constexpr SideChart kAllSideCharts[] = {SideChart::FreeBlockSizes, SideChart::LostPerClass,
                                               SideChart::FreePerOrder};

// "free-block-sizes", "lost-per-class", "free-per-order".
constexpr std::string_view sideChartName(SideChart chart)
{
    switch (chart) {
    case SideChart::FreeBlockSizes: return "free-block-sizes";
    case SideChart::LostPerClass: return "lost-per-class";
    case SideChart::FreePerOrder: return "free-per-order";
    }
    return "";
}

constexpr std::optional<SideChart> sideChartFromName(std::string_view name)
{
    for (SideChart chart : kAllSideCharts)
        if (sideChartName(chart) == name)
            return chart;
    return std::nullopt;
}

} // namespace heapviz::ui
