#pragma once
// The window a teacher puts on a projector: the lanes side by side, the
// charts under them, the timeline at the bottom; settings, faults and leaks
// in docks. Traces load off the GUI thread; a trace that cannot be read is
// explained in a dialog and the session on screen stays as it was.

#include <QFutureWatcher>
#include <QMainWindow>

#include <atomic>

#include <memory>
#include <optional>

#include "session.h"

class QLabel;
class QListWidget;
class QMenu;
class QMessageBox;
class QProgressBar;
class QSplitter;
class QTimer;
class QComboBox;
class QDockWidget;
class QTableView;

namespace heapviz::ui {

class BlockTableModel;
class ChartsPanel;
class LaneWidget;
class MapViewLink;
class SettingsPanel;
class TimelineBar;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads a trace file with the current settings. With `wait`, loads before
    // returning (and returns whether it worked); otherwise in the background.
    bool openTraceFile(const QString& path, bool wait = false);
    // Runs an already parsed trace; `step` is where to stand afterwards.
    void openTrace(Trace trace, SessionSettings settings, bool wait = false, std::size_t step = 0);
    // The built-in demo workload.
    void openDemo(bool wait = false);

    Session* session() const { return m_session.get(); }
    SessionSettings settings() const { return m_settings; }
    void setSettings(const SessionSettings& settings);
    TimelineBar* timeline() const { return m_timeline; }
    const std::vector<LaneWidget*>& lanes() const { return m_lanes; }
    // The last error shown to the user, for tests and scripts.
    QString lastError() const { return m_lastError; }
    bool loading() const { return m_watcher.isRunning(); }
    // The id selected in every lane (a click on a block), if any.
    std::optional<TraceId> selectedId() const;

    bool saveScreenshot(const QString& path);
    // The Compact action: every lane compacts after the current step.
    void compactNow();

Q_SIGNALS:
    void sessionLoaded();
    void loadFailed(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    // Shared with a load running on a worker thread.
    struct LoadProgress {
        std::atomic<std::size_t> done{0};  // operations recorded, over all lanes
        std::atomic<std::size_t> total{0}; // known once the trace is parsed
        std::atomic<bool> cancel{false};   // a newer load replaces this one
    };
    struct Loaded {
        std::shared_ptr<SessionData> data;
        QString error;
        QString path;
        std::size_t step = 0;
        bool cancelled = false;
    };

    void createActions();
    void createDocks();
    void startLoad(std::function<Trace()> read, const SessionSettings& settings, const QString& path,
                   std::size_t step, bool wait);
    void finishLoad(const Loaded& loaded);
    void install(std::shared_ptr<SessionData> data, std::size_t step);
    void showStep();
    void selectId(std::optional<TraceId> id);
    void fillFindings();
    void refreshBlocks();
    void showError(const QString& message);
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void promptOpen();
    void applySettings(const SessionSettings& settings);

    std::unique_ptr<Session> m_session;
    SessionSettings m_settings;
    QString m_tracePath;
    std::vector<LaneWidget*> m_lanes;
    QWidget* m_lanesArea;
    QSplitter* m_splitter;
    ChartsPanel* m_charts;
    TimelineBar* m_timeline;
    SettingsPanel* m_settingsPanel;
    QListWidget* m_findings;
    BlockTableModel* m_blockModel;
    QTableView* m_blockView;
    QComboBox* m_blockLane;
    QDockWidget* m_blocksDock = nullptr;
    QLabel* m_status;
    QProgressBar* m_progress;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMessageBox* m_errorBox = nullptr;
    QString m_lastError;
    std::optional<TraceId> m_selected;
    qint64 m_lastChartRefresh = 0;
    bool m_intoCompactionAfterLoad = false;
    QFutureWatcher<Loaded> m_watcher;
    std::shared_ptr<LoadProgress> m_loadProgress;
    QTimer* m_progressTimer;
    MapViewLink* m_mapLink; // the lanes' maps, zoomed and panned together while "Lock lanes together" is on
};

} // namespace heapviz::ui
