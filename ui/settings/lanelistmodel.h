#pragma once
// The lanes of a session as a list model: each row is one lane's text as the
// CLI writes it ("buddy:min_order=4"), shown by its title ("buddy (min 16 B)"),
// its family's colour and a tooltip with the text and the family in words, or
// why the lane cannot run on the heap. Adding, removing, moving and editing
// change only their rows; only loading a whole set resets the model.

#include <QAbstractListModel>

#include <optional>
#include <string>
#include <vector>

#include "core/alloc/lanespec.h"
#include "ui/style/palette.h"

namespace heapviz::ui {

// At most this many lanes: each has a colour, dash and marker of its own.
inline constexpr int kMaxLanes = int(kLaneStyleCount);

class LaneListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { LaneTextRole = Qt::UserRole + 1 };

    explicit LaneListModel(QObject* parent = nullptr);

    // The heap the lanes are parsed on and checked against; titles and
    // tooltips follow it (no reset).
    void setHeap(const HeapConfig& heap);
    const HeapConfig& heap() const { return m_heap; }

    // A whole set at once: the one change that resets the model.
    void setLanes(const std::vector<std::string>& lanes);
    const std::vector<std::string>& lanes() const { return m_lanes; }
    std::string lane(int row) const { return m_lanes.at(std::size_t(row)); }

    // Inserts `text` at `row` (-1: at the end); false when there are kMaxLanes already.
    bool addLane(const std::string& text, int row = -1);
    bool removeLane(int row);
    // Moves the lane at `from` so that it ends up at row `to`.
    bool moveLane(int from, int to);
    bool setLane(int row, const std::string& text);
    bool isFull() const { return int(m_lanes.size()) >= kMaxLanes; }

    // The lane at `row` parsed on the heap and validated, or nullopt with `why`.
    std::optional<LaneSpec> spec(int row, std::string& why) const;
    // Empty when the lane at `row` can run, else the registry's reason.
    QString problem(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    std::vector<std::string> m_lanes;
    HeapConfig m_heap;
};

} // namespace heapviz::ui
