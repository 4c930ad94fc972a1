#include "ui/window/timelinebar.h"

#include <QHBoxLayout>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <QVBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

#include <cmath>

#include "core/text/narration.h"
#include "ui/session/session.h"
#include "ui/style/toolicons.h"

namespace heapviz::ui {

namespace {
// The speed slider is logarithmic: 0 -> 0.25 steps/s, 100 -> 5000 steps/s.
constexpr double kSlowest = 0.25;
constexpr double kFastest = 5000;
double rateFor(int position) { return kSlowest * std::pow(kFastest / kSlowest, position / 100.0); }
int positionFor(double rate) { return int(std::lround(100 * std::log(rate / kSlowest) / std::log(kFastest / kSlowest))); }
constexpr int kSpeedKeyStep = 8; // slider positions per [ or ]: about x1.9
} // namespace

// The faults along the scrubber: a red tick at each step that has one, at
// the scrubber's scale (a scenario's bookmarks likewise, in the highlight
// colour, under it). Hovering a tick says what happened there.
class TimelineBar::Marks : public QWidget {
public:
    Marks(QSlider* scrubber, QWidget* parent, QPalette::ColorRole colour = QPalette::BrightText)
        : QWidget(parent), m_scrubber(scrubber), m_colour(colour)
    {
        setFixedHeight(6);
        setMouseTracking(true);
    }
    void setMarks(std::vector<std::size_t> steps, std::vector<QString> texts, std::size_t total)
    {
        m_steps = std::move(steps);
        m_texts = std::move(texts);
        m_total = std::max<std::size_t>(total, 1);
        update();
    }
    const std::vector<std::size_t>& steps() const { return m_steps; }
    const std::vector<QString>& texts() const { return m_texts; }

protected:
    // The scrubber's groove, where its handle's centre runs.
    std::pair<double, double> span() const
    {
        const int handle = m_scrubber->style()->pixelMetric(QStyle::PM_SliderLength, nullptr, m_scrubber);
        const int left = m_scrubber->x() - x() + handle / 2;
        return {double(left), double(left + m_scrubber->width() - handle)};
    }
    double xFor(std::size_t step) const
    {
        const auto [a, b] = span();
        return a + (b - a) * double(step) / double(m_total);
    }
    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        p.setPen(QPen(palette().color(m_colour), m_colour == QPalette::BrightText ? 2 : 3));
        int last = -10;
        for (std::size_t step : m_steps) { // one tick per pixel column at most
            const int x = int(xFor(step));
            if (x != last)
                p.drawLine(x, 0, x, height());
            last = x;
        }
    }
    bool event(QEvent* e) override
    {
        if (e->type() == QEvent::ToolTip) {
            const int x = static_cast<QHelpEvent*>(e)->pos().x();
            QStringList near;
            for (std::size_t i = 0; i < m_steps.size() && near.size() < 5; ++i)
                if (std::abs(xFor(m_steps[i]) - x) <= 3)
                    near << m_texts[i];
            if (near.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(static_cast<QHelpEvent*>(e)->globalPos(), near.join('\n'), this);
            return true;
        }
        return QWidget::event(e);
    }

private:
    QSlider* m_scrubber;
    QPalette::ColorRole m_colour;
    std::vector<std::size_t> m_steps;
    std::vector<QString> m_texts;
    std::size_t m_total = 1;
};

TimelineBar::TimelineBar(QWidget* parent)
    : QWidget(parent)
    , m_play(new QToolButton(this))
    , m_marks(nullptr)
    , m_bookmarks(nullptr)
    , m_scrubber(new QSlider(Qt::Horizontal, this))
    , m_speed(new QSlider(Qt::Horizontal, this))
    , m_stepLabel(new QLabel(this))
    , m_speedLabel(new QLabel(this))
{
    m_play->setIcon(toolIcon(ToolIcon::Play, palette().color(QPalette::ButtonText)));
    m_play->setToolTip(tr("Play / pause (Space)"));
    m_play->setAccessibleName(tr("Play"));
    m_play->setAutoRaise(true);
    m_play->setIconSize(QSize(28, 28));
    m_scrubber->setAccessibleName(tr("Step"));
    m_scrubber->setToolTip(tr("Drag to any step of the trace"));
    m_speed->setRange(0, 100);
    m_speed->setMinimumWidth(60);
    m_speed->setMaximumWidth(140);
    m_speed->setAccessibleName(tr("Speed"));
    m_speed->setToolTip(tr("Playback speed"));
    m_speedLabel->setMinimumWidth(QFontMetrics(font()).horizontalAdvance(QStringLiteral("5,000 steps/s")));
    // Keyboard focus stays with the window so that arrows step the trace.
    for (QWidget* w : std::initializer_list<QWidget*>{m_play, m_scrubber, m_speed})
        w->setFocusPolicy(Qt::NoFocus);

    m_marks = new Marks(m_scrubber, this);
    m_bookmarks = new Marks(m_scrubber, this, QPalette::Highlight);
    auto* track = new QVBoxLayout;
    track->setSpacing(0);
    track->addWidget(m_marks);
    track->addWidget(m_scrubber);
    track->addWidget(m_bookmarks);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(8, 2, 8, 4);
    row->addWidget(m_play);
    row->addWidget(m_stepLabel);
    row->addLayout(track, 1);
    row->addWidget(new QLabel(tr("Speed"), this));
    row->addWidget(m_speed);
    row->addWidget(m_speedLabel);

    connect(m_play, &QToolButton::clicked, this, &TimelineBar::togglePlay);
    connect(m_scrubber, &QSlider::valueChanged, this, [this](int v) {
        if (m_session)
            m_session->seek(std::size_t(v));
    });
    connect(m_speed, &QSlider::valueChanged, this, [this](int) {
        m_speedLabel->setText(speedText(stepsPerSecond()));
        Q_EMIT speedChanged(stepsPerSecond());
    });
    m_timer.setInterval(16);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TimelineBar::tick);
    setStepsPerSecond(4);
    setSession(nullptr);
}

