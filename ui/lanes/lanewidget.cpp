#include "ui/lanes/lanewidget.h"

#include <algorithm>

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVariantAnimation>
#include <QVBoxLayout>

#include "ui/lanes/balancedgrid.h"
#include "core/alloc/registry.h"
#include "core/text/narration.h"
#include "ui/lanes/elidedtext.h"
#include "ui/families/freestructure.h"
#include "ui/families/structurewidget.h"
#include "ui/map/faultmark.h"
#include "ui/map/memorymapwidget.h"
#include "ui/style/palette.h"
#include "ui/session/session.h"
#include "ui/map/stepanimation.h"
#include "ui/style/theme.h"

namespace heapviz::ui {

namespace {

QString percent(double ratio) { return QString::number(ratio * 100, 'f', 1) + "%"; }
QString bytes(Size n) { return QString::fromStdString(withCommas(n)) + " B"; }
QString count(std::uint64_t n) { return QString::fromStdString(withCommas(n)); }

// A size short enough for a metric cell: "3,696 B", "12.3 KiB", "1.05 MiB"
// (three significant digits; the exact size is in the map's tooltip).
QString shortBytes(Size n)
{
    if (n < 10000)
        return bytes(n);
    static const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = double(n) / 1024;
    int unit = 0;
    while (v >= 1000 && unit < 5) {
        v /= 1024;
        ++unit;
    }
    return QString::number(v, 'g', 3) + " " + kUnits[unit];
}

// The metric cells, in reading order.
enum Cell { ExtFrag, Largest, FreeBlocks, Utilization, Failed, Examined, kCells };

QString cellLabel(int cell)
{
    switch (cell) {
    case ExtFrag: return LaneWidget::tr("ext. frag.");
    case Largest: return LaneWidget::tr("largest free");
    case FreeBlocks: return LaneWidget::tr("free blocks");
    case Utilization: return LaneWidget::tr("utilization");
    case Failed: return LaneWidget::tr("failed");
    case Examined: return LaneWidget::tr("examined");
    }
    return {};
}

QString cellValue(int cell, const Metrics& m, const SizeUnit* unit)
{
    if (cell == Largest && unit && m.largestFree % unit->bytes == 0) // a story's own unit: "24 GiB"
        return QString::fromStdString(sizeNoun(m.largestFree, unit));
    switch (cell) {
    case ExtFrag: return percent(m.externalFragmentation());
    case Largest: return shortBytes(m.largestFree);
    case FreeBlocks: return count(m.freeBlocks);
    case Utilization: return percent(m.utilization());
    case Failed: return count(m.failed);
    case Examined: return count(m.examined);
    }
    return {};
}

} // namespace

LaneWidget::LaneWidget(Session& session, std::size_t lane, QWidget* parent)
    : QFrame(parent)
    , m_session(session)
    , m_lane(lane)
    , m_title(new QLabel(this))
    , m_banner(new QWidget(this))
    , m_bannerText(new QLabel(m_banner))
    , m_map(new MemoryMapWidget(this))
    , m_structure(new StructureWidget(this))
    , m_strip(new BalancedGrid(this))
    , m_narration(new ElidedText(this))
    , m_animation(new QVariantAnimation(this))
{
    m_animation->setStartValue(0.0);
    m_animation->setEndValue(1.0);
    connect(m_animation, &QVariantAnimation::valueChanged, this,
            [this](const QVariant& v) {
                m_map->setAnimationProgress(v.toDouble());
                m_structure->setAnimationProgress(v.toDouble());
            });
    setFrameShape(QFrame::StyledPanel);
    setMinimumWidth(kMinimumWidth);

    const LaneSpec& spec = session.lane(lane).spec;
    const QString name = QString::fromStdString(laneTitle(spec));
    // The title never widens the lane: a narrow one cuts it with "…" (updateTitle).
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    updateTitle();
    m_title->setToolTip(QString::fromStdString(spec.text));
    m_title->setAccessibleName(tr("Lane: %1").arg(name));

    m_grow = new QPushButton(tr("Grow the heap"), m_banner);
    m_grow->setToolTip(tr("Run the trace again with a heap that grows as needed"));
    connect(m_grow, &QPushButton::clicked, this, &LaneWidget::growRequested);
    m_bannerText->setWordWrap(true);
    auto* bannerRow = new QHBoxLayout(m_banner);
    bannerRow->setContentsMargins(0, 0, 0, 0);
    bannerRow->addWidget(m_bannerText, 1);
    bannerRow->addWidget(m_grow);
    m_banner->setAccessibleName(tr("Too many failed requests"));

    std::vector<QWidget*> cells;
    for (int c = 0; c < kCells; ++c) {
        auto* cell = new QLabel(this);
        cell->setTextFormat(Qt::RichText);
        cell->setAccessibleName(cellLabel(c));
        if (c == ExtFrag)
            cell->setToolTip(tr("External fragmentation: 1 − largest free block / free bytes"));
        m_cells.push_back(cell);
        cells.push_back(cell);
    }
    m_strip->setWidgets(cells);
    m_strip->setSpacing(2);

    m_map->setConfig(session.data().settings.config);
    m_map->setBlockLayout(&session.lane(lane).cursor->layout());
    m_map->setAccessibleName(tr("Memory map, %1").arg(name));
    m_map->setMinimumSize(120, kMinimumMapHeight);
    m_map->setTallRows(true); // a lane with room shows its heap in taller rows
    m_narration->setAccessibleName(tr("What this step did, %1").arg(name));

    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(8, 6, 8, 6);
    column->setSpacing(4);
    column->addWidget(m_title);
    column->addWidget(m_banner);
    column->addWidget(m_map, 2);
    column->addWidget(m_structure, 3);
    column->addWidget(m_strip);
    column->addWidget(m_narration);

    m_structure->setAccessibleName(tr("Free lists, %1").arg(name));
    connect(m_map, &MemoryMapWidget::blockClicked, this, &LaneWidget::blockClicked);
    connect(m_structure, &StructureWidget::blockClicked, this, &LaneWidget::blockClicked);
    connect(m_map, &MemoryMapWidget::hovered, m_structure, &StructureWidget::setHighlight);
    connect(m_structure, &StructureWidget::hovered, m_map, &MemoryMapWidget::setHighlight);
    updateFonts();
    updateBanner();
    refresh();
}

QWidget* LaneWidget::metricStrip() const { return m_strip; }

// The width of the lane's column of widgets when the lane is `width` wide.
int LaneWidget::innerWidth(int width) const
{
    const QMargins m = layout()->contentsMargins();
    return width - m.left() - m.right() - 2 * frameWidth();
}

int LaneWidget::heightForWidth(int width) const
{
    const QMargins m = layout()->contentsMargins();
    const int spacing = layout()->spacing();
    const int inner = innerWidth(width);
    int h = m.top() + m.bottom() + 2 * frameWidth();
    h += m_title->sizeHint().height() + spacing;
    if (!m_banner->isHidden())
        h += m_banner->layout()->totalHeightForWidth(inner) + spacing;
    h += kMinimumMapHeight + spacing;
    if (!m_structure->isHidden())
        h += m_structure->minimumSizeHint().height() + spacing;
    h += m_strip->heightForWidth(inner) + spacing;
    h += m_narration->heightForLines(narrationLinesAt(inner, 0));
    return h;
}

QString LaneWidget::narrationText() const { return m_narration->text(); }

void LaneWidget::setSelectedId(std::optional<TraceId> id)
{
    m_map->setSelectedId(id);
    m_structure->setSelectedId(id);
}

void LaneWidget::setSizeUnit(std::optional<SizeUnit> unit)
{
    m_unit = std::move(unit);
    refresh();
}

void LaneWidget::setStructureVisible(bool on)
{
    m_structure->setVisible(on);
    if (on)
        updateStructure(false);
    updateNarrationLines();
    updateGeometry();
}

// What the allocator searches, as the engine told it at this step.
void LaneWidget::updateStructure(bool animate)
{
    if (m_structure->isHidden())
        return;
    const Lane& lane = m_session.lane(m_lane);
    const BlockLayout& layout = lane.cursor->layout();
    BuddyTree tree = lane.spec.kind == FamilyKind::Buddy ? buddyTreeOf(lane.spec, layout) : BuddyTree{};
    m_structure->setStructure(freeStructureOf(lane.spec, layout, lane.cursor->listOrder(), m_session.currentEvents(m_lane)),
                              std::move(tree), animate);
}

void LaneWidget::finishAnimation()
{
    m_animation->stop();
    m_map->setAnimationProgress(1);
    m_structure->setAnimationProgress(1);
}

bool LaneWidget::animating() const { return m_animation->state() == QAbstractAnimation::Running; }

void LaneWidget::setPresentation(bool on)
{
    m_presentation = on;
    updateFonts();
}

void LaneWidget::setTheme(const Theme& theme)
{
    m_map->setTheme(theme);
    m_structure->setTheme(theme);
    m_bannerText->setStyleSheet(QStringLiteral("color: %1").arg(theme.fault.name()));
    refresh();
}

void LaneWidget::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateFonts();
    if (event->type() == QEvent::PaletteChange)
        refresh();
}

