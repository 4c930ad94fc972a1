#include "ui/window/mainwindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "ui/lanes/balancedgrid.h"
#include "ui/session/blocktablemodel.h"
#include "ui/charts/chartspanel.h"
#include "core/alloc/registry.h"
#include "core/config/options.h"
#include "core/text/units.h"
#include "ui/export/exportdialog.h"
#include "ui/session/findingsmodel.h"
#include "ui/lanes/lanewidget.h"
#include "ui/map/mapviewlink.h"
#include "ui/map/memorymapwidget.h"
#include "ui/record/recorddialog.h"
#include "ui/settings/settingspanel.h"
#include "ui/window/operationheading.h"
#include "ui/window/shortcutsoverlay.h"
#include "ui/window/timelinebar.h"
#include "ui/quiz/quizbar.h"
#include "ui/quiz/quizcontroller.h"
#include "ui/style/toolicons.h"

namespace heapviz::ui {

namespace {

constexpr double kTextScaleStep = 1.15;
constexpr double kMinTextScale = 0.6;
constexpr double kMaxTextScale = 3.0;
constexpr int kChartsLeastLines = 12; // the charts' least height, in lines of text (updateChartsLeast)
constexpr int kLaneLeast = 160;       // a lane's least height in the grid
constexpr auto kDemoResource = ":/workloads/demo.rep";

// The application's font before any scaling: the base every scale multiplies.
const QFont& baseFont()
{
    static const QFont base = QApplication::font();
    return base;
}

// Long unbroken runs (a path, escaped bytes) broken with zero-width spaces,
// so that a dialog wraps them instead of growing past the screen.
QString wrappable(const QString& text)
{
    QString out;
    int run = 0;
    for (const QChar c : text) {
        run = c.isSpace() ? 0 : run + 1;
        out += c;
        if (run >= 40 && (c == '/' || c == '\\' || c == '\'' || c == ',' || run >= 60)) {
            out += QChar(0x200B);
            run = 0;
        }
    }
    return out;
}

} // namespace

SessionSettings MainWindow::defaultDemoSettings()
{
    SessionSettings s; // first, best and worst fit, the default preset
    s.config.fixedSize = 8192; // small and fixed: where the fits run out differently
    return s;
}

MainWindow::MainWindow(SettingsStore::Mode mode, QWidget* parent)
    : QMainWindow(parent)
    , m_store(mode)
    , m_traceSettings(m_store.traceSettings())
    , m_demoSettings(defaultDemoSettings())
    , m_lanesScroll(new QScrollArea(this))
    , m_laneGrid(new BalancedGrid)
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_charts(new ChartsPanel(this))
    , m_timeline(new TimelineBar(this))
    , m_heading(new OperationHeading(this))
    , m_settingsPanel(new SettingsPanel(this))
    , m_findings(new FindingsModel(this))
    , m_findingsView(new QListView(this))
    , m_blockModel(new BlockTableModel(this))
    , m_blockView(new QTableView(this))
    , m_blockLane(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_progressTimer(new QTimer(this))
    , m_mapLink(new MapViewLink(this))
    , m_quiz(new QuizController(this))
    , m_quizBar(new QuizBar(*m_quiz, this))
{
    baseFont(); // taken before any scaling
    setWindowTitle(tr("HeapViz"));
    setAcceptDrops(true);
    createCentral();
    createActions();
    createDocks();
    createScenarioUi();

    m_progress->setMaximumWidth(220);
    m_progress->hide();
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, &MainWindow::showProgress);
    m_status->setMinimumWidth(50); // elided by the status bar, never widening the window
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);

    connect(&m_loader, &TraceLoader::loaded, this, &MainWindow::onLoaded);
    connect(&m_loader, &TraceLoader::failed, this, &MainWindow::onLoadFailed);
    connect(m_charts, &ChartsPanel::stepRequested, this, [this](std::size_t step) {
        if (m_session)
            m_session->seek(step);
    });
    connect(m_timeline, &TimelineBar::speedChanged, this, [this](double rate) { m_store.setSpeed(rate); });
    m_charts->setSideChart(m_store.sideChart());
    m_charts->setUnusableIndex(m_store.unusableIndex());
    connect(m_charts, &ChartsPanel::sideChartChanged, this, [this](SideChart chart) { m_store.setSideChart(chart); });
    connect(m_charts, &ChartsPanel::unusableIndexChanged, this, [this](bool on) { m_store.setUnusableIndex(on); });
    m_timeline->setStepsPerSecond(m_store.speed());
    m_settingsPanel->show(m_traceSettings);

    fitToScreen();
    restoreGeometry(m_store.windowGeometry());
    restoreState(m_store.windowState());
    fitToScreen(); // a window saved on a larger screen
    setChartsShown(m_store.chartsShown());
    m_textScale = m_store.textScale();
    setTextScale(m_textScale);
    setTheme(m_store.theme());
    updateStatus();
}

MainWindow::~MainWindow() { m_loader.cancel(); }

