#include "ui/record/recordrunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <algorithm>
#include <cassert>

#include <signal.h>
#include <unistd.h>

#include "core/text/units.h"

namespace heapviz::ui {

namespace {
// Every line heapviz-record itself writes starts so (app/record/main.cpp).
const QString kPrefix = QStringLiteral("heapviz-record: ");
constexpr qsizetype kMaxRecorderLines = 64;
constexpr qsizetype kLongestRecorderLine = 4096;

// Why `program` cannot be run from `folder`, as the shell would look for
// it: a path when it has a slash, else a name on PATH.
QString programProblem(const QString& program, const QString& folder)
{
    if (!program.contains(QLatin1Char('/'))) {
        if (QStandardPaths::findExecutable(program).isEmpty())
            return RecordRunner::tr("No program called %1 was found on the PATH.").arg(program);
        return {};
    }
    const QFileInfo info(QDir(folder).absoluteFilePath(program));
    if (!info.exists())
        return RecordRunner::tr("%1 does not exist.").arg(program);
    if (info.isDir())
        return RecordRunner::tr("%1 is a folder, not a program.").arg(program);
    if (!info.isExecutable())
        return RecordRunner::tr("%1 is not executable (its permissions do not allow running it).").arg(program);
    return {};
}

QString traceProblem(const QString& trace)
{
    if (trace.isEmpty())
        return RecordRunner::tr("Choose where to save the trace.");
    const QFileInfo info(trace);
    if (info.isDir())
        return RecordRunner::tr("%1 is a folder: name a file for the trace.").arg(trace);
    const QFileInfo folder(info.absolutePath());
    if (!folder.isDir())
        return RecordRunner::tr("The folder %1, where the trace would go, does not exist.").arg(folder.filePath());
    if (!folder.isWritable())
        return RecordRunner::tr("The trace cannot be written to %1 (the folder is not writable).").arg(folder.filePath());
    return {};
}

QString commas(qint64 n) { return QString::fromStdString(withCommas(std::uint64_t(n))); }

// "a", "a and b", "a, b and c"; past six names, or with `unnamed` more,
// "a, ..., f and 3 more".
QString listOf(QStringList names, qint64 unnamed = 0)
{
    constexpr qsizetype kNamed = 6;
    if (names.size() > kNamed || unnamed > 0) {
        const qint64 more = std::max<qsizetype>(0, names.size() - kNamed) + unnamed;
        names.resize(std::min(names.size(), kNamed));
        names << RecordRunner::tr("%1 more").arg(more);
    }
    if (names.size() < 2)
        return names.join(QString());
    const QString last = names.takeLast();
    return RecordRunner::tr("%1 and %2").arg(names.join(QStringLiteral(", ")), last);
}

// TRACE and the traces its forks and execs wrote beside it, TRACE.<pid> and
// TRACE.<pid>.<n> (README, heapviz-record's Processes).
QStringList traceFiles(const QString& trace)
{
    const QFileInfo info(trace);
    const QRegularExpression sibling(QStringLiteral("^%1\\.\\d[\\d.]*$").arg(QRegularExpression::escape(info.fileName())));
    QStringList files;
    if (info.exists())
        files << trace;
    for (const QString& name : info.dir().entryList(QDir::Files))
        if (sibling.match(name).hasMatch())
            files << info.dir().filePath(name);
    return files;
}

// The number a pattern's first group matched in `text`, if it did.
std::optional<qint64> number(const QString& text, const QString& pattern)
{
    const QRegularExpressionMatch m = QRegularExpression(pattern).match(text);
    if (!m.hasMatch())
        return std::nullopt;
    return m.captured(1).toLongLong();
}
} // namespace

QString durationText(qint64 ms)
{
    if (ms < 10'000)
        return RecordRunner::tr("%1 s").arg(double(ms) / 1000, 0, 'f', 1);
    const qint64 s = ms / 1000;
    if (s < 60)
        return RecordRunner::tr("%1 s").arg(s);
    return RecordRunner::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

RecordRunner::RecordRunner(QString recorder, QObject* parent)
    : QObject(parent)
    , m_recorder(std::move(recorder))
{
    // One stream, in the order the program wrote it; no terminal to wait on.
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardInputFile(QProcess::nullDevice());
    // A group of its own: cancel() signals the program and its children too.
    m_process.setChildProcessModifier([] { ::setpgid(0, 0); });
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &RecordRunner::readOutput);
    connect(&m_process, &QProcess::finished, this, &RecordRunner::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, &RecordRunner::onError);
    m_killTimer.setSingleShot(true);
    connect(&m_killTimer, &QTimer::timeout, this, [this] { signalGroup(SIGKILL); });
}

RecordRunner::~RecordRunner()
{
    if (!running())
        return;
    disconnect(&m_process, nullptr, this, nullptr);
    signalGroup(SIGKILL);
    m_process.waitForFinished(3000);
    removeNewTraces();
}

// A stopped recording's traces are unfinished: none is left to open later.
void RecordRunner::removeNewTraces() const
{
    for (const QString& file : traceFiles(m_request.tracePath))
        if (!m_tracesBefore.contains(file))
            QFile::remove(file);
}

QString RecordRunner::problemWith(const RecordRequest& request)
{
    if (request.program.trimmed().isEmpty())
        return tr("Choose a program to record.");
    if (request.workingDirectory.isEmpty() || !QFileInfo(request.workingDirectory).isDir())
        return tr("The working folder %1 does not exist.").arg(request.workingDirectory);
    if (const QString problem = programProblem(request.program, request.workingDirectory); !problem.isEmpty())
        return problem;
    return traceProblem(request.tracePath.isEmpty() ? QString()
                                                    : QDir(request.workingDirectory).absoluteFilePath(request.tracePath));
}

void RecordRunner::start(const RecordRequest& request)
{
    assert(!running() && "one recording at a time: cancel() the running one first");
    m_request = request;
    // heapviz-record runs in the working folder; the window opens the trace from anywhere.
    if (!request.tracePath.isEmpty())
        m_request.tracePath = QDir::cleanPath(QDir(request.workingDirectory).absoluteFilePath(request.tracePath));
    forgetLastRun();
    if (const QString problem = problemWith(request); !problem.isEmpty()) {
        RecordResult result;
        result.outcome = RecordResult::Outcome::CannotRun;
        result.message = problem;
        return finish(result);
    }
    m_tracesBefore = traceFiles(m_request.tracePath);
    m_tracesBefore.removeAll(m_request.tracePath); // heapviz-record replaces it
    m_process.setProgram(m_recorder);
    m_process.setArguments(QStringList{QStringLiteral("-o"), m_request.tracePath, QStringLiteral("--"), request.program}
                           + request.arguments);
    m_process.setWorkingDirectory(request.workingDirectory);
    m_process.start();
}

void RecordRunner::forgetLastRun()
{
    m_cancelled = false;
    m_output.clear();
    m_dropped = 0;
    m_partialLine.clear();
    m_recorderLines.clear();
    m_decoder.resetState();
    m_clock.start();
    m_elapsed = 0;
}

void RecordRunner::cancel()
{
    if (!running() || m_cancelled)
        return;
    m_cancelled = true;
    signalGroup(SIGTERM);
    m_killTimer.start(m_killAfter);
}

qint64 RecordRunner::elapsedMs() const { return running() ? m_clock.elapsed() : m_elapsed; }

void RecordRunner::signalGroup(int signal)
{
    if (const qint64 pid = m_process.processId(); pid > 0)
        ::kill(-pid_t(pid), signal);
}

void RecordRunner::readOutput()
{
    const QString text = m_decoder(m_process.readAllStandardOutput());
    if (text.isEmpty())
        return;
    keepOutput(text);
    // The recorder's own lines, which say what was recorded.
    m_partialLine += text;
    qsizetype from = 0;
    for (qsizetype end; (end = m_partialLine.indexOf(QLatin1Char('\n'), from)) >= 0; from = end + 1) {
        const QStringView line = QStringView(m_partialLine).sliced(from, end - from);
        if (!line.startsWith(kPrefix))
            continue;
        if (m_recorderLines.size() == kMaxRecorderLines) // its own come last: keep the newest
            m_recorderLines.removeFirst();
        m_recorderLines << line.sliced(kPrefix.size()).toString();
    }
    m_partialLine.remove(0, from);
    if (m_partialLine.size() > kLongestRecorderLine)
        m_partialLine.clear(); // the program's, not the recorder's
    Q_EMIT outputChanged();
}

// Keeps the tail, cut at a line's start where one is near.
void RecordRunner::keepOutput(const QString& text)
{
    m_output += text;
    if (m_output.size() <= 2 * kOutputLimit)
        return;
    qsizetype cut = m_output.size() - kOutputLimit;
    if (const qsizetype newline = m_output.indexOf(QLatin1Char('\n'), cut); newline >= 0 && newline - cut < 1024)
        cut = newline + 1;
    m_output.remove(0, cut);
    m_dropped += cut;
}

void RecordRunner::onError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart)
        return; // the others end in finished() too
    RecordResult result;
    result.outcome = RecordResult::Outcome::RecorderFailed;
    result.message = tr("heapviz-record (%1) could not be started: %2.").arg(m_recorder, m_process.errorString());
    finish(result);
}

