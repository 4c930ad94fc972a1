#pragma once
// The charts under the lanes: one metric over the operation index, a line per
// lane inside a light band of its range (the least and greatest value in each
// pixel column), each lane in its own colour, dash and marker, a cursor at the
// current step (a click jumps there), and beside it a chart at the current
// step, as chosen: a histogram of free-block sizes per lane, the bytes lost
// per size class, or the free blocks per buddy order (breakdownchart.h).
// The last two are made when first shown; where no lane has the chosen one,
// a short note stands there instead.
//
// Nothing here walks a lane's samples: the lines come from the summaries made
// when the session was recorded (Lane::charts), so a session, a metric or a
// size costs time in proportion to the chart's width. A step moves the cursor
// and recounts the chart beside; the series stay.

#include <QWidget>

#include <utility>
#include <vector>

#include "ui/charts/chartmetric.h"
#include "ui/charts/sidechart.h"
#include "ui/style/theme.h"

class QAreaSeries;
class QBarCategoryAxis;
class QBarSeries;
class QCheckBox;
class QLabel;
class QStackedWidget;
class QChart;
class QChartView;
class QComboBox;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace heapviz::ui {

class BreakdownChart;
class ChartLegend;
class Session;
struct Lane;

class ChartsPanel : public QWidget {
    Q_OBJECT
public:
    using Metric = ChartMetric;

    explicit ChartsPanel(QWidget* parent = nullptr);

    void setSession(Session* session);
    void setMetric(ChartMetric metric);
    ChartMetric metric() const { return m_metric; }
    void setSideChart(SideChart chart);
    SideChart sideChart() const { return m_side; }
    // Free blocks per order: each order's unusable free space index instead of its free blocks.
    void setUnusableIndex(bool on);
    bool unusableIndex() const { return m_unusableIndex; }
    // Recolours both charts (backgrounds, axes, labels, grid, cursor) and the legend.
    void setTheme(const Theme& theme);
    // Moves the cursor and recounts the chart beside for the session's step.
    void refresh();

Q_SIGNALS:
    void stepRequested(std::size_t step);
    // The user chose another chart beside the line chart (for the settings to remember).
    void sideChartChanged(SideChart chart);
    // The user ticked or cleared "Unusable free space index" (likewise).
    void unusableIndexChanged(bool on);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // A lane's series on the line chart.
    struct LaneSeries {
        std::size_t slot = 0; // colour, dash and marker (palette.h)
        QAreaSeries* band = nullptr;
        QLineSeries* line = nullptr;
        QScatterSeries* markers = nullptr;
        QScatterSeries* compactions = nullptr;
    };

    void clearLineSeries();
    void makeLineSeries();
    void plotMetric();
    void plotLane(const Lane& lane, std::size_t index, std::size_t columns);
    void updateLineAxes();
    void placeCursor();
    void updateLegend();
    void styleMarks();
    qreal markerSize() const;
    void applyTheme();
    void applyFonts();
    void showSideChart();
    BreakdownChart* breakdown(SideChart chart);
    void makeHistogramSets();
    void updateHistogram();
    int fitHistogramClasses(Size base);
    void fitHistogramTitles();
    QStringList histogramLabels(Size base, int classes) const;
    // How many columns the line chart draws the series in.
    std::size_t columns() const;
    double seriesMax() const;
    // What the y values are divided by, and the value axis' title (bytes as KiB, MiB...).
    std::pair<double, QString> yScale() const;

    Session* m_session = nullptr;
    ChartMetric m_metric = ChartMetric::ExternalFragmentation;
    Theme m_theme = Theme::of(ThemeKind::Light);
    QComboBox* m_metricBox;
    ChartLegend* m_legend;
    QChart* m_lineChart;
    QChartView* m_lineView;
    QValueAxis* m_x;
    QValueAxis* m_y;
    QLineSeries* m_cursor;
    std::vector<LaneSeries> m_lanes;
    std::size_t m_plottedColumns = 0;
    QChart* m_histChart;
    QChartView* m_histView;
    QBarSeries* m_histSeries;
    QBarCategoryAxis* m_histX;
    QValueAxis* m_histY;
    SideChart m_side = SideChart::FreeBlockSizes;
    bool m_unusableIndex = false;
    QComboBox* m_sideBox;
    QCheckBox* m_indexBox;
    QStackedWidget* m_sideStack;
    QLabel* m_note;
    BreakdownChart* m_lostChart = nullptr;  // made when first shown
    BreakdownChart* m_orderChart = nullptr; // made when first shown
};

} // namespace heapviz::ui
