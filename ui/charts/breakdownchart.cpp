#include "ui/charts/breakdownchart.h"

#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QCursor>
#include <QEvent>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "core/text/units.h"
#include "ui/charts/chartaxes.h"
#include "ui/session/session.h"
#include "ui/style/palette.h"

namespace heapviz::ui {

namespace {

// An open top class sorts after every bounded one.
Size sortKey(std::optional<Size> bound) { return bound.value_or(~Size{0}); }

QString bytesText(Size n) { return QString::fromStdString(formatBytesShort(n)); }

QString plural(std::uint64_t n, const QString& one, const QString& many)
{
    return QString::fromStdString(withCommas(n)) + " " + (n == 1 ? one : many);
}

} // namespace

BreakdownChart::BreakdownChart(BreakdownKind kind, QWidget* parent)
    : QChartView(newChart(), parent)
    , m_kind(kind)
    , m_chart(chart())
    , m_series(new QBarSeries)
    , m_x(new QCategoryAxis)
    , m_y(newValueAxis())
{
    setAccessibleName(title(kind));
    setRenderHint(QPainter::Antialiasing);
    m_x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_x->setStartValue(-0.5);
    m_x->setRange(-0.5, 0.5);
    m_chart->addSeries(m_series);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_series->attachAxis(m_x);
    m_series->attachAxis(m_y);
    connect(m_series, &QBarSeries::hovered, this, [this](bool on, int category, QBarSet* set) {
        if (on)
            QToolTip::showText(QCursor::pos(), toolTipFor(int(m_series->barSets().indexOf(set)), category), this);
        else
            QToolTip::hideText();
    });
    // Which bars can carry a label depends on the plot's width, known once Qt Charts has laid it out.
    connect(m_chart, &QChart::plotAreaChanged, this, [this] {
        fitLabels();
        fitTitles();
        if (!m_stale)
            updateValues(); // the value axis' ticks
    }, Qt::QueuedConnection);
    applyFonts();
    applyTheme();
}

bool BreakdownChart::laneHas(BreakdownKind kind, const LaneSpec& lane)
{
    return kind == BreakdownKind::LostPerClass ? FamilyBreakdown::hasClasses(lane) : FamilyBreakdown::hasOrders(lane);
}

QString BreakdownChart::title(BreakdownKind kind)
{
    return kind == BreakdownKind::LostPerClass ? tr("Bytes lost per size class") : tr("Free blocks per order");
}

void BreakdownChart::setSession(Session* session)
{
    m_session = session;
    makeSets();
    m_stale = true;
    refresh();
}

void BreakdownChart::setUnusableIndex(bool on)
{
    if (m_unusableIndex == on)
        return;
    m_unusableIndex = on;
    m_stale = true;
    refresh();
}

void BreakdownChart::setTheme(const Theme& theme)
{
    m_theme = theme;
    applyTheme();
}

void BreakdownChart::refresh()
{
    m_stale = true;
    if (isVisible())
        recompute();
}

void BreakdownChart::showEvent(QShowEvent* event)
{
    QChartView::showEvent(event);
    if (m_stale)
        recompute();
}

void BreakdownChart::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        applyFonts();
    QChartView::changeEvent(event);
}

// One bar set per lane that has the chart, in the lane's colour.
void BreakdownChart::makeSets()
{
    m_series->clear();
    m_lanes.clear();
    m_breakdowns.clear();
    m_classAt.clear();
    m_bounds.clear();
    for (std::size_t i = 0; m_session && i < m_session->laneCount(); ++i) {
        const LaneSpec& spec = m_session->lane(i).spec;
        if (!laneHas(m_kind, spec))
            continue;
        auto* set = new QBarSet(QString::fromStdString(laneTitle(spec)));
        set->setColor(laneColor(spec));
        set->setBorderColor(Qt::transparent);
        m_series->append(set);
        m_lanes.push_back(i);
    }
}

