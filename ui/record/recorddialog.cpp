#include "ui/record/recorddialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScrollBar>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

#include "ui/record/recorderlocation.h"
#include "ui/settings/settingsstore.h"

namespace heapviz::ui {

namespace {
constexpr int kTickMs = 250; // the running time and the output, a few times a second
constexpr int kOutputLines = 12;

// Where a trace goes unless the user says otherwise: beside the last trace
// opened, or else in the temporary folder.
QString traceFolder(const SettingsStore& store)
{
    for (const QString& recent : store.recentFiles())
        if (const QFileInfo info(recent); info.dir().exists())
            return info.absolutePath();
    return QDir::tempPath();
}
// A path as typed, with a leading ~ for the home folder as a shell reads it.
QString typedPath(const QLineEdit* edit)
{
    const QString text = edit->text().trimmed();
    if (text == QLatin1String("~") || text.startsWith(QLatin1String("~/")))
        return QDir::homePath() + text.mid(1);
    return text;
}
} // namespace

RecordDialog::RecordDialog(SettingsStore& store, const QString& recorder, QWidget* parent)
    : QDialog(parent)
    , m_store(store)
    , m_runner(recorder)
    , m_program(new QLineEdit(this))
    , m_arguments(new QLineEdit(this))
    , m_directory(new QLineEdit(this))
    , m_trace(new QLineEdit(this))
    , m_output(new QPlainTextEdit(this))
    , m_statusIcon(new QLabel(this))
    , m_status(new QLabel(this))
    , m_record(new QPushButton(tr("&Record"), this))
    , m_open(new QPushButton(tr("&Open the trace"), this))
    , m_close(new QPushButton(tr("Close"), this))
    , m_tick(new QTimer(this))
{
    setWindowTitle(tr("Record a program"));
    layOut();
    const RecordSettings last = store.recordSettings();
    m_program->setText(last.program);
    m_arguments->setText(last.arguments);
    m_directory->setText(QFileInfo(last.directory).isDir() ? last.directory : QDir::homePath());
    suggestTrace();

    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, [this] {
        showProgress();
        showOutput();
    });
    connect(m_program, &QLineEdit::textChanged, this, &RecordDialog::suggestTrace);
    connect(m_trace, &QLineEdit::textEdited, this, [this] { m_traceChosen = true; });
    connect(m_record, &QPushButton::clicked, this, &RecordDialog::record);
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (m_result && !m_result->tracePath.isEmpty())
            Q_EMIT traceRecorded(m_result->tracePath);
    });
    connect(m_close, &QPushButton::clicked, this, &RecordDialog::reject);
    connect(&m_runner, &RecordRunner::outputChanged, this, [this] { m_outputChanged = true; });
    connect(&m_runner, &RecordRunner::finished, this, &RecordDialog::showResult);
}

// From the top: what it does, the request, the output, how it went, the buttons.
void RecordDialog::layOut()
{
    auto* intro = new QLabel(tr("Runs a program with heapviz-record, which writes each of its malloc, calloc, realloc "
                                "and free calls to a trace, then opens the trace here. The program must be "
                                "dynamically linked."),
                             this);
    intro->setWordWrap(true);
    auto* outputLabel = new QLabel(tr("O&utput:"), this);
    outputLabel->setBuddy(m_output);
    auto* column = new QVBoxLayout(this);
    column->addWidget(intro);
    column->addLayout(requestForm());
    column->addWidget(outputLabel);
    column->addWidget(setUpOutput(), 1);
    column->addLayout(statusRow());
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_open, QDialogButtonBox::ActionRole);
    buttons->addButton(m_record, QDialogButtonBox::ActionRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    m_record->setDefault(true);
    m_open->hide();
    column->addWidget(buttons);
}

