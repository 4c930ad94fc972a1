// Replays a Larson-style churn trace (1,000,000 operations, 50,000 live
// blocks, payloads uniform in 16..4096 bytes, growing heap) through each fit
// with every event and metric recorded, and through the C library's own
// malloc/free in the same run, and prints ns per operation and the ratio.
//
//   build/dev/bench/replaybench [--ops N] [--live N] [--repeat N]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/alloc/registry.h"
#include "core/sim/run.h"
#include "core/trace/workloads.h"

using namespace heapviz;
using Clock = std::chrono::steady_clock;

namespace {

// Best of `repeat` runs, in nanoseconds per operation: the least disturbed one.
template <class F> double bestNsPerOp(int repeat, std::size_t ops, F&& run)
{
    double best = 1e300;
    for (int i = 0; i < repeat; ++i) {
        const auto start = Clock::now();
        run();
        const std::chrono::duration<double, std::nano> took = Clock::now() - start;
        best = std::min(best, took.count() / double(ops));
    }
    return best;
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
    for (void* p : slots) // not timed by the engine's replay either: leaks stay
        std::free(p);
}

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
    int repeat = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--ops"))
            spec.ops = std::stoul(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--live"))
            spec.live = std::stoul(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--repeat"))
            repeat = std::stoi(argv[i + 1]);
    }
    const Trace trace = generateWorkload(spec);
    std::printf("trace: %s, %zu operations, %zu live blocks, sizes %llu..%llu, growing heap\n",
                trace.name.c_str(), trace.ops.size(), spec.live,
                (unsigned long long)spec.minSize, (unsigned long long)spec.maxSize);

    const double libc = bestNsPerOp(repeat, trace.ops.size(), [&] { replayOnLibc(trace); });
    std::printf("%-34s %8.1f ns/op\n", "C library malloc/free", libc);

    std::printf("%-34s %8s %8s %14s\n", "lane (events + metrics recorded)", "ns/op", "ratio",
                "+examined ns/op");
    for (const Family& family : families()) {
        RunOptions options{laneOf(family.name), /*countExamined=*/false, /*recordEvents=*/true, false};
        const double engine = bestNsPerOp(repeat, trace.ops.size(), [&] { runTrace(trace, options); });
        const std::size_t events = runTrace(trace, options).events.allEvents().size();
        options.countExamined = true;
        const double withExamined = bestNsPerOp(repeat, trace.ops.size(), [&] {
            runTrace(trace, options);
        });
        std::printf("%-34s %8.1f %8.2f %14.1f   (%zu events)\n", laneTitle(options.lane).c_str(),
                    engine, engine / libc, withExamined, events);
    }
    return 0;
}