void BreakdownChart::recompute()
{
    m_stale = false;
    m_breakdowns.clear();
    for (std::size_t lane : m_lanes)
        m_breakdowns.push_back(
            FamilyBreakdown::of(m_session->lane(lane).cursor->layout(), m_session->lane(lane).spec));
    updateCategories();
    updateValues();
    fitTitles();
}

std::size_t BreakdownChart::itemCount(int set) const
{
    const FamilyBreakdown& b = m_breakdowns[std::size_t(set)];
    return m_kind == BreakdownKind::LostPerClass ? b.classes.size() : b.orders.size();
}

std::optional<Size> BreakdownChart::boundOf(int set, std::size_t item) const
{
    const FamilyBreakdown& b = m_breakdowns[std::size_t(set)];
    if (m_kind == BreakdownKind::LostPerClass)
        return b.classes[item].upperBound;
    return b.orders[item].blockSize;
}

// The classes shown: every lane's, grouped by upper bound, from the smallest
// to the largest any lane uses (all of them when none is used); every order.
void BreakdownChart::updateCategories()
{
    const int sets = int(m_breakdowns.size());
    Size lowest = ~Size{0}, highest = 0;
    bool used = false;
    for (int s = 0; s < sets && m_kind == BreakdownKind::LostPerClass; ++s)
        for (const ClassLoss& c : m_breakdowns[std::size_t(s)].classes)
            if (c.blocks > 0) {
                used = true;
                lowest = std::min(lowest, sortKey(c.upperBound));
                highest = std::max(highest, sortKey(c.upperBound));
            }
    std::vector<std::optional<Size>> bounds;
    for (int s = 0; s < sets; ++s)
        for (std::size_t i = 0; i < itemCount(s); ++i) {
            const std::optional<Size> b = boundOf(s, i);
            if (!used || (sortKey(b) >= lowest && sortKey(b) <= highest))
                bounds.push_back(b);
        }
    std::sort(bounds.begin(), bounds.end(), [](auto a, auto b) { return sortKey(a) < sortKey(b); });
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());

    m_classAt.assign(std::size_t(sets), std::vector<int>(bounds.size(), -1));
    for (int s = 0; s < sets; ++s)
        for (std::size_t i = 0; i < itemCount(s); ++i) {
            const auto at = std::find(bounds.begin(), bounds.end(), boundOf(s, i));
            if (at != bounds.end())
                m_classAt[std::size_t(s)][std::size_t(at - bounds.begin())] = int(i);
        }
    if (bounds != m_bounds) {
        m_bounds = std::move(bounds);
        fitLabels();
    }
}

// Each bar's value, replaced in place; the value axis to fit the largest.
void BreakdownChart::updateValues()
{
    const QList<QBarSet*> sets = m_series->barSets();
    const auto valueAt = [&](int s, std::size_t c) -> double {
        const int i = m_classAt[std::size_t(s)][c];
        if (i < 0)
            return 0;
        const FamilyBreakdown& b = m_breakdowns[std::size_t(s)];
        if (m_kind == BreakdownKind::LostPerClass)
            return double(b.classes[std::size_t(i)].lostBytes);
        return m_unusableIndex ? b.orders[std::size_t(i)].unusableIndex : double(b.orders[std::size_t(i)].freeBlocks);
    };
    double most = 0;
    for (int s = 0; s < sets.size(); ++s)
        for (std::size_t c = 0; c < m_bounds.size(); ++c)
            most = std::max(most, valueAt(s, c));

    // Bytes go up a unit while the largest value is at least ten of the next.
    QString unit = m_kind == BreakdownKind::LostPerClass ? tr("bytes") : m_unusableIndex ? tr("index") : tr("blocks");
    m_valueScale = 1;
    if (m_kind == BreakdownKind::LostPerClass) {
        const QString units[] = {tr("bytes"), tr("KiB"), tr("MiB"), tr("GiB")};
        int u = 0;
        while (u < 3 && most / (m_valueScale * 1024) >= 10) {
            m_valueScale *= 1024;
            ++u;
        }
        unit = units[u];
    }
    if (m_y->titleText() != unit)
        m_y->setTitleText(unit);

    const int count = int(m_bounds.size());
    for (int s = 0; s < sets.size(); ++s) {
        QBarSet* set = sets[s];
        if (set->count() > count)
            set->remove(count, set->count() - count);
        for (int c = 0; c < count; ++c) {
            const double v = valueAt(s, std::size_t(c)) / m_valueScale;
            if (c < set->count()) {
                if (set->at(c) != v)
                    set->replace(c, v);
            } else {
                set->append(v);
            }
        }
    }

    const QRectF plot = m_chart->plotArea();
    const double height = plot.height() > 1 ? plot.height() : std::max(60, this->height() - 80);
    const double lineHeight = QFontMetricsF(m_y->labelsFont()).height();
    if (m_kind == BreakdownKind::FreePerOrder && m_unusableIndex) {
        // The index runs from 0 to 1: quarters where they fit, else halves.
        const double interval = height / 5 >= lineHeight + kLabelAirUp ? 0.25 : height / 3 >= lineHeight + kLabelAirUp ? 0.5 : 1;
        m_y->setLabelFormat(interval < 0.5 ? "%.2f" : "%.1f");
        setRangeAndInterval(m_y, 1, interval);
    } else {
        m_y->setLabelFormat("%d");
        const double top = std::max(1.0, most / m_valueScale);
        const double interval = tickIntervalFor(top, height, lineHeight, kLabelAirUp);
        setRangeAndInterval(m_y, interval * std::ceil(top / interval), interval);
    }
}

