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

namespace {

// A block of an allocator's walk as a layout keeps it.
LayoutBlock layoutBlockOf(const BlockInfo& b)
{
    return b.used ? LayoutBlock{b.size, true, b.id, b.payload, b.line} : LayoutBlock{b.size};
}

// pictureOf, packed as it goes.
PackedLayout packedPictureOf(const Allocator& allocator)
{
    PackedLayout::Builder packed(allocator.metrics().heapSize, allocator.rover());
    allocator.forEachBlock([&](const BlockInfo& b) {
        packed.add(b.at, layoutBlockOf(b));
    });
    return packed.finish(allocator.listOrder());
}

// The run's checkpoints: one every `interval` steps, and when a share of the
// recording's memory is set, every other one dropped (the interval doubled)
// whenever they outgrow it. The recording is judged by where it is heading:
// its bytes so far scaled to the whole trace.
class Checkpoints {
public:
    Checkpoints(RunResult& result, const RunOptions& options, std::size_t totalSteps)
        : m_result(result), m_share(options.snapshotShare), m_totalSteps(totalSteps)
    {
        m_result.snapshotInterval = options.snapshotEvery;
    }

    // A test small enough to sit in the replay's loop, which it does after
    // every operation; take() is the rare part.
    bool dueAt(std::size_t step) const
    {
        const std::size_t interval = m_result.snapshotInterval;
        return interval != 0 && step % interval == 0;
    }

    void take(std::size_t step, const Allocator& allocator)
    {
        m_result.snapshots.push_back(packedPictureOf(allocator));
        m_bytes += m_result.snapshots.back().bytes();
        if (m_share > 0 && step > 0)
            thinTo(std::max(double(kSnapshotFloor),
                            m_share * double(m_result.events.bytes()) * double(m_totalSteps) / double(step)));
    }

private:
    void thinTo(double budget)
    {
        auto& kept = m_result.snapshots;
        while (double(m_bytes) > budget && kept.size() > 1) {
            std::size_t n = 0;
            m_bytes = 0;
            for (std::size_t k = 0; k < kept.size(); k += 2, ++n) {
                m_bytes += kept[k].bytes();
                if (n != k) // a vector moved onto itself comes out empty
                    kept[n] = std::move(kept[k]);
            }
            kept.resize(n);
            m_result.snapshotInterval *= 2;
        }
    }

    RunResult& m_result;
    double m_share;
    std::size_t m_totalSteps;
    std::size_t m_bytes = 0;
};

} // namespace

Metrics RunResult::metricsAfter(std::size_t step) const
{
    if (!samples.empty() || events.operations() == 0)
        return step == 0 ? initial : samples[step - 1];
    return events.metricsAfter(step);
}

RunResult runTrace(const Trace& trace, const RunOptions& options)
{
    RunResult result;
    result.lane = options.lane;
    const Simulator* running = nullptr;
    EventRecorder recorder(result.events, [&running] { return running->measureNow(); });
    EventSink* sink = options.recordEvents ? &recorder : nullptr;
    Simulator sim(options.lane, trace.slots, sink, options.countExamined);
    running = &sim;
    result.initial = sim.metrics();
    result.initialLayout = pictureOf(sim.allocator());
    if (sink)
        recorder.endSetup(sim.metrics());
    Checkpoints checkpoints(result, options, trace.ops.size());
    if (checkpoints.dueAt(0))
        checkpoints.take(0, sim.allocator());
    if (options.keepSamples)
        result.samples.reserve(trace.ops.size());
    std::size_t step = 0;
    for (const Op& op : trace.ops) {
        sim.prefetch(&op + 1, trace.ops.size() - step - 1);
        sim.apply(op);
        ++step;
        if (options.observe)
            options.observe(recorder.pending(), sim.metrics());
        if (sink)
            recorder.endOperation(op.line, sim.metrics());
        if (options.keepSamples)
            result.samples.push_back(sim.metrics());
        if (checkpoints.dueAt(step))
            checkpoints.take(step, sim.allocator());
        if (step % 4096 == 0) {
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
        s.blocks.push_back({b.at, layoutBlockOf(b)});
    });
    s.heapSize = allocator.metrics().heapSize;
    s.rover = allocator.rover();
    s.lists = allocator.listOrder();
    return s;
}

} // namespace heapviz
