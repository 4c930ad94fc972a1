// Renders a 100,000-block heap into a 1600 x 900 image offscreen, 50 frames a
// scene, and prints the mean and best milliseconds per frame. Three scenes: the
// whole heap (most blocks narrower than a pixel), a close-up in which blocks
// are a few pixels wide (hatching, boundaries and tags drawn), and the closest
// zoom the map allows (bytes drawn one by one).
//
//   build/dev/bench/maprenderbench [--frames N] [--blocks N]

#include <QGuiApplication>
#include <QImage>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include "core/replay/layout.h"
#include "ui/map/memorymaprenderer.h"

using namespace heapviz;
using namespace heapviz::ui;
using Clock = std::chrono::steady_clock;

namespace {

// A fixed heap of `count` blocks of 32..4096 bytes, about two in three used,
// built with the events the engine would send.
BlockLayout busyHeap(std::size_t count)
{
    std::vector<Size> sizes;
    std::uint64_t state = 12345;
    Size heap = 0;
    for (std::size_t i = 0; i < count; ++i) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        sizes.push_back(32 + ((state >> 33) % 255) * 16);
        heap += sizes.back();
    }
    HeapConfig config;
    config.prefix = 0;
    config.suffix = 0;
    config.fixedSize = heap;
    BlockLayout layout(config);
    Address at(0);
    Size rest = heap;
    state = 777;
    for (std::size_t i = 0; i < count; ++i) {
        if (sizes[i] < rest)
            layout.apply(Split{at, rest, sizes[i]});
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        if ((state >> 20) % 3 != 0)
            layout.apply(Allocated{at, sizes[i], TraceId(i), sizes[i] - 16, LineNo(i + 1)});
        at += sizes[i];
        rest -= sizes[i];
    }
    return layout;
}

struct Timing {
    double mean = 0;
    double best = 1e300;
};

Timing timeFrames(int frames, const BlockLayout& layout, const MemoryMapGeometry& geometry,
                  const MapStyle& style)
{
    QImage image(1600, 900, QImage::Format_ARGB32_Premultiplied);
    renderMemoryMap(image, layout, geometry, style); // warm caches and fonts
    Timing t;
    for (int i = 0; i < frames; ++i) {
        const auto start = Clock::now();
        renderMemoryMap(image, layout, geometry, style);
        const std::chrono::duration<double, std::milli> took = Clock::now() - start;
        t.mean += took.count() / frames;
        t.best = std::min(t.best, took.count());
    }
    return t;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);

    int frames = 50;
    std::size_t blocks = 100000;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--frames") == 0)
            frames = std::max(1, std::atoi(argv[i + 1]));
        else if (std::strcmp(argv[i], "--blocks") == 0)
            blocks = std::size_t(std::max(1, std::atoi(argv[i + 1])));
    }

    const BlockLayout layout = busyHeap(blocks);
    MapStyle style;
    style.header = 8;
    style.footer = 8;
    style.selected = TraceId(blocks / 2);
    // A rover and a fault mark where the close-ups look, as a next-fit lane
    // at a fault shows them.
    const auto middle = layout.blockAt(Address(layout.heapSize() / 2));
    style.rover = middle->first;
    style.faults = {{middle->first, middle->second.size, FaultKind::DoubleFree, 7, 12}};

    MemoryMapGeometry geometry(layout.heapSize(), QSizeF(1600, 900));
    const Timing whole = timeFrames(frames, layout, geometry, style);
    std::printf("%zu blocks, %.1f MiB heap, 1600x900, %d frames a scene\n", blocks,
                double(layout.heapSize()) / (1024.0 * 1024.0), frames);
    std::printf("whole heap (%.0f bytes/px):  mean %.2f ms  best %.2f ms\n",
                geometry.bytesPerPixel(), whole.mean, whole.best);

    geometry.zoom(geometry.bytesPerPixel() / 400.0, Address(layout.heapSize() / 2));
    const Timing close = timeFrames(frames, layout, geometry, style);
    std::printf("close-up   (%.0f bytes/px):  mean %.2f ms  best %.2f ms\n",
                geometry.bytesPerPixel(), close.mean, close.best);

    geometry.zoom(1e12, Address(layout.heapSize() / 2));
    const Timing closest = timeFrames(frames, layout, geometry, style);
    std::printf("closest    (%.0f px/byte, %llu bytes/row):  mean %.2f ms  best %.2f ms\n",
                geometry.pixelsPerByte(), static_cast<unsigned long long>(geometry.bytesPerRow()),
                closest.mean, closest.best);
    return 0;
}