double BreakdownChart::plotWidth() const
{
    const QRectF plot = m_chart->plotArea();
    return plot.width() > 1 ? plot.width() : std::max(100, width() - 60);
}

QString BreakdownChart::categoryLabel(std::size_t category) const
{
    // Orders by their number, as /proc/buddyinfo does: 16 of them fit where 16 sizes would not.
    if (m_kind == BreakdownKind::FreePerOrder)
        for (const FamilyBreakdown& b : m_breakdowns)
            for (const OrderFree& o : b.orders)
                if (o.blockSize == m_bounds[category])
                    return QString::number(o.list.first);
    if (const std::optional<Size> bound = m_bounds[category])
        return shortBytes(*bound);
    // The open top class: above the last bound of the lanes that have one.
    Size below = ~Size{0};
    for (int s = 0; s < int(m_breakdowns.size()); ++s)
        for (std::size_t i = 1; i < itemCount(s); ++i)
            if (!boundOf(s, i) && boundOf(s, i - 1))
                below = std::min(below, *boundOf(s, i - 1));
    return ">" + (below == ~Size{0} ? QString() : shortBytes(below));
}

// A label on every bar if all fit whole, else on every second, third ...
// bar: the first stride (and the first bar to start from) with which Qt
// Charts gives each label room enough (the axis' width over the labels + 1,
// less padding) and labels stay apart.
void BreakdownChart::fitLabels()
{
    const int n = int(m_bounds.size());
    const double width = plotWidth();
    m_x->setRange(-0.5, std::max(0.5, n - 0.5));
    QStringList labels;
    double widest = 0;
    const QFontMetricsF metrics(m_x->labelsFont());
    for (int c = 0; c < n; ++c) {
        labels << categoryLabel(std::size_t(c));
        widest = std::max(widest, metrics.horizontalAdvance(labels.last()));
    }
    const double bar = width / std::max(n, 1);
    const double need = widest + kTextSlack;
    int stride = std::max(n, 1), first = 0;
    const auto fits = [&](int s, int o) {
        const int shown = (n - 1 - o) / s + 1;
        return need + kLabelPadding <= width / (shown + 1) && (shown == 1 || need + kLabelAirAcross <= s * bar);
    };
    [&] {
        for (int s = 1; s <= n; ++s)
            for (int o = 0; o < s && o < n; ++o)
                if (fits(s, o)) {
                    stride = s;
                    first = o;
                    return;
                }
    }();
    QList<std::pair<QString, double>> wanted;
    for (int c = first; c < n; c += stride)
        wanted.append({labels[c], double(c)});
    QList<std::pair<QString, double>> shown;
    for (const QString& label : m_x->categoriesLabels())
        shown.append({label, m_x->endValue(label)});
    if (wanted == shown)
        return;
    for (const QString& label : m_x->categoriesLabels())
        m_x->remove(label);
    m_x->setStartValue(-0.5);
    for (const auto& [label, at] : wanted)
        m_x->append(label, at);
}