void TimelineBar::setSession(Session* session)
{
    pause();
    m_session = session;
    m_bookmarks->setMarks({}, {}, 1);
    m_scrubber->setEnabled(session);
    m_play->setEnabled(session);
    if (!session) {
        m_stepLabel->setText(tr("no trace"));
        m_marks->setMarks({}, {}, 1);
        return;
    }
    m_scrubber->setRange(0, int(session->steps()));
    std::vector<std::size_t> steps;
    std::vector<QString> texts;
    for (const Finding& f : session->data().findings)
        if (f.fault) {
            steps.push_back(f.step);
            texts.push_back(tr("step %1, line %2: %3 (id %4)")
                                .arg(f.step)
                                .arg(f.line)
                                .arg(QString::fromStdString(describeFault(*f.fault)))
                                .arg(f.id));
        }
    m_marks->setMarks(std::move(steps), std::move(texts), session->steps());
    connect(session, &Session::stepChanged, this, &TimelineBar::showStep);
    showStep(session->step());
}

double TimelineBar::stepsPerSecond() const { return rateFor(m_speed->value()); }

QString TimelineBar::speedText(double rate)
{
    // Two significant digits below 10, whole numbers with separators above.
    const QString number = rate >= 10 ? QString::fromStdString(withCommas(std::uint64_t(std::llround(rate))))
                                      : QString::number(rate, 'g', rate >= 1 ? 2 : 1);
    return number == QStringLiteral("1") ? tr("1 step/s") : tr("%1 steps/s").arg(number);
}

QString TimelineBar::speedLabel() const { return m_speedLabel->text(); }

const std::vector<std::size_t>& TimelineBar::markedSteps() const { return m_marks->steps(); }
const std::vector<QString>& TimelineBar::markTexts() const { return m_marks->texts(); }
const std::vector<std::size_t>& TimelineBar::bookmarkedSteps() const { return m_bookmarks->steps(); }
const std::vector<QString>& TimelineBar::bookmarkTexts() const { return m_bookmarks->texts(); }

void TimelineBar::setBookmarks(std::vector<std::size_t> steps, std::vector<QString> texts)
{
    m_bookmarks->setMarks(std::move(steps), std::move(texts), m_session ? m_session->steps() : 1);
}

void TimelineBar::slower() { m_speed->setValue(std::max(0, m_speed->value() - kSpeedKeyStep)); }
void TimelineBar::faster() { m_speed->setValue(std::min(100, m_speed->value() + kSpeedKeyStep)); }
void TimelineBar::setStepsPerSecond(double rate) { m_speed->setValue(positionFor(rate)); }

void TimelineBar::showStep(std::size_t step)
{
    const QSignalBlocker quiet(m_scrubber);
    m_scrubber->setValue(int(step));
    QString text = tr("step %1 of %2").arg(QString::fromStdString(withCommas(step)),
                                           QString::fromStdString(withCommas(m_session->steps())));
    if (m_session->inCompaction())
        text = tr("step %1 of %2, compacting: move %3 of %4")
                   .arg(QString::fromStdString(withCommas(step + 1)),
                        QString::fromStdString(withCommas(m_session->steps())))
                   .arg(m_session->move())
                   .arg(m_session->compactionMoves(step) - 1); // its points: the start, then each move
    m_stepLabel->setText(text);
}

void TimelineBar::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) // the theme: the icon in its text colour
        m_play->setIcon(toolIcon(playing() ? ToolIcon::Pause : ToolIcon::Play, palette().color(QPalette::ButtonText)));
}

void TimelineBar::togglePlay()
{
    if (playing())
        return pause();
    if (!m_session)
        return;
    if (m_session->step() == m_session->steps())
        m_session->seek(0); // play again from the start
    m_owed = 1; // the first step shows at once
    m_clock.start();
    m_timer.start();
    m_play->setIcon(toolIcon(ToolIcon::Pause, palette().color(QPalette::ButtonText)));
    m_play->setAccessibleName(tr("Pause"));
    Q_EMIT playingChanged(true);
}

void TimelineBar::pause()
{
    if (!playing())
        return;
    m_timer.stop();
    m_play->setIcon(toolIcon(ToolIcon::Play, palette().color(QPalette::ButtonText)));
    m_play->setAccessibleName(tr("Play"));
    Q_EMIT playingChanged(false);
}

// Steps as many operations as the speed owes for the time that passed, so
// playback keeps its pace however long a frame took to draw.
void TimelineBar::tick()
{
    m_owed += stepsPerSecond() * double(m_clock.restart()) / 1000.0;
    const auto whole = std::size_t(m_owed);
    if (whole == 0)
        return;
    m_owed -= double(whole);
    if (stepsPerSecond() < kAnimateBelowStepsPerSecond) {
        for (std::size_t i = 0; i < whole; ++i)
            m_session->stepForward(/*throughMoves=*/true);
    } else {
        m_session->stepBy(std::ptrdiff_t(whole));
    }
    if (m_session->step() == m_session->steps() && !m_session->inCompaction())
        pause();
}

} // namespace heapviz::ui
