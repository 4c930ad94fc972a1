#include "ui/session/findingsmodel.h"

#include "core/alloc/registry.h"
#include "core/text/narration.h"

namespace heapviz::ui {

FindingsModel::FindingsModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

void FindingsModel::setSession(const SessionData* session)
{
    beginResetModel();
    m_session = session;
    endResetModel();
}

int FindingsModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_session)
        return 0;
    return int(std::max<std::size_t>(m_session->findings.size(), 1)); // "none" when there are none
}

QString FindingsModel::text(const Finding& f) const
{
    QString what;
    if (f.fault)
        what = tr("%1 (id %2)").arg(QString::fromStdString(describeFault(*f.fault))).arg(f.id);
    else
        what = tr("leak: id %1 (%2) is never freed").arg(f.id).arg(QString::fromStdString(formatBytes(f.leakedBytes)));
    const QString lane = f.lane ? QString::fromStdString(laneTitle(m_session->lanes[*f.lane].spec)) + tr(": ")
                                : QString();
    return lane + tr("line %1: %2").arg(f.line).arg(what);
}

QVariant FindingsModel::data(const QModelIndex& index, int role) const
{
    if (!m_session || !index.isValid() || index.row() >= rowCount())
        return {};
    if (m_session->findings.empty())
        return role == Qt::DisplayRole ? QVariant(tr("No faults, no leaks.")) : QVariant();
    const Finding& f = m_session->findings[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole: return text(f);
    case Qt::ToolTipRole:
        return f.fault ? tr("Click to go to step %1, where it happened").arg(f.step)
                       : tr("Click to go to step %1, which allocated it, and select the block").arg(f.step);
    case StepRole: return qulonglong(f.step);
    case IdRole: return qlonglong(f.id);
    case IsLeakRole: return !f.fault.has_value();
    default: return {};
    }
}

} // namespace heapviz::ui