// The titles, as long as the chart's width allows.
void BreakdownChart::fitTitles()
{
    QStringList titles, axis;
    if (m_kind == BreakdownKind::LostPerClass) {
        titles = {tr("Bytes lost per size class at this step"), tr("Bytes lost per size class"), tr("Bytes lost")};
        axis = {tr("size class (bytes, up to)"), tr("class (bytes, up to)"), tr("bytes")};
    } else {
        titles = m_unusableIndex ? QStringList{tr("Unusable free space index per order"), tr("Unusable index per order"),
                                               tr("Unusable index")}
                                 : QStringList{tr("Free blocks per order at this step"), tr("Free blocks per order"),
                                               tr("Free blocks")};
        axis = {tr("order (blocks of 2^order bytes)"), tr("order (2^k bytes)"), tr("order")};
    }
    const QString title = firstThatFits(titles, m_chart->titleFont(), m_chart->size().width() - 20);
    if (m_chart->title() != title)
        m_chart->setTitle(title);
    const QString x = firstThatFits(axis, m_x->titleFont(), plotWidth());
    if (m_x->titleText() != x)
        m_x->setTitleText(x);
}

QString BreakdownChart::toolTipFor(int set, int category) const
{
    if (set < 0 || set >= int(m_breakdowns.size()) || category < 0 || category >= int(m_bounds.size()))
        return {};
    const QString lane = m_series->barSets().at(set)->label();
    const int i = m_classAt[std::size_t(set)][std::size_t(category)];
    if (i < 0)
        return lane + " · " + tr("no class up to %1").arg(categoryLabel(std::size_t(category)));
    const FamilyBreakdown& b = m_breakdowns[std::size_t(set)];
    if (m_kind == BreakdownKind::LostPerClass) {
        const ClassLoss& c = b.classes[std::size_t(i)];
        return lane + " · " + QString::fromStdString(c.name) + " / "
               + tr("%1 lost of %2 in %3").arg(bytesText(c.lostBytes), bytesText(c.usedBytes),
                                               plural(c.blocks, tr("used block"), tr("used blocks")));
    }
    const OrderFree& o = b.orders[std::size_t(i)];
    const QString free = plural(o.freeBlocks, tr("free block"), tr("free blocks")) + ", " + bytesText(o.freeBytes);
    if (m_unusableIndex)
        return lane + " · " + QString::fromStdString(o.name) + " / "
               + tr("unusable free space index %1 (%2)").arg(QString::number(o.unusableIndex, 'f', 2), free);
    return lane + " · " + QString::fromStdString(o.name) + " / " + free;
}

void BreakdownChart::applyTheme()
{
    m_chart->setBackgroundBrush(m_theme.base);
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setTitleBrush(m_theme.text);
    setBackgroundBrush(m_theme.base);
    for (QAbstractAxis* axis : std::initializer_list<QAbstractAxis*>{m_x, m_y}) {
        axis->setLabelsColor(m_theme.text);
        axis->setTitleBrush(m_theme.text);
        axis->setGridLineColor(m_theme.grid);
        axis->setLinePenColor(m_theme.mutedText);
    }
}

// Chart text follows the view's font (Qt Charts keeps its own): labels a
// notch smaller, titles as large and bold.
void BreakdownChart::applyFonts()
{
    QFont bold = font();
    bold.setBold(true);
    for (QAbstractAxis* axis : std::initializer_list<QAbstractAxis*>{m_x, m_y}) {
        axis->setLabelsFont(scaledFont(font(), kLabelScale));
        axis->setTitleFont(bold);
    }
    m_chart->setTitleFont(bold);
    fitLabels();
    fitTitles();
    if (!m_stale)
        updateValues();
}

} // namespace heapviz::ui
