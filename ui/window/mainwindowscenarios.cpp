// The main window's scenarios (core/scenario): File → Scenarios, the keys
// that jump between a scenario's bookmarks (B, Shift+B), and the banner over
// the lanes with the scenario's title, its scene and the moment at hand.
// Kept apart from mainwindow.cpp so that the window's own wiring stays short.

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QVBoxLayout>

#include <algorithm>

#include "ui/window/mainwindow.h"

#include "ui/lanes/lanewidget.h"
#include "ui/quiz/quizbar.h"
#include "ui/window/timelinebar.h"

namespace heapviz::ui {

namespace {

// The menu an action was put in, if any.
QMenu* menuOf(QAction* action)
{
    if (!action)
        return nullptr;
    for (QObject* o : action->associatedObjects())
        if (auto* menu = qobject_cast<QMenu*>(o))
            return menu;
    return nullptr;
}

} // namespace

SessionSettings MainWindow::scenarioSettings(const Scenario& scenario)
{
    SessionSettings s;
    s.lanes = scenario.lanes;
    s.config = scenario.config;
    return s;
}

bool MainWindow::openScenario(const QString& name, bool wait, std::optional<SessionSettings> settings)
{
    std::optional<Scenario> scenario = makeScenario(name.toStdString());
    if (!scenario) {
        showError(tr("There is no scenario called %1.").arg(name),
                  tr("The scenarios: %1.").arg(QString::fromStdString(scenarioNames())));
        return false;
    }
    LoadRequest request;
    request.name = QString::fromStdString(scenario->name);
    request.settings = settings ? *settings : scenarioSettings(*scenario);
    request.scenario = scenario->name;
    request.trace = std::move(scenario->trace);
    m_lastError.clear();
    start(std::move(request), wait);
    return !wait || m_lastError.isEmpty();
}

void MainWindow::createScenarioUi()
{
    // File → Scenarios, after the demo.
    auto* menu = new QMenu(tr("&Scenarios"), this);
    menu->setObjectName(QStringLiteral("scenariosMenu"));
    for (const ScenarioInfo& info : scenarios()) {
        const QString name = QString::fromLatin1(info.name.data(), qsizetype(info.name.size()));
        QAction* a = menu->addAction(QString::fromUtf8(info.title.data(), qsizetype(info.title.size())), this,
                                     [this, name] { openScenario(name); });
        a->setObjectName(QStringLiteral("scenario-") + name);
        a->setStatusTip(QString::fromUtf8(info.summary.data(), qsizetype(info.summary.size())));
        a->setToolTip(a->statusTip());
    }
    menu->setToolTipsVisible(true);
    if (QMenu* file = menuOf(action(QStringLiteral("demo")))) {
        const QList<QAction*> items = file->actions();
        const qsizetype demo = items.indexOf(action(QStringLiteral("demo")));
        file->insertMenu(demo + 1 < items.size() ? items[demo + 1] : nullptr, menu);
    }

    // B and Shift+B, in the Playback menu (and so in the shortcuts overlay).
    const auto bookmarkAction = [this](const char* objectName, const QString& text, QKeySequence key,
                                       const QString& tip, int direction) {
        auto* a = new QAction(text, this);
        a->setObjectName(QString::fromLatin1(objectName));
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        a->setToolTip(tip + QStringLiteral(" (%1)").arg(key.toString(QKeySequence::NativeText)));
        a->setStatusTip(tip);
        connect(a, &QAction::triggered, this, [this, direction] { jumpToBookmark(direction); });
        addAction(a);
        return a;
    };
    QAction* next = bookmarkAction("nextBookmark", tr("Next &bookmark"), QKeySequence(Qt::Key_B),
                                   tr("To the scenario's next bookmarked moment"), +1);
    QAction* previous = bookmarkAction("previousBookmark", tr("Previous b&ookmark"),
                                       QKeySequence(Qt::SHIFT | Qt::Key_B),
                                       tr("To the scenario's previous bookmarked moment"), -1);
    if (QMenu* playback = menuOf(action(QStringLiteral("play")))) {
        playback->addSeparator();
        playback->addAction(next);
        playback->addAction(previous);
    }

    // The banner: the title and scene (at most three lines; all of it in the
    // tooltip), and the bookmark at hand or the next one. Hidden without a scenario.
    m_banner = new QWidget(this);
    m_banner->setObjectName(QStringLiteral("scenarioBanner"));
    m_banner->setAutoFillBackground(true);
    m_banner->setBackgroundRole(QPalette::AlternateBase);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextFormat(Qt::RichText);
    m_bannerText->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_bookmarkText = new QLabel(m_banner);
    m_bookmarkText->setTextFormat(Qt::RichText);
    m_bookmarkText->setWordWrap(true); // a long moment takes a second line, never cut
    for (QLabel* label : {m_bannerText, m_bookmarkText}) { // elided or clipped, never widening the window
        label->setMinimumWidth(50);
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    }
    auto* column = new QVBoxLayout(m_banner);
    column->setContentsMargins(8, 4, 8, 4);
    column->setSpacing(2);
    column->addWidget(m_bannerText);
    column->addWidget(m_bookmarkText);
    if (auto* central = qobject_cast<QVBoxLayout*>(centralWidget()->layout()))
        central->insertWidget(0, m_banner);
    m_banner->hide();
}

// After a load: the scenario it opened (or none), its banner and bookmarks.
void MainWindow::showScenario(const std::string& name)
{
    if (name.empty())
        m_scenario.reset();
    else if (!m_scenario || m_scenario->name != name)
        m_scenario = makeScenario(name);
    m_banner->setVisible(m_scenario.has_value());
    updateStatus();
    m_quizBar->setBookmarks({});
    for (LaneWidget* lane : m_lanes)
        lane->setSizeUnit(m_scenario ? m_scenario->unit : std::nullopt);
    if (!m_scenario || !m_session)
        return;
    const QString title = QString::fromStdString(m_scenario->title).toHtmlEscaped();
    const QString scene = QString::fromStdString(m_scenario->scene).toHtmlEscaped();
    m_bannerText->setText(QStringLiteral("<b>%1</b> — %2").arg(title, scene));
    m_bannerText->setToolTip(QStringLiteral("<p><b>%1</b></p><p>%2</p>").arg(title, scene));
    m_bannerText->setFixedHeight(3 * m_bannerText->fontMetrics().lineSpacing());
    m_bookmarkText->setFixedHeight(2 * m_bookmarkText->fontMetrics().lineSpacing());
    std::vector<std::size_t> steps;
    std::vector<QString> texts;
    for (const Bookmark& b : m_scenario->bookmarks) {
        steps.push_back(b.step);
        texts.push_back(tr("step %1: %2").arg(b.step).arg(QString::fromStdString(b.text)));
    }
    m_quizBar->setBookmarks(steps);
    m_timeline->setBookmarks(std::move(steps), std::move(texts));
    connect(m_session.get(), &Session::stepChanged, this, &MainWindow::showBookmark);
    showBookmark();
}

// The line under the scene: the bookmark of this step, or where the next one is.
void MainWindow::showBookmark()
{
    if (!m_scenario || !m_session)
        return;
    const auto& marks = m_scenario->bookmarks;
    const std::size_t step = m_session->step();
    const auto here = std::find_if(marks.begin(), marks.end(), [&](const Bookmark& b) { return b.step == step; });
    QString text;
    if (here != marks.end()) {
        text = tr("<b>Bookmark %1 of %2, step %3:</b> %4")
                   .arg(here - marks.begin() + 1)
                   .arg(marks.size())
                   .arg(step)
                   .arg(QString::fromStdString(here->text).toHtmlEscaped());
    } else {
        const auto next = std::find_if(marks.begin(), marks.end(), [&](const Bookmark& b) { return b.step > step; });
        text = next != marks.end() ? tr("Next bookmark: step %1 (B)").arg(next->step)
                                   : tr("No bookmark after this step (Shift+B goes back)");
    }
    m_bookmarkText->setText(text);
    m_bookmarkText->setToolTip(here != marks.end() ? QString::fromStdString(here->text) : QString());
}

bool MainWindow::jumpToBookmark(int direction)
{
    if (!m_scenario || !m_session)
        return false;
    const auto& marks = m_scenario->bookmarks;
    const std::size_t step = m_session->step();
    std::optional<std::size_t> to;
    if (direction > 0) {
        const auto next = std::find_if(marks.begin(), marks.end(), [&](const Bookmark& b) { return b.step > step; });
        if (next != marks.end())
            to = next->step;
    } else {
        const auto previous = std::find_if(marks.rbegin(), marks.rend(), [&](const Bookmark& b) { return b.step < step; });
        if (previous != marks.rend())
            to = previous->step;
    }
    if (!to)
        return false;
    m_timeline->pause();
    m_session->seek(*to);
    return true;
}

} // namespace heapviz::ui