void RecordRunner::onFinished(int exitCode, QProcess::ExitStatus status)
{
    m_killTimer.stop();
    readOutput();
    // A last line without its newline.
    if (const QString rest = std::exchange(m_partialLine, QString()); rest.startsWith(kPrefix))
        m_recorderLines << rest.sliced(kPrefix.size());
    m_elapsed = m_clock.elapsed();
    RecordResult result;
    if (m_cancelled) {
        removeNewTraces();
        result.outcome = RecordResult::Outcome::Cancelled;
        result.message = tr("Recording of %1 stopped after %2; nothing was opened, and the unfinished trace was deleted.")
                             .arg(QFileInfo(m_request.program).fileName(), durationText(m_elapsed));
    } else if (status == QProcess::CrashExit) {
        result.outcome = RecordResult::Outcome::RecorderFailed;
        result.message = tr("heapviz-record was ended by a signal while it recorded %1; nothing was opened.")
                             .arg(QFileInfo(m_request.program).fileName());
    } else {
        result = interpret(exitCode);
    }
    finish(result);
}

void RecordRunner::finish(RecordResult result)
{
    result.elapsedMs = elapsedMs();
    Q_EMIT finished(result);
}

// The rest of the recorder's line that starts with `start`, or empty.
QString RecordRunner::recorderSaid(const QString& start) const
{
    for (const QString& line : m_recorderLines)
        if (line.startsWith(start))
            return line.sliced(start.size());
    return {};
}