void LaneWidget::resizeEvent(QResizeEvent* event)
{
    QFrame::resizeEvent(event);
    updateTitle();
    updateNarrationLines();
}

// The lane's colour, then its name, cut with "…" where the lane is too
// narrow for it: a label of rich text was cut mid-letter ("segregated (LI"
// with large text at 1024 x 768). Its whole name is in the accessible name.
void LaneWidget::updateTitle()
{
    const LaneSpec& spec = m_session.lane(m_lane).spec;
    const QString name = QString::fromStdString(laneTitle(spec));
    const QFontMetrics metrics(m_title->font());
    const int room = m_title->contentsRect().width() - metrics.horizontalAdvance(QStringLiteral("■ "));
    const QString shown = metrics.elidedText(name, Qt::ElideRight, std::max(0, room));
    m_title->setText(QStringLiteral("<span style='color:%1'>■</span> %2").arg(laneColor(spec).name(), shown.toHtmlEscaped()));
}

// The narration's lines: two, or three where two would cut a long sentence
// (a malloc's search, split and growth run to 120-140 characters after
// the call, which the window says once above the lanes) and the lane can spare
// the line: `spare` is its height above its least. Where the free lists are
// shown they need the room (at 1024 x 768 a third line would save a fifth
// of the sentences and hide a list row), so the line is spared only to a
// lane as tall as four lanes at 1920 x 1080 have; where they are not, the
// map gives it. Three in presentation mode, whose text is larger. Set by the
// lane's size, never by the sentence, so that the map keeps its height from
// step to step; a lane's least height counts two.
int LaneWidget::narrationLinesAt(int inner, int spare) const
{
    if (m_presentation)
        return 3;
    const QFontMetrics metrics = m_narration->fontMetrics();
    if (spare < (m_structure->isHidden() ? 3 : 20) * metrics.lineSpacing())
        return 2;
    static const QString kLongSentence = QStringLiteral(
        "→ TLSF found its list with 1 bitmap probe and took the whole 80-byte block at 0x620 (16 bytes "
        "more than the 64 needed: too few to split off)");
    const int wrapped = metrics.horizontalAdvance(kLongSentence) * 11 / 10; // words wrap short of the edge
    return std::clamp((wrapped + inner - 1) / std::max(1, inner), 2, 3);
}

