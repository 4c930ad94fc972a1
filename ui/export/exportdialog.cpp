#include "ui/export/exportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSpinBox>

#include "core/alloc/registry.h"
#include "ui/export/exportjob.h"
#include "ui/lanes/lanewidget.h"
#include "ui/session/session.h"

namespace heapviz::ui {

namespace {

// Says why an export failed, without a nested event loop.
void warn(QWidget& window, const QString& error)
{
    auto* box = new QMessageBox(QMessageBox::Warning, ExportDialog::tr("Export"),
                                ExportDialog::tr("The export failed: %1.").arg(error), QMessageBox::Ok, &window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace

ExportDialog::ExportDialog(Session& session, std::vector<LaneWidget*> lanes, QWidget& window, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_lanes(std::move(lanes))
    , m_window(window)
    , m_target(new QComboBox(this))
    , m_format(new QComboBox(this))
    , m_width(new QSpinBox(this))
    , m_height(new QSpinBox(this))
    , m_from(new QSpinBox(this))
    , m_to(new QSpinBox(this))
    , m_speed(new QDoubleSpinBox(this))
    , m_path(new QLineEdit(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("Export"));
    m_target->addItem(tr("The window"));
    for (std::size_t l = 0; l < session.laneCount(); ++l)
        m_target->addItem(tr("Lane %1: %2").arg(l + 1).arg(QString::fromStdString(laneTitle(session.lane(l).spec))));
    m_format->addItem(tr("PNG picture"), int(ExportFormat::Png));
    m_format->addItem(tr("SVG drawing (vector)"), int(ExportFormat::Svg));
    m_format->addItem(tr("CSV: every lane's metrics after each operation"), int(ExportFormat::Csv));
    m_format->addItem(tr("GIF animation of a range of steps"), int(ExportFormat::Gif));
    for (QSpinBox* s : {m_width, m_height})
        s->setRange(16, 7680);
    m_height->setMaximum(4320);
    m_width->setSuffix(tr(" px"));
    m_height->setSuffix(tr(" px"));
    m_width->setValue(window.width());
    m_height->setValue(window.height());
    for (QSpinBox* s : {m_from, m_to})
        s->setRange(0, int(std::min<std::size_t>(session.steps(), std::size_t(std::numeric_limits<int>::max()))));
    m_speed->setRange(GifOptions::kMinSpeed, GifOptions::kMaxSpeed);
    m_speed->setValue(2);
    m_speed->setSuffix(tr(" steps/s"));
    m_speed->setToolTip(tr("Below 12 steps a second each step is animated as the window animates it"));
    m_problem->setWordWrap(true);

    auto* size = new QWidget(this);
    auto* sizeRow = new QHBoxLayout(size);
    sizeRow->setContentsMargins(0, 0, 0, 0);
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), size));
    sizeRow->addWidget(m_height);
    auto* range = new QWidget(this);
    auto* rangeRow = new QHBoxLayout(range);
    rangeRow->setContentsMargins(0, 0, 0, 0);
    rangeRow->addWidget(m_from);
    rangeRow->addWidget(new QLabel(tr("to"), range));
    rangeRow->addWidget(m_to);
    auto* file = new QWidget(this);
    auto* fileRow = new QHBoxLayout(file);
    fileRow->setContentsMargins(0, 0, 0, 0);
    fileRow->addWidget(m_path, 1);
    auto* browseButton = new QPushButton(tr("&Browse…"), file);
    fileRow->addWidget(browseButton);

    auto* form = new QFormLayout;
    form->addRow(tr("&What:"), m_target);
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&Size:"), size);
    form->addRow(tr("S&teps:"), range);
    form->addRow(tr("S&peed:"), m_speed);
    form->addRow(tr("F&ile:"), file);
    m_sizeRows = {size, form->labelForField(size)};
    m_rangeRows = {range, form->labelForField(range)};
    m_gifRows = {m_speed, form->labelForField(m_speed)};

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Export"));
    auto* column = new QVBoxLayout(this);
    column->addLayout(form);
    column->addWidget(m_problem);
    column->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    connect(m_target, &QComboBox::currentIndexChanged, this, [this](int i) {
        QWidget* target = i == 0 ? &m_window : static_cast<QWidget*>(m_lanes.at(std::size_t(i - 1)));
        m_width->setValue(target->width());
        m_height->setValue(target->height());
        check();
    });
    for (QSpinBox* s : {m_width, m_height, m_from, m_to})
        connect(s, &QSpinBox::valueChanged, this, &ExportDialog::check);
    connect(m_speed, &QDoubleSpinBox::valueChanged, this, &ExportDialog::check);
    connect(m_path, &QLineEdit::textChanged, this, &ExportDialog::check);
    m_path->setText(QDir::home().filePath(QStringLiteral("heapviz.png")));
    formatChanged();
}

ExportRequest ExportDialog::request() const
{
    ExportRequest r;
    r.format = ExportFormat(m_format->currentData().toInt());
    r.path = m_path->text();
    if (m_target->currentIndex() > 0)
        r.lane = std::size_t(m_target->currentIndex() - 1);
    r.from = std::size_t(m_from->value());
    r.to = std::size_t(m_to->value());
    const QSize size(m_width->value(), m_height->value());
    r.size = size;
    r.gif.size = size;
    r.gif.stepsPerSecond = m_speed->value();
    return r;
}

// The rows the format uses, a range that suits it, and the file's suffix.
void ExportDialog::formatChanged()
{
    const auto format = ExportFormat(m_format->currentData().toInt());
    const bool gif = format == ExportFormat::Gif;
    for (QWidget* w : m_sizeRows)
        w->setVisible(format == ExportFormat::Png || gif);
    for (QWidget* w : m_rangeRows)
        w->setVisible(format == ExportFormat::Csv || gif);
    for (QWidget* w : m_gifRows)
        w->setVisible(gif);
    const std::size_t steps = m_session.steps();
    if (gif) { // a few dozen steps from here: a GIF of a whole trace would be huge
        const std::size_t from = m_session.step() < steps ? m_session.step() : 0;
        m_from->setValue(int(from));
        m_to->setValue(int(std::min(steps, from + 40)));
    } else {
        m_from->setValue(0);
        m_to->setValue(m_to->maximum());
    }
    QFileInfo info(m_path->text());
    m_path->setText(info.dir().filePath(info.completeBaseName() + "." + exportFormatName(format)));
    check();
}

void ExportDialog::browse()
{
    const QString suffix = exportFormatName(ExportFormat(m_format->currentData().toInt()));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export to"), m_path->text(),
                                                      tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (!path.isEmpty())
        m_path->setText(path);
}

void ExportDialog::check()
{
    const QString problem = exportProblem(request(), m_session);
    m_problem->setText(problem.isEmpty() ? QString() : tr("Cannot export: %1.").arg(problem));
    m_problem->setVisible(!problem.isEmpty());
    m_ok->setEnabled(problem.isEmpty());
}

void ExportDialog::ask(Session& session, std::vector<LaneWidget*> lanes, QWidget& window)
{
    ExportDialog dialog(session, lanes, window, &window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    ExportJob* job = run(dialog.request(), session, lanes, window, error);
    if (!job && !error.isEmpty())
        warn(window, error);
}

ExportJob* ExportDialog::run(const ExportRequest& request, Session& session, const std::vector<LaneWidget*>& lanes,
                             QWidget& window, QString& error)
{
    std::unique_ptr<ExportJob> owned;
    if (!startExport(request, session, lanes, window, owned, error) || !owned)
        return nullptr;
    ExportJob* job = owned.release();
    job->setParent(&window);
    auto* progress = new QProgressDialog(tr("Exporting %1…").arg(QFileInfo(request.path).fileName()), tr("Cancel"), 0,
                                         job->total(), &window);
    progress->setWindowTitle(tr("Export"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0); // modal at once: a key must not step the session under a GIF
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    connect(job, &ExportJob::progress, progress, [progress](int done, int total) {
        progress->setMaximum(total);
        progress->setValue(done);
    });
    connect(progress, &QProgressDialog::canceled, job, &ExportJob::cancel);
    connect(job, &ExportJob::finished, progress, [job, progress, &window](bool ok) {
        progress->deleteLater();
        job->deleteLater();
        if (!ok && !job->cancelled())
            warn(window, job->error());
    });
    progress->show();
    job->start();
    return job;
}

} // namespace heapviz::ui
