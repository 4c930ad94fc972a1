#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QTableView>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QtConcurrent/QtConcurrentRun>

#include "blocktablemodel.h"
#include "chartspanel.h"
#include "core/narration.h"
#include "core/traceparser.h"
#include "lanewidget.h"
#include "mapviewlink.h"
#include "memorymapwidget.h"
#include "settingspanel.h"
#include "timelinebar.h"

namespace heapviz::ui {

namespace {
constexpr int kMaxRecent = 8;


QString findingLabel(const QString& lane, LineNo line, const QString& what)
{
    return (lane.isEmpty() ? QString() : lane + ": ") + QObject::tr("line %1: %2").arg(line).arg(what);
}
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_lanesArea(new QWidget(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_charts(new ChartsPanel(this))
    , m_timeline(new TimelineBar(this))
    , m_settingsPanel(new SettingsPanel(this))
    , m_findings(new QListWidget(this))
    , m_blockModel(new BlockTableModel(this))
    , m_blockView(new QTableView(this))
    , m_blockLane(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_progressTimer(new QTimer(this))
    , m_mapLink(new MapViewLink(this))
{
    setWindowTitle(tr("HeapViz"));
    setAcceptDrops(true);
    new QHBoxLayout(m_lanesArea);
    m_lanesArea->layout()->setContentsMargins(6, 6, 6, 0);
    m_splitter->addWidget(m_lanesArea);
    m_splitter->addWidget(m_charts);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_lanesArea->setMinimumHeight(260);
    m_charts->setMinimumHeight(200);
    m_splitter->setSizes({600, 300}); // the lanes first: they are what a class watches

    auto* central = new QWidget(this);
    auto* column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_splitter, 1);
    column->addWidget(m_timeline);
    setCentralWidget(central);

    m_progress->setMaximumWidth(200);
    m_progress->setFormat(tr("recording %p%"));
    m_progress->hide();
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, [this] {
        const std::size_t total = m_loadProgress ? m_loadProgress->total.load() : 0;
        if (total == 0) {
            m_progress->setRange(0, 0); // busy until the trace is parsed
            return;
        }
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(1000 * std::min(1.0, double(m_loadProgress->done) / double(total))));
    });
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);

    QSettings settings;
    SessionSettings start;
    const QStringList fits = settings.value("session/strategies").toStringList();
    if (!fits.isEmpty()) {
        start.strategies.clear();
        for (const QString& f : fits)
            if (auto s = strategyFromName(f.toStdString()))
                start.strategies.push_back(*s);
    }
    if (auto preset = HeapConfig::fromPreset(settings.value("session/preset", "default").toString().toStdString()))
        start.config = *preset;
    if (const qulonglong heap = settings.value("session/fixedHeap", 0).toULongLong()) {
        start.config.fixedSize = heap;
        if (!start.config.validate().empty())
            start.config.fixedSize.reset(); // remembered from another preset: grow instead
    }
    if (start.strategies.empty())
        start.strategies = SessionSettings{}.strategies;
    setSettings(start);

