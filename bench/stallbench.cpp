// How long the window ever stops answering: the longest gap between two
// turns of the GUI thread's event loop while (1) a 1,000,000-operation trace
// loads in four lanes after the demo, and (2) it plays at full speed. A
// 1 ms timer measures the gaps; anything the GUI thread does in one go
// (installing the session, building charts, drawing a frame) shows as one.
//
//   build/dev/bench/stallbench [--ops N] [--play-seconds S]

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "core/trace/tracewriter.h"
#include "core/trace/workloads.h"
#include "ui/window/mainwindow.h"
#include "ui/session/session.h"
#include "ui/window/timelinebar.h"

using namespace heapviz;

namespace {

// Watches the event loop: the longest time between two of its turns.
class StallMeter : public QObject {
public:
    StallMeter()
    {
        m_timer.setInterval(1);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_longest = std::max(m_longest, now - m_last);
            m_last = now;
            ++m_turns;
        });
    }
    void start()
    {
        m_longest = 0;
        m_turns = 0;
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double longestMs() const { return double(m_longest) / 1e6; }
    double elapsedMs() const { return double(m_clock.nsecsElapsed()) / 1e6; }
    long turns() const { return m_turns; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
    long m_turns = 0;
};

template <class Sender, class Signal> void waitFor(const Sender* sender, Signal signal, int timeoutMs)
{
    QEventLoop loop;
    QObject::connect(sender, signal, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::size_t ops = 1'000'000;
    int playSeconds = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--ops"))
            ops = std::stoul(argv[i + 1]);
        if (!std::strcmp(argv[i], "--play-seconds"))
            playSeconds = std::stoi(argv[i + 1]);
    }
    WorkloadSpec spec;
    spec.kind = WorkloadKind::Larson;
    spec.ops = ops;
    spec.live = 50'000;
    spec.freeAtEnd = false;
    QTemporaryDir dir;
    const QString path = dir.filePath("larson.rep");
    {
        std::ofstream out(path.toStdString());
        writeTrace(out, generateWorkload(spec));
    }

    const std::vector<std::string> four{"first", "next", "best", "worst"};
    ui::MainWindow window{ui::SettingsStore::Mode::Ephemeral};
    window.setAttribute(Qt::WA_DontShowOnScreen);
    window.resize(1600, 900);
    window.show();
    ui::SessionSettings demo = ui::MainWindow::defaultDemoSettings();
    demo.lanes = four;
    window.setDemoSettings(demo);
    window.openDemo(/*wait=*/true);
    ui::SessionSettings traces = window.traceSettings();
    traces.lanes = four;
    window.setTraceSettings(traces, false);
    QApplication::processEvents();

    StallMeter meter;
    meter.start();
    window.openTraceFile(path);
    waitFor(&window, &ui::MainWindow::sessionLoaded, 600'000);
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 500)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
    meter.stop();
    std::printf("load %zu operations x 4 lanes after the demo: %.2f s; longest GUI stall %.1f ms (%ld loop turns)\n",
                window.session() ? window.session()->steps() : 0, meter.elapsedMs() / 1000, meter.longestMs(),
                meter.turns());

    window.timeline()->setStepsPerSecond(5000);
    meter.start();
    window.timeline()->togglePlay();
    QElapsedTimer playing;
    playing.start();
    while (playing.elapsed() < playSeconds * 1000)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
    const std::size_t reached = window.session()->step();
    window.timeline()->pause();
    meter.stop();
    std::printf("play at 5,000 steps/s for %d s: reached step %zu; longest GUI stall %.1f ms (%ld loop turns)\n",
                playSeconds, reached, meter.longestMs(), meter.turns());

    meter.start();
    for (int i = 0; i < 20; ++i) { // scrubbing: jumps across the whole trace
        window.session()->seek(std::size_t(i) * 49'999 % window.session()->steps());
        QApplication::processEvents();
    }
    meter.stop();
    std::printf("20 jumps across the trace: longest GUI stall %.1f ms\n", meter.longestMs());
    return 0;
}