void MainWindow::createCentral()
{
    m_lanesScroll->setWidgetResizable(true);
    m_lanesScroll->setFrameShape(QFrame::NoFrame);
    m_lanesScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_lanesScroll->setWidget(m_laneGrid);
    // The operation heading's line above the lanes, which says the call they
    // would otherwise each say, comes out of the lanes' least height: the
    // window's least height stays what it was without it (640 x 480 lays
    // out, its lanes scrolling).
    m_lanesScroll->setMinimumHeight(kLaneLeast - m_heading->sizeHint().height());
    m_laneGrid->setCellMinimum({LaneWidget::kMinimumWidth, kLaneLeast});
    m_laneGrid->setSpacing(6);
    m_laneGrid->setContentsMargins(6, 6, 6, 0);
    m_splitter->addWidget(m_lanesScroll);
    m_splitter->addWidget(m_charts);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setCollapsible(0, false);
    m_splitter->setCollapsible(1, true);
    updateChartsLeast();

    auto* central = new QWidget(this);
    auto* column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    m_quizBar->hide();
    column->addWidget(m_quizBar);
    column->addWidget(m_heading);
    column->addWidget(m_splitter, 1);
    column->addWidget(m_timeline);
    setCentralWidget(central);
}

QAction* MainWindow::action(const QString& objectName) const { return findChild<QAction*>(objectName); }

