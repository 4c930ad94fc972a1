#pragma once
// The timeline under the lanes: play/pause, a speed control from one step
// every four seconds to 5,000 a second ([ and ] step it), and a scrubber
// over the whole trace with the faults marked along it (hover one to read it).

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
    // "5,000 steps/s", "0.3 steps/s", "1 step/s".
    static QString speedText(double stepsPerSecond);
    QString speedLabel() const;
    // The steps the marks stand at (the faults), for tests.
    const std::vector<std::size_t>& markedSteps() const;
    // What each mark's tooltip says, in the same order, for tests.
    const std::vector<QString>& markTexts() const;
    // A scenario's bookmarks, marked under the scrubber (their sentences as
    // tooltips); a new session clears them.
    void setBookmarks(std::vector<std::size_t> steps, std::vector<QString> texts);
    const std::vector<std::size_t>& bookmarkedSteps() const;
    const std::vector<QString>& bookmarkTexts() const;

public Q_SLOTS:
    void togglePlay();
    void pause();
    void slower();
    void faster();

Q_SIGNALS:
    void playingChanged(bool playing);
    void speedChanged(double stepsPerSecond);

protected:
    void changeEvent(QEvent* event) override;

private:
    void tick();
    void showStep(std::size_t step);

    Session* m_session = nullptr;
    QToolButton* m_play;
    class Marks;
    Marks* m_marks;
    Marks* m_bookmarks;
    QSlider* m_scrubber;
    QSlider* m_speed;
    QLabel* m_stepLabel;
    QLabel* m_speedLabel;
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_owed = 0; // fractional steps carried to the next tick
};

} // namespace heapviz::ui
