#include "ui/session/blocktablemodel.h"

#include <QColor>

#include "core/text/narration.h"
#include "ui/style/palette.h"
#include "ui/session/session.h"

namespace heapviz::ui {

BlockTableModel::BlockTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void BlockTableModel::setSession(const Session* session, std::size_t lane)
{
    m_session = session;
    m_lane = lane;
    refresh();
}

void BlockTableModel::setLane(std::size_t lane)
{
    m_lane = lane;
    refresh();
}

// A new step is a new table: the rows are a state, not a log to append to.
void BlockTableModel::refresh()
{
    beginResetModel();
    m_blocks.clear();
    if (m_session && m_lane < m_session->laneCount()) {
        m_blocks = m_session->lane(m_lane).cursor->layout().blocks();
        m_header = m_session->data().settings.config.header;
    }
    endResetModel();
}

int BlockTableModel::rowOfId(TraceId id) const
{
    for (std::size_t i = 0; i < m_blocks.size(); ++i)
        if (m_blocks[i].used && m_blocks[i].id == id)
            return int(i);
    return -1;
}

int BlockTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_blocks.size());
}

int BlockTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BlockTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const BlockInfo& b = m_blocks[std::size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case AddressColumn: return QString::fromStdString(hexAddress(b.at));
        case SizeColumn: return QString::fromStdString(withCommas(b.size));
        case StateColumn: return b.used ? tr("used") : tr("free");
        case IdColumn: return b.used ? QVariant(qlonglong(b.id)) : QVariant();
        case PayloadColumn: return b.used ? QVariant(qulonglong(b.payload)) : QVariant();
        case LineColumn: return b.used ? QVariant(uint(b.line)) : QVariant();
        }
    }
    if (role == Qt::ToolTipRole && b.used)
        return tr("payload at %1").arg(QString::fromStdString(hexAddress(b.at + m_header)));
    if (role == Qt::DecorationRole && index.column() == IdColumn && b.used)
        return colorForId(b.id);
    if (role == Qt::TextAlignmentRole && index.column() != StateColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant BlockTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case AddressColumn: return tr("Address");
    case SizeColumn: return tr("Size");
    case StateColumn: return tr("State");
    case IdColumn: return tr("Id");
    case PayloadColumn: return tr("Payload");
    case LineColumn: return tr("Line");
    }
    return {};
}

} // namespace heapviz::ui