// The traces of forks and execs heapviz-record counted ("its forks and
// execs wrote N more traces"), and the programs it grouped them by ("  PATH,
// 3 traces: ...", "  and 4 more programs, ..."), in its order: the program
// with the largest trace first.
RecordRunner::OtherTraces RecordRunner::otherTraces() const
{
    OtherTraces others;
    static const QRegularExpression program(QStringLiteral(R"(^  (.+), \d+ traces?: )"));
    for (const QString& line : m_recorderLines) {
        others.count += number(line, QStringLiteral(R"(^its forks and execs wrote (\d+) more trace)")).value_or(0);
        if (const QRegularExpressionMatch m = program.match(line); m.hasMatch())
            others.programs << QFileInfo(m.captured(1)).fileName();
        others.unnamedPrograms += number(line, QStringLiteral(R"(^  and (\d+) more programs?, )")).value_or(0);
    }
    return others;
}

// What heapviz-record's exit status, its lines and the trace on disk say
// happened (app/record/main.cpp writes those lines).
RecordResult RecordRunner::interpret(int exitCode) const
{
    RecordResult r;
    r.exitStatus = exitCode;
    // It ran: its name says which (the path is in the dialog above).
    const QString program = QFileInfo(m_request.program).fileName();
    const QString& trace = m_request.tracePath;
    // "cannot run PROGRAM: reason": execvp failed in the launcher's child.
    if (const QString said = recorderSaid(QStringLiteral("cannot run ")); !said.isEmpty()) {
        r.outcome = RecordResult::Outcome::CannotRun;
        r.message = tr("%1 could not be started: %2.").arg(program, said.section(QStringLiteral(": "), -1));
        return r;
    }
    QString ending; // how the program ended, when not with status 0
    for (const QString& line : m_recorderLines)
        if (const qsizetype at = line.indexOf(QStringLiteral(" was ended by signal ")); at >= 0)
            ending = line.sliced(at + 1);
    if (ending.isEmpty() && exitCode != 0)
        ending = tr("exited with status %1").arg(exitCode);
    if (!recorderSaid(QStringLiteral("no trace was written")).isEmpty()) {
        r.outcome = RecordResult::Outcome::NoTrace;
        r.message = tr("No trace was written: %1 is statically linked or set-user-ID, so the system's loader ignored "
                       "the recorder heapviz-record preloads into it (LD_PRELOAD). It ran unrecorded%2. Only "
                       "dynamically linked programs can be recorded.")
                        .arg(program, ending.isEmpty() ? QString() : tr(" and %1").arg(ending));
        return r;
    }
    if (!QFileInfo::exists(trace)) {
        r.outcome = RecordResult::Outcome::RecorderFailed;
        r.message = tr("heapviz-record wrote no trace of %1 (exit status %2)%3")
                        .arg(program, QString::number(exitCode),
                             m_recorderLines.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + m_recorderLines.last());
        return r;
    }
    // "TRACE: 25 operations, 3 frees of pointers from before recording skipped"
    const QString summary = recorderSaid(trace + QStringLiteral(": "));
    r.operations = number(summary, QStringLiteral(R"(^(\d+) operations)"));
    r.skippedFrees = number(summary, QStringLiteral(R"((\d+) frees of pointers from before recording skipped)")).value_or(0);
    if (r.operations == 0) {
        r.outcome = RecordResult::Outcome::NothingRecorded;
        r.message = tr("%1 ran%2 but made no allocation the recorder saw: its trace has no operations, so there is "
                       "nothing to show.")
                        .arg(program, ending.isEmpty() ? QString() : QStringLiteral(" (and %1)").arg(ending));
        return r;
    }
    r.tracePath = trace;
    if (!r.operations) {
        r.outcome = RecordResult::Outcome::ProgramFailed;
        r.message = tr("The trace of %1 is incomplete: it has no summary at its end (%2).").arg(program, summary);
        return r;
    }
    if (!ending.isEmpty()) {
        r.outcome = RecordResult::Outcome::ProgramFailed;
        r.message = tr("%1 %2 after %3 operations were recorded. Its trace is kept; open it to see them.")
                        .arg(program, ending, commas(*r.operations));
        return r;
    }
    r.outcome = RecordResult::Outcome::Recorded;
    r.message = tr("Recorded %1 operations of %2.").arg(commas(*r.operations), program);
    if (r.skippedFrees > 0)
        r.message += tr(" %1 frees of pointers allocated before recording began were skipped.").arg(commas(r.skippedFrees));
    if (const OtherTraces others = otherTraces(); others.count > 0)
        r.message += tr(" Its forks and the programs it started wrote %1 beside it (%2.*), of %3: the output "
                        "above names each one's largest.")
                         .arg(others.count == 1 ? tr("one more trace") : tr("%1 more traces").arg(others.count),
                              QFileInfo(trace).fileName(), listOf(others.programs, others.unnamedPrograms));
    return r;
}

} // namespace heapviz::ui
