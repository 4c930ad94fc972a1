// Replays a Larson-style churn trace (1,000,000 operations, 50,000 live
// blocks, payloads uniform in 16..4096 bytes, growing heap) through each
// lane, and through the C library's own malloc/free in the same run, and
// prints the median ns per operation of each and the ratio.
//
// Each lane runs the trace twice over: as heapviz-cli runs it (the metrics
// after every operation and the `examined` count, no events: "engine
// alone"), and as the window records it (every event too). The runs are
// interleaved round by round with the C library's, so that a machine that
// is busier for a while slows both sides alike.
//
//   build/dev/bench/replaybench [--ops N] [--live N] [--repeat N] [--lane LANE]... [--alone 1] [--fresh 1]
//
// --lane may be given more than once ("first", "segregated:order=lifo");
// without it, every family (and segregated fits in both orders) runs.
// --alone 1 skips the runs with events (to profile the engine alone).
// --fresh 1 times every run in a process of its own (forked, the trace
// shared), as a replay run once as a program is: each side then pays for
// the memory it first touches. In one process the C library reuses the
// heap its earlier rounds left behind (the lanes' allocations between
// rounds keep it from being trimmed), while a lane's large tables are
// mapped afresh every run.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include "core/alloc/registry.h"
#include "core/sim/run.h"
#include "core/trace/workloads.h"

using namespace heapviz;
using Clock = std::chrono::steady_clock;

namespace {

// One call of `run`, in nanoseconds per operation.
template <class F> double nsPerOp(std::size_t ops, F&& run)
{
    const auto start = Clock::now();
    run();
    const std::chrono::duration<double, std::nano> took = Clock::now() - start;
    return took.count() / double(ops);
}

// The same in a child process, which reports its figure through a pipe.
template <class F> double nsPerOpFresh(std::size_t ops, F&& run)
{
    int fds[2];
    if (pipe(fds) != 0)
        return nsPerOp(ops, run);
    const pid_t child = fork();
    if (child == 0) {
        close(fds[0]);
        const double ns = nsPerOp(ops, run);
        const bool sent = write(fds[1], &ns, sizeof ns) == sizeof ns;
        _exit(sent ? 0 : 1);
    }
    close(fds[1]);
    double ns = 0;
    const bool got = child > 0 && read(fds[0], &ns, sizeof ns) == sizeof ns;
    close(fds[0]);
    if (child > 0)
        waitpid(child, nullptr, 0);
    return got ? ns : nsPerOp(ops, run);
}

double median(std::vector<double> xs)
{
    std::sort(xs.begin(), xs.end());
    const std::size_t n = xs.size();
    return n % 2 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
}

// The same trace on the C library's allocator: the payload pointer per slot.
void replayOnLibc(const Trace& trace)
{
    std::vector<void*> slots(trace.slots, nullptr);
    for (const Op& op : trace.ops) {
        if (op.slot == kNoSlot)
            continue;
        void*& p = slots[op.slot];
        switch (op.kind) {
        case OpKind::Malloc: p = std::malloc(op.size); break;
        case OpKind::Free: std::free(p); p = nullptr; break;
        case OpKind::Realloc: p = std::realloc(p, op.size); break;
        case OpKind::Write: break;
        }
    }
    for (void* p : slots) // timed, as the engine's run is timed up to freeing its result
        std::free(p);
}

// Every family by its default lane, and segregated fits in LIFO order too.
std::vector<std::string> defaultLanes()
{
    std::vector<std::string> lanes;
    for (const Family& family : families()) {
        lanes.emplace_back(family.name);
        if (family.name == "segregated")
            lanes.emplace_back("segregated:order=lifo");
    }
    return lanes;
}

struct Lane {
    LaneSpec spec;
    std::vector<double> alone, withEvents;
    std::size_t events = 0;
    std::uint32_t failed = 0;
};

} // namespace

int main(int argc, char** argv)
{
    WorkloadSpec spec;
    spec.kind = WorkloadKind::Larson;
    spec.ops = 1'000'000;
    spec.live = 50'000;
    spec.minSize = 16;
    spec.maxSize = 4096;
    spec.freeAtEnd = false;
    int repeat = 5;
    bool aloneOnly = false;
    bool fresh = false;
    std::vector<std::string> names;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--ops"))
            spec.ops = std::stoul(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--live"))
            spec.live = std::stoul(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--repeat"))
            repeat = std::max(1, std::stoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--alone"))
            aloneOnly = std::stoi(argv[i + 1]) != 0;
        else if (!std::strcmp(argv[i], "--fresh"))
            fresh = std::stoi(argv[i + 1]) != 0;
        else if (!std::strcmp(argv[i], "--lane"))
            names.emplace_back(argv[i + 1]);
    }
    if (names.empty())
        names = defaultLanes();
    std::vector<Lane> lanes;
    for (const std::string& name : names) {
        std::string error;
        std::optional<LaneSpec> lane = parseLane(name, HeapConfig{}, error);
        if (lane && error.empty())
            error = validateLane(*lane);
        if (!lane || !error.empty()) {
            std::fprintf(stderr, "replaybench: %s\n", error.c_str());
            return 2;
        }
        lanes.push_back({*lane, {}, {}, 0, 0});
    }

    const Trace trace = generateWorkload(spec);
    const std::size_t ops = trace.ops.size();
    std::printf("trace: %s, %zu operations, %zu live blocks, sizes %llu..%llu, growing heap; median of %d runs%s\n",
                trace.name.c_str(), ops, spec.live, (unsigned long long)spec.minSize,
                (unsigned long long)spec.maxSize, repeat, fresh ? ", each in a fresh process" : "");

    const auto time = [&](auto&& run) { return fresh ? nsPerOpFresh(ops, run) : nsPerOp(ops, run); };
    std::vector<double> libc;
    for (int round = 0; round < repeat; ++round) {
        libc.push_back(time([&] { replayOnLibc(trace); }));
        for (Lane& lane : lanes) {
            // As heapviz-cli runs a lane: metrics and `examined` after every
            // operation, kept only as far as the final figures need.
            const RunOptions alone{.lane = lane.spec, .countExamined = true, .keepSamples = false};
            lane.alone.push_back(time([&] { runTrace(trace, alone); }));
            if (round == 0)
                lane.failed = runTrace(trace, alone).final.failed;
            if (aloneOnly)
                continue;
            // As the window records a lane: every event, packed, as well
            // (the metrics in the recording rather than as samples).
            const RunOptions recording{.lane = lane.spec, .countExamined = true, .recordEvents = true,
                                       .keepSamples = false};
            lane.withEvents.push_back(time([&] { runTrace(trace, recording); }));
            if (round == 0)
                lane.events = runTrace(trace, recording).events.allEvents().size();
        }
    }

    const double c = median(libc);
    std::printf("%-24s %9s %9s %9s %7s   %s\n", "lane", "alone", "events", "C lib", "ratio",
                "(ns/op; ratio = alone / C lib)");
    for (const Lane& lane : lanes) {
        const double alone = median(lane.alone);
        const double events = lane.withEvents.empty() ? 0.0 : median(lane.withEvents);
        std::printf("%-24s %9.1f %9.1f %9.1f %7.2f   (%zu events, %u failed)\n", lane.spec.text.c_str(), alone,
                    events, c, alone / c, lane.events, lane.failed);
    }
    return 0;
}