    createActions();
    createDocks();
    connect(m_charts, &ChartsPanel::stepRequested, this, [this](std::size_t step) {
        if (m_session)
            m_session->seek(step);
    });
    connect(&m_watcher, &QFutureWatcher<Loaded>::finished, this, [this] { finishLoad(m_watcher.result()); });
    resize(1440, 900);
    restoreGeometry(settings.value("window/geometry").toByteArray());
    restoreState(settings.value("window/state").toByteArray());
}

MainWindow::~MainWindow()
{
    if (m_loadProgress)
        m_loadProgress->cancel = true;
    m_watcher.waitForFinished();
}

void MainWindow::createActions()
{
    const auto action = [this](const QString& text, const QKeySequence& key, const QString& tip, auto slot) {
        auto* a = new QAction(text, this);
        a->setShortcut(key);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        a->setStatusTip(tip);
        connect(a, &QAction::triggered, this, slot);
        addAction(a); // shortcuts work with the menus hidden (full screen) too
        return a;
    };
    const auto step = [this](std::ptrdiff_t delta) {
        return [this, delta] {
            if (m_session)
                m_session->stepBy(delta);
        };
    };
    auto* open = action(tr("&Open trace…"), QKeySequence::Open, tr("Open a malloc-lab .rep trace"), [this] { promptOpen(); });
    auto* demo = action(tr("Open the &demo"), QKeySequence(), tr("The built-in demo workload"), [this] { openDemo(); });
    auto* quit = action(tr("&Quit"), QKeySequence::Quit, tr("Quit HeapViz"), [this] { close(); });
    auto* play = action(tr("&Play / pause"), Qt::Key_Space, tr("Play or pause"), [this] { m_timeline->togglePlay(); });
    auto* next = action(tr("Step &forward"), Qt::Key_Right, tr("One step forward (a compaction: one move)"), [this] {
        if (m_session)
            m_session->stepForward();
    });
    auto* back = action(tr("Step &back"), Qt::Key_Left, tr("One step back (a compaction: one move)"), [this] {
        if (m_session)
            m_session->stepBackward();
    });
    auto* next10 = action(tr("Ten steps forward"), QKeySequence(Qt::SHIFT | Qt::Key_Right), tr("Ten steps forward"), step(10));
    auto* back10 = action(tr("Ten steps back"), QKeySequence(Qt::SHIFT | Qt::Key_Left), tr("Ten steps back"), step(-10));
    auto* home = action(tr("&Start"), Qt::Key_Home, tr("Go to the start"), [this] { if (m_session) m_session->seek(0); });
    auto* end = action(tr("&End"), Qt::Key_End, tr("Go to the end"), [this] { if (m_session) m_session->seek(m_session->steps()); });
    auto* fit = action(tr("&Fit the heap"), QKeySequence(Qt::CTRL | Qt::Key_0), tr("Show the whole heap in every lane"), [this] {
        for (LaneWidget* lane : m_lanes)
            lane->map()->fitAll();
    });
    auto* compact = action(tr("&Compact now"), Qt::Key_C,
                           tr("Compact every lane after this step, then step through the moves with →"),
                           [this] { compactNow(); });
    // F11 by hand: QKeySequence::FullScreen is empty on X11.
    auto* full = action(tr("F&ull screen"), Qt::Key_F11, tr("Full screen on or off"), [this] {
        setWindowState(windowState() ^ Qt::WindowFullScreen);
    });
    for (QAction* a : {play, next, back, next10, back10, home, end})
        a->setShortcutContext(Qt::WindowShortcut);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(open);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    file->addAction(demo);
    file->addSeparator();
    file->addAction(quit);
    QMenu* playback = menuBar()->addMenu(tr("&Playback"));
    for (QAction* a : {play, next, back, next10, back10, home, end})
        playback->addAction(a);
    playback->addSeparator();
    playback->addAction(compact);
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(fit);
    auto* lock = m_viewMenu->addAction(tr("&Lock lanes together"));
    lock->setCheckable(true);
    lock->setChecked(m_mapLink->isEnabled());
    lock->setStatusTip(tr("Zoom and pan every lane at once, so that an address is in the same place in each"));
    connect(lock, &QAction::toggled, m_mapLink, &MapViewLink::setEnabled);
    m_viewMenu->addAction(full);

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName("mainToolBar");
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    open->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    home->setIcon(style()->standardIcon(QStyle::SP_MediaSkipBackward));
    back->setIcon(style()->standardIcon(QStyle::SP_MediaSeekBackward));
    next->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
    end->setIcon(style()->standardIcon(QStyle::SP_MediaSkipForward));
    bar->addAction(open);
    bar->addSeparator();
    for (QAction* a : {home, back, next, end})
        bar->addAction(a);
    bar->addSeparator();
    compact->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
    bar->addAction(compact);
    rebuildRecentMenu();
}

void MainWindow::createDocks()
{
    auto* settingsDock = new QDockWidget(tr("Settings"), this);
    settingsDock->setObjectName("settingsDock");
    settingsDock->setWidget(m_settingsPanel);
    addDockWidget(Qt::RightDockWidgetArea, settingsDock);
    auto* findingsDock = new QDockWidget(tr("Faults and leaks"), this);
    findingsDock->setObjectName("findingsDock");
    findingsDock->setWidget(m_findings);
    m_findings->setAccessibleName(tr("Faults and leaks"));
    m_findings->setToolTip(tr("Click one to go to its step"));
    addDockWidget(Qt::RightDockWidgetArea, findingsDock);
    m_blocksDock = new QDockWidget(tr("Blocks"), this);
    m_blocksDock->setObjectName("blocksDock");
    auto* blocks = new QWidget(m_blocksDock);
    auto* blocksColumn = new QVBoxLayout(blocks);
    blocksColumn->setContentsMargins(0, 0, 0, 0);
    blocksColumn->addWidget(m_blockLane);
    blocksColumn->addWidget(m_blockView, 1);
    m_blocksDock->setWidget(blocks);
    m_blockLane->setAccessibleName(tr("Lane of the block table"));
    m_blockView->setModel(m_blockModel);
    m_blockView->setAccessibleName(tr("Blocks at this step"));
    m_blockView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_blockView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_blockView->verticalHeader()->hide();
    m_blockView->horizontalHeader()->setStretchLastSection(true);
    addDockWidget(Qt::RightDockWidgetArea, m_blocksDock);
    settingsDock->hide(); // out of the way on a projector; View menu brings them back
    findingsDock->hide();
    m_blocksDock->hide();
    m_viewMenu->addAction(m_blocksDock->toggleViewAction());
    connect(m_blocksDock, &QDockWidget::visibilityChanged, this, [this](bool shown) {
        if (shown)
            refreshBlocks();
    });
    connect(m_blockLane, &QComboBox::currentIndexChanged, this, [this](int lane) {
        if (lane >= 0)
            m_blockModel->setLane(std::size_t(lane));
    });
    connect(m_blockView, &QTableView::activated, this, [this](const QModelIndex& index) {
        const QVariant id = m_blockModel->index(index.row(), BlockTableModel::IdColumn).data();
        selectId(id.isValid() ? std::optional<TraceId>(id.toLongLong()) : std::nullopt);
    });
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(settingsDock->toggleViewAction());
    m_viewMenu->addAction(findingsDock->toggleViewAction());
    connect(m_settingsPanel, &SettingsPanel::applied, this, &MainWindow::applySettings);
    connect(m_findings, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        if (m_session)
            m_session->seek(item->data(Qt::UserRole).toULongLong());
    });
    connect(m_findings, &QListWidget::itemClicked, m_findings, &QListWidget::itemActivated);
}

