#pragma once
// The faults and leaks of a session as a list, in words ("line 12: double
// free of id 7: the id was already freed"), each knowing its step and id so
// that a click goes there. Rows are made on demand from the session's
// findings (computed off the GUI thread), so a trace with a hundred thousand
// leaks costs nothing to show.

#include <QAbstractListModel>

#include "ui/session/session.h"

namespace heapviz::ui {

class FindingsModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { StepRole = Qt::UserRole, IdRole, IsLeakRole };

    explicit FindingsModel(QObject* parent = nullptr);

    // Lists `session`'s findings (null: none).
    void setSession(const SessionData* session);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QString text(const Finding& f) const;

    const SessionData* m_session = nullptr;
};

} // namespace heapviz::ui