QFormLayout* RecordDialog::requestForm()
{
    m_program->setPlaceholderText(tr("a path, or a name on the PATH (ls, python3)"));
    m_arguments->setPlaceholderText(tr("as in a shell: -R \"/usr/share/my files\""));
    m_arguments->setToolTip(tr("Split at spaces, as a shell splits them; \"double quotes\" keep spaces in one argument"));
    m_directory->setToolTip(tr("The folder the program runs in"));
    m_trace->setToolTip(tr("Where the trace is written: by default beside the last trace you opened, or in the "
                           "temporary folder"));
    // Room for a path such as /usr/local/bin/program beside its label.
    m_program->setMinimumWidth(fontMetrics().averageCharWidth() * 64);
    m_fields = {m_program, m_arguments, m_directory, m_trace};
    auto* form = new QFormLayout;
    form->addRow(tr("&Program:"), withBrowse(m_program, &RecordDialog::browseProgram));
    form->addRow(tr("&Arguments:"), m_arguments);
    form->addRow(tr("&Working folder:"), withBrowse(m_directory, &RecordDialog::browseDirectory));
    form->addRow(tr("&Save the trace as:"), withBrowse(m_trace, &RecordDialog::browseTrace));
    return form;
}

QPlainTextEdit* RecordDialog::setUpOutput()
{
    m_output->setReadOnly(true);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_output->setPlaceholderText(tr("What the program prints appears here."));
    m_output->setAccessibleName(tr("The program's output"));
    m_output->setMinimumHeight(m_output->fontMetrics().lineSpacing() * kOutputLines);
    return m_output;
}

QHBoxLayout* RecordDialog::statusRow()
{
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumHeight(fontMetrics().lineSpacing() * 3); // a result's lines do not move the buttons
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_statusIcon->setAlignment(Qt::AlignTop);
    m_statusIcon->setFixedWidth(style()->pixelMetric(QStyle::PM_SmallIconSize));
    auto* row = new QHBoxLayout;
    row->addWidget(m_statusIcon);
    row->addWidget(m_status, 1);
    return row;
}

RecordDialog* RecordDialog::showFor(QWidget& window, SettingsStore& store, std::function<void(const QString&)> open)
{
    auto* dialog = window.findChild<RecordDialog*>(QString(), Qt::FindDirectChildrenOnly);
    if (!dialog) {
        const RecorderLocation recorder = RecorderLocation::find();
        if (!recorder.found()) {
            auto* box = new QMessageBox(QMessageBox::Information, tr("Record a program"), recorder.whyMissing(),
                                        QMessageBox::Ok, &window);
            box->setObjectName(QStringLiteral("recorderMissing"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            return nullptr;
        }
        dialog = new RecordDialog(store, recorder.path, &window);
        connect(dialog, &RecordDialog::traceRecorded, &window, std::move(open));
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

// A line edit with its Browse… button beside it.
QWidget* RecordDialog::withBrowse(QLineEdit* edit, void (RecordDialog::*browse)())
{
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    edit->setParent(row);
    layout->addWidget(edit, 1);
    auto* button = new QPushButton(tr("Browse…"), row);
    button->setAutoDefault(false); // Enter records
    layout->addWidget(button);
    m_fields.push_back(button);
    connect(button, &QPushButton::clicked, this, browse);
    return row;
}

RecordRequest RecordDialog::request() const
{
    return RecordRequest{typedPath(m_program), QProcess::splitCommand(m_arguments->text()), typedPath(m_directory),
                         typedPath(m_trace)};
}

void RecordDialog::record()
{
    if (m_runner.running())
        return;
    const RecordRequest r = request();
    if (!replaceConfirmed(r))
        return;
    m_store.setRecordSettings({r.program, m_arguments->text(), r.workingDirectory});
    setRunning(true);
    m_runner.start(r);
}

// heapviz-record replaces the trace file: a file the user named, not one
// chosen with Browse… (which asked), is replaced only when they say so.
bool RecordDialog::replaceConfirmed(const RecordRequest& r)
{
    if (r.tracePath.isEmpty() || r.workingDirectory.isEmpty())
        return true; // the runner says what is missing
    const QString trace = QDir::cleanPath(QDir(r.workingDirectory).absoluteFilePath(r.tracePath));
    if (!QFileInfo(trace).isFile() || trace == m_replaceConfirmed)
        return true;
    const auto answer = QMessageBox::question(this, tr("Record a program"),
                                              tr("%1 exists already. Replace it with the new trace?").arg(trace));
    return answer == QMessageBox::Yes;
}

void RecordDialog::reject()
{
    if (m_runner.running()) {
        m_close->setEnabled(false); // until it has stopped
        setStatus(tr("Stopping %1…").arg(QFileInfo(m_program->text().trimmed()).fileName()), false);
        m_runner.cancel();
        return;
    }
    QDialog::reject();
}

void RecordDialog::browseProgram()
{
    const QString current = m_program->text().trimmed();
    const QString start = current.contains(QLatin1Char('/')) ? QDir(m_directory->text()).absoluteFilePath(current)
                                                             : m_directory->text();
    const QString path = QFileDialog::getOpenFileName(this, tr("The program to record"), start);
    if (!path.isEmpty())
        m_program->setText(path);
}

void RecordDialog::browseDirectory()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("The folder the program runs in"), m_directory->text());
    if (!path.isEmpty())
        m_directory->setText(path);
}

void RecordDialog::browseTrace()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the trace as"), m_trace->text(),
                                                      tr("Allocation traces (*.rep);;All files (*)"));
    if (path.isEmpty())
        return;
    m_trace->setText(path);
    m_traceChosen = true;
    m_replaceConfirmed = QDir::cleanPath(path); // the file dialog asked
}

