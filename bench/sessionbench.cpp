// What a user waits for with a big trace in the desktop app: recording a
// 1,000,000-operation trace in three lanes (first, best, worst: every event,
// metric and checkpoint), and jumping the playhead to random steps.
//
//   build/dev/bench/sessionbench [--ops N]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "core/trace/workloads.h"
#include "ui/session/session.h"

using namespace heapviz;
using Clock = std::chrono::steady_clock;

static double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

int main(int argc, char** argv)
{
    WorkloadSpec spec;
    spec.kind = WorkloadKind::Larson;
    spec.ops = 1'000'000;
    spec.live = 50'000;
    spec.freeAtEnd = false;
    for (int i = 1; i + 1 < argc; i += 2)
        if (!std::strcmp(argv[i], "--ops"))
            spec.ops = std::stoul(argv[i + 1]);
    const Trace trace = generateWorkload(spec);

    ui::SessionSettings settings; // first, best, worst; default preset, growing heap
    auto start = Clock::now();
    ui::Session session(ui::recordSession(trace, settings));
    std::printf("record %zu operations x %zu lanes: %.0f ms\n", trace.ops.size(), session.laneCount(),
                msSince(start));

    std::uint64_t rng = 12345;
    double worst = 0, total = 0;
    const int jumps = 200;
    for (int i = 0; i < jumps; ++i) {
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        const std::size_t target = (rng >> 20) % (session.steps() + 1);
        start = Clock::now();
        session.seek(target);
        const double took = msSince(start);
        worst = std::max(worst, took);
        total += took;
    }
    std::printf("jump to a random step (all lanes): mean %.1f ms, worst %.1f ms over %d jumps\n",
                total / jumps, worst, jumps);
    start = Clock::now();
    for (int i = 0; i < 1000; ++i)
        session.stepBy(i % 2 ? -1 : 2);
    std::printf("single step (all lanes): %.3f ms\n", msSince(start) / 1000);
    return 0;
}