void LaneWidget::updateNarrationLines()
{
    const int lines = narrationLinesAt(innerWidth(width()), height() - heightForWidth(width()));
    if (lines != m_narration->lines())
        m_narration->setLines(lines);
}

// Sizes relative to the window's font, which the text scale sets.
void LaneWidget::updateFonts()
{
    QFont title = font();
    title.setPointSizeF(font().pointSizeF() * 1.35);
    title.setBold(true);
    m_title->setFont(title);
    updateTitle();
    QFont narration = font();
    if (m_presentation)
        narration.setPointSizeF(font().pointSizeF() * 1.5);
    m_narration->setFont(narration);
    updateNarrationLines();
    // Cells as wide as their longest label or a long value ("999 KiB"), so
    // that three fit across a lane of the least width; larger to present.
    QFont cell = font();
    if (m_presentation)
        cell.setPointSizeF(font().pointSizeF() * 1.3);
    QFont small = cell;
    small.setPointSizeF(cell.pointSizeF() * 0.85);
    QFont bold = cell;
    bold.setBold(true);
    int widest = QFontMetrics(bold).horizontalAdvance(QStringLiteral("999 KiB"));
    for (int c = 0; c < kCells; ++c)
        widest = std::max(widest, QFontMetrics(small).horizontalAdvance(cellLabel(c)));
    m_strip->setCellMinimum({widest + 4, QFontMetrics(small).lineSpacing() + QFontMetrics(bold).lineSpacing()});
    for (QLabel* label : m_cells)
        label->setFont(cell);
    updateGeometry();
}

