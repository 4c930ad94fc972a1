#pragma once
// The window's three looks: light, dark and high contrast. Qt 6.4 has no
// colour-scheme hint, so each is our own palette: the widgets' QPalette and
// the colours the views paint with (the memory map, the charts), in one place.
//
// Block and lane colours do not change with the theme (palette.h): a block
// keeps its colour whatever the background, so a class can say "the blue one".

#include <QColor>
#include <QPalette>
#include <QString>

#include <cstdint>
#include <optional>
#include <string_view>

namespace heapviz::ui {

enum class ThemeKind : std::uint8_t { Light, Dark, HighContrast };

inline constexpr ThemeKind kAllThemes[] = {ThemeKind::Light, ThemeKind::Dark, ThemeKind::HighContrast};

struct Theme {
    ThemeKind kind = ThemeKind::Light;
    QColor window;        // behind every widget
    QColor base;          // behind the views: maps, charts, tables
    QColor text;
    QColor mutedText;     // labels beside values, the ruler
    QColor free;          // a free block
    QColor freeHatch;     // the lines over a free block, so that "free" is not grey alone
    QColor reserved;      // prefix and suffix bytes, which belong to no block
    QColor tag;           // header and footer bytes
    QColor selection;     // the outline of the selected id
    QColor examined;      // free blocks a search looked at
    QColor grid;          // chart grid lines, frames
    QColor cursor;        // the chart's "now" line
    QColor fault;         // faults: marks, messages
    QColor rover;         // next fit's rover
    QColor accent;        // highlights, the focus

    bool dark() const { return kind != ThemeKind::Light; }
    // The widgets' palette (on the Fusion style, which follows it everywhere).
    QPalette palette() const;

    static const Theme& of(ThemeKind kind);
};

// "light", "dark", "high-contrast" (the settings' words) and back.
std::string_view themeName(ThemeKind kind);
std::optional<ThemeKind> themeFromName(std::string_view name);
// "Light", "Dark", "High contrast": the menu's words.
QString themeTitle(ThemeKind kind);

} // namespace heapviz::ui
