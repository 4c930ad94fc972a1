// File → Record a program… as a user meets it: a known program recorded and
// its trace opened with the operations it made; a program that is missing,
// not executable, statically linked, failing or allocating nothing named in
// a message that says what happened; Cancel stopping a long run quickly,
// even a program deaf to SIGTERM; and the window opening the trace, or
// keeping its session when the recording fails.

#include <gtest/gtest.h>

#include <QAction>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "core/trace/traceparser.h"
#include "ui/record/recorddialog.h"
#include "ui/record/recorderlocation.h"
#include "ui/record/recordrunner.h"
#include "ui/window/mainwindow.h"

using namespace heapviz;
using namespace heapviz::ui;
using Outcome = RecordResult::Outcome;

namespace {

QString program(const char* name) { return QStringLiteral(RECORD_PROGRAMS "/record_%1").arg(QLatin1String(name)); }

// HEAPVIZ_RECORD set (or unset) for one test, as it was afterwards.
class RecorderOverride {
public:
    explicit RecorderOverride(const char* value)
        : m_old(qgetenv("HEAPVIZ_RECORD"))
        , m_had(qEnvironmentVariableIsSet("HEAPVIZ_RECORD"))
    {
        value ? qputenv("HEAPVIZ_RECORD", value) : qunsetenv("HEAPVIZ_RECORD");
    }
    ~RecorderOverride() { m_had ? qputenv("HEAPVIZ_RECORD", m_old) : qunsetenv("HEAPVIZ_RECORD"); }

private:
    QByteArray m_old;
    bool m_had;
};

// A runner of the built heapviz-record, and the outcome of its recording.
struct Recording : ::testing::Test {
    QTemporaryDir dir;
    RecordRunner runner{QStringLiteral(HEAPVIZ_RECORD)};
    std::optional<RecordResult> result;

    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        QObject::connect(&runner, &RecordRunner::finished, [this](const RecordResult& r) { result = r; });
    }
    RecordRequest request(const QString& what, QStringList arguments = {}, const QString& trace = "trace.rep")
    {
        return RecordRequest{what, std::move(arguments), dir.path(), dir.filePath(trace)};
    }
    // Records and waits (at most `ms`) for the outcome.
    const RecordResult& record(const RecordRequest& r, int ms = 20000)
    {
        result.reset();
        runner.start(r);
        EXPECT_TRUE(QTest::qWaitFor([this] { return result.has_value(); }, ms)) << "still recording";
        if (!result)
            result = RecordResult{};
        return *result;
    }
};

} // namespace

TEST(RecorderLocation, FindsTheLauncherBesideTheAppOrInTheBuildTree)
{
    const RecorderOverride none(nullptr);
    QTemporaryDir installed; // bin/heapviz and bin/heapviz-record
    QTemporaryDir built;     // app/heapviz and app/record/heapviz-record
    const auto executable = [](const QString& path) {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.setPermissions(f.permissions() | QFile::ExeUser);
    };
    executable(installed.filePath("heapviz-record"));
    QDir(built.path()).mkdir("record");
    executable(built.filePath("record/heapviz-record"));

    EXPECT_EQ(RecorderLocation::find(installed.path()).path, installed.filePath("heapviz-record"));
    EXPECT_EQ(RecorderLocation::find(built.path()).path, built.filePath("record/heapviz-record"));

    QTemporaryDir empty;
    const RecorderLocation missing = RecorderLocation::find(empty.path());
    EXPECT_FALSE(missing.found());
    const QString why = missing.whyMissing();
    EXPECT_TRUE(why.contains(empty.filePath("heapviz-record"))) << why.toStdString();
    EXPECT_TRUE(why.contains(empty.filePath("record/heapviz-record"))) << why.toStdString();
    EXPECT_TRUE(why.contains("cmake --install")) << "says how to get it: " << why.toStdString();
}

