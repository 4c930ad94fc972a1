#pragma once
// MapViewLink: keeps the memory maps of lanes side by side on the same
// addresses, so that a byte is in the same place in every lane ("Lock lanes
// together"). A zoom or pan in one map is shown by all (same first address,
// same bytes per row); all fit and pan over the largest linked heap, so that
// "fit the heap" fits that one in every lane and a growing heap keeps all
// fitted. Unlinked, each map zooms alone and fits its own heap.
//
// A map that cannot show the view exactly (one too narrow for the closest
// zoom of another) shows the nearest it can and is not followed back: only
// the map the user moved leads, so no two maps can pull at each other.

#include <QObject>

#include <vector>

namespace heapviz::ui {

class MemoryMapWidget;

class MapViewLink : public QObject {
    Q_OBJECT
public:
    explicit MapViewLink(QObject* parent = nullptr);

    // Links `map`, which takes the view of those already linked; the link
    // lets go of it when it is destroyed.
    void add(MemoryMapWidget* map);
    // On: the maps move together. Off: each keeps its view and zooms alone.
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    const std::vector<MemoryMapWidget*>& maps() const { return m_maps; }

private:
    // Shows `leader`'s view in every other map.
    void follow(const MemoryMapWidget* leader);
    // Gives every map the largest heap as its extent (linked) or its own (not).
    void shareExtent();
    void remove(const QObject* map);

    std::vector<MemoryMapWidget*> m_maps;
    bool m_enabled = true;
    bool m_applying = false; // the link is changing views itself: not a lead to follow
};

} // namespace heapviz::ui
