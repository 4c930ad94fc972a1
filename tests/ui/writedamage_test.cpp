// Writes and canaries on the map: the bytes a bad write damaged, as the
// engine reports them, become the fault mark's range, are painted over
// whatever lies there (and seen at any zoom), and are said in words in the
// tooltip; a canary check that fails marks its block. Every expected number
// is worked out from heap-model.md, "Writes and canaries".

#include <gtest/gtest.h>

#include <QImage>

#include <cmath>
#include <memory>

#include "core/replay/layout.h"
#include "support/heaptesting.h"
#include "ui/map/faultmark.h"
#include "ui/map/memorymaprenderer.h"
#include "ui/map/memorymapwidget.h"
#include "ui/session/session.h"
#include "ui/style/theme.h"

using namespace heapviz;
using namespace heapviz::testing;
using namespace heapviz::ui;

namespace {

const Theme& light() { return Theme::of(ThemeKind::Light); }

// The default preset (align 16, header 8, footer 8, min_block 32) on a fixed
// 256-byte heap, first fit, with `canary` guard bytes:
//   need(24) = max(32, roundup(24 + 8 + canary + 8, 16)) = 48 for canary 0 or 8,
// so id 0 is [0, 48) (payload [8, 32)) and id 1 is [48, 96).
// Line 3 writes 44 bytes at offset 0 of id 0's 24-byte payload: an overflow
// of 44 - 24 = 20 bytes, [8 + 24, 8 + 44) = [32, 52).
// canary 0: slack 48 - (8 + 24 + 8) = 8 at [32, 40), footer [40, 48), the
//           next header [48, 56): the damage covers slack, footer and 4
//           header bytes of the block at 0x30.
// canary 8: canary [32, 40), no slack, footer [40, 48), same 4 header bytes.
// Line 4 frees id 0 (or reallocs it): with a canary, where its check fails.
const char* const kTrace = "a 0 24\na 1 24\nw 0 0 44\n";

std::unique_ptr<Session> sessionOf(const std::string& trace, Size canary)
{
    SessionSettings settings;
    settings.lanes = {"first"};
    settings.config = fixedHeap(256);
    settings.config.canary = canary;
    return std::make_unique<Session>(recordSession(parseTrace(trace, "damage.rep"), settings, /*parallel=*/false));
}

std::vector<FaultMark> marksAt(Session& session, std::size_t step)
{
    session.seek(step);
    return faultMarks(session.currentEvents(0), anatomyOf(session.lane(0).spec));
}

MapStyle styleWith(std::vector<FaultMark> faults)
{
    MapStyle s;
    s.header = 8;
    s.footer = 8;
    s.faults = std::move(faults);
    return s;
}

QImage render(const BlockLayout& layout, const MemoryMapGeometry& g, const MapStyle& style)
{
    QImage image(QSize(832, 200), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::magenta);
    renderMemoryMap(image, layout, g, style);
    return image;
}

// The middle of byte `a` on the map.
QPoint middleOf(const MemoryMapGeometry& g, Address a)
{
    const QPointF p = g.pointFor(a) + QPointF(g.pixelsPerByte() / 2, g.rowHeight() / 2);
    return p.toPoint();
}

double distance(QColor a, QColor b)
{
    return std::hypot(a.red() - b.red(), a.green() - b.green(), a.blue() - b.blue());
}

// Whether `painted` is the fault colour, or at least most of the way there
// from `clean` (the damage's fill lets the bytes beneath show a little).
bool faultish(QColor painted, QColor clean)
{
    const QColor fault = light().fault;
    return distance(painted, fault) <= 0.45 * distance(clean, fault) + 2;
}

} // namespace