TEST_F(Recording, TheKnownPatternIsRecordedAndItsTraceHasItsOperations)
{
    const RecordResult& r = record(request(program("pattern")));
    ASSERT_EQ(r.outcome, Outcome::Recorded) << r.message.toStdString() << "\n" << runner.output().toStdString();
    EXPECT_EQ(r.operations, 25);
    EXPECT_EQ(r.message, "Recorded 25 operations of record_pattern.");
    EXPECT_EQ(r.tracePath, dir.filePath("trace.rep"));
    EXPECT_EQ(loadTrace(r.tracePath.toStdString()).ops.size(), 25u) << "the trace opens with every operation";
    EXPECT_TRUE(runner.output().contains("trace.rep: 25 operations")) << "the recorder's own summary is shown";
}

TEST_F(Recording, ALaunchersOtherTracesAreNamedByProgram)
{
    // A script as a launcher: the pattern's one trace (25 operations) is
    // larger than any of the forks program's three (4, 3 and 2), so it is named first.
    const QString script = program("pattern") + " && " + program("forks");
    const RecordResult& r = record(request("sh", {"-c", script}));
    ASSERT_EQ(r.outcome, Outcome::Recorded) << r.message.toStdString() << "\n" << runner.output().toStdString();
    EXPECT_TRUE(r.message.endsWith(" Its forks and the programs it started wrote 4 more traces beside it (trace.rep.*), "
                                   "of record_pattern and record_forks: the output above names each one's largest."))
        << r.message.toStdString();
    EXPECT_EQ(r.tracePath, dir.filePath("trace.rep")) << "the trace of the program asked for opens";
}

TEST_F(Recording, AScriptOfManyProgramsNamesSixAndCountsTheRest)
{
    // Ten copies of the pattern program, 25 operations each: the recorder
    // names eight (in the order of their paths, all as large) and counts two.
    QStringList commands;
    for (int i = 0; i < 10; ++i) {
        const QString copy = dir.filePath(QStringLiteral("pattern%1").arg(i));
        ASSERT_TRUE(QFile::copy(program("pattern"), copy));
        commands << copy;
    }
    const RecordResult& r = record(request("sh", {"-c", commands.join(" && ")}));
    ASSERT_EQ(r.outcome, Outcome::Recorded) << r.message.toStdString();
    EXPECT_TRUE(r.message.contains("wrote 10 more traces beside it (trace.rep.*), of pattern0, pattern1, pattern2, "
                                   "pattern3, pattern4, pattern5 and 4 more: "))
        << r.message.toStdString();
}

TEST_F(Recording, AMissingOrNonExecutableProgramIsNamed)
{
    const RecordResult& notOnPath = record(request("heapviz-no-such-program"));
    EXPECT_EQ(notOnPath.outcome, Outcome::CannotRun);
    EXPECT_EQ(notOnPath.message, "No program called heapviz-no-such-program was found on the PATH.");

    const RecordResult& noFile = record(request(dir.filePath("gone")));
    EXPECT_EQ(noFile.outcome, Outcome::CannotRun);
    EXPECT_EQ(noFile.message, dir.filePath("gone") + " does not exist.");

    QFile script(dir.filePath("notes.txt"));
    ASSERT_TRUE(script.open(QIODevice::WriteOnly));
    script.write("echo hello\n");
    script.close();
    const RecordResult& notExecutable = record(request("./notes.txt")); // relative to the working folder
    EXPECT_EQ(notExecutable.outcome, Outcome::CannotRun);
    EXPECT_EQ(notExecutable.message, "./notes.txt is not executable (its permissions do not allow running it).");
    EXPECT_FALSE(QFile::exists(dir.filePath("trace.rep"))) << "nothing ran, nothing was written";
}

TEST_F(Recording, AStaticallyLinkedProgramIsExplained)
{
    const RecordResult& r = record(request(program("static")));
    EXPECT_EQ(r.outcome, Outcome::NoTrace);
    EXPECT_TRUE(r.message.startsWith("No trace was written: record_static is statically linked"))
        << r.message.toStdString();
    EXPECT_TRUE(r.tracePath.isEmpty());
}

