#pragma once
// The session's metrics as CSV (core's writeMetricsCsv), written a slice of
// operations per turn of the event loop, so that a million-operation trace
// does not freeze the window.

#include <QString>

#include <fstream>

#include "ui/export/exportjob.h"

namespace heapviz::ui {

class Session;

class CsvExport : public ExportJob {
    Q_OBJECT
public:
    // Operations from+1 .. to (steps from and to) of every lane; from <= to <= session.steps().
    CsvExport(Session& session, QString path, std::size_t from, std::size_t to, QObject* parent = nullptr);

    int total() const override { return int((m_to - m_from + kSlice - 1) / kSlice); }

protected:
    bool begin(QString& error) override;
    Slice slice(QString& error) override;
    bool end(QString& error) override;
    void abandon() override;

private:
    static constexpr std::size_t kSlice = 20000; // operations a turn: a few ms

    Session* m_session;
    QString m_path;
    std::size_t m_from;
    std::size_t m_to;
    std::size_t m_next;
    std::ofstream m_out;
};

} // namespace heapviz::ui