TEST(WriteDamage, AnOverflowsDamageIsTheMarksRangeInTheEnginesWords)
{
    auto session = sessionOf(kTrace, 0);
    const auto marks = marksAt(*session, 3);
    ASSERT_EQ(marks.size(), 1u);
    const FaultMark& m = marks.front();
    EXPECT_EQ(m.at, Address(0));
    EXPECT_EQ(m.size, 48u);
    EXPECT_EQ(m.kind, FaultKind::Overflow);
    EXPECT_EQ(m.id, 0);
    EXPECT_EQ(m.line, 3u);
    EXPECT_EQ(m.damageAt, Address(32));
    EXPECT_EQ(m.damage, 20u);
    EXPECT_FALSE(m.canary);
    EXPECT_EQ(faultSentence(m), "overflow of id 0 at line 3: 20 bytes past the payload damaged: over its 8 bytes "
                                "of slack, over its 8-byte footer and 4 bytes into the header of the block at 0x30");
    EXPECT_TRUE(m.covers(Address(51))) << "the next block's damaged header byte";
    EXPECT_FALSE(m.covers(Address(52)));
    EXPECT_FALSE(m.damages(Address(31))) << "the payload's last byte is no damage";

    // Without the lane's anatomy, the reach alone.
    const auto plain = faultMarks(session->currentEvents(0));
    ASSERT_EQ(plain.size(), 1u);
    EXPECT_EQ(faultSentence(plain.front()), "overflow of id 0 at line 3: 20 bytes past the payload damaged");
}

TEST(WriteDamage, WithACanaryTheSameWriteDamagesTheCanaryFirst)
{
    auto session = sessionOf(kTrace, 8);
    const auto marks = marksAt(*session, 3);
    ASSERT_EQ(marks.size(), 1u);
    EXPECT_EQ(marks.front().damageAt, Address(32));
    EXPECT_EQ(marks.front().damage, 20u);
    EXPECT_EQ(faultSentence(marks.front()),
              "overflow of id 0 at line 3: 20 bytes past the payload damaged: over its 8-byte canary, over its "
              "8-byte footer and 4 bytes into the header of the block at 0x30");
}

TEST(WriteDamage, AnUnderflowsDamageLiesBeforeThePayload)
{
    // Offset -3, 5 bytes: it ends inside the payload and starts 3 bytes
    // before it, [8 - 3, 8) = [5, 8), the last 3 bytes of id 0's header.
    auto session = sessionOf("a 0 24\nw 0 -3 5\n", 0);
    const auto marks = marksAt(*session, 2);
    ASSERT_EQ(marks.size(), 1u);
    EXPECT_EQ(marks.front().kind, FaultKind::Underflow);
    EXPECT_EQ(marks.front().damageAt, Address(5));
    EXPECT_EQ(marks.front().damage, 3u);
    EXPECT_EQ(faultSentence(marks.front()),
              "underflow of id 0 at line 2: 3 bytes before the payload damaged: 3 bytes into its 8-byte header");
}

TEST(WriteDamage, TheDamagedBytesArePaintedAndNoOthers)
{
    auto session = sessionOf(kTrace, 0);
    auto marks = marksAt(*session, 3);
    ASSERT_EQ(marks.size(), 1u);
    const BlockLayout& layout = session->lane(0).cursor->layout();
    MemoryMapGeometry g(256, QSizeF(832, 200));
    g.showRange(Address(0), Address(96)); // bytes wide enough to aim at
    ASSERT_GE(g.pixelsPerByte(), 4.0);
    const QImage damaged = render(layout, g, styleWith(marks));
    FaultMark undamaged = marks.front(); // the same mark with no damage: its outline and badge stay
    undamaged.damage = 0;
    const QImage clean = render(layout, g, styleWith({undamaged}));
    for (std::uint64_t a = 32; a < 52; ++a) {
        ASSERT_TRUE(g.isVisible(Address(a)));
        const QPoint p = middleOf(g, Address(a));
        EXPECT_TRUE(faultish(damaged.pixelColor(p), clean.pixelColor(p)))
            << "damaged byte " << a << ": " << damaged.pixelColor(p).name().toStdString() << " over "
            << clean.pixelColor(p).name().toStdString();
    }
    for (std::uint64_t a : {20, 30, 31, 52, 55, 60, 80, 95}) {
        const QPoint p = middleOf(g, Address(a));
        EXPECT_EQ(damaged.pixelColor(p), clean.pixelColor(p)) << "undamaged byte " << a;
    }
}