TEST_F(Recording, AFailingProgramSaysHowItEndedAndKeepsItsTrace)
{
    const RecordResult& exited = record(request("ls", {"heapviz-no-such-folder"}));
    EXPECT_EQ(exited.outcome, Outcome::ProgramFailed);
    EXPECT_EQ(exited.exitStatus, 2);
    EXPECT_TRUE(exited.message.startsWith("ls exited with status 2 after ")) << exited.message.toStdString();
    EXPECT_FALSE(exited.tracePath.isEmpty()) << "what it did allocate can still be opened";
    EXPECT_TRUE(runner.output().contains("heapviz-no-such-folder")) << "ls's complaint is shown";

    const RecordResult& crashed = record(request(program("crash"), {}, "crash.rep"));
    EXPECT_EQ(crashed.outcome, Outcome::ProgramFailed);
    EXPECT_TRUE(crashed.message.contains("was ended by signal 6")) << crashed.message.toStdString();
}

TEST_F(Recording, AProgramThatAllocatesNothingIsSaidToHaveNothingToShow)
{
    const RecordResult& r = record(request(program("idle")));
    EXPECT_EQ(r.outcome, Outcome::NothingRecorded) << r.message.toStdString();
    EXPECT_EQ(r.operations, 0);
    EXPECT_TRUE(r.message.contains("made no allocation")) << r.message.toStdString();
    EXPECT_TRUE(r.tracePath.isEmpty()) << "nothing to open";
}

TEST_F(Recording, CancelStopsALongRunQuicklyAndDeletesItsTrace)
{
    runner.start(request(program("idle"), {"30"}));
    QTest::qWait(300); // running, the recorder loaded
    ASSERT_TRUE(runner.running());
    QElapsedTimer clock;
    clock.start();
    runner.cancel();
    ASSERT_TRUE(QTest::qWaitFor([this] { return result.has_value(); }, 5000));
    EXPECT_LT(clock.elapsed(), 2000) << "SIGTERM ends it; no waiting for the kill";
    EXPECT_EQ(result->outcome, Outcome::Cancelled);
    EXPECT_TRUE(result->tracePath.isEmpty());
    EXPECT_FALSE(QFile::exists(dir.filePath("trace.rep"))) << "no half-written trace is left to open";
}

TEST_F(Recording, CancelLeavesNoTraceOfTheProgramsChildrenEither)
{
    // The shell forks ls (which writes trace.rep.<pid>), then waits on sleep.
    runner.start(request("sh", QProcess::splitCommand(QStringLiteral(R"(-c "ls > /dev/null; sleep 30")"))));
    QTest::qWait(500);
    ASSERT_TRUE(runner.running());
    runner.cancel();
    ASSERT_TRUE(QTest::qWaitFor([this] { return result.has_value(); }, 5000));
    EXPECT_EQ(result->outcome, Outcome::Cancelled);
    EXPECT_EQ(QDir(dir.path()).entryList({"trace.rep*"}, QDir::Files), QStringList()) << "every unfinished trace went";
}

TEST_F(Recording, CancelKillsAProgramDeafToTerm)
{
    runner.setKillAfter(500);
    runner.start(request(program("idle"), {"30", "deaf"}));
    QTest::qWait(300);
    ASSERT_TRUE(runner.running());
    QElapsedTimer clock;
    clock.start();
    runner.cancel();
    ASSERT_TRUE(QTest::qWaitFor([this] { return result.has_value(); }, 5000));
    EXPECT_GE(clock.elapsed(), 400) << "it was given its grace period";
    EXPECT_LT(clock.elapsed(), 2500);
    EXPECT_EQ(result->outcome, Outcome::Cancelled);
    EXPECT_FALSE(QFile::exists(dir.filePath("trace.rep")));
}

TEST_F(Recording, OnlyTheTailOfALongOutputIsKept)
{
    const RecordResult& r = record(request("seq", {"1", "200000"}));
    EXPECT_EQ(r.outcome, Outcome::Recorded) << r.message.toStdString();
    EXPECT_GT(runner.droppedOutput(), 1000000) << "seq printed 1.3 MB";
    EXPECT_LE(runner.output().size(), 2 * RecordRunner::kOutputLimit);
    EXPECT_TRUE(runner.output().contains("\n200000\n")) << "the end is what is shown";
}

