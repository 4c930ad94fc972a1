#include "ui/record/recorderlocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace heapviz::ui {

namespace {
constexpr auto kLauncher = "heapviz-record";
constexpr auto kOverride = "HEAPVIZ_RECORD";
constexpr auto kBuildFolder = "record"; // app/record's binary folder, beside app/heapviz

bool runnable(const QString& path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}
} // namespace

RecorderLocation RecorderLocation::find(const QString& appDir)
{
    RecorderLocation where;
    const QString override = qEnvironmentVariable(kOverride);
    const QDir dir(appDir);
    const QStringList candidates = !override.isEmpty()
                                       ? QStringList{override}
                                       : QStringList{dir.filePath(QString::fromLatin1(kLauncher)),
                                                     dir.filePath(QStringLiteral("%1/%2").arg(QLatin1String(kBuildFolder),
                                                                                              QLatin1String(kLauncher)))};
    for (const QString& candidate : candidates) {
        where.searched << QDir::cleanPath(candidate);
        if (runnable(candidate)) {
            where.path = QFileInfo(candidate).absoluteFilePath();
            break;
        }
    }
    return where;
}

RecorderLocation RecorderLocation::find() { return find(QCoreApplication::applicationDirPath()); }

QString RecorderLocation::whyMissing() const
{
    return QCoreApplication::translate("RecorderLocation",
                                       "Recording needs heapviz-record, which is not installed with this HeapViz "
                                       "(looked for %1). Build it with the target heapviz-record, or install HeapViz "
                                       "with cmake --install, which puts it beside heapviz. It records on Linux only.")
        .arg(searched.join(QStringLiteral(" and ")));
}

} // namespace heapviz::ui