void MainWindow::createActions()
{
    const auto make = [this](const char* name, const QString& text, QList<QKeySequence> keys, const QString& tip,
                             auto slot) {
        auto* a = new QAction(text, this);
        a->setObjectName(QString::fromLatin1(name));
        a->setShortcuts(keys);
        const QString key = keys.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(keys.first().toString(QKeySequence::NativeText));
        a->setToolTip(tip + key);
        a->setStatusTip(tip);
        connect(a, &QAction::triggered, this, slot);
        addAction(a); // shortcuts work with the menus and toolbar hidden too
        return a;
    };
    const auto onSession = [this](auto f) {
        return [this, f] {
            if (m_session)
                f(*m_session);
        };
    };
    auto* open = make("open", tr("&Open trace…"), {QKeySequence::Open}, tr("Open a malloc-lab .rep trace"), [this] { promptOpen(); });
    auto* record = make("record", tr("Record a &program…"), {QKeySequence(Qt::CTRL | Qt::Key_R)},
                        tr("Run a program under heapviz-record and open the trace of its allocations"),
                        [this] { recordProgram(); });
    auto* demo = make("demo", tr("Open the &demo"), {}, tr("The built-in demo workload"), [this] { openDemo(); });
    auto* exportAs = make("export", tr("&Export…"), {QKeySequence(Qt::CTRL | Qt::Key_E)},
                          tr("The window or a lane as PNG or SVG, the metrics as CSV, steps as an animated GIF"),
                          [this] { exportFiles(); });
    auto* quit = make("quit", tr("&Quit"), {QKeySequence::Quit}, tr("Quit HeapViz"), [this] { close(); });
    // With a question posed, going on reveals it first.
    auto* play = make("play", tr("&Play / pause"), {Qt::Key_Space}, tr("Play or pause"), [this] {
        if (m_quiz->pending())
            return m_quiz->reveal();
        m_timeline->togglePlay();
    });
    auto* next = make("stepForward", tr("Step &forward"), {Qt::Key_Right}, tr("One step forward (in a compaction: one move)"),
                      onSession([this](Session& s) {
                          if (m_quiz->pending())
                              return m_quiz->reveal();
                          s.stepForward();
                      }));
    auto* back = make("stepBack", tr("Step &back"), {Qt::Key_Left}, tr("One step back (in a compaction: one move)"),
                      onSession([](Session& s) { s.stepBackward(); }));
    auto* next10 = make("forward10", tr("Ten steps forward"), {QKeySequence(Qt::SHIFT | Qt::Key_Right)}, tr("Ten steps forward"),
                        onSession([](Session& s) { s.stepBy(10); }));
    auto* back10 = make("back10", tr("Ten steps back"), {QKeySequence(Qt::SHIFT | Qt::Key_Left)}, tr("Ten steps back"),
                        onSession([](Session& s) { s.stepBy(-10); }));
    auto* home = make("start", tr("&Start"), {Qt::Key_Home}, tr("Go to the start"), onSession([](Session& s) { s.seek(0); }));
    auto* end = make("end", tr("&End"), {Qt::Key_End}, tr("Go to the end"), onSession([](Session& s) { s.seek(s.steps()); }));
    auto* slower = make("slower", tr("S&lower"), {Qt::Key_BracketLeft}, tr("Play slower"), [this] { m_timeline->slower(); });
    auto* faster = make("faster", tr("F&aster"), {Qt::Key_BracketRight}, tr("Play faster"), [this] { m_timeline->faster(); });
    auto* compact = make("compact", tr("&Compact now"), {Qt::Key_C},
                         tr("Compact every lane after this step, then step through the moves with →"), [this] { compactNow(); });
    auto* fit = make("fitHeap", tr("&Fit the heap"), {Qt::Key_F}, tr("Show the whole heap in every lane"), [this] {
        for (LaneWidget* lane : m_lanes)
            lane->map()->fitAll();
    });
    auto* lock = make("lockLanes", tr("&Lock lanes together"), {QKeySequence(Qt::Key_L)},
                      tr("Zoom and pan every lane at once, so that an address is in the same place in each"), [] {});
    lock->setCheckable(true);
    lock->setChecked(m_store.lanesLocked());
    m_mapLink->setEnabled(m_store.lanesLocked());
    connect(lock, &QAction::toggled, this, [this](bool on) {
        m_mapLink->setEnabled(on);
        m_store.setLanesLocked(on);
    });
    auto* charts = make("charts", tr("C&harts"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)},
                        tr("Show or fold away the charts"), [this](bool on) { setChartsShown(on); });
    charts->setCheckable(true);
    auto* structure = make("structure", tr("Free lists and &trees"), {QKeySequence(Qt::Key_T)},
                           tr("Under each map, the free lists its allocator searches (the buddy system's tree, "
                              "TLSF's bitmaps, the pool's stack), with this step's search on them "
                              "(with up to four lanes)"),
                           [this](bool on) { setStructureShown(on); });
    structure->setCheckable(true);
    structure->setChecked(m_structureShown);
    auto* present = make("presentation", tr("&Presentation"), {Qt::Key_F5},
                         tr("Large narration and maps, docks and toolbar hidden (Esc leaves)"),
                         [this](bool on) { setPresentation(on); });
    present->setCheckable(true);
    // F11 by hand: QKeySequence::FullScreen is empty on X11.
    auto* full = make("fullScreen", tr("F&ull screen"), {Qt::Key_F11}, tr("Full screen on or off"),
                      [this] { setWindowState(windowState() ^ Qt::WindowFullScreen); });
    auto* bigger = make("textBigger", tr("&Larger text"), {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)},
                        tr("Every text of the window larger"), [this] { setTextScale(m_textScale * kTextScaleStep); });
    auto* smaller = make("textSmaller", tr("&Smaller text"), {QKeySequence::ZoomOut}, tr("Every text of the window smaller"),
                         [this] { setTextScale(m_textScale / kTextScaleStep); });
    auto* normal = make("textNormal", tr("&Normal text size"), {QKeySequence(Qt::CTRL | Qt::Key_0)},
                        tr("Text at the system's size"), [this] { setTextScale(1); });
    auto* keys = make("shortcuts", tr("&Keyboard shortcuts"), {Qt::Key_F1, QKeySequence(Qt::Key_Question)},
                      tr("Every key of the window"), [this] { showShortcuts(); });
    for (QAction* a : {play, next, back, next10, back10, home, end, slower, faster, compact, fit})
        a->setShortcutContext(Qt::WindowShortcut);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(open);
    file->addAction(record);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addAction(demo);
    file->addSeparator();
    file->addAction(exportAs);
    file->addSeparator();
    file->addAction(quit);
    QMenu* playback = menuBar()->addMenu(tr("&Playback"));
    for (QAction* a : {play, next, back, next10, back10, home, end})
        playback->addAction(a);
    playback->addSeparator();
    playback->addAction(slower);
    playback->addAction(faster);
    playback->addSeparator();
    playback->addAction(compact);
    createQuizActions(playback);
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(fit);
    m_viewMenu->addAction(lock);
    m_viewMenu->addAction(charts);
    m_viewMenu->addAction(structure);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(present);
    m_viewMenu->addAction(full);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(bigger);
    m_viewMenu->addAction(smaller);
    m_viewMenu->addAction(normal);
    QMenu* themes = m_viewMenu->addMenu(tr("&Theme"));
    auto* themeGroup = new QActionGroup(this);
    for (ThemeKind kind : kAllThemes) {
        QAction* a = themes->addAction(themeTitle(kind), this, [this, kind] { setTheme(kind); });
        a->setObjectName(QStringLiteral("theme-") + QString::fromLatin1(themeName(kind).data()));
        a->setCheckable(true);
        themeGroup->addAction(a);
    }
    m_viewMenu->addSeparator();
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(keys);

    m_toolBar = addToolBar(tr("Main"));
    m_toolBar->setObjectName("mainToolBar");
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addAction(open);
    m_toolBar->addSeparator();
    for (QAction* a : {home, back, next, end})
        m_toolBar->addAction(a);
    m_toolBar->addSeparator();
    m_toolBar->addAction(compact);
}

