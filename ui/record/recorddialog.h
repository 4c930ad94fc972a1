#pragma once
// File → Record a program…: which program, its arguments, the folder it runs
// in and where its trace goes; Record runs it under heapviz-record (through
// RecordRunner) while the window stays responsive, shows what it prints and
// how long it has run, and says what came of it. A recorded trace opens in
// the window the way File → Open opens one; a failed recording opens
// nothing, so the session on screen stays.
//
// Modeless: the window shows the trace while the dialog says what was
// recorded, and the dialog is there again, as it was, the next time.

#include <QDialog>

#include <functional>
#include <optional>

#include "ui/record/recordrunner.h"

class QFormLayout;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace heapviz::ui {

class SettingsStore;

class RecordDialog : public QDialog {
    Q_OBJECT
public:
    // `recorder`: the heapviz-record executable (RecorderLocation::find).
    RecordDialog(SettingsStore& store, const QString& recorder, QWidget* parent = nullptr);

    // The window's dialog, made on first use and shown again afterwards;
    // `open` opens a recorded trace in the window. Without heapviz-record,
    // a message says where it was looked for, and there is no dialog.
    static RecordDialog* showFor(QWidget& window, SettingsStore& store, std::function<void(const QString&)> open);

    RecordRequest request() const;
    // The Record button: remembers the program, arguments and folder, then starts.
    void record();
    RecordRunner& runner() { return m_runner; }
    // How the last recording ended, once one has.
    const std::optional<RecordResult>& result() const { return m_result; }

    QLineEdit* programEdit() const { return m_program; }
    QLineEdit* argumentsEdit() const { return m_arguments; }
    QLineEdit* directoryEdit() const { return m_directory; }
    QLineEdit* traceEdit() const { return m_trace; }
    QLabel* statusLabel() const { return m_status; }
    QPlainTextEdit* outputView() const { return m_output; }
    QPushButton* recordButton() const { return m_record; }
    QPushButton* openButton() const { return m_open; }
    QPushButton* closeButton() const { return m_close; }

Q_SIGNALS:
    // A trace to open in the window: recorded, or one the user opens anyway.
    void traceRecorded(const QString& path);

public Q_SLOTS:
    // Close, or while recording, Cancel: stops the recording, the dialog stays.
    void reject() override;

private:
    void layOut();
    QFormLayout* requestForm();
    QPlainTextEdit* setUpOutput();
    QHBoxLayout* statusRow();
    QWidget* withBrowse(QLineEdit* edit, void (RecordDialog::*browse)());
    void browseProgram();
    void browseDirectory();
    void browseTrace();
    bool replaceConfirmed(const RecordRequest& request);
    void suggestTrace();
    QString defaultTracePath() const;
    void setRunning(bool running);
    void showProgress();
    void showOutput();
    void showResult(const RecordResult& result);
    void setStatus(const QString& text, bool problem);

    SettingsStore& m_store;
    RecordRunner m_runner;
    QLineEdit* m_program;
    QLineEdit* m_arguments;
    QLineEdit* m_directory;
    QLineEdit* m_trace;
    QPlainTextEdit* m_output;
    QLabel* m_statusIcon;
    QLabel* m_status;
    QPushButton* m_record;
    QPushButton* m_open;
    QPushButton* m_close;
    QTimer* m_tick;
    std::vector<QWidget*> m_fields; // disabled while a recording runs
    bool m_traceChosen = false;     // typed or browsed: no longer follows the program
    QString m_replaceConfirmed;     // a trace the user agreed to replace
    bool m_outputChanged = false;
    std::optional<RecordResult> m_result;
};

} // namespace heapviz::ui
