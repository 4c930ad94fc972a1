#include "ui/charts/chartmetric.h"

#include <QObject>

namespace heapviz::ui {

MetricUnit metricUnit(ChartMetric metric)
{
    switch (metric) {
    case ChartMetric::ExternalFragmentation:
    case ChartMetric::Utilization:
    case ChartMetric::InternalFragmentation: return MetricUnit::Percent;
    case ChartMetric::LargestFree:
    case ChartMetric::HeapSize: return MetricUnit::Bytes;
    case ChartMetric::FreeBlocks:
    case ChartMetric::Examined:
    case ChartMetric::Failed: return MetricUnit::Count;
    }
    return MetricUnit::Count;
}

double metricValue(const Metrics& m, ChartMetric metric)
{
    switch (metric) {
    case ChartMetric::ExternalFragmentation: return m.externalFragmentation() * 100;
    case ChartMetric::LargestFree: return double(m.largestFree);
    case ChartMetric::FreeBlocks: return double(m.freeBlocks);
    case ChartMetric::Utilization: return m.utilization() * 100;
    case ChartMetric::Examined: return double(m.examined);
    case ChartMetric::Failed: return double(m.failed);
    case ChartMetric::HeapSize: return double(m.heapSize);
    case ChartMetric::InternalFragmentation: return m.internalFragmentation() * 100;
    }
    return 0;
}

QString metricTitle(ChartMetric metric)
{
    switch (metric) {
    case ChartMetric::ExternalFragmentation: return QObject::tr("External fragmentation (%)");
    case ChartMetric::LargestFree: return QObject::tr("Largest free block");
    case ChartMetric::FreeBlocks: return QObject::tr("Free blocks");
    case ChartMetric::Utilization: return QObject::tr("Utilization (%)");
    case ChartMetric::Examined: return QObject::tr("Free blocks examined per operation");
    case ChartMetric::Failed: return QObject::tr("Failed requests (so far)");
    case ChartMetric::HeapSize: return QObject::tr("Heap size");
    case ChartMetric::InternalFragmentation: return QObject::tr("Internal fragmentation (%)");
    }
    return {};
}

QString metricAxisTitle(ChartMetric metric)
{
    switch (metric) {
    case ChartMetric::ExternalFragmentation:
    case ChartMetric::Utilization:
    case ChartMetric::InternalFragmentation: return QObject::tr("%");
    case ChartMetric::LargestFree:
    case ChartMetric::HeapSize: return QObject::tr("bytes");
    case ChartMetric::FreeBlocks:
    case ChartMetric::Examined: return QObject::tr("blocks");
    case ChartMetric::Failed: return QObject::tr("requests");
    }
    return {};
}

} // namespace heapviz::ui