void MainWindow::createDocks()
{
    const auto dock = [this](const char* name, const QString& title, QWidget* content) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(QString::fromLatin1(name));
        d->setWidget(content);
        addDockWidget(Qt::RightDockWidgetArea, d);
        d->hide(); // out of the way on a projector; the View menu brings them back
        m_viewMenu->addAction(d->toggleViewAction());
        m_docks.push_back(d);
        return d;
    };
    auto* settingsScroll = new QScrollArea(this);
    settingsScroll->setWidget(m_settingsPanel);
    settingsScroll->setWidgetResizable(true);
    settingsScroll->setFrameShape(QFrame::NoFrame);
    dock("settingsDock", tr("Settings"), settingsScroll);

    m_findingsView->setModel(m_findings);
    m_findingsView->setAccessibleName(tr("Faults and leaks"));
    m_findingsView->setUniformItemSizes(true);
    m_findingsView->setWordWrap(false);
    dock("findingsDock", tr("Faults and leaks"), m_findingsView);
    connect(m_findingsView, &QListView::clicked, this, &MainWindow::jumpToFinding);
    connect(m_findingsView, &QListView::activated, this, &MainWindow::jumpToFinding);

    auto* blocks = new QWidget(this);
    auto* blocksColumn = new QVBoxLayout(blocks);
    blocksColumn->setContentsMargins(0, 0, 0, 0);
    blocksColumn->addWidget(m_blockLane);
    blocksColumn->addWidget(m_blockView, 1);
    m_blockLane->setAccessibleName(tr("Lane of the block table"));
    m_blockView->setModel(m_blockModel);
    m_blockView->setAccessibleName(tr("Blocks at this step"));
    m_blockView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_blockView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_blockView->verticalHeader()->hide();
    m_blockView->horizontalHeader()->setStretchLastSection(true);
    QDockWidget* blocksDock = dock("blocksDock", tr("Blocks"), blocks);
    connect(blocksDock, &QDockWidget::visibilityChanged, this, [this](bool shown) {
        if (shown)
            m_blockModel->refresh();
    });
    connect(m_blockLane, &QComboBox::currentIndexChanged, this, [this](int lane) {
        if (lane >= 0)
            m_blockModel->setLane(std::size_t(lane));
    });
    // The table and the maps share one selection, both ways.
    connect(m_blockView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!current.isValid())
                    return;
                const QVariant id = m_blockModel->index(current.row(), BlockTableModel::IdColumn).data();
                selectId(id.isValid() ? std::optional<TraceId>(id.toLongLong()) : std::nullopt);
            });
    // Tabs, not a stack: each dock gets the whole height.
    tabifyDockWidget(m_docks[0], m_docks[1]);
    tabifyDockWidget(m_docks[1], m_docks[2]);
    connect(m_settingsPanel, &SettingsPanel::applied, this, &MainWindow::applySettings);
}

// The first window fits the screen it opens on; nothing later widens it.
void MainWindow::fitToScreen()
{
    const QScreen* screen = this->screen() ? this->screen() : QApplication::primaryScreen();
    if (!screen)
        return;
    const QSize available = screen->availableGeometry().size();
    const bool saved = !m_store.windowGeometry().isEmpty();
    QSize want = saved ? size() : QSize(std::min(1600, available.width() * 9 / 10), std::min(1000, available.height() * 9 / 10));
    want = want.boundedTo(available);
    if (want != size())
        resize(want);
}

void MainWindow::setTraceSettings(const SessionSettings& settings, bool persist)
{
    m_traceSettings = settings;
    if (persist)
        m_store.setTraceSettings(settings);
    if (!m_showingDemo)
        m_settingsPanel->show(settings);
}

bool MainWindow::openTraceFile(const QString& path, bool wait, bool fromCommandLine)
{
    if (fromCommandLine && !m_session && !QFileInfo::exists(path)) {
        // Never a blank window: the demo, and why.
        openDemo(wait);
        showError(tr("%1: no such file.").arg(path), tr("HeapViz opened its demo instead."));
        return false;
    }
    LoadRequest request;
    request.path = path;
    request.settings = m_traceSettings;
    request.fromCommandLine = fromCommandLine;
    m_lastError.clear();
    start(std::move(request), wait);
    return !wait || m_lastError.isEmpty();
}

void MainWindow::openDemo(bool wait)
{
    QFile file(QString::fromLatin1(kDemoResource));
    if (!file.open(QIODevice::ReadOnly))
        return showError(tr("The built-in demo is missing from this build (%1).").arg(file.errorString()), QString());
    LoadRequest request;
    request.text = file.readAll();
    request.name = QStringLiteral("demo.rep");
    request.settings = m_demoSettings;
    request.demo = true;
    start(std::move(request), wait);
}

void MainWindow::rerun(const SessionSettings& settings, std::size_t step, bool intoCompaction, bool wait)
{
    if (!m_session)
        return;
    LoadRequest request;
    request.trace = m_session->trace();
    request.path = m_showingDemo || m_scenario ? QString() : m_tracePath;
    request.scenario = m_scenario ? m_scenario->name : std::string();
    request.settings = settings;
    request.step = step;
    request.demo = m_showingDemo;
    request.intoCompaction = intoCompaction;
    start(std::move(request), wait);
}

void MainWindow::start(LoadRequest request, bool wait)
{
    if (wait)
        return m_loader.loadNow(std::move(request));
    m_loader.start(std::move(request));
    m_progress->setRange(0, 0);
    m_progress->setFormat(QString());
    m_progress->show();
    m_progressTimer->start();
    m_status->setText(tr("Reading the trace…"));
}

void MainWindow::showProgress()
{
    const TraceLoader::Progress p = m_loader.progress();
    if (p.done < 0) {
        m_progress->setRange(0, 0); // busy until the size is known
        return;
    }
    m_progress->setRange(0, 1000);
    m_progress->setValue(int(1000 * p.done));
    m_progress->setFormat(p.phase + QStringLiteral(" %p%"));
}