TEST(RecordDialog, RemembersTheProgramItsArgumentsAndFolder)
{
    QTemporaryDir dir;
    SettingsStore store(SettingsStore::Mode::Ephemeral);
    store.addRecentFile(dir.filePath("old.rep")); // the trace folder the app remembers
    {
        RecordDialog dialog(store, QStringLiteral(HEAPVIZ_RECORD));
        dialog.programEdit()->setText(program("pattern"));
        EXPECT_EQ(dialog.traceEdit()->text(), dir.filePath("record_pattern.rep"))
            << "the trace is named after the program, in the folder of the last trace";
        dialog.argumentsEdit()->setText(R"(-x "two words")");
        dialog.directoryEdit()->setText(dir.path());
        EXPECT_EQ(dialog.request().arguments, (QStringList{"-x", "two words"})) << "split as a shell splits";
        dialog.directoryEdit()->setText("~");
        EXPECT_EQ(dialog.request().workingDirectory, QDir::homePath()) << "~ is the home folder, as in a shell";
        dialog.directoryEdit()->setText(dir.path());
        QSignalSpy recorded(&dialog, &RecordDialog::traceRecorded);
        dialog.record();
        ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.result().has_value(); }, 20000));
        EXPECT_EQ(recorded.count(), 1);
        EXPECT_EQ(dialog.traceEdit()->text(), dir.filePath("record_pattern-2.rep"))
            << "the next recording does not overwrite this one";
    }
    RecordDialog again(store, QStringLiteral(HEAPVIZ_RECORD));
    EXPECT_EQ(again.programEdit()->text(), program("pattern"));
    EXPECT_EQ(again.argumentsEdit()->text(), R"(-x "two words")");
    EXPECT_EQ(again.directoryEdit()->text(), dir.path());
}

TEST(RecordDialog, ShowsTheRunningTimeAndCancelStops)
{
    QTemporaryDir dir;
    SettingsStore store(SettingsStore::Mode::Ephemeral);
    RecordDialog dialog(store, QStringLiteral(HEAPVIZ_RECORD));
    dialog.show();
    dialog.programEdit()->setText(program("idle"));
    dialog.argumentsEdit()->setText("30");
    dialog.directoryEdit()->setText(dir.path());
    dialog.traceEdit()->setText(dir.filePath("idle.rep"));
    QSignalSpy recorded(&dialog, &RecordDialog::traceRecorded);
    QTest::mouseClick(dialog.recordButton(), Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.statusLabel()->text().contains(" s"); }, 3000));
    EXPECT_TRUE(dialog.statusLabel()->text().startsWith("Recording record_idle… running for "))
        << dialog.statusLabel()->text().toStdString();
    EXPECT_FALSE(dialog.programEdit()->isEnabled()) << "the request cannot change under a running recording";
    EXPECT_EQ(dialog.closeButton()->text(), "Cancel");

    QTest::mouseClick(dialog.closeButton(), Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.result().has_value(); }, 5000));
    EXPECT_TRUE(dialog.isVisible()) << "Cancel stops the recording; the dialog says so";
    EXPECT_TRUE(dialog.statusLabel()->text().contains("stopped")) << dialog.statusLabel()->text().toStdString();
    EXPECT_EQ(dialog.closeButton()->text(), "Close");
    EXPECT_TRUE(dialog.programEdit()->isEnabled());
    EXPECT_EQ(recorded.count(), 0) << "nothing opens";
}

