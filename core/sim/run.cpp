#include "core/sim/run.h"

#include <algorithm>
#include <stdexcept>

namespace heapviz {

std::uint64_t RunResult::totalExamined() const
{
    std::uint64_t total = 0;
    for (const Metrics& m : samples)
        total += m.examined;
    return total;
}

RunResult runTrace(const Trace& trace, const RunOptions& options)
{
    RunResult result;
    result.lane = options.lane;
    const Simulator* running = nullptr;
    EventRecorder recorder(result.events, [&running] { return running->measureNow(); });
    EventSink* sink = options.recordEvents ? &recorder : nullptr;
    if (options.recordEvents) { // about two events an operation: grow once, not twenty times
        result.events.opEnd.reserve(trace.ops.size() + 1);
        result.events.events.reserve(trace.ops.size() * 2 + 16);
    }
    Simulator sim(options.lane, trace.slots, sink, options.countExamined);
    running = &sim;
    result.initial = sim.metrics();
    result.initialLayout = pictureOf(sim.allocator());
    if (sink)
        recorder.endOperation();
    const std::size_t every = options.snapshotEvery;
    if (every)
        result.snapshots.push_back(pictureOf(sim.allocator()));
    result.samples.reserve(trace.ops.size());
    for (const Op& op : trace.ops) {
        sim.apply(op);
        if (sink)
            recorder.endOperation();
        result.samples.push_back(sim.metrics());
        if (every && result.samples.size() % every == 0)
            result.snapshots.push_back(pictureOf(sim.allocator()));
        if (result.samples.size() % 4096 == 0) {
            options.control.add(4096);
            if (options.control.cancelled())
                throw Cancelled{};
        }
        if (options.checkInvariants) {
            if (std::string broken = sim.checkInvariants(); !broken.empty())
                throw std::logic_error(trace.name + ":" + std::to_string(op.line) + ": " + broken);
        }
    }
    result.final = sim.metrics();
    result.faults = sim.faults();
    result.leaks = sim.leaks();
    result.finalBlocks = sim.allocator().blocks();
    result.finalBins = sim.allocator().bins();
    result.finalRover = sim.allocator().rover();
    return result;
}

LayoutSnapshot pictureOf(const Allocator& allocator)
{
    LayoutSnapshot s;
    allocator.forEachBlock([&](const BlockInfo& b) {
        s.blocks.push_back({b.at, b.used ? LayoutBlock{b.size, true, b.id, b.payload, b.line} : LayoutBlock{b.size}});
    });
    s.heapSize = allocator.metrics().heapSize;
    s.rover = allocator.rover();
    s.lists = allocator.listOrder();
    return s;
}

} // namespace heapviz
