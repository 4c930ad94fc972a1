#pragma once
// The window a teacher puts on a projector: the lanes in a grid that fits
// any width, the charts under them (collapsible), the timeline at the bottom;
// settings, faults and leaks, and the blocks table in tabbed docks. Traces
// load off the GUI thread (TraceLoader); a trace that cannot be read is
// explained in a dialog and the session on screen stays as it was.
//
// The demo has its own settings (a small fixed heap, where the fits run out
// differently); traces open with the user's, which are remembered.

#include <QMainWindow>

#include <memory>
#include <optional>

#include "core/scenario/scenario.h"
#include "ui/session/session.h"
#include "ui/settings/settingsstore.h"
#include "ui/style/theme.h"
#include "ui/session/traceloader.h"

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QListView;
class QMenu;
class QMessageBox;
class QProgressBar;
class QScrollArea;
class QSplitter;
class QTableView;
class QTimer;

namespace heapviz::ui {

class BalancedGrid;
class BlockTableModel;
class ChartsPanel;
class FindingsModel;
class LaneWidget;
class MapViewLink;
class OperationHeading;
class QuizBar;
class QuizController;
class SettingsPanel;
class TimelineBar;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // A headless window (screenshots, tests) uses an ephemeral settings store.
    explicit MainWindow(SettingsStore::Mode mode = SettingsStore::Mode::Persistent, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads a trace file with the trace settings. With `wait`, loads before
    // returning (and returns whether it worked); otherwise in the background.
    bool openTraceFile(const QString& path, bool wait = false, bool fromCommandLine = false);
    // The built-in demo workload, with the demo's settings.
    void openDemo(bool wait = false);
    // A built-in scenario (core/scenario): its trace with its lanes and heap
    // (or `settings`), its title and scene over the lanes, its bookmarks on
    // the timeline. False for an unknown name (or, with `wait`, a failed load).
    bool openScenario(const QString& name, bool wait = false, std::optional<SessionSettings> settings = std::nullopt);
    static SessionSettings scenarioSettings(const Scenario& scenario);
    // The scenario on screen, if any.
    const Scenario* scenario() const { return m_scenario ? &*m_scenario : nullptr; }
    // To the scenario's next (direction > 0) or previous bookmark; false when there is none.
    bool jumpToBookmark(int direction);
    QWidget* scenarioBanner() const { return m_banner; }
    // Runs the current trace again with `settings`, at `step`.
    void rerun(const SessionSettings& settings, std::size_t step, bool intoCompaction = false, bool wait = false);

    // The settings the demo and traces open with; `persist` remembers the
    // trace settings for the next run.
    SessionSettings traceSettings() const { return m_traceSettings; }
    SessionSettings demoSettings() const { return m_demoSettings; }
    void setTraceSettings(const SessionSettings& settings, bool persist);
    void setDemoSettings(const SessionSettings& settings) { m_demoSettings = settings; }
    static SessionSettings defaultDemoSettings();

    Session* session() const { return m_session.get(); }
    bool showingDemo() const { return m_showingDemo; }
    SettingsStore& store() { return m_store; }
    TimelineBar* timeline() const { return m_timeline; }
    OperationHeading* heading() const { return m_heading; }
    ChartsPanel* charts() const { return m_charts; }
    SettingsPanel* settingsPanel() const { return m_settingsPanel; }
    const std::vector<LaneWidget*>& lanes() const { return m_lanes; }
    BlockTableModel* blockModel() const { return m_blockModel; }
    QTableView* blockView() const { return m_blockView; }
    QListView* findingsView() const { return m_findingsView; }
    QScrollArea* lanesArea() const { return m_lanesScroll; }
    // The last error shown to the user, for tests and scripts.
    QString lastError() const { return m_lastError; }
    QMessageBox* errorBox() const { return m_errorBox; }
    bool loading() const { return m_loader.busy(); }
    // The id selected in every lane and the blocks table, if any.
    std::optional<TraceId> selectedId() const { return m_selected; }
    void selectId(std::optional<TraceId> id);

    bool saveScreenshot(const QString& path);
    // Lets every layout the last changes asked for happen (before a picture
    // or an export taken without the event loop).
    void settle();
    // File > Export: the window or a lane as PNG or SVG, the metrics as CSV, steps as a GIF.
    void exportFiles();
    // The Compact action: every lane compacts after the current step.
    void compactNow();

    // Presentation: docks and toolbar hidden, charts folded away, large narration.
    void setPresentation(bool on);
    bool presentation() const { return m_presentation; }
    // Every text of the window, 1 = the system's size; remembered.
    void setTextScale(double scale);
    double textScale() const { return m_textScale; }
    void setTheme(ThemeKind theme);
    ThemeKind theme() const { return m_theme; }
    void setChartsShown(bool shown);
    bool chartsShown() const;
    // Predict, then reveal (Playback → Predict): the quiz bar above the lanes.
    void setQuizActive(bool on);
    QuizController* quiz() const { return m_quiz; }
    QuizBar* quizBar() const { return m_quizBar; }
    // Each lane's free structure (lists, bitmaps, buddy tree, stack) under its map.
    void setStructureShown(bool shown);
    bool structureShown() const { return m_structureShown; }
    static constexpr std::size_t kMaxLanesWithStructure = 4;
    void showShortcuts();
    QAction* action(const QString& objectName) const;

Q_SIGNALS:
    void sessionLoaded();
    void loadFailed(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void createCentral();
    void createActions();
    void createDocks();
    void fitToScreen();
    void start(LoadRequest request, bool wait);
    void onLoaded(std::shared_ptr<SessionData> data, const LoadRequest& request);
    void onLoadFailed(const QString& message, const LoadRequest& request);
    void install(std::shared_ptr<SessionData> data, std::size_t step);
    void showStep();
    void updateStatus();
    void showError(const QString& message, const QString& consequence);
    void rebuildRecentMenu();
    void promptOpen();
    // File → Record a program…: its dialog (ui/record), which opens the trace here.
    void recordProgram();
    void applySettings(const SessionSettings& settings);
    void growHeap();
    void showProgress();
    void balanceSplitter();
    void balanceSplitterSoon();
    void updateChartsLeast();
    void jumpToFinding(const QModelIndex& index);
    // mainwindowscenarios.cpp: File → Scenarios, the bookmark keys, the banner.
    void createScenarioUi();
    void showScenario(const std::string& name);
    void showBookmark();

    SettingsStore m_store;
    TraceLoader m_loader;
    std::unique_ptr<Session> m_session;
    SessionSettings m_traceSettings;
    SessionSettings m_demoSettings;
    bool m_showingDemo = false;
    QString m_tracePath;
    std::vector<LaneWidget*> m_lanes;
    QScrollArea* m_lanesScroll;
    BalancedGrid* m_laneGrid;
    QSplitter* m_splitter;
    ChartsPanel* m_charts;
    TimelineBar* m_timeline;
    OperationHeading* m_heading;
    SettingsPanel* m_settingsPanel;
    FindingsModel* m_findings;
    QListView* m_findingsView;
    BlockTableModel* m_blockModel;
    QTableView* m_blockView;
    QComboBox* m_blockLane;
    std::vector<QDockWidget*> m_docks;
    QToolBar* m_toolBar = nullptr;
    QLabel* m_status;
    QProgressBar* m_progress;
    QTimer* m_progressTimer;
    MapViewLink* m_mapLink;
    QuizController* m_quiz;
    QuizBar* m_quizBar;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMessageBox* m_errorBox = nullptr;
    QString m_lastError;
    std::optional<TraceId> m_selected;
    qint64 m_lastChartRefresh = 0;
    bool m_presentation = false;
    std::vector<QDockWidget*> m_docksBeforePresentation;
    bool m_chartsBeforePresentation = true;
    bool m_structureShown = true;
    bool structureFits() const;
    void createQuizActions(QMenu* playback);
    void quizGuessAt(std::size_t lane, Address at);
    void quizNextGuess();
    void updateQuizMarks();
    double m_textScale = 1;
    ThemeKind m_theme = ThemeKind::Light;
    std::optional<Scenario> m_scenario;
    QWidget* m_banner = nullptr;
    QLabel* m_bannerText = nullptr;
    QLabel* m_bookmarkText = nullptr;
};

} // namespace heapviz::ui
