#include "timelinebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

#include <cmath>

#include "core/narration.h"
#include "session.h"

namespace heapviz::ui {

namespace {
// The speed slider is logarithmic: 0 -> 0.25 steps/s, 100 -> 5000 steps/s.
constexpr double kSlowest = 0.25;
constexpr double kFastest = 5000;
double rateFor(int position) { return kSlowest * std::pow(kFastest / kSlowest, position / 100.0); }
int positionFor(double rate) { return int(std::lround(100 * std::log(rate / kSlowest) / std::log(kFastest / kSlowest))); }
} // namespace

TimelineBar::TimelineBar(QWidget* parent)
    : QWidget(parent)
    , m_play(new QToolButton(this))
    , m_scrubber(new QSlider(Qt::Horizontal, this))
    , m_speed(new QSlider(Qt::Horizontal, this))
    , m_stepLabel(new QLabel(this))
    , m_speedLabel(new QLabel(this))
{
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_play->setToolTip(tr("Play / pause (Space)"));
    m_play->setAccessibleName(tr("Play"));
    m_play->setAutoRaise(true);
    m_play->setIconSize(QSize(28, 28));
    m_scrubber->setAccessibleName(tr("Step"));
    m_scrubber->setToolTip(tr("Drag to any step of the trace"));
    m_speed->setRange(0, 100);
    m_speed->setFixedWidth(140);
    m_speed->setAccessibleName(tr("Speed"));
    m_speed->setToolTip(tr("Playback speed"));
    m_stepLabel->setMinimumWidth(180);
    m_speedLabel->setMinimumWidth(90);
    // Keyboard focus stays with the window so that arrows step the trace.
    for (QWidget* w : std::initializer_list<QWidget*>{m_play, m_scrubber, m_speed})
        w->setFocusPolicy(Qt::NoFocus);

    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(8, 4, 8, 4);
    row->addWidget(m_play);
    row->addWidget(m_stepLabel);
    row->addWidget(m_scrubber, 1);
    row->addWidget(new QLabel(tr("Speed"), this));
    row->addWidget(m_speed);
    row->addWidget(m_speedLabel);

    connect(m_play, &QToolButton::clicked, this, &TimelineBar::togglePlay);
    connect(m_scrubber, &QSlider::valueChanged, this, [this](int v) {
        if (m_session)
            m_session->seek(std::size_t(v));
    });
    connect(m_speed, &QSlider::valueChanged, this, [this](int) {
        m_speedLabel->setText(tr("%1 steps/s").arg(stepsPerSecond(), 0, 'g', 3));
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
    m_scrubber->setEnabled(session);
    m_play->setEnabled(session);
    if (!session) {
        m_stepLabel->setText(tr("no trace"));
        return;
    }
    m_scrubber->setRange(0, int(session->steps()));
    connect(session, &Session::stepChanged, this, &TimelineBar::showStep);
    showStep(session->step());
}

double TimelineBar::stepsPerSecond() const { return rateFor(m_speed->value()); }
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
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    m_play->setAccessibleName(tr("Pause"));
    Q_EMIT playingChanged(true);
}

void TimelineBar::pause()
{
    if (!playing())
        return;
    m_timer.stop();
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
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
