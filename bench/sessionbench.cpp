// What a user waits for, and what memory a session holds, with a big trace
// in the desktop app: recording a Larson churn trace in four lanes (every
// event, metric, checkpoint and chart summary), then jumping the playhead
// to random steps and stepping. Prints the load time, the recording's bytes
// per lane-operation (events and metrics, checkpoints), the process's peak
// resident memory, and the jump and step times.
//
//   build/dev/bench/sessionbench [--ops N] [--live N] [--lanes first,next,best,worst]
//
// Run it once per size: the peak resident memory is the process's.

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>

#include "core/trace/workloads.h"
#include "ui/session/session.h"

using namespace heapviz;
using Clock = std::chrono::steady_clock;

static double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// What the process holds now (VmRSS), in MiB.
static double residentMiB()
{
    std::FILE* status = std::fopen("/proc/self/status", "r");
    char line[256];
    double kib = 0;
    while (status && std::fgets(line, sizeof line, status))
        if (std::sscanf(line, "VmRSS: %lf", &kib) == 1)
            break;
    if (status)
        std::fclose(status);
    return kib / 1024.0;
}

// The CPU time the process has used, all threads, in ms: steadier than the
// wall clock on a machine someone else is busy on.
static double cpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto ms = [](const timeval& t) { return double(t.tv_sec) * 1e3 + double(t.tv_usec) / 1e3; };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

static double peakResidentMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

int main(int argc, char** argv)
{
    WorkloadSpec spec;
    spec.kind = WorkloadKind::Larson;
    spec.ops = 1'000'000;
    spec.live = 50'000;
    spec.freeAtEnd = false;
    ui::SessionSettings settings;
    settings.lanes = {"first", "next", "best", "worst"};
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--ops"))
            spec.ops = std::stoul(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--live"))
            spec.live = std::stoul(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--lanes")) {
            settings.lanes.clear();
            std::stringstream list(argv[i + 1]);
            for (std::string lane; std::getline(list, lane, ',');)
                settings.lanes.push_back(lane);
        }
    }
    auto start = Clock::now();
    Trace trace = generateWorkload(spec);
    const double generated = msSince(start);
    const std::size_t ops = trace.ops.size();
    const double traceResident = residentMiB();
    start = Clock::now();
    ui::Session session(ui::recordSession(std::move(trace), settings));
    const double recorded = msSince(start);
    std::printf("%zu operations (live %zu), lanes:", ops, spec.live);
    for (const std::string& lane : settings.lanes)
        std::printf(" %s", lane.c_str());
    std::printf("\ngenerate the trace: %.0f ms; record it in %zu lanes: %.0f ms; together %.1f s\n", generated,
                session.laneCount(), recorded, (generated + recorded) / 1000);

    for (std::size_t i = 0; i < session.laneCount(); ++i) {
        const RunResult& run = session.lane(i).run;
        const double log = double(run.events.bytes()) / double(ops);
        const double checkpoints = double(session.lane(i).cursor->checkpointBytes()) / double(ops);
        std::printf("  %-8s %5.1f B/op events and metrics + %4.1f B/op checkpoints (%zu, every %zu) = %5.1f B/op\n",
                    run.lane.text.c_str(), log, checkpoints, session.lane(i).cursor->checkpoints(),
                    session.lane(i).cursor->interval(), log + checkpoints);
    }
    std::printf("resident memory: %.0f MiB with the trace alone, %.0f MiB with the session; peak %.0f MiB\n",
                traceResident, residentMiB(), peakResidentMiB());

    std::uint64_t rng = 12345;
    double worst = 0, total = 0;
    const int jumps = 200;
    const double cpuBefore = cpuMs();
    for (int i = 0; i < jumps; ++i) {
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        const std::size_t target = (rng >> 20) % (session.steps() + 1);
        start = Clock::now();
        session.seek(target);
        const double took = msSince(start);
        worst = std::max(worst, took);
        total += took;
    }
    std::printf("jump to a random step (all lanes): mean %.1f ms, worst %.1f ms over %d jumps; CPU %.1f ms a jump\n",
                total / jumps, worst, jumps, (cpuMs() - cpuBefore) / jumps);
    start = Clock::now();
    for (int i = 0; i < 1000; ++i)
        session.stepBy(i % 2 ? -1 : 2);
    std::printf("single step (all lanes): %.3f ms\n", msSince(start) / 1000);
    return 0;
}
