#pragma once
// TraceLoader: reads a trace and records every lane of a session off the GUI
// thread (heaptrack's Parser, hotspot's PerfParser): start() returns at once,
// then progress() tells how far it got, and `loaded` or `failed` says how it
// ended. A newer start() cancels the older load, which then ends silently;
// reading and recording both stop within a few thousand lines or operations.
//
// The main window wires it to the views; it owns no thread of its own.

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

#include "ui/session/session.h"

namespace heapviz::ui {

// What to load, and what the window should do once it is loaded.
struct LoadRequest {
    QString path;                  // a trace file, or empty for `text` or `trace`
    QByteArray text;               // a trace's text (the built-in demo)
    std::optional<Trace> trace;    // an already parsed trace (a rerun with new settings)
    QString name;                  // the name of `text` in messages
    SessionSettings settings;
    std::size_t step = 0;          // where to stand afterwards
    bool demo = false;             // the built-in demo, with its own settings
    bool intoCompaction = false;   // then step into the compaction after `step`
    bool fromCommandLine = false;
    std::string scenario;          // a built-in scenario's name (its trace is `trace`)
};

class TraceLoader : public QObject {
    Q_OBJECT
public:
    explicit TraceLoader(QObject* parent = nullptr);
    ~TraceLoader() override;

    // Starts loading in the background; a load still running is cancelled.
    void start(LoadRequest request);
    // Loads now, on this thread, and emits the outcome before returning.
    void loadNow(LoadRequest request);
    void cancel();
    bool busy() const { return m_watcher.isRunning(); }

    // How far the running load got: its phase ("reading", "recording") and
    // the share of it done, in [0, 1]; a negative share while it is unknown.
    struct Progress {
        QString phase;
        double done = -1;
    };
    Progress progress() const;

Q_SIGNALS:
    void loaded(std::shared_ptr<SessionData> data, const LoadRequest& request);
    void failed(const QString& message, const LoadRequest& request);

private:
    // Shared with the worker.
    struct Shared {
        std::atomic<int> phase{0};           // 0 reading, 1 recording
        std::atomic<std::size_t> total{0};   // bytes to read, then operations to record
        std::atomic<std::size_t> done{0};
        std::atomic<bool> cancel{false};
    };
    struct Outcome {
        std::shared_ptr<SessionData> data;
        QString error;
        bool cancelled = false;
    };
    static Outcome run(const LoadRequest& request, Shared& shared);
    void finish(const Outcome& outcome, const LoadRequest& request);

    QFutureWatcher<Outcome> m_watcher;
    std::shared_ptr<Shared> m_shared;
    LoadRequest m_request;
};

} // namespace heapviz::ui
