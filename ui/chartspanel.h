#pragma once
// The charts under the lanes: one metric over the operation index, a series
// per lane in the lane's colour with a cursor at the current step (a click
// jumps there), and beside it a histogram of free-block sizes per lane at
// the current step.

#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QLineSeries;
class QBarSeries;
class QValueAxis;
class QBarCategoryAxis;

namespace heapviz::ui {

class Session;
struct Lane;

class ChartsPanel : public QWidget {
    Q_OBJECT
public:
    enum class Metric { ExternalFragmentation, LargestFree, FreeBlocks, Utilization };

    explicit ChartsPanel(QWidget* parent = nullptr);

    void setSession(Session* session);
    void setMetric(Metric metric);
    Metric metric() const { return m_metric; }
    // Moves the cursor and redraws the histogram for the session's step.
    void refresh();

Q_SIGNALS:
    void stepRequested(std::size_t step);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuildSeries();
    void addCompactionMarks(const Lane& lane);
    void buildHistogram();
    void updateHistogram();

    Session* m_session = nullptr;
    Metric m_metric = Metric::ExternalFragmentation;
    QComboBox* m_metricBox;
    QChart* m_lineChart;
    QChartView* m_lineView;
    QValueAxis* m_x;
    QValueAxis* m_y;
    QLineSeries* m_cursor;
    QChart* m_histChart;
    QChartView* m_histView;
    QBarSeries* m_histSeries = nullptr;
    QBarCategoryAxis* m_histX = nullptr;
    QValueAxis* m_histY = nullptr;
    static constexpr int kSizeClasses = 10;
};

} // namespace heapviz::ui
