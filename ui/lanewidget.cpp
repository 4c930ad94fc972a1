#include "lanewidget.h"

#include <QLabel>
#include <QVariantAnimation>
#include <QVBoxLayout>

#include "core/narration.h"
#include "faultmark.h"
#include "memorymapwidget.h"
#include "palette.h"
#include "session.h"
#include "stepanimation.h"

namespace heapviz::ui {

namespace {

QString percent(double ratio) { return QString::number(ratio * 100, 'f', 1) + "%"; }
QString bytes(Size n) { return QString::fromStdString(withCommas(n)) + " B"; }

// "<b>label</b> value" cells, kept on one line each so the strip reads as a table.
QString cell(const QString& label, const QString& value)
{
    return QStringLiteral("<td style='padding-right:14px'><span style='color:#6b6b6b'>%1</span><br><b>%2</b></td>")
        .arg(label, value);
}

} // namespace

LaneWidget::LaneWidget(Session& session, std::size_t lane, QWidget* parent)
    : QFrame(parent)
    , m_session(session)
    , m_lane(lane)
    , m_map(new MemoryMapWidget(this))
    , m_title(new QLabel(this))
    , m_metrics(new QLabel(this))
    , m_narration(new QLabel(this))
    , m_animation(new QVariantAnimation(this))
{
    m_animation->setStartValue(0.0);
    m_animation->setEndValue(1.0);
    connect(m_animation, &QVariantAnimation::valueChanged, this,
            [this](const QVariant& v) { m_map->setAnimationProgress(v.toDouble()); });
    setFrameShape(QFrame::StyledPanel);
    const Strategy strategy = session.lane(lane).strategy;
    const QColor colour = strategyColor(strategy);
    m_title->setText(QStringLiteral("<span style='color:%1'>■</span> %2 fit")
                         .arg(colour.name(), QString::fromLatin1(strategyName(strategy).data())));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setAccessibleName(tr("Lane: %1 fit").arg(QString::fromLatin1(strategyName(strategy).data())));
    QFont strip = m_metrics->font();
    strip.setPointSizeF(strip.pointSizeF() * 1.1);
    m_metrics->setFont(strip);
    m_metrics->setTextFormat(Qt::RichText);
    m_narration->setWordWrap(true);
    m_narration->setTextFormat(Qt::RichText);
    m_narration->setMinimumHeight(m_narration->fontMetrics().height() * 2 + 4);
    m_narration->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_narration->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_map->setConfig(session.data().settings.config);
    m_map->setBlockLayout(&session.lane(lane).cursor->layout());
    m_map->setAccessibleName(tr("Memory map, %1 fit").arg(QString::fromLatin1(strategyName(strategy).data())));

    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(8, 6, 8, 6);
    column->addWidget(m_title);
    column->addWidget(m_map, 1);
    column->addWidget(m_metrics);
    column->addWidget(m_narration);

    connect(m_map, &MemoryMapWidget::blockClicked, this, &LaneWidget::blockClicked);
    refresh();
}

void LaneWidget::setSelectedId(std::optional<TraceId> id) { m_map->setSelectedId(id); }

void LaneWidget::finishAnimation()
{
    m_animation->stop();
    m_map->setAnimationProgress(1);
}

bool LaneWidget::animating() const { return m_animation->state() == QAbstractAnimation::Running; }

void LaneWidget::refresh(int animateMs)
{
    const Metrics m = m_session.metricsAt(m_lane);
    // Two rows of three, so the strip fits a third of a projector's width.
    m_metrics->setText(QStringLiteral("<table><tr>") + cell(tr("ext. fragmentation"), percent(m.externalFragmentation()))
                       + cell(tr("largest free"), bytes(m.largestFree))
                       + cell(tr("free blocks"), QString::number(m.freeBlocks)) + QStringLiteral("</tr><tr>")
                       + cell(tr("utilization"), percent(m.utilization()))
                       + cell(tr("failed"), QString::number(m.failed))
                       + cell(tr("examined"), QString::number(m.examined)) + QStringLiteral("</tr></table>"));
    m_narration->setText(narration());
    m_animation->stop(); // a new step never waits for the last one's animation
    m_map->setAnimation(nullptr);
    if (animateMs > 0)
        animate(animateMs);
    // The map's marks: next fit's rover, and the blocks this step's faults concern.
    const Lane& lane = m_session.lane(m_lane);
    m_map->setRover(lane.strategy == Strategy::Next ? std::optional(lane.cursor->layout().rover()) : std::nullopt);
    m_map->setFaults(faultMarks(m_session.currentEvents(m_lane)));
    m_map->refresh();
}

// The sentence for the current step; mid-compaction, the move just made, and
// after a compaction what it cost and what it gained.
QString LaneWidget::narration() const
{
    const Op* op = m_session.currentOp();
    if (!op)
        return tr("Before the first operation: press Space to play, → to step.");
    const auto events = m_session.currentEvents(m_lane);
    const Strategy strategy = m_session.lane(m_lane).strategy;
    const CompactionStarted* started = nullptr;
    const CompactionFinished* finished = nullptr;
    const Moved* lastMove = nullptr;
    Size moved = 0;
    for (const Event& e : events) {
        if (const auto* s = std::get_if<CompactionStarted>(&e))
            started = s;
        else if (const auto* f = std::get_if<CompactionFinished>(&e))
            finished = f;
        else if (const auto* m = std::get_if<Moved>(&e); m && started && !finished) {
            lastMove = m;
            moved += m->fromSize;
        }
    }
    if (started && !finished) { // part way through
        if (!lastMove)
            return QString::fromStdString(narrate(*op, events, strategy))
                   + tr(" — compacting (%1) next: → moves one block at a time.")
                         .arg(QString::fromLatin1(compactorName(started->compactor).data()));
        return tr("Compacting (%1): ").arg(QString::fromLatin1(compactorName(started->compactor).data()))
               + QString::fromStdString(narrateMove(*lastMove, moved));
    }
    QString text = QString::fromStdString(narrate(*op, events, strategy));
    if (started && finished) {
        const FreeSpace& b = started->before;
        const FreeSpace& a = finished->after;
        text += tr("<br><b>Compaction</b>: free blocks %1 → %2 · largest free %3 → %4 B · "
                   "ext. fragmentation %5 → %6 · %7 bytes moved")
                    .arg(b.blocks)
                    .arg(a.blocks)
                    .arg(QString::fromStdString(withCommas(b.largest)), QString::fromStdString(withCommas(a.largest)),
                         percent(b.externalFragmentation()), percent(a.externalFragmentation()),
                         QString::fromStdString(withCommas(finished->bytes)));
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
            path = searchPath(freeBefore, m_session.lane(m_lane).strategy, searched->need, before.rover());
            break; // the first search; a second (after compaction) shows in the map
        }
    auto animation = std::make_shared<StepAnimation>(events, path ? &*path : nullptr, freeBefore);
    if (animation->empty())
        return;
    m_map->setAnimation(std::move(animation));
    m_animation->setDuration(ms);
    m_animation->start();
}

} // namespace heapviz::ui
