#include "ui/style/theme.h"

#include <QObject>

namespace heapviz::ui {

namespace {

// The light theme keeps the colours the views had from the start.
const Theme kLight{
    .kind = ThemeKind::Light,
    .window = QColor(0xEF, 0xF0, 0xF1),
    .base = QColor(Qt::white),
    .text = QColor(0x1A, 0x1A, 0x1A),
    .mutedText = QColor(0x5F, 0x5F, 0x5F),
    .free = QColor(0xDD, 0xDD, 0xDD),
    .freeHatch = QColor(0xAA, 0xAA, 0xAA),
    .reserved = QColor(0x2B, 0x2B, 0x2B),
    .tag = QColor(0x55, 0x55, 0x55),
    .selection = QColor(Qt::black),
    .examined = QColor(0xD5, 0x5E, 0x00), // Okabe-Ito vermillion
    .grid = QColor(0xD8, 0xD8, 0xD8),
    .cursor = QColor(0x3C, 0x3C, 0x3C),
    .fault = QColor(0xC6, 0x28, 0x28),
    .rover = QColor(0x1A, 0x1A, 0x1A),
    .accent = QColor(0x00, 0x72, 0xB2),
};

const Theme kDark{
    .kind = ThemeKind::Dark,
    .window = QColor(0x2A, 0x2B, 0x2E),
    .base = QColor(0x20, 0x21, 0x24),
    .text = QColor(0xE8, 0xE8, 0xE8),
    .mutedText = QColor(0xA8, 0xA8, 0xA8),
    .free = QColor(0x4A, 0x4A, 0x4A),
    .freeHatch = QColor(0x6E, 0x6E, 0x6E),
    .reserved = QColor(0x8C, 0x8C, 0x8C),
    .tag = QColor(0x18, 0x18, 0x18),
    .selection = QColor(Qt::white),
    .examined = QColor(0xFF, 0x8C, 0x2E),
    .grid = QColor(0x44, 0x46, 0x4A),
    .cursor = QColor(0xD8, 0xD8, 0xD8),
    .fault = QColor(0xFF, 0x6B, 0x6B),
    .rover = QColor(0xF0, 0xF0, 0xF0),
    .accent = QColor(0x56, 0xB4, 0xE9),
};

// Black and white with yellow for what must be seen, as Windows' and GNOME's
// high-contrast themes do: every line is drawn at full strength.
const Theme kHighContrast{
    .kind = ThemeKind::HighContrast,
    .window = QColor(Qt::black),
    .base = QColor(Qt::black),
    .text = QColor(Qt::white),
    .mutedText = QColor(Qt::white),
    .free = QColor(0x10, 0x10, 0x10),
    .freeHatch = QColor(0xC0, 0xC0, 0xC0),
    .reserved = QColor(0x80, 0x80, 0x80),
    .tag = QColor(Qt::black),
    .selection = QColor(0xFF, 0xFF, 0x00),
    .examined = QColor(0xFF, 0x9F, 0x1C),
    .grid = QColor(0x90, 0x90, 0x90),
    .cursor = QColor(0xFF, 0xFF, 0x00),
    .fault = QColor(0xFF, 0x50, 0x50),
    .rover = QColor(0xFF, 0xFF, 0x00),
    .accent = QColor(0xFF, 0xFF, 0x00),
};

} // namespace

const Theme& Theme::of(ThemeKind kind)
{
    switch (kind) {
    case ThemeKind::Light: return kLight;
    case ThemeKind::Dark: return kDark;
    case ThemeKind::HighContrast: return kHighContrast;
    }
    return kLight;
}

QPalette Theme::palette() const
{
    QPalette p;
    const QColor button = kind == ThemeKind::Light ? window : window.lighter(kind == ThemeKind::Dark ? 125 : 100);
    const QColor disabled = kind == ThemeKind::HighContrast ? QColor(0xA0, 0xA0, 0xA0) : mutedText;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, kind == ThemeKind::Light ? QColor(0xF6, 0xF6, 0xF6) : base.lighter(130));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, fault);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, kind == ThemeKind::HighContrast ? QColor(Qt::black) : QColor(Qt::white));
    p.setColor(QPalette::Link, accent);
    p.setColor(QPalette::Mid, grid);
    p.setColor(QPalette::Dark, kind == ThemeKind::Light ? QColor(0xA0, 0xA0, 0xA0) : grid.darker(150));
    p.setColor(QPalette::Light, kind == ThemeKind::Light ? QColor(Qt::white) : grid.lighter(140));
    p.setColor(QPalette::Shadow, QColor(Qt::black));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

std::string_view themeName(ThemeKind kind)
{
    switch (kind) {
    case ThemeKind::Light: return "light";
    case ThemeKind::Dark: return "dark";
    case ThemeKind::HighContrast: return "high-contrast";
    }
    return "light";
}

std::optional<ThemeKind> themeFromName(std::string_view name)
{
    for (ThemeKind k : kAllThemes)
        if (themeName(k) == name)
            return k;
    return std::nullopt;
}

QString themeTitle(ThemeKind kind)
{
    switch (kind) {
    case ThemeKind::Light: return QObject::tr("Light");
    case ThemeKind::Dark: return QObject::tr("Dark");
    case ThemeKind::HighContrast: return QObject::tr("High contrast");
    }
    return {};
}

} // namespace heapviz::ui
