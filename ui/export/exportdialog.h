#pragma once
// File > Export: the window or one lane, as a PNG or SVG picture, the
// metrics of every lane as CSV, or a range of steps as an animated GIF at a
// speed and size; CSV and GIF with a progress bar that can cancel.

#include <QDialog>

#include <vector>

#include "ui/export/exporter.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace heapviz::ui {

class ExportJob;
class LaneWidget;
class Session;

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(Session& session, std::vector<LaneWidget*> lanes, QWidget& window, QWidget* parent = nullptr);

    ExportRequest request() const;
    QComboBox* formatBox() const { return m_format; }
    QComboBox* targetBox() const { return m_target; }
    QLineEdit* pathEdit() const { return m_path; }

    // Asks what to export, then does it.
    static void ask(Session& session, std::vector<LaneWidget*> lanes, QWidget& window);
    // Does `request`: a PNG or SVG at once; CSV or GIF as a job with a modal
    // progress dialog (Cancel stops it), deleted when it ends. Returns the
    // job, or null when there is none or the export failed at once (`error`).
    static ExportJob* run(const ExportRequest& request, Session& session, const std::vector<LaneWidget*>& lanes,
                          QWidget& window, QString& error);

private:
    void formatChanged();
    void browse();
    void check();

    Session& m_session;
    std::vector<LaneWidget*> m_lanes;
    QWidget& m_window;
    QComboBox* m_target;
    QComboBox* m_format;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QSpinBox* m_from;
    QSpinBox* m_to;
    QDoubleSpinBox* m_speed;
    QLineEdit* m_path;
    QLabel* m_problem;
    QPushButton* m_ok;
    std::vector<QWidget*> m_sizeRows, m_rangeRows, m_gifRows;
};

} // namespace heapviz::ui
