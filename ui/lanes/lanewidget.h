#pragma once
// One lane: its allocator's name, a warning when it fails many requests, its
// memory map, its free structure (ui/families), a strip of live metrics and the sentence that tells what the
// current step did. It shrinks to a small cell of the lane grid: the metric
// cells reflow, and the narration keeps a fixed number of lines (elided, the
// whole sentence in its tooltip), so the map's height never jumps.

#include <QFrame>

#include <optional>

#include "core/model/types.h"
#include "core/text/units.h"

class QLabel;
class QPushButton;
class QVariantAnimation;

namespace heapviz::ui {

class BalancedGrid;
class ElidedText;
class MemoryMapWidget;
class Session;
class StructureWidget;
struct Theme;

class LaneWidget : public QFrame {
    Q_OBJECT
public:
    LaneWidget(Session& session, std::size_t lane, QWidget* parent = nullptr);

    // The least width at which every part stays legible, and the least
    // height at a width: the map gets at least kMinimumMapHeight.
    static constexpr int kMinimumWidth = 240;
    static constexpr int kMinimumMapHeight = 72;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

    MemoryMapWidget* map() const { return m_map; }
    // The free structure its allocator searches (lists, bitmaps, tree, stack),
    // under the map; hovering in either points at the same block in both.
    StructureWidget* structureView() const { return m_structure; }
    void setStructureVisible(bool on);
    // A scenario's own unit (GiB, metres): the narration and the largest free
    // block say sizes in it where they are whole; nullopt: bytes.
    void setSizeUnit(std::optional<SizeUnit> unit);
    QWidget* metricStrip() const;
    ElidedText* narrationView() const { return m_narration; }
    QWidget* failureBanner() const { return m_banner; }
    QString narrationText() const;

    // Shows the session's current step. With a duration, animates the step
    // (the search, then the blocks' changes) over that many milliseconds.
    void refresh(int animateMs = 0);
    void setSelectedId(std::optional<TraceId> id);
    // Large narration for a class at the back of the room.
    void setPresentation(bool on);
    void setTheme(const Theme& theme);
    // Jumps a running animation to its end.
    void finishAnimation();
    bool animating() const;

Q_SIGNALS:
    void blockClicked(std::optional<TraceId> id);
    // The lane's fixed heap is too small: the user asks for a growing one.
    void growRequested();

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateTitle();
    void animate(int ms);
    QString narration() const;
    void updateFonts();
    void updateNarrationLines();
    int narrationLinesAt(int innerWidth, int spare) const;
    int innerWidth(int width) const;
    void updateBanner();
    void updateStructure(bool animate);

    Session& m_session;
    std::size_t m_lane;
    QLabel* m_title;
    QWidget* m_banner;
    QLabel* m_bannerText;
    QPushButton* m_grow;
    MemoryMapWidget* m_map;
    StructureWidget* m_structure;
    BalancedGrid* m_strip;
    std::vector<QLabel*> m_cells;
    ElidedText* m_narration;
    QVariantAnimation* m_animation;
    bool m_presentation = false;
    std::optional<SizeUnit> m_unit;
};

} // namespace heapviz::ui
