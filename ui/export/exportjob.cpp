#include "ui/export/exportjob.h"

#include <QEventLoop>
#include <QTimer>

namespace heapviz::ui {

ExportJob::ExportJob(QObject* parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ExportJob::turn);
}

ExportJob::~ExportJob() = default;

void ExportJob::start()
{
    Q_ASSERT_X(!m_running && !m_begun, "ExportJob::start", "a job runs once");
    m_running = true;
    m_timer->start(0);
}

void ExportJob::cancel()
{
    if (m_running)
        m_cancelled = true;
}

bool ExportJob::runToEnd()
{
    if (!m_running && !m_begun)
        start();
    if (m_running) {
        QEventLoop loop;
        connect(this, &ExportJob::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return m_succeeded;
}

void ExportJob::watch(QObject* object)
{
    connect(object, &QObject::destroyed, this, [this] {
        if (m_running)
            stop(false, tr("the session changed while exporting"));
    });
}

void ExportJob::turn()
{
    if (!m_running)
        return;
    if (m_cancelled)
        return stop(false, tr("cancelled"));
    QString error;
    if (!m_begun) {
        m_begun = true;
        if (!begin(error))
            return stop(false, error);
        Q_EMIT progress(m_done, total());
        m_timer->start(0);
        return;
    }
    const Slice s = slice(error);
    if (!error.isEmpty())
        return stop(false, error);
    Q_EMIT progress(m_done, total());
    if (s == Slice::Done) {
        if (!end(error))
            return stop(false, error);
        return stop(true, {});
    }
    m_timer->start(s == Slice::Wait ? 1 : 0); // waiting for a worker: do not spin
}

void ExportJob::stop(bool ok, const QString& error)
{
    m_running = false;
    m_timer->stop();
    if (!ok && m_begun)
        abandon();
    m_succeeded = ok;
    m_error = error;
    Q_EMIT finished(ok);
}

} // namespace heapviz::ui
