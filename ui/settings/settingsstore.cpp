#include "ui/settings/settingsstore.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

#include "core/config/options.h"

namespace heapviz::ui {

namespace {
// The keys, all of them.
const QString kLanes = QStringLiteral("traces/lanes");
const QString kConfigGroup = QStringLiteral("traces/config/"); // + an option's name (core/options.h)
const QString kRecent = QStringLiteral("recentFiles");
const QString kSpeed = QStringLiteral("playback/stepsPerSecond");
const QString kTheme = QStringLiteral("view/theme");
const QString kTextScale = QStringLiteral("view/textScale");
const QString kLanesLocked = QStringLiteral("view/lanesLocked");
const QString kChartsShown = QStringLiteral("view/chartsShown");
const QString kSideChart = QStringLiteral("view/sideChart");
const QString kUnusableIndex = QStringLiteral("view/unusableIndex");
const QString kRecordProgram = QStringLiteral("record/program");
const QString kRecordArguments = QStringLiteral("record/arguments");
const QString kRecordDirectory = QStringLiteral("record/directory");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");

constexpr double kDefaultSpeed = 4;
} // namespace

SettingsStore::SettingsStore(Mode mode)
    : m_mode(mode)
{
    if (mode == Mode::Persistent)
        m_settings = std::make_unique<QSettings>();
}

QVariant SettingsStore::value(const QString& key, const QVariant& fallback) const
{
    return m_settings ? m_settings->value(key, fallback) : m_memory.value(key, fallback);
}

void SettingsStore::setValue(const QString& key, const QVariant& value)
{
    if (m_settings)
        m_settings->setValue(key, value);
    else
        m_memory.insert(key, value);
}

// Read back option by option, as the CLI reads them; anything that no longer
// makes sense (another version's options, a hand-edited file) gives the defaults.
SessionSettings SettingsStore::traceSettings() const
{
    SessionSettings s;
    std::vector<std::string> lanes;
    for (const QString& lane : value(kLanes, QStringList()).toStringList())
        lanes.push_back(lane.toStdString());
    if (!lanes.empty())
        s.lanes = lanes;
    HeapConfig config;
    std::string error;
    bool ok = true;
    for (const auto& [name, fallback] : optionsOf(config)) {
        const QString key = kConfigGroup + QString::fromLatin1(name.data(), qsizetype(name.size()));
        if (const QVariant v = value(key, QVariant()); v.isValid())
            ok = ok && setOption(config, name, v.toString().toStdString(), error);
    }
    SessionSettings saved{s.lanes, config};
    std::string why;
    if (ok && !saved.resolve(why).empty())
        return saved;
    return SessionSettings{}; // another version's lanes or options: the defaults
}

void SettingsStore::setTraceSettings(const SessionSettings& s)
{
    QStringList lanes;
    for (const std::string& lane : s.lanes)
        lanes << QString::fromStdString(lane);
    setValue(kLanes, lanes);
    for (const auto& [name, text] : optionsOf(s.config))
        setValue(kConfigGroup + QString::fromLatin1(name.data(), qsizetype(name.size())), QString::fromStdString(text));
}

QStringList SettingsStore::recentFiles() const { return value(kRecent, QStringList()).toStringList(); }

void SettingsStore::addRecentFile(const QString& path)
{
    QStringList recent = recentFiles();
    const QString full = QFileInfo(path).absoluteFilePath();
    recent.removeAll(full);
    recent.prepend(full);
    setValue(kRecent, recent.mid(0, kMaxRecent));
}

void SettingsStore::removeRecentFile(const QString& path)
{
    QStringList recent = recentFiles();
    recent.removeAll(QFileInfo(path).absoluteFilePath());
    recent.removeAll(path);
    setValue(kRecent, recent);
}

double SettingsStore::speed() const
{
    const double v = value(kSpeed, kDefaultSpeed).toDouble();
    return v > 0 ? v : kDefaultSpeed;
}
void SettingsStore::setSpeed(double stepsPerSecond) { setValue(kSpeed, stepsPerSecond); }

ThemeKind SettingsStore::theme() const
{
    return themeFromName(value(kTheme, QString()).toString().toStdString()).value_or(ThemeKind::Light);
}
void SettingsStore::setTheme(ThemeKind theme) { setValue(kTheme, QString::fromLatin1(themeName(theme).data())); }

double SettingsStore::textScale() const { return std::clamp(value(kTextScale, 1.0).toDouble(), 0.5, 4.0); }
void SettingsStore::setTextScale(double scale) { setValue(kTextScale, scale); }

bool SettingsStore::lanesLocked() const { return value(kLanesLocked, true).toBool(); }
void SettingsStore::setLanesLocked(bool locked) { setValue(kLanesLocked, locked); }

bool SettingsStore::chartsShown() const { return value(kChartsShown, true).toBool(); }
void SettingsStore::setChartsShown(bool shown) { setValue(kChartsShown, shown); }

SideChart SettingsStore::sideChart() const
{
    return sideChartFromName(value(kSideChart, QString()).toString().toStdString()).value_or(SideChart::FreeBlockSizes);
}
void SettingsStore::setSideChart(SideChart chart)
{
    const std::string_view name = sideChartName(chart);
    setValue(kSideChart, QString::fromLatin1(name.data(), qsizetype(name.size())));
}

bool SettingsStore::unusableIndex() const { return value(kUnusableIndex, false).toBool(); }
void SettingsStore::setUnusableIndex(bool on) { setValue(kUnusableIndex, on); }

RecordSettings SettingsStore::recordSettings() const
{
    return RecordSettings{value(kRecordProgram, QString()).toString(), value(kRecordArguments, QString()).toString(),
                          value(kRecordDirectory, QDir::homePath()).toString()};
}

void SettingsStore::setRecordSettings(const RecordSettings& settings)
{
    setValue(kRecordProgram, settings.program);
    setValue(kRecordArguments, settings.arguments);
    setValue(kRecordDirectory, settings.directory);
}

QByteArray SettingsStore::windowGeometry() const { return value(kGeometry, QByteArray()).toByteArray(); }
QByteArray SettingsStore::windowState() const { return value(kState, QByteArray()).toByteArray(); }
void SettingsStore::setWindow(const QByteArray& geometry, const QByteArray& state)
{
    setValue(kGeometry, geometry);
    setValue(kState, state);
}

} // namespace heapviz::ui
