#pragma once
// RecordRunner: records one program with heapviz-record (app/record) through
// QProcess, asynchronously: start() returns at once, output() keeps the last
// of what the program printed, and `finished` says what came of it in words
// that name the program. No widget: the dialog shows it, tests drive it.
//
// The launcher runs in a process group of its own, so that cancel() reaches
// the program and anything it started: SIGTERM first (the recorder then
// flushes what it has), SIGKILL to the whole group if they are still there
// after a grace period. A cancelled recording's traces are deleted.

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QStringDecoder>
#include <QStringList>
#include <QTimer>

#include <optional>

namespace heapviz::ui {

struct RecordRequest {
    QString program;          // a path (relative to workingDirectory), or a name on PATH
    QStringList arguments;
    QString workingDirectory;
    QString tracePath;        // where heapviz-record writes the trace
};

struct RecordResult {
    enum class Outcome {
        Recorded,       // the program exited with 0 and allocated: the trace opens
        ProgramFailed,  // it exited with another status, or a signal ended it; its trace has operations
        NothingRecorded,// it ran and allocated nothing the recorder saw
        NoTrace,        // statically linked or set-user-ID: the loader ignored the recorder
        CannotRun,      // not found, not executable, no such folder: nothing ran
        RecorderFailed, // heapviz-record itself could not do its work
        Cancelled,
    };
    Outcome outcome = Outcome::RecorderFailed;
    QString message;                  // names the program and says what happened
    QString tracePath;                // a trace with operations, or empty
    std::optional<qint64> operations; // as heapviz-record counted them
    qint64 skippedFrees = 0;          // frees of pointers from before recording
    int exitStatus = 0;               // the program's (128 + N for signal N)
    qint64 elapsedMs = 0;
};

// "0.4 s", "12 s", "3 min 05 s": how long a recording ran.
QString durationText(qint64 ms);

class RecordRunner : public QObject {
    Q_OBJECT
public:
    // `recorder`: the heapviz-record executable (RecorderLocation finds it).
    explicit RecordRunner(QString recorder, QObject* parent = nullptr);
    ~RecordRunner() override;

    // Why `request` cannot run, in a sentence, or empty when it can.
    static QString problemWith(const RecordRequest& request);
    // Starts recording; a request with a problem finishes at once (CannotRun).
    void start(const RecordRequest& request);
    // Stops a running recording: nothing is opened, the trace is deleted.
    void cancel();
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    qint64 elapsedMs() const;

    // The last kOutputLimit characters or so of the program's standard
    // output and error (and the recorder's own lines), whole lines.
    static constexpr qsizetype kOutputLimit = 32 * 1024;
    QString output() const { return m_output; }
    qint64 droppedOutput() const { return m_dropped; } // characters no longer kept
    // After cancel(), how long the program has to end before it is killed.
    void setKillAfter(int ms) { m_killAfter = ms; }

Q_SIGNALS:
    void outputChanged();
    void finished(const heapviz::ui::RecordResult& result);

private:
    void forgetLastRun();
    void readOutput();
    void keepOutput(const QString& text);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void signalGroup(int signal);
    void finish(RecordResult result);
    RecordResult interpret(int exitCode) const;
    QString recorderSaid(const QString& start) const;
    struct OtherTraces {
        qint64 count = 0;
        QStringList programs;       // their file names, the one with the largest trace first
        qint64 unnamedPrograms = 0; // past those
    };
    OtherTraces otherTraces() const;
    void removeNewTraces() const;

    QString m_recorder;
    QProcess m_process;
    QTimer m_killTimer;
    QElapsedTimer m_clock;
    qint64 m_elapsed = 0;
    int m_killAfter = 3000;
    bool m_cancelled = false;
    RecordRequest m_request;
    QStringDecoder m_decoder{QStringDecoder::System};
    QString m_output;
    qint64 m_dropped = 0;
    QString m_partialLine;
    QStringList m_recorderLines; // what heapviz-record itself said
    QStringList m_tracesBefore;  // forks' traces of an earlier recording to the same file
};

} // namespace heapviz::ui
