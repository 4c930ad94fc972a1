#include "ui/settings/lanelistmodel.h"

#include "core/alloc/registry.h"

namespace heapviz::ui {

LaneListModel::LaneListModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

void LaneListModel::setHeap(const HeapConfig& heap)
{
    if (heap == m_heap)
        return;
    m_heap = heap;
    if (!m_lanes.empty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
}

void LaneListModel::setLanes(const std::vector<std::string>& lanes)
{
    beginResetModel();
    m_lanes = lanes;
    endResetModel();
}

bool LaneListModel::addLane(const std::string& text, int row)
{
    if (isFull())
        return false;
    if (row < 0 || row > rowCount())
        row = rowCount();
    beginInsertRows({}, row, row);
    m_lanes.insert(m_lanes.begin() + row, text);
    endInsertRows();
    return true;
}

bool LaneListModel::removeLane(int row)
{
    if (row < 0 || row >= rowCount())
        return false;
    beginRemoveRows({}, row, row);
    m_lanes.erase(m_lanes.begin() + row);
    endRemoveRows();
    return true;
}

bool LaneListModel::moveLane(int from, int to)
{
    if (from < 0 || from >= rowCount() || to < 0 || to >= rowCount() || from == to)
        return false;
    // beginMoveRows takes the row the lane goes before, counted before the move.
    if (!beginMoveRows({}, from, from, {}, to > from ? to + 1 : to))
        return false;
    std::string text = std::move(m_lanes[std::size_t(from)]);
    m_lanes.erase(m_lanes.begin() + from);
    m_lanes.insert(m_lanes.begin() + to, std::move(text));
    endMoveRows();
    return true;
}

bool LaneListModel::setLane(int row, const std::string& text)
{
    if (row < 0 || row >= rowCount())
        return false;
    if (m_lanes[std::size_t(row)] != text) {
        m_lanes[std::size_t(row)] = text;
        Q_EMIT dataChanged(index(row), index(row));
    }
    return true;
}

std::optional<LaneSpec> LaneListModel::spec(int row, std::string& why) const
{
    auto lane = parseLane(m_lanes.at(std::size_t(row)), m_heap, why);
    if (!lane)
        return std::nullopt;
    if (why = validateLane(*lane); !why.empty())
        return std::nullopt;
    return lane;
}

QString LaneListModel::problem(int row) const
{
    std::string why;
    return spec(row, why) ? QString() : QString::fromStdString(why);
}

int LaneListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_lanes.size());
}

QVariant LaneListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const std::string& text = m_lanes[std::size_t(index.row())];
    if (role == Qt::EditRole || role == LaneTextRole)
        return QString::fromStdString(text);
    std::string why;
    const auto parsed = parseLane(text, m_heap, why); // titles even for a lane the heap refuses
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return QString::fromStdString(parsed ? laneTitle(*parsed) : text);
    case Qt::DecorationRole:
        return parsed ? QVariant(laneColor(*parsed)) : QVariant();
    case Qt::ToolTipRole: {
        if (parsed)
            why = validateLane(*parsed);
        if (!why.empty())
            return QString::fromStdString(text + "\n" + why);
        return QString::fromStdString(text + " — " + std::string(familyWords(*parsed)));
    }
    default: return {};
    }
}

QHash<int, QByteArray> LaneListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names[LaneTextRole] = "laneText";
    return names;
}

} // namespace heapviz::ui
