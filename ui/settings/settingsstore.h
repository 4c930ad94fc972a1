#pragma once
// Everything the app remembers between runs, each with its key, its default
// and its type, in one place (hotspot's Settings, heaptrack's config).
//
// A headless run (--screenshot, tests) uses an ephemeral store: it starts
// from the defaults, reads nothing the user saved and writes nothing, so the
// same command gives the same picture in every home.

#include <QByteArray>
#include <QSettings>
#include <QStringList>
#include <QVariantMap>

#include <memory>

#include "ui/charts/sidechart.h"
#include "ui/session/session.h"
#include "ui/style/theme.h"

namespace heapviz::ui {

// File → Record a program: the last program recorded, to record it again.
struct RecordSettings {
    QString program;
    QString arguments; // one line, split as a shell splits it
    QString directory; // the working folder: the home folder until one is chosen
};

class SettingsStore {
public:
    enum class Mode { Persistent, Ephemeral };
    explicit SettingsStore(Mode mode);

    Mode mode() const { return m_mode; }

    // The lanes and heap that traces open with (growing, three fits, by default).
    SessionSettings traceSettings() const;
    void setTraceSettings(const SessionSettings& settings);

    // Most recent first, at most kMaxRecent.
    static constexpr int kMaxRecent = 8;
    QStringList recentFiles() const;
    void addRecentFile(const QString& path);
    void removeRecentFile(const QString& path);

    double speed() const; // steps per second
    void setSpeed(double stepsPerSecond);
    ThemeKind theme() const;
    void setTheme(ThemeKind theme);
    double textScale() const; // 1 = the system's text size
    void setTextScale(double scale);
    bool lanesLocked() const; // zoom and pan every lane together
    void setLanesLocked(bool locked);
    bool chartsShown() const;
    void setChartsShown(bool shown);
    SideChart sideChart() const; // the chart beside the line chart
    void setSideChart(SideChart chart);
    bool unusableIndex() const; // free blocks per order as the unusable free space index
    void setUnusableIndex(bool on);

    RecordSettings recordSettings() const;
    void setRecordSettings(const RecordSettings& settings);

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindow(const QByteArray& geometry, const QByteArray& state);

private:
    QVariant value(const QString& key, const QVariant& fallback) const;
    void setValue(const QString& key, const QVariant& value);

    Mode m_mode;
    std::unique_ptr<QSettings> m_settings; // Persistent only
    QVariantMap m_memory;                  // Ephemeral only
};

} // namespace heapviz::ui
