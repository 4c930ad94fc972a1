#pragma once
// MemoryMapWidget: the heap drawn to scale by address (see MemoryMapGeometry),
// one block layout at a time. It paints with renderMemoryMap into a cached
// image, repainted only when something shown has changed.
//
// Mouse: the wheel zooms about the cursor, a left drag pans, a left click
// without a drag reports the block under it (blockClicked), hovering shows the
// block's details. Keys: + (or =) zooms in, - zooms out, F fits the whole
// heap, Up/Down and Page Up/Page Down scroll by rows, Home/End go to the
// heap's ends. Ctrl+0, Ctrl++ and Ctrl+- are left to the window, whose text
// scale the ruler and the labels follow (they use the widget's font).
//
// A MapViewLink can keep several maps on the same addresses: it listens to
// zoomChanged and heapSizeChanged and answers with showRows and setExtent.

#include <QImage>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

#include "core/model/types.h"
#include "ui/map/memorymapgeometry.h"
#include "ui/map/memorymaprenderer.h"

namespace heapviz {
class BlockLayout;
struct HeapConfig;
} // namespace heapviz

namespace heapviz::ui {

class StepAnimation;

class MemoryMapWidget : public QWidget {
    Q_OBJECT

public:
    explicit MemoryMapWidget(QWidget* parent = nullptr);

    // Whether a view of the whole heap draws taller rows when the map has room
    // to spare (MemoryMapGeometry::fillHeight); off, rows keep their default height.
    void setTallRows(bool on);
    // The header and footer (for tags and payload addresses), prefix and suffix.
    void setConfig(const HeapConfig& config);
    // The layout to show; not owned. Call refresh() whenever it changes.
    void setBlockLayout(const BlockLayout* layout);
    void setSelectedId(std::optional<TraceId> id);
    // A search to show: the free blocks it examined and the one it chose.
    void setSearch(std::vector<Address> examined, std::optional<Address> chosen);
    void setTheme(const Theme& theme);
    // Next fit's rover, marked at its address; nullopt for the other fits.
    void setRover(std::optional<Address> rover);
    // A block outlined because another view points at it (the lane's free
    // structure, hovered); nullopt: none.
    void setHighlight(std::optional<Address> blockAt);
    std::optional<Address> highlight() const { return m_highlight; }
    // The quiz's marks: the free block a class guessed (dashed), and once
    // revealed the block the allocator took (solid): both green when they are
    // the same, else the guess red.
    void setQuizMarks(std::optional<Address> guess, std::optional<Address> truth);
    // The blocks the current step's faults concern, marked and named in the tooltip.
    void setFaults(std::vector<FaultMark> faults);
    // The address range to fit and pan over, shared by linked maps (see
    // MemoryMapGeometry::setExtent); 0: this map's own heap.
    void setExtent(Size bytes);
    // Shows rows of `bytesPerRow` bytes from `first`, as another map does.
    void showRows(Address first, Size bytesPerRow);
    // An animation drawn over the map (null: none), and how far it has got.
    void setAnimation(std::shared_ptr<const StepAnimation> animation);
    void setAnimationProgress(double progress);
    double animationProgress() const { return m_progress; }

    // Named so as not to hide QWidget::geometry(), the widget's own rectangle.
    const MemoryMapGeometry& mapGeometry() const { return m_geometry; }
    const MapStyle& mapStyle() const { return m_style; }
    const BlockLayout* blockLayout() const { return m_layout; }

    // What hovering at `pos` shows: the block's address, payload address, size,
    // payload, id, state and trace line, and the faults marked on it; empty
    // where there is no heap byte.
    QString toolTipAt(QPointF pos) const;
    // The id of the used block at `pos`; nullopt over a free block or no block.
    std::optional<TraceId> idAt(QPointF pos) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public Q_SLOTS:
    // Re-reads the layout (its heap size may have grown) and repaints.
    void refresh();
    void fitAll();
    // One nice step of bytes per row closer or further, about the middle.
    void zoomIn();
    void zoomOut();

Q_SIGNALS:
    // A click without a drag: the used block's id, or nullopt (free block or none).
    void blockClicked(std::optional<TraceId> id);
    // The part of the heap shown or its scale changed.
    void zoomChanged();
    // The layout's heap has a new size (read by refresh()).
    void heapSizeChanged();
    // The pointer moved onto another block (its start) or off every block.
    void hovered(std::optional<Address> blockAt);
    // A click without a drag, at a heap byte (any block): for the quiz's guesses.
    void clickedAt(Address at);

protected:
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    // Runs a change of view and tells zoomChanged if what is shown moved.
    template <class F> void changeView(F&& change);
    void invalidate();
    void updateMargin();
    void fillHeight();
    void panRows(double rows);

    MemoryMapGeometry m_geometry;
    const BlockLayout* m_layout = nullptr;
    MapStyle m_style;
    std::shared_ptr<const StepAnimation> m_animation;
    double m_progress = 1;
    QImage m_cache;
    bool m_dirty = true;
    bool m_tallRows = false;

    // A left-button press becomes a drag once it moves far enough.
    bool m_pressed = false;
    bool m_dragging = false;
    QPointF m_pressPos;
    QPointF m_lastDragPos;
    double m_pendingRowDrag = 0; // vertical drag not yet a whole row
    std::optional<Address> m_highlight;
    std::optional<Address> m_hovered;
    std::optional<Address> m_guess;
    std::optional<Address> m_truth;
};

} // namespace heapviz::ui