// The trace follows the program's name until the user picks one.
void RecordDialog::suggestTrace()
{
    if (!m_traceChosen)
        m_trace->setText(defaultTracePath());
}

// NAME.rep in the trace folder, or NAME-2.rep and so on: never over a trace
// recorded before.
QString RecordDialog::defaultTracePath() const
{
    QString name = QFileInfo(m_program->text().trimmed()).fileName();
    if (name.isEmpty())
        name = QStringLiteral("program");
    const QDir folder(traceFolder(m_store));
    QString path = folder.filePath(name + QStringLiteral(".rep"));
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = folder.filePath(QStringLiteral("%1-%2.rep").arg(name).arg(n));
    return path;
}

void RecordDialog::setRunning(bool running)
{
    for (QWidget* field : m_fields)
        field->setEnabled(!running);
    m_record->setEnabled(!running);
    m_close->setEnabled(true);
    m_close->setText(running ? tr("Cancel") : tr("Close"));
    if (running) {
        m_open->hide();
        m_output->clear();
        m_outputChanged = false;
        setStatus(QString(), false);
        m_tick->start();
        m_close->setFocus();
    } else {
        m_tick->stop();
    }
}

void RecordDialog::showProgress()
{
    if (m_runner.running() && m_close->isEnabled())
        setStatus(tr("Recording %1… running for %2")
                      .arg(QFileInfo(m_program->text().trimmed()).fileName(), durationText(m_runner.elapsedMs())),
                  false);
}

// The runner's tail of the output, redrawn only when it changed, scrolled
// to its end unless the user scrolled up to read.
void RecordDialog::showOutput()
{
    if (!std::exchange(m_outputChanged, false))
        return;
    QScrollBar* bar = m_output->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    QString text = m_runner.output();
    if (m_runner.droppedOutput() > 0)
        text.prepend(tr("[… %1 earlier characters not shown]\n").arg(m_runner.droppedOutput()));
    m_output->setPlainText(text);
    if (atEnd)
        bar->setValue(bar->maximum());
}

void RecordDialog::showResult(const RecordResult& result)
{
    m_result = result;
    m_outputChanged = true;
    showOutput();
    setRunning(false);
    using Outcome = RecordResult::Outcome;
    QString text = result.message;
    if (result.outcome == Outcome::Recorded)
        text += QLatin1Char(' ') + tr("It ran for %1; its trace, %2, opens in the window.")
                                       .arg(durationText(result.elapsedMs), QDir::toNativeSeparators(result.tracePath));
    setStatus(text, result.outcome != Outcome::Recorded && result.outcome != Outcome::Cancelled);
    m_open->setVisible(result.outcome != Outcome::Recorded && !result.tracePath.isEmpty());
    if (!m_traceChosen)
        suggestTrace(); // the next recording does not overwrite this one
    if (result.outcome == Outcome::Recorded)
        Q_EMIT traceRecorded(result.tracePath);
}

void RecordDialog::setStatus(const QString& text, bool problem)
{
    m_status->setText(text);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    const QIcon icon = style()->standardIcon(problem ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation);
    m_statusIcon->setPixmap(text.isEmpty() ? QPixmap() : icon.pixmap(size, size));
}

} // namespace heapviz::ui
