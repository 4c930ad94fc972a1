#include "core/scenario/scenario.h"

#include <algorithm>
#include <cassert>
#include <functional>
#include <numeric>

#include "core/scenario/script.h"
#include "core/text/units.h"
#include "core/trace/rng.h"
#include "core/trace/workloads.h"

namespace heapviz {

namespace {

// The default preset's header + footer: a block of k units has a payload of
// k units less these (scenario.h, "Sizes").
constexpr Size kTags = 16;

std::string num(std::uint64_t n) { return withCommas(n); }

// The operations' heap: the default preset, fixed at `units` units or growing.
HeapConfig heapOf(std::optional<Size> bytes)
{
    HeapConfig c;
    c.fixedSize = bytes;
    return c;
}

// Fisher-Yates with the seeded generator.
template <class T> void shuffle(std::vector<T>& v, Rng& rng)
{
    for (std::size_t i = v.size(); i > 1; --i)
        std::swap(v[i - 1], v[rng.below(i)]);
}

// 1. Files created on a full disk, every few deleted, some grown, until a
// large file fits in no gap; the defragmenter (sliding compaction on failure)
// then moves the files together, move by move.
Scenario defragmenter()
{
    constexpr Size kUnit = 1024; // 1 MB of the story
    constexpr std::uint64_t kDisk = 64, kVideo = 16;
    Scenario s;
    s.name = "defragmenter";
    s.lanes = {"first"};
    s.config = heapOf(kDisk * kUnit);
    s.config.compact.kind = CompactTrigger::Kind::OnFailure;
    s.config.compactor = Compactor::Sliding;
    s.unit = ScenarioUnit{"MB", kUnit};

    Script w(kUnit, kTags);
    Rng rng(7);
    struct File {
        TraceId id;
        std::uint64_t start, size;
        bool live;
    };
    std::vector<File> files; // in address order: first fit fills a fixed disk from the bottom
    for (std::uint64_t pos = 0; pos < kDisk;) {
        const std::uint64_t k = std::min<std::uint64_t>(rng.range(1, 4), kDisk - pos);
        files.push_back({w.malloc(w.units(k)), pos, k, true});
        pos += k;
    }
    // Deleted in a random order, never so that a gap (a run of deleted
    // files) grows beyond 6 MB, until half the disk is free once three files
    // have grown.
    constexpr std::uint64_t kWidestGap = 6;
    std::vector<std::size_t> order(files.size());
    std::iota(order.begin(), order.end(), 0);
    shuffle(order, rng);
    std::uint64_t freeUnits = 0;
    const auto gone = [&](std::size_t i) { return i < files.size() && !files[i].live; };
    // The gap file i would make: itself and the deleted runs on both sides.
    const auto gapWith = [&](std::size_t i) {
        std::uint64_t units = files[i].size;
        for (std::size_t j = i; j > 0 && gone(j - 1); --j)
            units += files[j - 1].size;
        for (std::size_t j = i + 1; gone(j); ++j)
            units += files[j].size;
        return units;
    };
    for (std::size_t i : order) {
        if (freeUnits >= kDisk / 2 + 3)
            break;
        if (gapWith(i) > kWidestGap)
            continue;
        w.free(files[i].id);
        files[i].live = false;
        freeUnits += files[i].size;
    }
    // Three files grow by 1 MB into the gap right after them (realloc in place).
    int grown = 0;
    for (std::size_t i = 0; i + 1 < files.size() && grown < 3; ++i) {
        if (files[i].live && gone(i + 1) && files[i + 1].size >= 2 && rng.chance(1, 2)) {
            w.realloc(files[i].id, w.units(++files[i].size));
            ++files[i + 1].start;
            --files[i + 1].size;
            --freeUnits;
            ++grown;
        }
    }
    std::uint64_t gaps = 0, largest = 0, moved = 0, run = 0;
    bool hole = false;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (!files[i].live) {
            gaps += gone(i + 1) ? 0 : 1; // a run counts at its last file
            run += files[i].size;
            largest = std::max(largest, run);
            hole = true;
        } else {
            run = 0;
            moved += hole ? 1 : 0; // sliding moves every file above the lowest gap
        }
    }
    s.bookmarks.push_back({w.step(), num(freeUnits) + " of the disk's " + num(kDisk) + " MB are free, in "
                                         + num(gaps) + " gaps between the files; the largest gap is "
                                         + num(largest) + " MB."});
    const TraceId video = w.malloc(w.units(kVideo));
    s.bookmarks.push_back(
        {w.step(), "The " + num(kVideo) + " MB video fits in no gap, although " + num(freeUnits)
                       + " MB are free: the defragmenter slides the " + num(moved)
                       + " files above the lowest gap down, one move at a time (→ steps through them), and the "
                         "video goes into the one free stretch left at the end."});
    for (const File& f : files)
        if (f.live)
            w.free(f.id);
    w.free(video);
    s.trace = std::move(w).finish(s.name);
    s.scene = "A 64 MB disk, full of files of 1 to 4 MB. Files are deleted here and there and a few grow "
              "into the space after them, until half the disk is free, scattered in gaps of 6 MB at most. Then a 16 MB "
              "video is saved: no gap holds it. The defragmenter (compaction when a request fails, sliding "
              "the files down in order) moves file after file to the bottom, as the coloured blocks of an "
              "old defragmenter did, until the free space is one stretch and the video fits. Sizes are in "
              "MB: 1 MB of the disk is 1 KiB of heap.";
    return s;
}

// 2. Virtual machines on a 256 GiB host: a 32 GiB machine fails with 64 GiB
// free under first and worst fit, not under best fit; then live migration.
Scenario hypervisor()
{
    constexpr Size kUnit = 1024; // 1 GiB of the story
    Scenario s;
    s.name = "hypervisor";
    s.lanes = {"best", "first", "worst"};
    s.config = heapOf(256 * kUnit);
    s.config.compactor = Compactor::Sliding;
    s.unit = ScenarioUnit{"GiB", kUnit};
    Script w(kUnit, kTags);
    // The host filled from the bottom (GiB: address, size):
    // 0:32 32:16 48:16 64:32 96:24 120:16 136:24 160:24 184:8 192:64 = 256.
    std::vector<TraceId> vm;
    for (std::uint64_t k : {32, 16, 16, 32, 24, 16, 24, 24, 8, 64})
        vm.push_back(w.malloc(w.units(k)));
    w.free(vm[1]); // gaps: 16 at 32,
    w.free(vm[3]); // 32 at 64,
    w.free(vm[5]); // 16 at 120
    s.bookmarks.push_back({w.step(), "Three machines stopped: 64 GiB free in three gaps of 16, 32 and 16 GiB."});
    // 16 GiB: best and first fit fill the 16 GiB gap at 32, worst fit cuts the 32 GiB gap.
    const TraceId b0 = w.malloc(w.units(16));
    // 8 GiB: best fit takes the 16 GiB gap at 120; first fit cuts the 32 GiB
    // gap; worst fit the lowest of its three 16 GiB gaps.
    const TraceId b1 = w.malloc(w.units(8));
    s.bookmarks.push_back({w.step(), "A 16 and an 8 GiB machine started: best fit put them in the 16 GiB gaps and "
                                     "kept the 32 GiB gap whole; first and worst fit cut into it."});
    w.free(vm[7]); // 24 GiB at 160: 64 GiB free again
    const TraceId big = w.malloc(w.units(32));
    s.bookmarks.push_back({w.step(), "The 32 GiB machine does not fit under first and worst fit, although 64 GiB are "
                                     "free (their largest gap is 24 GiB); best fit starts it in the gap it kept."});
    w.free(b1);
    s.config.compact.kind = CompactTrigger::Kind::At;
    s.config.compact.at = {w.step()};
    s.bookmarks.push_back({w.step(), "The 8 GiB machine stops, and the hypervisor live-migrates the running machines "
                                     "down (compaction): every host's free memory is one gap."});
    const TraceId retry = w.malloc(w.units(32));
    s.bookmarks.push_back({w.step(), "The 32 GiB machine is started again, and now it runs on every host."});
    for (std::size_t i : {0, 2, 4, 6, 8, 9})
        w.free(vm[i]);
    for (TraceId id : {b0, big, retry})
        w.free(id); // a machine that never started is free(NULL): no fault
    s.trace = std::move(w).finish(s.name);
    s.scene = "A 256 GiB host runs virtual machines of 8 to 64 GiB; a machine's memory must be one contiguous "
              "range. Machines stop and start, and a 32 GiB machine is asked for while 64 GiB are free. Best "
              "fit puts each machine in the tightest gap and keeps the big gap whole; first fit and worst fit "
              "cut into it and must refuse the machine. Then the hypervisor migrates the running machines "
              "together (compaction), and the machine starts everywhere. Sizes are in GiB: 1 GiB of the host "
              "is 1 KiB of heap.";
    return s;
}

// 3. Containers in a ship's hold: best fit packs tightly and must refuse a
// 12 m container that worst fit still has room for.
Scenario cargoHold()
{
    constexpr Size kUnit = 1024; // 1 m of the hold
    Scenario s;
    s.name = "cargo-hold";
    s.lanes = {"best", "worst"};
    s.config = heapOf(60 * kUnit);
    s.unit = ScenarioUnit{"m", kUnit};
    Script w(kUnit, kTags);
    // Loaded at the first port (m: position, length): 0:12 12:12 24:6 30:18 48:12 = 60.
    std::vector<TraceId> box;
    for (std::uint64_t k : {12, 12, 6, 18, 12})
        box.push_back(w.malloc(w.units(k)));
    w.free(box[1]);
    w.free(box[3]);
    s.bookmarks.push_back({w.step(), "Two containers unloaded: 30 m free, a 12 m bay and an 18 m bay."});
    const TraceId small = w.malloc(w.units(6));
    s.bookmarks.push_back({w.step(), "A 6 m container: best fit puts it in the snug 12 m bay (6 m left there); worst "
                                     "fit in the roomy 18 m bay, leaving 12 m, as long as a 40-foot container."});
    const TraceId first = w.malloc(w.units(12));
    const TraceId second = w.malloc(w.units(12));
    s.bookmarks.push_back({w.step(), "A second 12 m container: best fit has 12 m free, but in two 6 m gaps, and must "
                                     "refuse it; worst fit kept a 12 m bay and loads it."});
    for (TraceId id : {box[0], box[2], box[4], small, first, second})
        w.free(id);
    s.trace = std::move(w).finish(s.name);
    s.scene = "A ship's hold, 60 m long, takes containers end to end. At the first port two containers are "
              "unloaded, leaving a 12 m and an 18 m bay. Then a 6 m container and two 12 m (40-foot) "
              "containers arrive. Best fit puts each into the tightest bay and leaves slivers too short for "
              "anything; worst fit puts each into the largest bay and so keeps room for the unexpected long "
              "container. Sizes are in metres: 1 m of the hold is 1 KiB of heap.";
    return s;
}

// 4. Frequency blocks for calls (25 kHz) and streams (200 kHz) in a 1 MHz
// band; ending sessions coalesce, so a 400 kHz link fits.
Scenario radioSpectrum()
{
    constexpr Size kUnit = 64; // 1 kHz of the band
    Scenario s;
    s.name = "radio-spectrum";
    s.lanes = {"best", "first"};
    s.config = heapOf(1000 * kUnit);
    s.unit = ScenarioUnit{"kHz", kUnit};
    Script w(kUnit, kTags);
    // kHz (start: width): 0:200 200:25 225:200 425:25 450:200 650:25 675:200; 875..1000 free.
    std::vector<TraceId> session;
    for (std::uint64_t k : {200, 25, 200, 25, 200, 25, 200})
        session.push_back(w.malloc(w.units(k)));
    w.free(session[2]);
    w.free(session[4]);
    const TraceId link = w.malloc(w.units(400));
    s.bookmarks.push_back({w.step(), "Two streams end: 525 kHz are free, in blocks of 200, 200 and 125 kHz, and the "
                                     "400 kHz link is refused."});
    const TraceId call = w.malloc(w.units(25));
    s.bookmarks.push_back({w.step(), "A new call: best fit gives it 25 kHz at the top of the band, from the smallest "
                                     "free block; first fit cuts the lowest 200 kHz block."});
    w.free(session[3]);
    s.bookmarks.push_back({w.step(), "The call between the two free blocks ends: its 25 kHz coalesce with both "
                                     "neighbours, one free block of 425 kHz (best fit) or 400 kHz (first fit)."});
    const TraceId link2 = w.malloc(w.units(400));
    s.bookmarks.push_back({w.step(), "The 400 kHz link is asked for again, and fits in both."});
    for (std::size_t i : {0, 1, 5, 6})
        w.free(session[i]);
    for (TraceId id : {link, call, link2})
        w.free(id);
    s.trace = std::move(w).finish(s.name);
    s.scene = "A 1 MHz band is shared by calls, 25 kHz each, and streams, 200 kHz each; a session needs one "
              "contiguous block of frequencies. When sessions end, their blocks coalesce with free "
              "neighbours, and only then does a wide 400 kHz link fit. Best fit takes the smallest block "
              "that serves, so a new call goes to the top edge of the band and the middle stays free to "
              "merge. Sizes are in kHz: 1 kHz of the band is 64 bytes of heap.";
    return s;
}

// 5. A sensor node's buffers, allocated in bursts and freed newest first,
// with one reading kept over the next burst: a pool against first fit.
Scenario sensorNode()
{
    constexpr Size kBuffer = 56; // a radio frame's payload
    constexpr std::uint64_t kBursts = 24, kMost = 12;
    Scenario s;
    s.name = "sensor-node";
    s.lanes = {"pool:slot=56", "first"};
    s.config = heapOf(32 * kBuffer); // 1,792 bytes: 32 pool slots, and a multiple of 16
    Script w(1, 0);
    Rng rng(5);
    std::optional<TraceId> kept;
    for (std::uint64_t burst = 0; burst < kBursts; ++burst) {
        const std::uint64_t n = rng.range(2, kMost);
        std::vector<TraceId> frames;
        for (std::uint64_t i = 0; i < n; ++i)
            frames.push_back(w.malloc(kBuffer));
        // The first frame of the burst is its summary, kept until the next burst is sent.
        while (frames.size() > 1) {
            w.free(frames.back());
            frames.pop_back();
        }
        if (kept) {
            w.free(*kept);
            if (burst == 1)
                s.bookmarks.push_back({w.step(), "The first burst's summary is sent at last: first fit's free "
                                                 "space is now in two pieces (external fragmentation above zero); "
                                                 "the pool just pushes the slot back on its stack."});
        }
        kept = frames.front();
    }
    w.free(*kept);
    s.bookmarks.push_back({w.step(), "The end: " + num(kBursts)
                                         + " bursts sent; the pool took every buffer in one step and never had "
                                           "fragmented free space."});
    s.trace = std::move(w).finish(s.name);
    s.scene = "A battery-powered sensor node wakes, allocates a burst of 56-byte radio frames, sends them newest "
              "first and frees each, keeping the burst's first frame (its summary) until the next burst is "
              "sent. A fixed-size pool of 56-byte slots pops and pushes a stack: one step per request, no "
              "header, and no external fragmentation, ever. First fit does the same work with 16 bytes of "
              "tags per frame (an 80-byte block), and its free space splits around the kept summaries.";
    return s;
}

// 6. Strings: most small, one in twenty huge; segregated fits against first fit.
Scenario strings()
{
    Scenario s;
    s.name = "strings";
    s.lanes = {"segregated", "first"};
    s.config = heapOf(std::nullopt);
    WorkloadSpec spec;
    spec.kind = WorkloadKind::Strings;
    spec.seed = 3;
    spec.ops = 1200;
    spec.live = 150;
    spec.minSize = 8;
    spec.maxSize = 16384;
    s.trace = generateWorkload(spec);
    s.trace.name = s.name;
    // The huge ones: from maxSize / 2 up (the workload's definition).
    const Size huge = spec.maxSize / 2;
    std::optional<std::size_t> firstHuge, firstHugeFreed;
    std::vector<Size> sizeOf;
    for (std::size_t i = 0; i < s.trace.ops.size(); ++i) {
        const Op& op = s.trace.ops[i];
        const auto id = static_cast<std::size_t>(op.id);
        if (sizeOf.size() <= id)
            sizeOf.resize(id + 1, 0);
        if (op.kind == OpKind::Malloc) {
            sizeOf[id] = op.size;
            if (op.size >= huge && !firstHuge)
                firstHuge = i;
        } else if (op.kind == OpKind::Free && sizeOf[id] >= huge && !firstHugeFreed) {
            firstHugeFreed = i;
        }
    }
    if (firstHuge)
        s.bookmarks.push_back({*firstHuge + 1, "The first huge string (" + formatBytes(s.trace.ops[*firstHuge].size)
                                                   + "): no free block holds it, and both heaps grow."});
    if (firstHugeFreed)
        s.bookmarks.push_back(
            {*firstHugeFreed + 1,
             "A huge string is freed: a hole of " + formatBytes(sizeOf[static_cast<std::size_t>(s.trace.ops[*firstHugeFreed].id)])
                 + " or more. First fit carves small strings out of the lowest holes, segregated fits out of "
                   "the smallest class that serves."});
    s.bookmarks.push_back({s.trace.ops.size(), "The end: compare the blocks each searched (examined) and the heaps' "
                                               "sizes."});
    s.scene = "A program's strings: most are short (8 to 32 bytes), one in twenty is huge (8 to 16 KiB). "
              "Segregated fits keep a free list per size class, so a short string is found among short "
              "blocks; first fit walks every free block from the bottom. Watch what the huge strings do: "
              "each grows the heap when it comes, and when it goes it leaves a hole the short strings then "
              "nibble at.";
    return s;
}

// 7. A particle system that never frees the particles that leave the screen.
Scenario particles()
{
    constexpr Size kParticle = 48;
    constexpr std::uint64_t kFrames = 60, kSpawn = 4;
    Scenario s;
    s.name = "particles";
    s.lanes = {"first", "pool:slot=64"};
    s.config = heapOf(std::nullopt);
    Script w(1, 0);
    Rng rng(9);
    std::vector<std::vector<TraceId>> diesAt(kFrames + 16); // frame -> particles that die then
    std::uint64_t lost = 0, alive = 0;
    for (std::uint64_t frame = 0; frame < kFrames; ++frame) {
        for (TraceId id : diesAt[frame]) {
            w.free(id);
            --alive;
        }
        for (std::uint64_t i = 0; i < kSpawn; ++i) {
            const TraceId id = w.malloc(kParticle);
            if (rng.chance(1, 8)) {
                ++lost; // flies off the screen and is forgotten, never freed
            } else {
                diesAt[frame + rng.range(2, 12)].push_back(id);
                ++alive;
            }
        }
        if (frame + 1 == kFrames / 2)
            s.bookmarks.push_back({w.step(), "Frame " + num(frame + 1) + ": " + num(alive)
                                                 + " particles on screen, and " + num(lost)
                                                 + " that flew off it, which nothing will ever free: the heap "
                                                   "keeps growing."});
    }
    // The level ends: the system frees the particles it still knows of.
    for (std::uint64_t frame = kFrames; frame < diesAt.size(); ++frame)
        for (TraceId id : diesAt[frame])
            w.free(id);
    s.bookmarks.push_back({w.step(), "The level ends and frees every particle it knows of; the " + num(lost)
                                         + " off-screen ones are leaks, each listed with the line that made it."});
    s.trace = std::move(w).finish(s.name);
    s.scene = "A game's particle system spawns four 48-byte particles a frame. Most burn out after a few "
              "frames and are freed; one in eight flies off the screen, and the code that frees particles "
              "only looks at the screen. Nothing refers to those again and nothing frees them: a logical "
              "leak. The heap grows frame after frame, and at the end the malloc debugger lists every lost "
              "particle with the line that allocated it.";
    return s;
}

// 8. Jobs asking for any number of nodes, granted 2^k by the buddy system:
// internal fragmentation, and a job refused with most nodes idle.
Scenario powerOfTwo()
{
    constexpr Size kUnit = 1024; // one node
    Scenario s;
    s.name = "power-of-two";
    s.lanes = {"buddy:min_order=10", "first"};
    s.config = heapOf(256 * kUnit);
    s.unit = ScenarioUnit{"nodes", kUnit};
    Script w(kUnit, kTags);
    std::vector<TraceId> job;
    for (std::uint64_t k : {33, 17, 9, 5, 3})
        job.push_back(w.malloc(w.units(k)));
    s.bookmarks.push_back({w.step(), "Jobs of 33, 17, 9, 5 and 3 nodes: the buddy system grants 64, 32, 16, 8 and 4, "
                                     "124 nodes for 67 asked: 46% of what it grants is rounding (internal "
                                     "fragmentation). First fit grants what was asked."});
    job.push_back(w.malloc(w.units(65)));
    s.bookmarks.push_back({w.step(), "A 65-node job gets 128 nodes on the buddy cluster: 252 of its 256 nodes are "
                                     "granted, for 132 asked."});
    job.push_back(w.malloc(w.units(60)));
    s.bookmarks.push_back({w.step(), "A 60-node job: the buddy cluster has only 4 nodes left and refuses it, though "
                                     "120 of its granted nodes are idle; first fit still has 124 nodes free."});
    for (TraceId id : job)
        w.free(id);
    s.trace = std::move(w).finish(s.name);
    s.scene = "A cluster of 256 nodes, and a scheduler that grants jobs blocks of 2^k nodes, as the buddy "
              "system does (and as many cluster schedulers and GPU partitioners do). A job of 33 nodes gets "
              "64; the 31 others sit idle inside its block. First fit on the same cluster grants exactly "
              "what is asked. The numbers are the buddy system's internal fragmentation, and a job is "
              "refused while nearly half the cluster does nothing. Sizes are in nodes: a node is 1 KiB of "
              "heap.";
    return s;
}

// 9. A buffer overflow without and with canaries, a double free, a use after free.
Scenario guardian()
{
    Scenario s;
    s.name = "guardian";
    s.lanes = {"first", "first:canary=16"};
    s.config = heapOf(1024);
    Script w(1, 0);
    const TraceId buffer = w.malloc(64);
    const TraceId record = w.malloc(32);
    w.write(buffer, 0, 64);
    s.bookmarks.push_back({w.step(), "The program fills its 64-byte buffer: a correct write."});
    w.write(buffer, 0, 76);
    s.bookmarks.push_back({w.step(), "It writes 76 bytes into the 64-byte buffer: 12 bytes too many. Without canaries "
                                     "they overwrite the buffer's footer and 4 bytes of the next block's header; "
                                     "with 16-byte canaries they land in the canary."});
    w.free(buffer);
    s.bookmarks.push_back({w.step(), "The buffer is freed: with canaries, the check finds its canary damaged and the "
                                     "overflow is caught; without, the broken header waits for a later crash."});
    w.free(buffer);
    s.bookmarks.push_back({w.step(), "The buffer is freed again: a double free, reported and skipped."});
    w.write(buffer, 0, 8);
    s.bookmarks.push_back({w.step(), "And written to after its free: a use after free."});
    w.free(record);
    s.trace = std::move(w).finish(s.name);
    s.scene = "A program with a 64-byte buffer writes 12 bytes past its end. Without protection the bytes "
              "land in the buffer's footer and the next block's header: the heap is corrupt and nobody "
              "knows. The same program runs again with canaries, 16 guard bytes after every payload: the "
              "overflow lands in the canary, and the free that checks it catches the overflow. Then two "
              "classics: a double free and a use after free, each reported at its line.";
    return s;
}

// 10. Knuth's fifty-percent rule: next fit at equilibrium has about half as
// many free blocks as used ones.
Scenario fiftyPercent()
{
    Scenario s;
    s.name = "fifty-percent";
    s.lanes = {"next", "first", "best"};
    s.config = heapOf(std::nullopt);
    WorkloadSpec spec;
    spec.kind = WorkloadKind::Larson; // a random live block freed, a new one allocated: equilibrium
    spec.seed = 50;
    spec.ops = 12000;
    spec.live = 400;
    spec.minSize = 16;
    spec.maxSize = 4096;
    s.trace = generateWorkload(spec);
    s.trace.name = s.name;
    s.bookmarks.push_back({spec.live, num(spec.live) + " blocks allocated, none freed yet, and no free block: the heap grew exactly for each."});
    s.bookmarks.push_back({spec.ops / 2, "Equilibrium: " + num(spec.live)
                                             + " blocks in use; Knuth's rule says about half as many are free. "
                                               "Compare free_blocks with used_blocks in the metrics."});
    s.bookmarks.push_back({spec.ops - spec.live - 2, "Still at equilibrium, just before the end frees everything."});
    s.scene = "Donald Knuth's fifty-percent rule (The Art of Computer Programming, 2.5): when a heap is at "
              "equilibrium, each used block equally likely to be freed next, and a request rarely takes a "
              "free block exactly, the free blocks number about half the used ones. Here 400 blocks of 16 "
              "to 4,096 bytes stay in use while a random one is freed and a new one allocated, 12,000 times, "
              "under next fit (and first and best fit for comparison). Watch free_blocks settle near 200.";
    return s;
}

struct Entry {
    ScenarioInfo info;
    Scenario (*make)();
};

const std::vector<Entry>& entries()
{
    static const std::vector<Entry> all = {
        {{"defragmenter", "Disk defragmenter", "a large file fits in no gap of a half-empty disk; compaction, move by move"},
         defragmenter},
        {{"hypervisor", "Hypervisor", "a 32 GiB machine is refused with 64 GiB free; best against first and worst fit"},
         hypervisor},
        {{"cargo-hold", "Cargo hold", "worst fit keeps room for a long container that best fit must refuse"}, cargoHold},
        {{"radio-spectrum", "Radio spectrum", "frequency blocks for calls and streams; best fit, coalescing when sessions end"},
         radioSpectrum},
        {{"sensor-node", "Sensor node", "buffers in bursts: a fixed-size pool against first fit"}, sensorNode},
        {{"strings", "Strings", "most strings small, a few huge: segregated fits against first fit"}, strings},
        {{"particles", "Particles that never die", "off-screen particles are never freed: a logical leak"}, particles},
        {{"power-of-two", "Power-of-two resources", "jobs granted 2^k nodes by the buddy system: internal fragmentation"},
         powerOfTwo},
        {{"guardian", "The guardian", "an overflow without and with canaries, a double free, a use after free"}, guardian},
        {{"fifty-percent", "Knuth's fifty-percent rule", "next fit at equilibrium: free blocks about half the used ones"},
         fiftyPercent},
    };
    return all;
}

} // namespace

const std::vector<ScenarioInfo>& scenarios()
{
    static const std::vector<ScenarioInfo> infos = [] {
        std::vector<ScenarioInfo> out;
        for (const Entry& e : entries())
            out.push_back(e.info);
        return out;
    }();
    return infos;
}

std::optional<Scenario> makeScenario(std::string_view name)
{
    for (const Entry& e : entries()) {
        if (e.info.name != name)
            continue;
        Scenario s = e.make();
        s.title = e.info.title;
        s.summary = e.info.summary;
        assert(std::is_sorted(s.bookmarks.begin(), s.bookmarks.end(),
                              [](const Bookmark& a, const Bookmark& b) { return a.step < b.step; })
               && "bookmarks in step order");
        return s;
    }
    return std::nullopt;
}

std::string scenarioNames()
{
    std::string out;
    for (const ScenarioInfo& info : scenarios())
        out += (out.empty() ? "" : ", ") + std::string(info.name);
    return out;
}

std::string inUnits(Size bytes, const std::optional<ScenarioUnit>& unit)
{
    if (unit && unit->bytes > 0 && bytes % unit->bytes == 0)
        return withCommas(bytes / unit->bytes) + " " + unit->name;
    return formatBytes(bytes);
}

} // namespace heapviz
