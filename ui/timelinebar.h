#pragma once
// The timeline under the lanes: play/pause, step buttons, a speed control
// from one step every few seconds to thousands a second, and a scrubber
// over the whole trace.

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QSlider;
class QToolButton;

namespace heapviz::ui {

class Session;

// Below this speed every step is animated, and compactions are played move
// by move; above it the map simply shows each state.
inline constexpr double kAnimateBelowStepsPerSecond = 12;

class TimelineBar : public QWidget {
    Q_OBJECT
public:
    explicit TimelineBar(QWidget* parent = nullptr);

    void setSession(Session* session);
    bool playing() const { return m_timer.isActive(); }
    double stepsPerSecond() const;
    void setStepsPerSecond(double rate);

public Q_SLOTS:
    void togglePlay();
    void pause();

Q_SIGNALS:
    void playingChanged(bool playing);

private:
    void tick();
    void showStep(std::size_t step);

    Session* m_session = nullptr;
    QToolButton* m_play;
    QSlider* m_scrubber;
    QSlider* m_speed;
    QLabel* m_stepLabel;
    QLabel* m_speedLabel;
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_owed = 0; // fractional steps carried to the next tick
};

} // namespace heapviz::ui
