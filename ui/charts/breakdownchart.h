#pragma once
// A bar chart of what the lanes' families do with their bytes at the current
// step (familybreakdown.h): the bytes lost per size class, or the free blocks
// per buddy order (or, as an option, each order's unusable free space index).
// One bar set per lane that has the breakdown, in the lane's colour and named
// by its title; lanes share the class axis, their classes grouped by upper
// bound, so a segregated class "≤ 64 B" stands beside a buddy's order 6.
//
// A step replaces the bars' values in place; the categories change only when
// the classes shown do. Only a chart on show recomputes: a hidden one waits
// until it is shown. Labels sit on their bars (a QCategoryAxis with a label
// on each bar's value); where they do not all fit, every second or third bar
// is labelled, never a smaller or a cut label.

#include <QChartView>

#include <optional>
#include <vector>

#include "ui/charts/familybreakdown.h"
#include "ui/style/theme.h"

class QBarSeries;
class QCategoryAxis;
class QValueAxis;

namespace heapviz::ui {

class Session;

enum class BreakdownKind : std::uint8_t { LostPerClass, FreePerOrder };

class BreakdownChart : public QChartView {
    Q_OBJECT
public:
    explicit BreakdownChart(BreakdownKind kind, QWidget* parent = nullptr);

    BreakdownKind kind() const { return m_kind; }
    // Whether a lane has this chart: buddy and segregated lanes have classes, buddy lanes orders.
    static bool laneHas(BreakdownKind kind, const LaneSpec& lane);
    // "Bytes lost per size class", "Free blocks per order": the chooser's words and the view's name.
    static QString title(BreakdownKind kind);

    void setSession(Session* session);
    // Free blocks per order only: each order's unusable free space index instead of its free blocks.
    void setUnusableIndex(bool on);
    bool unusableIndex() const { return m_unusableIndex; }
    void setTheme(const Theme& theme);
    // Recounts for the session's step, now if the chart is on show, else once it is.
    void refresh();

    QBarSeries* bars() const { return m_series; }
    QCategoryAxis* classAxis() const { return m_x; }
    QValueAxis* valueAxis() const { return m_y; }
    // The bars' upper bounds, left to right (none: an open top class).
    const std::vector<std::optional<Size>>& categoryBounds() const { return m_bounds; }
    // What hovering bar `category` of bar set `set` tells:
    // "buddy (min 8 B) · order 5 (32 B) / 12 B lost of 32 B in 1 used block".
    QString toolTipFor(int set, int category) const;

protected:
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void makeSets();
    void recompute();
    void updateCategories();
    void updateValues();
    void fitLabels();
    void fitTitles();
    void applyTheme();
    void applyFonts();
    double plotWidth() const;
    // The class of lane set `set` at category `category`, or -1.
    int classAt(int set, int category) const;
    // Per set, its classes' (or orders') upper bounds.
    std::optional<Size> boundOf(int set, std::size_t item) const;
    std::size_t itemCount(int set) const;
    QString categoryLabel(std::size_t category) const;

    BreakdownKind m_kind;
    Session* m_session = nullptr;
    bool m_unusableIndex = false;
    bool m_stale = true;
    Theme m_theme = Theme::of(ThemeKind::Light);
    QChart* m_chart;
    QBarSeries* m_series;
    QCategoryAxis* m_x;
    QValueAxis* m_y;
    std::vector<std::size_t> m_lanes;            // the session's lanes with a bar set, in order
    std::vector<FamilyBreakdown> m_breakdowns;   // theirs, at the step shown
    std::vector<std::optional<Size>> m_bounds;   // the categories shown
    std::vector<std::vector<int>> m_classAt;     // per set and category, its class (or order), -1 for none
    double m_valueScale = 1;
};

} // namespace heapviz::ui