void MainWindow::onLoaded(std::shared_ptr<SessionData> data, const LoadRequest& request)
{
    m_progressTimer->stop();
    m_progress->hide();
    m_showingDemo = request.demo;
    if (!request.path.isEmpty()) {
        m_tracePath = request.path;
        if (!request.trace) // a new file, not a rerun
            m_store.addRecentFile(request.path);
    } else if (request.demo || !request.scenario.empty()) {
        m_tracePath.clear();
    }
    install(std::move(data), request.step);
    showScenario(request.scenario);
    if (request.intoCompaction)
        m_session->stepForward();
    m_settingsPanel->setAppliesToDemo(m_showingDemo);
    Q_EMIT sessionLoaded();
}

void MainWindow::onLoadFailed(const QString& message, const LoadRequest& request)
{
    m_progressTimer->stop();
    m_progress->hide();
    if (!request.path.isEmpty() && !QFileInfo::exists(request.path))
        m_store.removeRecentFile(request.path); // it is gone: no longer "recent"
    showError(message, m_session ? tr("The session on screen is unchanged.") : QString());
    updateStatus();
    Q_EMIT loadFailed(message);
}

void MainWindow::install(std::shared_ptr<SessionData> data, std::size_t step)
{
    // The views let go of the old session before it goes.
    m_timeline->setSession(nullptr);
    m_heading->setSession(nullptr);
    m_quiz->setSession(nullptr);
    m_quizBar->setSession(nullptr);
    m_blockModel->setSession(nullptr);
    m_findings->setSession(nullptr);
    m_charts->setSession(nullptr);
    m_laneGrid->setWidgets({});
    for (LaneWidget* lane : m_lanes)
        delete lane;
    m_lanes.clear();
    m_session = std::make_unique<Session>(std::move(data));

    std::vector<QWidget*> cells;
    for (std::size_t i = 0; i < m_session->laneCount(); ++i) {
        auto* lane = new LaneWidget(*m_session, i);
        lane->setTheme(Theme::of(m_theme));
        lane->setPresentation(m_presentation);
        lane->setStructureVisible(structureFits());
        connect(lane, &LaneWidget::blockClicked, this,
                [this](std::optional<TraceId> id) { selectId(id == m_selected ? std::nullopt : id); });
        connect(lane, &LaneWidget::growRequested, this, &MainWindow::growHeap);
        connect(lane->map(), &MemoryMapWidget::clickedAt, this, [this, i](Address at) { quizGuessAt(i, at); });
        m_mapLink->add(lane->map());
        m_lanes.push_back(lane);
        cells.push_back(lane);
    }
    m_laneGrid->setWidgets(cells);
    for (LaneWidget* lane : m_lanes)
        lane->show(); // now, not at the layout's queued show: a screenshot may come first
    m_timeline->setSession(m_session.get());
    m_heading->setSession(m_session.get());
    m_charts->setSession(m_session.get());
    m_findings->setSession(&m_session->data());
    {
        const QSignalBlocker quiet(m_blockLane);
        m_blockLane->clear();
        for (std::size_t i = 0; i < m_session->laneCount(); ++i)
            m_blockLane->addItem(QString::fromStdString(laneTitle(m_session->lane(i).spec)));
    }
    m_blockModel->setSession(m_session.get(), 0);
    m_settingsPanel->show(m_session->data().settings);
    connect(m_session.get(), &Session::stepChanged, this, &MainWindow::showStep);
    m_quiz->setSession(m_session.get());
    m_quizBar->setSession(m_session.get());
    m_session->seek(step);
    m_selected.reset();
    showStep();
    updateStatus();
    balanceSplitter();
    balanceSplitterSoon();
}

// balanceSplitter again once the layouts the last change asked for have
// happened: new lanes, or a new text size, know their height only then (at
// 1280 x 720 with text half as large again, the charts kept a share the
// lanes needed, and the lanes scrolled their narration out of sight).
void MainWindow::balanceSplitterSoon()
{
    QTimer::singleShot(0, this, [this] { balanceSplitter(); });
}

// The lanes first: they get the height their grid needs (and at least 11/20
// of the height, 13/20 with their free structure), and the charts the rest;
// when the charts would have less than their minimum they give way (folded
// to nothing; the splitter's handle brings them back).
void MainWindow::balanceSplitter()
{
    if (!m_charts->isVisible() || m_lanes.empty())
        return;
    const int total = m_splitter->height() - m_splitter->handleWidth();
    const int lanes = m_laneGrid->heightForWidth(m_lanesScroll->viewport()->width());
    // Lanes that show their free structure too get the larger share.
    const int share = std::max(lanes, total * (structureFits() ? 13 : 11) / 20);
    if (lanes + m_charts->minimumHeight() > total)
        m_splitter->setSizes({total, 0});
    else
        m_splitter->setSizes({share, total - share});
}