void MainWindow::setSettings(const SessionSettings& settings)
{
    m_settings = settings;
    m_settingsPanel->show(settings);
}

bool MainWindow::openTraceFile(const QString& path, bool wait)
{
    startLoad([path] { return loadTrace(path.toStdString()); }, m_settings, path, 0, wait);
    return !wait || m_lastError.isEmpty();
}

void MainWindow::openTrace(Trace trace, SessionSettings settings, bool wait, std::size_t step)
{
    m_settings = settings;
    startLoad([trace = std::move(trace)]() mutable { return std::move(trace); }, settings, {}, step, wait);
}

void MainWindow::openDemo(bool wait)
{
    QFile file(":/workloads/demo.rep");
    if (!file.open(QIODevice::ReadOnly))
        return showError(tr("The built-in demo is missing from this build (%1).").arg(file.errorString()));
    const QByteArray text = file.readAll();
    SessionSettings s = m_settings;
    if (s.config.growing()) // the demo is made for a small fixed heap, where the fits run out differently
        s.config.fixedSize = s.config.prefix + s.config.suffix + 8192;
    m_tracePath.clear();
    openTrace(parseTrace(std::string_view(text.constData(), std::size_t(text.size())), "demo.rep"), s, wait);
}

// Reads the trace (`read` may throw TraceError) and records every lane, on a
// worker thread, or now with `wait`.
void MainWindow::startLoad(std::function<Trace()> read, const SessionSettings& settings, const QString& path,
                           std::size_t step, bool wait)
{
    if (m_watcher.isRunning()) { // one load at a time: the newest wins, the older stops
        m_loadProgress->cancel = true;
        m_watcher.waitForFinished();
    }
    m_lastError.clear();
    auto progress = std::make_shared<LoadProgress>();
    auto work = [read = std::move(read), settings, path, step, progress] {
        Loaded out;
        out.path = path;
        out.step = step;
        try {
            Trace trace = read();
            progress->total = trace.ops.size() * settings.strategies.size();
            out.data = recordSession(std::move(trace), settings, true, &progress->done, &progress->cancel);
        } catch (const RunCancelled&) {
            out.cancelled = true;
        } catch (const TraceError& e) {
            out.error = QString::fromStdString(e.what());
        }
        return out;
    };
    if (wait)
        return finishLoad(work());
    m_loadProgress = progress;
    m_progress->setRange(0, 0);
    m_progress->show();
    m_progressTimer->start();
    m_status->setText(tr("Running the trace…"));
    m_watcher.setFuture(QtConcurrent::run(std::move(work)));
}

