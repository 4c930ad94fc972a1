#include "ui/export/exporter.h"

#include <QFileInfo>

#include "core/alloc/registry.h"
#include "ui/export/csvexport.h"
#include "ui/export/widgetexport.h"
#include "ui/lanes/lanewidget.h"
#include "ui/session/session.h"

namespace heapviz::ui {

QString exportFormatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Png: return QStringLiteral("png");
    case ExportFormat::Svg: return QStringLiteral("svg");
    case ExportFormat::Csv: return QStringLiteral("csv");
    case ExportFormat::Gif: return QStringLiteral("gif");
    }
    return {};
}

std::optional<ExportFormat> exportFormatFromSuffix(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    for (ExportFormat f : {ExportFormat::Png, ExportFormat::Svg, ExportFormat::Csv, ExportFormat::Gif})
        if (suffix == exportFormatName(f))
            return f;
    return std::nullopt;
}

QString exportProblem(const ExportRequest& request, const Session& session)
{
    if (request.path.isEmpty())
        return QObject::tr("no file to export to");
    if (request.lane && *request.lane >= session.laneCount())
        return QObject::tr("there is no lane %1: the session has %2").arg(*request.lane + 1).arg(session.laneCount());
    const bool ranged = request.format == ExportFormat::Csv || request.format == ExportFormat::Gif;
    if (ranged && (request.to > session.steps() || request.from >= request.to))
        return QObject::tr("the steps from %1 to %2 are not a range of this trace: it has steps 0 to %3, "
                           "and the range needs at least one")
            .arg(request.from)
            .arg(request.to)
            .arg(session.steps());
    if (request.format == ExportFormat::Gif) {
        const double speed = request.gif.stepsPerSecond;
        if (!(speed >= GifOptions::kMinSpeed && speed <= GifOptions::kMaxSpeed))
            return QObject::tr("a GIF plays from %1 to %2 steps a second").arg(GifOptions::kMinSpeed).arg(GifOptions::kMaxSpeed);
        if (request.gif.framesPerStep < 0 || request.gif.framesPerStep > 100)
            return QObject::tr("frames per step run from 1 to 100 (0: as the window animates)");
    }
    const QSize size = request.format == ExportFormat::Gif ? request.gif.size : request.size;
    if (!size.isEmpty() && (size.width() < 16 || size.height() < 16 || size.width() > 7680 || size.height() > 4320))
        return QObject::tr("a picture's size runs from 16x16 to 7680x4320");
    return {};
}

bool startExport(const ExportRequest& request, Session& session, const std::vector<LaneWidget*>& lanes,
                 QWidget& window, std::unique_ptr<ExportJob>& job, QString& error)
{
    job.reset();
    if (error = exportProblem(request, session); !error.isEmpty())
        return false;
    QWidget& target = request.lane ? *lanes.at(*request.lane) : window;
    QString title = QObject::tr("HeapViz: %1").arg(QString::fromStdString(session.trace().name));
    if (request.lane)
        title += QStringLiteral(", ") + QString::fromStdString(laneTitle(session.lane(*request.lane).spec));
    switch (request.format) {
    case ExportFormat::Png:
        for (LaneWidget* lane : lanes)
            lane->finishAnimation();
        return exportPng(target, request.path, request.size, error);
    case ExportFormat::Svg:
        for (LaneWidget* lane : lanes)
            lane->finishAnimation();
        return exportSvg(target, request.path, title, error);
    case ExportFormat::Csv:
        job = std::make_unique<CsvExport>(session, request.path, request.from, request.to);
        return true;
    case ExportFormat::Gif: {
        GifOptions options = request.gif;
        options.from = request.from;
        options.to = request.to;
        job = std::make_unique<GifExport>(session, lanes, target, request.path, options);
        return true;
    }
    }
    return false;
}

} // namespace heapviz::ui