namespace {
struct RecordInWindow : ::testing::Test {
    MainWindow window{SettingsStore::Mode::Ephemeral};
    QTemporaryDir dir;
    void SetUp() override
    {
        window.resize(1280, 800);
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
        window.openDemo(/*wait=*/true);
        ASSERT_TRUE(window.showingDemo());
    }
    // File → Record a program…, then Record with `what` and a trace in `dir`.
    RecordDialog* recordFromMenu(const QString& what, const QString& arguments = {})
    {
        window.action("record")->trigger();
        auto* dialog = window.findChild<RecordDialog*>();
        if (!dialog)
            return nullptr;
        dialog->programEdit()->setText(what);
        dialog->argumentsEdit()->setText(arguments);
        dialog->directoryEdit()->setText(dir.path());
        dialog->traceEdit()->setText(dir.filePath(QFileInfo(what).fileName() + ".rep"));
        QSignalSpy finished(&dialog->runner(), &RecordRunner::finished);
        QTest::mouseClick(dialog->recordButton(), Qt::LeftButton);
        EXPECT_TRUE(QTest::qWaitFor([&] { return finished.count() > 0; }, 20000));
        return dialog;
    }
};
} // namespace

TEST_F(RecordInWindow, FileMenuRecordsAProgramAndOpensItsTrace)
{
    const RecorderOverride recorder(HEAPVIZ_RECORD);
    EXPECT_EQ(window.action("record")->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
    for (const QAction* other : window.findChildren<QAction*>()) {
        if (other == window.action("record"))
            continue;
        EXPECT_FALSE(other->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_R))) << other->text().toStdString();
    }

    QSignalSpy loaded(&window, &MainWindow::sessionLoaded);
    RecordDialog* dialog = recordFromMenu(program("pattern"));
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([&] { return loaded.count() > 0; }, 10000)) << window.lastError().toStdString();
    EXPECT_FALSE(window.showingDemo());
    EXPECT_EQ(window.session()->steps(), 25u);
    EXPECT_TRUE(window.windowTitle().contains("record_pattern.rep")) << window.windowTitle().toStdString();
    EXPECT_TRUE(dialog->statusLabel()->text().contains("opens in the window"));
    EXPECT_EQ(window.store().recentFiles().value(0), dir.filePath("record_pattern.rep")) << "as File → Open would";
}

TEST_F(RecordInWindow, AFailedRecordingKeepsTheSession)
{
    const RecorderOverride recorder(HEAPVIZ_RECORD);
    const std::size_t steps = window.session()->steps();
    QSignalSpy loads(&window, &MainWindow::sessionLoaded);
    RecordDialog* dialog = recordFromMenu(program("static"));
    ASSERT_NE(dialog, nullptr);
    EXPECT_TRUE(dialog->statusLabel()->text().contains("statically linked"));
    dialog = recordFromMenu("ls", "heapviz-no-such-folder");
    EXPECT_TRUE(dialog->statusLabel()->text().startsWith("ls exited with status 2"));
    EXPECT_TRUE(dialog->openButton()->isVisible()) << "its trace can still be opened, by choice";
    QTest::qWait(200);
    EXPECT_EQ(loads.count(), 0);
    EXPECT_TRUE(window.showingDemo()) << "the session on screen stays";
    EXPECT_EQ(window.session()->steps(), steps);

    QTest::mouseClick(dialog->openButton(), Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&] { return loads.count() > 0; }, 10000)) << window.lastError().toStdString();
    EXPECT_FALSE(window.showingDemo());
    EXPECT_TRUE(window.windowTitle().contains("ls.rep")) << window.windowTitle().toStdString();
    EXPECT_GT(window.session()->steps(), 0u);
}

TEST_F(RecordInWindow, WithoutTheRecorderTheMenuItemSaysWhy)
{
    const RecorderOverride none(nullptr); // and none beside the test program
    ASSERT_TRUE(window.action("record")->isEnabled()) << "never disabled without a word";
    window.action("record")->trigger();
    EXPECT_EQ(window.findChild<RecordDialog*>(), nullptr);
    auto* box = window.findChild<QMessageBox*>("recorderMissing");
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->isVisible());
    EXPECT_TRUE(box->text().contains("heapviz-record")) << box->text().toStdString();
    EXPECT_TRUE(box->text().contains(QCoreApplication::applicationDirPath())) << "where it looked";
    box->close();
    EXPECT_TRUE(window.showingDemo());
}
