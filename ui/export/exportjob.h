#pragma once
// A long export done in slices on the GUI thread's event loop (each slice
// well under a frame), so that the window keeps answering, a progress bar
// moves and Cancel works. The session and widgets a job reads can go away
// under it (a new trace loaded): watch() them, and their end fails the job.
// Headless, runToEnd() turns a local event loop until the job is done.

#include <QObject>
#include <QPointer>
#include <QString>

class QTimer;

namespace heapviz::ui {

class ExportJob : public QObject {
    Q_OBJECT
public:
    explicit ExportJob(QObject* parent = nullptr);
    ~ExportJob() override;

    // Starts on the next turn of the event loop; finished() tells the end.
    void start();
    // Stops at the next slice: finished(false), the partial file removed.
    void cancel();
    bool running() const { return m_running; }
    bool succeeded() const { return m_succeeded; }
    bool cancelled() const { return m_cancelled; }
    QString error() const { return m_error; }
    // Runs the job to its end in a local event loop; true when it succeeded.
    bool runToEnd();

    // Units of work in all, and done so far (for a progress bar).
    virtual int total() const = 0;
    int done() const { return m_done; }

Q_SIGNALS:
    void progress(int done, int total);
    void finished(bool ok);

protected:
    enum class Slice { More, Wait, Done };
    // Opens the output; false with `error` set.
    virtual bool begin(QString& error) = 0;
    // One slice of work; Wait when a worker thread is still busy. False
    // results are reported through `error` (non-empty).
    virtual Slice slice(QString& error) = 0;
    // Completes the file; false with `error` set.
    virtual bool end(QString& error) = 0;
    // After a failure or cancel: stops any worker and removes the partial output.
    virtual void abandon() = 0;

    void watch(QObject* object);
    void advance(int units = 1) { m_done += units; }

private:
    void turn();
    void stop(bool ok, const QString& error);

    QTimer* m_timer;
    bool m_running = false;
    bool m_succeeded = false;
    bool m_cancelled = false;
    bool m_begun = false;
    int m_done = 0;
    QString m_error;
};

} // namespace heapviz::ui