TEST(WriteDamage, OneDamagedByteIsSeenAtTheFarthestZoom)
{
    // 64 KiB in 768 pixels a row: many bytes to a pixel.
    BlockLayout layout(fixedHeap(65536));
    layout.apply(Split{Address(0), 65536, 48});
    layout.apply(Allocated{Address(0), 48, 0, 24, 1});
    const MemoryMapGeometry g(65536, QSizeF(832, 200));
    ASSERT_LT(g.pixelsPerByte(), 0.5);
    FaultMark mark{Address(0), 48, FaultKind::Overflow, 0, 2};
    mark.damageAt = Address(4000);
    mark.damage = 1;
    const QImage damaged = render(layout, g, styleWith({mark}));
    mark.damage = 0;
    const QImage clean = render(layout, g, styleWith({mark}));
    const int y = middleOf(g, Address(4000)).y();
    int changed = 0;
    for (int x = 0; x < damaged.width(); ++x)
        changed += damaged.pixelColor(x, y) != clean.pixelColor(x, y);
    EXPECT_EQ(changed, 4) << "a damage is at least 4 pixels wide";
}

TEST(WriteDamage, TheTooltipOverADamagedByteOfTheNextBlockSaysWhatHitIt)
{
    auto session = sessionOf(kTrace, 0);
    const auto marks = marksAt(*session, 3);
    MemoryMapWidget widget;
    widget.resize(832, 200);
    widget.setConfig(fixedHeap(256));
    widget.setBlockLayout(&session->lane(0).cursor->layout());
    widget.setFaults(marks);
    const auto tipAt = [&](Address a) { return widget.toolTipAt(widget.mapGeometry().pointFor(a) + QPointF(0.5, 8)); };
    EXPECT_TRUE(tipAt(Address(50)).contains("used block at 0x30")) << tipAt(Address(50)).toStdString();
    EXPECT_TRUE(tipAt(Address(50)).contains("overflow of id 0 at line 3: 20 bytes past the payload damaged"));
    EXPECT_FALSE(tipAt(Address(60)).contains("overflow")) << "past the damage, id 1's block is its own";
}

TEST(CanaryCheck, TheFreeOfADamagedBlockIsMarkedWhereItsCheckFails)
{
    auto session = sessionOf(std::string(kTrace) + "f 0\n", 8);
    EXPECT_TRUE(marksAt(*session, 2).empty());
    const auto marks = marksAt(*session, 4);
    ASSERT_EQ(marks.size(), 1u);
    const FaultMark& m = marks.front();
    EXPECT_EQ(m.at, Address(0));
    EXPECT_EQ(m.size, 48u) << "id 0's block as the check found it";
    EXPECT_EQ(m.line, 4u);
    EXPECT_EQ(m.damage, 0u) << "the damage was shown at the write";
    ASSERT_TRUE(m.canary);
    EXPECT_EQ(m.canary->damagedAt, 3u);
    EXPECT_EQ(markLabel(m), "canary check fails");
    EXPECT_EQ(faultSentence(m), "free of id 0 at line 4: the canary the write at line 3 damaged fails its check");

    // Drawn as the faults' marks are: the block's dashed outline and a badge.
    const BlockLayout& layout = session->lane(0).cursor->layout();
    MemoryMapGeometry g(256, QSizeF(832, 200));
    g.showRange(Address(0), Address(96));
    const QImage marked = render(layout, g, styleWith(marks));
    const QImage plain = render(layout, g, styleWith({}));
    int fault = 0;
    for (const QRectF& r : g.rectsFor(Address(0), Address(48)))
        for (int x = int(r.left()); x < int(r.right()); ++x)
            for (int y = int(r.top()); y < int(r.bottom()); ++y)
                fault += marked.pixelColor(x, y) == light().fault && plain.pixelColor(x, y) != light().fault;
    EXPECT_GT(fault, 300);
}

TEST(CanaryCheck, WithoutACanaryNoCheckFails)
{
    auto session = sessionOf(std::string(kTrace) + "f 0\n", 0);
    EXPECT_TRUE(marksAt(*session, 4).empty());
}

TEST(CanaryCheck, AReallocSaysSo)
{
    // realloc(id 0, 100) checks the canary before it moves or grows the block.
    auto session = sessionOf(std::string(kTrace) + "r 0 100\n", 8);
    const auto marks = marksAt(*session, 4);
    ASSERT_EQ(marks.size(), 1u);
    EXPECT_EQ(marks.front().size, 48u);
    EXPECT_EQ(faultSentence(marks.front()),
              "realloc of id 0 at line 4: the canary the write at line 3 damaged fails its check");
}
