#pragma once
// One export asked for, by the dialog or the command line: what (the window
// or a lane), in which format, where, and for CSV and GIF which steps.
// PNG and SVG are done at once; CSV and GIF as a job on the event loop.

#include <QSize>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

#include "ui/export/gifexport.h"

class QWidget;

namespace heapviz::ui {

class ExportJob;
class LaneWidget;
class Session;

enum class ExportFormat { Png, Svg, Csv, Gif };
// "png", "svg", "csv", "gif": the file suffix and the command line's word.
QString exportFormatName(ExportFormat format);
std::optional<ExportFormat> exportFormatFromSuffix(const QString& path);

struct ExportRequest {
    ExportFormat format = ExportFormat::Png;
    QString path;
    std::optional<std::size_t> lane; // none: the whole window
    std::size_t from = 0;            // CSV, GIF: steps from .. to
    std::size_t to = 0;
    GifOptions gif;                  // GIF: speed, frames per step and size (from/to set from the above)
    QSize size;                      // PNG: the picture's size; empty: the widget's own
};

// Why `request` cannot be done on this session, or empty.
QString exportProblem(const ExportRequest& request, const Session& session);

// Does a PNG or SVG export (`job` stays null), or makes the CSV or GIF job,
// not yet started. False with `error` when a PNG or SVG could not be written.
// `window` is the main window; `lanes` its lane widgets.
bool startExport(const ExportRequest& request, Session& session, const std::vector<LaneWidget*>& lanes,
                 QWidget& window, std::unique_ptr<ExportJob>& job, QString& error);

} // namespace heapviz::ui