// Says so where the eye is when the fixed heap makes many requests fail.
void LaneWidget::updateBanner()
{
    const Lane& lane = m_session.lane(m_lane);
    const HeapConfig& config = lane.spec.config;
    const std::size_t asked = m_session.data().requests;
    const std::uint32_t failed = lane.run.final.failed;
    const auto many = [asked](std::uint32_t n) { return n >= 5 && n * 5 >= asked; }; // a fifth or more
    // Requests too large for the family (a pool's slot) are not the heap's fault.
    const bool tooLarge = many(lane.failedTooLarge);
    const bool heapTooSmall = config.fixedSize && many(failed - lane.failedTooLarge);
    m_banner->setVisible(tooLarge || heapTooSmall);
    m_grow->setVisible(heapTooSmall);
    if (heapTooSmall)
        m_bannerText->setText(tr("%1 of %2 requests failed: the fixed %3 heap is too small")
                                  .arg(count(failed), count(asked),
                                       QString::fromStdString(formatBytes(*config.fixedSize))));
    else if (tooLarge)
        m_bannerText->setText(lane.spec.kind == FamilyKind::Pool
                                  ? tr("%1 of %2 requests failed: larger than a %3 slot")
                                        .arg(count(lane.failedTooLarge), count(asked),
                                             QString::fromStdString(formatBytesShort(lane.spec.pool.slot)))
                                  : tr("%1 of %2 requests failed: larger than any heap")
                                        .arg(count(lane.failedTooLarge), count(asked)));
}

void LaneWidget::refresh(int animateMs)
{
    const Metrics m = m_session.metricsAt(m_lane);
    const QString muted = palette().color(QPalette::PlaceholderText).name();
    for (int c = 0; c < kCells; ++c)
        m_cells[std::size_t(c)]->setText(QStringLiteral("<span style='color:%1; font-size:small'>%2</span><br><b>%3</b>")
                                            .arg(muted, cellLabel(c), cellValue(c, m, m_unit ? &*m_unit : nullptr)));
    m_narration->setText(narration());
    m_animation->stop(); // a new step never waits for the last one's animation
    m_map->setAnimation(nullptr);
    updateStructure(animateMs > 0);
    if (animateMs > 0)
        animate(animateMs);
    // The map's marks: next fit's rover, and the blocks this step's faults concern.
    const Lane& lane = m_session.lane(m_lane);
    m_map->setRover(lane.spec.isBoundaryTag() && lane.spec.placement == Placement::Next
                        ? std::optional(lane.cursor->layout().rover())
                        : std::nullopt);
    m_map->setFaults(faultMarks(m_session.currentEvents(m_lane), anatomyOf(lane.spec)));
    m_map->refresh();
}

// What the lane's heap did at the current step; after a whole compaction,
// what it cost and what it gained.
QString LaneWidget::narration() const
{
    const Op* op = m_session.currentOp();
    if (!op)
        return tr("Press Space to play, → to step.");
    const auto events = m_session.currentEvents(m_lane);
    // The call is said once, above the lanes (OperationHeading): the lane
    // goes on from it with what its own heap did.
    const NarrationParts parts = narrateParts(*op, events, m_session.lane(m_lane).spec, m_unit ? &*m_unit : nullptr);
    QString text = QString::fromStdString(parts.call.empty() ? parts.outcome : "→ " + parts.outcome);
    const CompactionStarted* started = nullptr;
    const CompactionFinished* finished = nullptr;
    for (const Event& e : events) {
        if (const auto* s = std::get_if<CompactionStarted>(&e); s && !started)
            started = s;
        if (const auto* f = std::get_if<CompactionFinished>(&e))
            finished = f;
    }
    if (started && finished) {
        const FreeSpace& b = started->before;
        const FreeSpace& a = finished->after;
        text += tr("\nCompaction: free blocks %1 → %2 · largest free %3 → %4 · "
                   "ext. fragmentation %5 → %6 · %7 moved")
                    .arg(b.blocks)
                    .arg(a.blocks)
                    .arg(bytes(b.largest), bytes(a.largest), percent(b.externalFragmentation()),
                         percent(a.externalFragmentation()), bytes(finished->bytes));
    }
    return text;
}

// The step's animation, with the search as it ran: on a copy of the layout
// with the step's events undone, the heap as the strategy saw it.
void LaneWidget::animate(int ms)
{
    const auto events = m_session.lastStepEvents(m_lane);
    BlockLayout before = m_session.lane(m_lane).cursor->layout();
    for (auto it = events.rbegin(); it != events.rend(); ++it)
        before.undo(*it);
    const std::vector<FreeSpan> freeBefore = before.freeSpans();
    std::optional<SearchPath> path;
    for (const Event& e : events)
        if (const auto* searched = std::get_if<Searched>(&e)) {
            path = visitedBlocks(freeBefore, *searched);
            break; // the first search; a second (after compaction) shows in the map
        }
    auto animation = std::make_shared<StepAnimation>(events, path ? &*path : nullptr, freeBefore);
    if (animation->empty()) {
        m_structure->setAnimationProgress(1);
        return;
    }
    m_map->setAnimation(std::move(animation));
    m_animation->setDuration(ms);
    m_animation->start();
}

} // namespace heapviz::ui
