#pragma once
// The blocks of one lane at the session's current step, as a table (address,
// size, state, id, payload, line): the keyboard's and the screen reader's
// way into the memory map, and a list to sort and copy from.

#include <QAbstractTableModel>

#include <vector>

#include "core/model/block.h"

namespace heapviz::ui {

class Session;

class BlockTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { AddressColumn, SizeColumn, StateColumn, IdColumn, PayloadColumn, LineColumn, ColumnCount };

    explicit BlockTableModel(QObject* parent = nullptr);

    // Follows `session` (null: none), showing lane `lane`.
    void setSession(const Session* session, std::size_t lane = 0);
    void setLane(std::size_t lane);
    // Re-reads the blocks: call when the session's step changed.
    void refresh();
    // The row of the used block of `id`, or -1.
    int rowOfId(TraceId id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const Session* m_session = nullptr;
    std::size_t m_lane = 0;
    Size m_header = 0;
    std::vector<BlockInfo> m_blocks;
};

} // namespace heapviz::ui
