#pragma once
// An animated GIF of a range of steps, as a class saw it play: each step
// forward (a compaction move by move) is drawn at several points of the
// lanes' step animation (the search flashing, blocks growing in, fading,
// sliding), by driving the animation's progress, not only its end. The GUI
// thread draws a frame a turn; a worker quantises and encodes the frame
// before, so the window keeps answering.
//
// Timing, at `stepsPerSecond` (a step lasts D = 1000 / speed ms): the first
// frame, the state at `from`, shows for D. Below 12 steps a second (where
// the window animates) each step is `framesPerStep` frames spread over the
// window's animation time A = min(1200, 850 / speed) ms, the last one held
// until D; faster, one frame per step, for D. Delays are whole hundredths of
// a second, rounded so that every step adds up to D.

#include <QFuture>
#include <QPointer>
#include <QSize>
#include <QThreadPool>

#include <memory>
#include <vector>

#include "ui/export/exportjob.h"
#include "ui/export/gifwriter.h"

class QWidget;

namespace heapviz::ui {

class LaneWidget;
class Session;

struct GifOptions {
    std::size_t from = 0;       // steps: the first frame shows `from`
    std::size_t to = 0;         // and the last `to`; from < to
    double stepsPerSecond = 2;  // kMinSpeed .. kMaxSpeed
    int framesPerStep = 0;      // while animating; 0: one every 50 ms of the animation
    QSize size;                 // of the GIF; empty: the widget's own

    static constexpr double kMinSpeed = 0.25;
    static constexpr double kMaxSpeed = 50; // a 2/100 s frame: the least that viewers honour
    static constexpr double kAnimateBelow = 12; // the window's own limit
};

// The delays, in 1/100 s, of the frames of one step (their count is the
// frames a step takes), and of the first frame.
std::vector<int> gifStepDelays(const GifOptions& options);
int gifFirstDelay(const GifOptions& options);
// Steps forward from `from` to `to`: one per operation, one more per move
// of a compaction stepped through.
std::size_t gifSteps(const Session& session, std::size_t from, std::size_t to);
// The palette for a widget: its theme's colours and the lanes' kept exact.
GifPalette gifPaletteFor(const QWidget& widget, const Session& session);

class GifExport : public ExportJob {
    Q_OBJECT
public:
    // Draws `target` (the window, or one of `lanes`) while stepping `session`
    // through the range; `lanes` are every lane widget showing the session.
    // The session is back at its step afterwards.
    GifExport(Session& session, std::vector<LaneWidget*> lanes, QWidget& target, QString path, GifOptions options,
              QObject* parent = nullptr);
    ~GifExport() override;

    int total() const override { return m_frames; }

protected:
    bool begin(QString& error) override;
    Slice slice(QString& error) override;
    bool end(QString& error) override;
    void abandon() override;

private:
    QImage drawFrame(double progress);
    bool encoderFailed(QString& error);

    QPointer<Session> m_session;
    std::vector<QPointer<LaneWidget>> m_lanes;
    QPointer<QWidget> m_target;
    QString m_path;
    GifOptions m_options;
    std::vector<int> m_stepDelays;
    int m_frames = 0;
    int m_drawn = 0;             // frames drawn so far
    std::size_t m_returnTo = 0;  // the session's step before the export
    QSize m_size;
    std::unique_ptr<GifPalette> m_palette;
    std::unique_ptr<GifWriter> m_writer;
    QThreadPool m_pool;          // one thread: frames are encoded in order
    QFuture<bool> m_encoding;
};

} // namespace heapviz::ui