// Predict, then reveal: the action that turns it on, and the keys that
// answer a question, active only while one is posed (so that Enter, X, G and
// the digits go to the settings' fields the rest of the time).
void MainWindow::createQuizActions(QMenu* playback)
{
    auto* predict = new QAction(tr("P&redict, then reveal"), this);
    predict->setObjectName(QStringLiteral("predict"));
    predict->setShortcut(Qt::Key_P);
    predict->setCheckable(true);
    predict->setToolTip(tr("Before each malloc, ask which free block each lane will take (P)"));
    connect(predict, &QAction::toggled, this, &MainWindow::setQuizActive);
    addAction(predict);
    playback->addSeparator();
    playback->addAction(predict);

    // In the menu (and so in F1's list of keys) but for the lanes' digits.
    std::vector<QAction*> answers;
    const auto answer = [&](const QString& name, const QString& text, QList<QKeySequence> keys, auto slot) {
        auto* a = new QAction(text, this);
        a->setObjectName(name);
        a->setShortcuts(keys);
        a->setEnabled(false);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        if (!text.isEmpty())
            playback->addAction(a);
        answers.push_back(a);
    };
    answer(QStringLiteral("quizNext"), tr("Guess the next free block"), {Qt::Key_N}, [this] { quizNextGuess(); });
    answer(QStringLiteral("quizFails"), tr("Guess: it fails"), {Qt::Key_X},
           [this] { m_quiz->guess(m_quizBar->keyLane(), QuizAnswer{QuizAnswer::Kind::Fails, {}}); });
    answer(QStringLiteral("quizGrows"), tr("Guess: the heap grows"), {Qt::Key_G},
           [this] { m_quiz->guess(m_quizBar->keyLane(), QuizAnswer{QuizAnswer::Kind::Grows, {}}); });
    answer(QStringLiteral("quizReveal"), tr("Reveal"), {Qt::Key_Return, Qt::Key_Enter}, [this] { m_quiz->reveal(); });
    for (int n = 1; n <= 8; ++n)
        answer(QStringLiteral("quizLane%1").arg(n), QString(), {QKeySequence(Qt::Key_0 + n)},
               [this, n] { m_quizBar->setKeyLane(std::size_t(n - 1)); });
    connect(m_quiz, &QuizController::changed, this, [this, answers] {
        for (QAction* a : answers)
            a->setEnabled(m_quiz->pending());
        updateQuizMarks();
    });
    connect(m_quiz, &QuizController::posed, m_timeline, &TimelineBar::pause);
}

void MainWindow::setQuizActive(bool on)
{
    if (QAction* a = action(QStringLiteral("predict")))
        a->setChecked(on);
    m_quizBar->setVisible(on);
    m_quiz->setActive(on);
}

// A click in lane `lane`'s map while a question is posed: the free block
// there is the lane's guess (a used block is none).
void MainWindow::quizGuessAt(std::size_t lane, Address at)
{
    if (!m_quiz->pending() || !m_session || !m_quiz->asks(lane))
        return;
    if (const auto guess = guessAt(m_session->lane(lane).cursor->layout(), at)) {
        m_quizBar->setKeyLane(lane);
        m_quiz->guess(lane, guess);
    }
}

// N: the key lane's guess moves to its next free block by address (round).
void MainWindow::quizNextGuess()
{
    if (!m_quiz->pending() || !m_session)
        return;
    const std::size_t lane = m_quizBar->keyLane();
    const auto current = m_quiz->guessOf(lane);
    const Address after = current && current->kind == QuizAnswer::Kind::Block ? current->block : Address(0);
    std::optional<Address> first;
    std::optional<Address> next;
    for (const auto& [at, block] : m_session->lane(lane).cursor->layout().map()) {
        if (block.used)
            continue;
        first = first ? first : std::optional(at);
        if ((!current || current->kind != QuizAnswer::Kind::Block || at > after) && !next)
            next = at;
    }
    if (const auto to = next ? next : first)
        m_quiz->guess(lane, QuizAnswer{QuizAnswer::Kind::Block, *to});
}

// Each lane's map shows its guess, and once revealed the block it took.
void MainWindow::updateQuizMarks()
{
    for (std::size_t i = 0; i < m_lanes.size(); ++i) {
        std::optional<Address> guess;
        std::optional<Address> truth;
        const auto block = [](const std::optional<QuizAnswer>& a) {
            return a && a->kind == QuizAnswer::Kind::Block ? std::optional(a->block) : std::nullopt;
        };
        if (m_quiz->pending())
            guess = block(m_quiz->guessOf(i));
        for (const auto& r : m_quiz->results())
            if (r.lane == i) {
                guess = block(r.guess);
                truth = block(r.truth);
            }
        m_lanes[i]->map()->setQuizMarks(guess, truth);
    }
}

// Five lanes or more share the window in two rows or more: too little
// height for a structure under each map, so their maps have it all.
bool MainWindow::structureFits() const
{
    return m_structureShown && (!m_session || m_session->laneCount() <= kMaxLanesWithStructure);
}

void MainWindow::setStructureShown(bool shown)
{
    m_structureShown = shown;
    if (QAction* a = action(QStringLiteral("structure")))
        a->setChecked(shown);
    for (LaneWidget* lane : m_lanes)
        lane->setStructureVisible(structureFits());
    balanceSplitter();
}

void MainWindow::resizeEvent(QResizeEvent* event)
{
    QMainWindow::resizeEvent(event);
    // Only when the lanes no longer fit: a split the user chose otherwise stays.
    if (m_lanesScroll->height() < m_laneGrid->heightForWidth(m_lanesScroll->viewport()->width()))
        balanceSplitter();
}