void MainWindow::finishLoad(const Loaded& loaded)
{
    if (loaded.cancelled)
        return; // a newer load is on its way
    m_progressTimer->stop();
    m_progress->hide();
    if (!loaded.error.isEmpty()) {
        m_intoCompactionAfterLoad = false;
        showError(loaded.error);
        showStep(); // the status line of the session that stays
        return;
    }
    if (!loaded.path.isEmpty()) {
        m_tracePath = loaded.path;
        addRecent(loaded.path);
    }
    install(loaded.data, loaded.step);
    if (std::exchange(m_intoCompactionAfterLoad, false))
        m_session->stepForward();
    Q_EMIT sessionLoaded();
}

void MainWindow::install(std::shared_ptr<SessionData> data, std::size_t step)
{
    m_timeline->setSession(nullptr);
    m_blockModel->setSession(nullptr);
    for (LaneWidget* lane : m_lanes)
        delete lane;
    m_lanes.clear();
    m_settings = data->settings;
    m_settingsPanel->show(m_settings);
    m_session = std::make_unique<Session>(std::move(data));
    for (std::size_t i = 0; i < m_session->laneCount(); ++i) {
        auto* lane = new LaneWidget(*m_session, i, m_lanesArea);
        m_lanesArea->layout()->addWidget(lane);
        lane->show(); // now, not at the layout's queued show: a screenshot may come first
        connect(lane, &LaneWidget::blockClicked, this, &MainWindow::selectId);
        m_mapLink->add(lane->map());
        m_lanes.push_back(lane);
    }
    m_timeline->setSession(m_session.get());
    m_charts->setSession(m_session.get());
    connect(m_session.get(), &Session::stepChanged, this, &MainWindow::showStep);
    fillFindings();
    {
        const QSignalBlocker quiet(m_blockLane);
        m_blockLane->clear();
        for (std::size_t i = 0; i < m_session->laneCount(); ++i)
            m_blockLane->addItem(QString::fromLatin1(strategyName(m_session->lane(i).strategy).data()) + tr(" fit"));
    }
    m_blockModel->setSession(m_session.get(), 0);
    m_session->seek(step);
    m_selected.reset();
    showStep();
}

void MainWindow::showStep()
{
    if (!m_session) {
        m_status->setText(tr("No trace: File → Open, or drop a .rep file here."));
        return;
    }
    // A single step forward is animated, in time for the next one to start.
    const double rate = m_timeline->stepsPerSecond();
    const bool oneForward = m_session->lastWasOneForward();
    int animateMs = 0;
    if (oneForward && !m_timeline->playing())
        animateMs = 900;
    else if (oneForward && rate < kAnimateBelowStepsPerSecond)
        animateMs = int(std::min(1200.0, 850.0 / rate));
    for (LaneWidget* lane : m_lanes)
        lane->refresh(animateMs);
    // Charts cost more than maps: at speed, redraw them a few times a second.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!m_timeline->playing() || now - m_lastChartRefresh > 100) {
        m_charts->refresh();
        refreshBlocks();
        m_lastChartRefresh = now;
    }
    const HeapConfig& c = m_settings.config;
    const QString heap = c.fixedSize ? tr("fixed %1-byte heap").arg(QString::fromStdString(withCommas(*c.fixedSize)))
                                     : tr("growing heap");
    QString status = tr("%1 · %2 operations · preset %3 · %4")
                         .arg(QString::fromStdString(m_session->trace().name),
                              QString::fromStdString(withCommas(m_session->steps())),
                              QString::fromStdString(c.preset), heap);
    if (c.compact.kind != CompactTrigger::Kind::Never)
        status += tr(" · compact %1 (%2)").arg(QString::fromStdString(c.compact.name()),
                                              QString::fromLatin1(compactorName(c.compactor).data()));
    m_status->setText(status);
    setWindowTitle(tr("HeapViz — %1").arg(QFileInfo(QString::fromStdString(m_session->trace().name)).fileName()));
}

void MainWindow::selectId(std::optional<TraceId> id)
{
    m_selected = (id == m_selected) ? std::nullopt : id; // a second click clears
    for (LaneWidget* lane : m_lanes)
        lane->setSelectedId(m_selected);
    const int row = m_selected ? m_blockModel->rowOfId(*m_selected) : -1;
    if (row >= 0 && m_blockView->currentIndex().row() != row) {
        m_blockView->selectRow(row);
        m_blockView->scrollTo(m_blockModel->index(row, 0));
    }
}

std::optional<TraceId> MainWindow::selectedId() const { return m_selected; }

