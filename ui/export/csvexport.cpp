#include "ui/export/csvexport.h"

#include <QFile>

#include <cerrno>
#include <cstring>

#include "core/sim/metricscsv.h"
#include "ui/session/session.h"

namespace heapviz::ui {

CsvExport::CsvExport(Session& session, QString path, std::size_t from, std::size_t to, QObject* parent)
    : ExportJob(parent)
    , m_session(&session)
    , m_path(std::move(path))
    , m_from(from)
    , m_to(to)
    , m_next(from)
{
    Q_ASSERT_X(from <= to && to <= session.steps(), "CsvExport", "the range lies inside the trace");
    watch(&session);
}

bool CsvExport::begin(QString& error)
{
    m_out.open(QFile::encodeName(m_path).toStdString(), std::ios::binary | std::ios::trunc);
    if (!m_out) {
        error = tr("cannot write %1: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    writeMetricsCsvHeader(m_out);
    return true;
}

ExportJob::Slice CsvExport::slice(QString& error)
{
    const std::size_t until = std::min(m_to, m_next + kSlice);
    std::vector<const RunResult*> runs;
    for (std::size_t l = 0; l < m_session->laneCount(); ++l)
        runs.push_back(&m_session->lane(l).run);
    writeMetricsCsvRows(m_out, m_session->trace(), runs, m_next, until);
    m_next = until;
    advance();
    if (!m_out)
        error = tr("cannot write %1").arg(m_path);
    return m_next == m_to ? Slice::Done : Slice::More;
}

bool CsvExport::end(QString& error)
{
    m_out.close();
    if (!m_out) {
        error = tr("cannot write %1").arg(m_path);
        return false;
    }
    return true;
}

void CsvExport::abandon()
{
    m_out.close();
    QFile::remove(m_path);
}

} // namespace heapviz::ui