void MainWindow::showStep()
{
    if (!m_session)
        return;
    // A single step forward is animated, in time for the next one to start.
    const double rate = m_timeline->stepsPerSecond();
    const bool oneForward = m_session->lastWasOneForward();
    int animateMs = 0;
    if (oneForward && !m_timeline->playing())
        animateMs = 900;
    else if (oneForward && rate < kAnimateBelowStepsPerSecond)
        animateMs = int(std::min(1200.0, 850.0 / rate));
    m_heading->refresh();
    for (LaneWidget* lane : m_lanes)
        lane->refresh(animateMs);
    // Charts cost more than maps: at speed, redraw them a few times a second.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!m_timeline->playing() || now - m_lastChartRefresh > 100) {
        m_charts->refresh();
        if (m_blockView->isVisible())
            m_blockModel->refresh();
        m_lastChartRefresh = now;
    }
}

void MainWindow::updateStatus()
{
    if (!m_session) {
        m_status->setText(tr("No trace: File → Open, or drop a .rep file here."));
        return;
    }
    const HeapConfig& c = m_session->data().settings.config;
    const QString heap = c.fixedSize ? tr("fixed %1 heap").arg(QString::fromStdString(formatBytes(*c.fixedSize)))
                                     : tr("growing heap");
    QString status = tr("%1 · %2 operations · preset %3 · %4")
                         .arg(m_scenario       ? tr("scenario %1").arg(QString::fromStdString(m_scenario->name))
                              : m_showingDemo ? tr("the demo")
                                              : QString::fromStdString(m_session->trace().name),
                              QString::fromStdString(withCommas(m_session->steps())), QString::fromStdString(c.preset),
                              heap);
    if (c.compact.kind != CompactTrigger::Kind::Never || !c.compact.byHand.empty())
        status += tr(" · compact %1 (%2)").arg(QString::fromStdString(c.compact.name()),
                                              QString::fromLatin1(compactorName(c.compactor).data()));
    m_status->setText(status);
    const QString name = m_scenario       ? QString::fromStdString(m_scenario->title)
                         : m_showingDemo ? tr("the demo")
                                         : QFileInfo(QString::fromStdString(m_session->trace().name)).fileName();
    setWindowTitle(tr("HeapViz — %1").arg(name));
}

void MainWindow::selectId(std::optional<TraceId> id)
{
    m_selected = id;
    for (LaneWidget* lane : m_lanes)
        lane->setSelectedId(m_selected);
    const int row = m_selected ? m_blockModel->rowOfId(*m_selected) : -1;
    if (row >= 0 && m_blockView->currentIndex().row() != row) {
        m_blockView->selectRow(row);
        m_blockView->scrollTo(m_blockModel->index(row, 0));
    } else if (row < 0) {
        m_blockView->clearSelection();
    }
}

void MainWindow::jumpToFinding(const QModelIndex& index)
{
    if (!m_session || !index.isValid() || !index.data(FindingsModel::StepRole).isValid())
        return;
    m_session->seek(std::size_t(index.data(FindingsModel::StepRole).toULongLong()));
    if (index.data(FindingsModel::IsLeakRole).toBool()) // show the block that leaks
        selectId(index.data(FindingsModel::IdRole).toLongLong());
}

void MainWindow::showError(const QString& message, const QString& consequence)
{
    m_lastError = message;
    if (!m_errorBox) {
        m_errorBox = new QMessageBox(QMessageBox::Warning, tr("Cannot open the trace"), QString(), QMessageBox::Ok, this);
        m_errorBox->setTextFormat(Qt::PlainText);
    }
    m_errorBox->setText(wrappable(message));
    m_errorBox->setInformativeText(consequence);
    m_errorBox->open(); // not exec(): the window stays alive (and testable)
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    for (const QString& path : m_store.recentFiles()) {
        if (!QFileInfo::exists(path)) {
            m_store.removeRecentFile(path);
            continue;
        }
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openTraceFile(path); })->setToolTip(path);
    }
    if (m_recentMenu->isEmpty())
        m_recentMenu->addAction(tr("(none yet)"))->setEnabled(false);
}

void MainWindow::promptOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a trace"), QString(),
                                                      tr("Allocation traces (*.rep);;All files (*)"));
    if (!path.isEmpty())
        openTraceFile(path);
}

void MainWindow::recordProgram()
{
    RecordDialog::showFor(*this, m_store, [this](const QString& trace) { openTraceFile(trace); });
}

// Apply: the demo's settings while the demo is shown, else those traces
// open with (remembered); either way the trace runs again at the same step.
void MainWindow::applySettings(const SessionSettings& settings)
{
    if (m_showingDemo)
        m_demoSettings = settings;
    else if (!m_scenario) // a scenario's settings are its own, for this session
        setTraceSettings(settings, /*persist=*/true);
    if (m_session)
        rerun(settings, m_session->step());
}

void MainWindow::growHeap()
{
    if (!m_session)
        return;
    SessionSettings s = m_session->data().settings;
    s.config.fixedSize.reset();
    s.config.compact.byHand.clear();
    applySettings(s);
}