// The block table costs a copy of the layout: only while it is on screen.
void MainWindow::refreshBlocks()
{
    if (m_blocksDock && m_blocksDock->isVisible())
        m_blockModel->refresh();
}

// Faults and leaks of every lane; when the lanes agree (they usually do: a
// fault depends on ids, not addresses) each is listed once.
void MainWindow::fillFindings()
{
    m_findings->clear();
    std::unordered_map<LineNo, std::size_t> stepOfLine;
    const auto& ops = m_session->trace().ops;
    for (std::size_t i = 0; i < ops.size(); ++i)
        stepOfLine.emplace(ops[i].line, i + 1);
    const Lane& first = m_session->lane(0);
    bool same = true;
    for (std::size_t i = 1; i < m_session->laneCount(); ++i)
        same = same && m_session->lane(i).run.faults == first.run.faults
               && m_session->lane(i).run.leaks == first.run.leaks;
    for (std::size_t i = 0; i < (same ? 1 : m_session->laneCount()); ++i) {
        const Lane& lane = m_session->lane(i);
        const QString name = same ? QString() : QString::fromLatin1(strategyName(lane.strategy).data());
        const auto add = [&](LineNo line, const QString& what) {
            auto* item = new QListWidgetItem(findingLabel(name, line, what), m_findings);
            item->setData(Qt::UserRole, qulonglong(stepOfLine.count(line) ? stepOfLine[line] : 0));
        };
        for (const FaultReport& f : lane.run.faults)
            add(f.line, tr("%1 of id %2").arg(QString::fromLatin1(faultName(f.kind).data())).arg(f.id));
        for (const LeakReport& l : lane.run.leaks)
            add(l.line, tr("id %1 (%2 bytes) is never freed").arg(l.id).arg(l.size));
    }
    if (m_findings->count() == 0)
        new QListWidgetItem(tr("No faults, no leaks."), m_findings);
}

void MainWindow::showError(const QString& message)
{
    m_lastError = message;
    Q_EMIT loadFailed(message);
    if (!m_errorBox) {
        m_errorBox = new QMessageBox(QMessageBox::Warning, tr("Cannot open the trace"), QString(),
                                     QMessageBox::Ok, this);
        m_errorBox->setInformativeText(tr("The session on screen is unchanged."));
    }
    m_errorBox->setText(message);
    m_errorBox->open(); // not exec(): the window stays alive (and testable)
}

void MainWindow::addRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value("recentFiles").toStringList();
    const QString full = QFileInfo(path).absoluteFilePath();
    recent.removeAll(full);
    recent.prepend(full);
    settings.setValue("recentFiles", recent.mid(0, kMaxRecent));
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = QSettings().value("recentFiles").toStringList();
    for (const QString& path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openTraceFile(path); })
            ->setToolTip(path);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::promptOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a trace"), QString(),
                                                      tr("Allocation traces (*.rep);;All files (*)"));
    if (!path.isEmpty())
        openTraceFile(path);
}

void MainWindow::applySettings(const SessionSettings& settings)
{
    m_settings = settings;
    QSettings store;
    QStringList fits;
    for (Strategy s : settings.strategies)
        fits << QString::fromLatin1(strategyName(s).data());
    store.setValue("session/strategies", fits);
    store.setValue("session/preset", QString::fromStdString(settings.config.preset));
    store.setValue("session/fixedHeap", qulonglong(settings.config.fixedSize.value_or(0)));
    if (m_session) // the same trace again, at the same step
        openTrace(m_session->trace(), settings, false, m_session->step());
}

// Runs the trace again with a compaction after the current step in every
// lane, and stands just before its first move.
void MainWindow::compactNow()
{
    if (!m_session || m_session->step() == 0 || m_session->inCompaction()) {
        m_status->setText(m_session && m_session->step() == 0
                              ? tr("Compaction comes after an operation: step forward first.")
                              : m_status->text());
        return;
    }
    SessionSettings settings = m_settings;
    const std::size_t step = m_session->step();
    settings.config.compact.addAt(step);
    m_timeline->pause();
    m_intoCompactionAfterLoad = true; // before its first move, once recorded
    openTrace(m_session->trace(), settings, /*wait=*/false, step - 1);
}

bool MainWindow::saveScreenshot(const QString& path)
{
    for (LaneWidget* lane : m_lanes)
        lane->finishAnimation();
    return grab().save(path, "PNG");
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        openTraceFile(urls.first().toLocalFile());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    QMainWindow::closeEvent(event);
}

} // namespace heapviz::ui
