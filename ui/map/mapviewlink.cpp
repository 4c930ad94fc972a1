#include "ui/map/mapviewlink.h"

#include <QScopedValueRollback>

#include <algorithm>

#include "ui/map/memorymapwidget.h"

namespace heapviz::ui {

MapViewLink::MapViewLink(QObject* parent)
    : QObject(parent)
{
}

void MapViewLink::add(MemoryMapWidget* map)
{
    m_maps.push_back(map);
    connect(map, &MemoryMapWidget::zoomChanged, this, [this, map] { follow(map); });
    connect(map, &MemoryMapWidget::heapSizeChanged, this, &MapViewLink::shareExtent);
    connect(map, &QObject::destroyed, this, [this](QObject* gone) { remove(gone); });
    shareExtent();
    if (m_maps.size() > 1)
        follow(m_maps.front());
}

void MapViewLink::setEnabled(bool enabled)
{
    if (m_enabled == enabled)
        return;
    m_enabled = enabled;
    shareExtent();
    if (m_enabled && !m_maps.empty())
        follow(m_maps.front());
}

void MapViewLink::follow(const MemoryMapWidget* leader)
{
    if (!m_enabled || m_applying)
        return;
    const QScopedValueRollback applying(m_applying, true);
    const MemoryMapGeometry& view = leader->mapGeometry();
    for (MemoryMapWidget* map : m_maps) {
        if (map == leader)
            continue;
        if (view.showsAll())
            map->fitAll(); // not the leader's rows: a fitted view follows its heap as it grows
        else
            map->showRows(view.first(), view.bytesPerRow());
    }
}

void MapViewLink::shareExtent()
{
    Size largest = 0;
    if (m_enabled)
        for (const MemoryMapWidget* map : m_maps)
            largest = std::max(largest, map->mapGeometry().heapSize());
    const QScopedValueRollback applying(m_applying, true);
    for (MemoryMapWidget* map : m_maps)
        map->setExtent(largest);
}

void MapViewLink::remove(const QObject* map)
{
    std::erase_if(m_maps, [map](const MemoryMapWidget* m) { return m == map; });
    shareExtent();
}

} // namespace heapviz::ui