// Runs the trace again with a compaction after the current step in every
// lane, and stands just before its first move.
void MainWindow::compactNow()
{
    if (!m_session || m_session->inCompaction())
        return;
    if (m_session->step() == 0) {
        m_status->setText(tr("Compaction comes after an operation: step forward first."));
        return;
    }
    SessionSettings settings = m_session->data().settings;
    const std::size_t step = m_session->step();
    settings.config.compact.addByHand(step);
    m_timeline->pause();
    rerun(settings, step - 1, /*intoCompaction=*/true);
}

void MainWindow::setChartsShown(bool shown)
{
    m_charts->setVisible(shown);
    if (shown)
        balanceSplitter();
    if (QAction* a = action("charts"))
        a->setChecked(shown);
    if (!m_presentation)
        m_store.setChartsShown(shown);
}

bool MainWindow::chartsShown() const { return !m_charts->isHidden(); }

void MainWindow::setPresentation(bool on)
{
    if (on == m_presentation)
        return;
    if (on) {
        m_docksBeforePresentation.clear();
        for (QDockWidget* d : m_docks)
            if (d->isVisible())
                m_docksBeforePresentation.push_back(d);
        m_chartsBeforePresentation = chartsShown();
    }
    m_presentation = on;
    for (QDockWidget* d : m_docks)
        d->setVisible(!on && std::find(m_docksBeforePresentation.begin(), m_docksBeforePresentation.end(), d)
                                  != m_docksBeforePresentation.end());
    m_toolBar->setVisible(!on);
    setChartsShown(!on && m_chartsBeforePresentation);
    if (!on)
        balanceSplitter();
    m_heading->setPresentation(on);
    for (LaneWidget* lane : m_lanes)
        lane->setPresentation(on);
    if (QAction* a = action("presentation"))
        a->setChecked(on);
}

void MainWindow::setTextScale(double scale)
{
    m_textScale = std::clamp(scale, kMinTextScale, kMaxTextScale);
    QFont f = baseFont();
    f.setPointSizeF(baseFont().pointSizeF() * m_textScale);
    QApplication::setFont(f);
    m_store.setTextScale(m_textScale);
    updateChartsLeast();
    balanceSplitterSoon();
}

// The charts' least height follows the text: the selector's row, a title,
// the axes' numbers and names, and a plot between. Any less and Qt Charts
// shows "…" for every number (half as large text again at 1280 x 720); the
// charts fold away instead (balanceSplitter).
void MainWindow::updateChartsLeast()
{
    m_charts->setMinimumHeight(std::max(140, kChartsLeastLines * QFontMetrics(QApplication::font()).lineSpacing()));
}

void MainWindow::setTheme(ThemeKind kind)
{
    m_theme = kind;
    const Theme& theme = Theme::of(kind);
    QApplication::setPalette(theme.palette());
    for (LaneWidget* lane : m_lanes)
        lane->setTheme(theme);
    m_charts->setTheme(theme);
    const std::pair<const char*, ToolIcon> icons[] = {{"open", ToolIcon::Open},   {"start", ToolIcon::Start},
                                                      {"stepBack", ToolIcon::StepBack}, {"stepForward", ToolIcon::StepForward},
                                                      {"end", ToolIcon::End},     {"compact", ToolIcon::Compact}};
    for (const auto& [name, icon] : icons)
        action(QString::fromLatin1(name))->setIcon(toolIcon(icon, theme.text));
    m_store.setTheme(kind);
    if (QAction* a = action(QStringLiteral("theme-") + QString::fromLatin1(themeName(kind).data())))
        a->setChecked(true);
}

void MainWindow::showShortcuts()
{
    std::vector<ShortcutsOverlay::Group> groups;
    for (QAction* menu : menuBar()->actions()) {
        ShortcutsOverlay::Group g{menu->text(), {}};
        for (QAction* a : menu->menu()->actions())
            g.actions.push_back(a);
        groups.push_back(std::move(g));
    }
    new ShortcutsOverlay(this, std::move(groups));
}

void MainWindow::exportFiles()
{
    m_timeline->pause(); // a GIF steps the session itself
    if (m_session)
        ExportDialog::ask(*m_session, m_lanes, *this);
}

bool MainWindow::saveScreenshot(const QString& path)
{
    for (LaneWidget* lane : m_lanes)
        lane->finishAnimation();
    return grab().save(path, "PNG");
}

// A new text size asks for layouts that ask for more: a picture or an export
// taken after one pass of the events showed the toolbar's words cut and the
// charts' numbers wrapped (`heapviz --text-scale 1.5 --screenshot`).
void MainWindow::settle()
{
    for (int pass = 0; pass < 4; ++pass) {
        QCoreApplication::sendPostedEvents();
        QApplication::processEvents();
    }
}

void MainWindow::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape) { // out of presentation, then out of full screen
        if (m_presentation)
            return setPresentation(false);
        if (isFullScreen())
            return setWindowState(windowState() & ~Qt::WindowFullScreen);
    }
    QMainWindow::keyPressEvent(event);
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
    m_store.setWindow(saveGeometry(), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace heapviz::ui
