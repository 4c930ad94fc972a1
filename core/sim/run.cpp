#include "core/sim/run.h"

#include <algorithm>
#include <stdexcept>

namespace heapviz {

std::span<const Event> EventLog::eventsOf(std::ptrdiff_t op) const
{
    const std::size_t begin = op < 0 ? 0 : opEnd[std::size_t(op)];
    const std::size_t end = opEnd[std::size_t(op + 1)];
    return {events.data() + begin, end - begin};
}

std::optional<Metrics> EventLog::metricsWithin(std::size_t op, std::size_t shown) const
{
    const std::size_t begin = opEnd[op];
    const std::size_t end = begin + shown; // the events shown end here
    // The last CompactionProgress shown, if it is the last event shown.
    auto it = std::upper_bound(progressEvents.begin(), progressEvents.end(), end - 1);
    if (shown == 0 || it == progressEvents.begin() || *std::prev(it) != end - 1)
        return std::nullopt;
    return progressSamples[std::size_t(std::prev(it) - progressEvents.begin())];
}

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
    result.strategy = options.strategy;
    const Simulator* running = nullptr;
    EventRecorder recorder(result.events, [&running] { return running->measureNow(); });
    EventSink* sink = options.recordEvents ? &recorder : nullptr;
    if (options.recordEvents) { // about two events an operation: grow once, not twenty times
        result.events.opEnd.reserve(trace.ops.size() + 1);
        result.events.events.reserve(trace.ops.size() * 2 + 16);
    }
    Simulator sim(options.config, options.strategy, trace.slots, sink, options.countExamined);
    running = &sim;
    result.initial = sim.metrics();
    if (sink)
        recorder.endOperation();
    const std::size_t every = options.snapshotEvery;
    if (every)
        result.snapshots.push_back(sim.heap().snapshot());
    result.samples.reserve(trace.ops.size());
    for (const Op& op : trace.ops) {
        sim.apply(op);
        if (sink)
            recorder.endOperation();
        result.samples.push_back(sim.metrics());
        if (every && result.samples.size() % every == 0)
            result.snapshots.push_back(sim.heap().snapshot());
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
    result.finalBlocks = sim.heap().blocks();
    result.finalRover = sim.heap().rover();
    return result;
}

} // namespace heapviz
