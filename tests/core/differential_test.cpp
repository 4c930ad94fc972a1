// The engine against a deliberately naive model written from heap-model.md
// alone (support/naiveheap: a vector of blocks and linear scans, every
// metric recounted after every operation). They must agree on every metric
// after every operation, on the final layout, the faults and the leaks.

#include <gtest/gtest.h>

#include <filesystem>

#include "support/heaptesting.h"
#include "support/naiveheap.h"
#include "support/randomtrace.h"

using namespace heapviz;
using namespace heapviz::testing;

namespace {

// The naive model's description of a lane (it shares no code with the registry).
naive::Lane naiveLane(const LaneSpec& lane)
{
    naive::Lane n;
    n.family = lane.family;
    n.config = lane.config;
    n.classes = lane.segregated.classes;
    n.lifo = lane.segregated.lifo;
    n.slLog2 = lane.tlsf.slLog2;
    n.minOrder = lane.buddy.minOrder;
    n.buddyHeader = lane.buddy.header;
    n.slot = lane.pool.slot;
    n.chunk = lane.pool.chunk;
    n.poolHeader = lane.pool.header;
    return n;
}

void expectSameRun(const Trace& trace, const LaneSpec& lane)
{
    const HeapConfig& config = lane.config;
    SCOPED_TRACE(trace.name + " " + config.preset + (config.fixedSize ? " fixed " : " grow ") + lane.text);
    ASSERT_EQ(validateLane(lane), "");
    const RunResult engine = runTrace(trace, {lane, true, false, false});
    const naive::Result model = naive::runNaive(trace, naiveLane(lane));
    ASSERT_EQ(engine.samples.size(), model.samples.size());
    for (std::size_t i = 0; i < engine.samples.size(); ++i) {
        if (engine.samples[i] == model.samples[i])
            continue;
        const auto& e = engine.samples[i];
        const auto& m = model.samples[i];
        ADD_FAILURE() << "metrics differ after line " << trace.ops[i].line << " (op " << i << ")"
                      << "\n  heap " << e.heapSize << " vs " << m.heapSize << ", free " << e.freeBytes
                      << " vs " << m.freeBytes << ", largest " << e.largestFree << " vs "
                      << m.largestFree << ", free blocks " << e.freeBlocks << " vs " << m.freeBlocks
                      << ", high water " << e.highWater << " vs " << m.highWater << ", failed "
                      << e.failed << " vs " << m.failed << ", faults " << e.faults << " vs "
                      << m.faults << ", examined " << e.examined << " vs " << m.examined
                      << "\n  naive layout: "
                      << [&] {
                             std::vector<BlockInfo> b;
                             for (const auto& x : naive::layoutAfter(trace, naiveLane(lane), i + 1))
                                 b.push_back(x.used ? BlockInfo{Address(x.addr), x.size, true, x.id, x.payload}
                                                    : BlockInfo{Address(x.addr), x.size});
                             return shape(b);
                         }();
        return;
    }
    std::vector<BlockInfo> modelBlocks;
    for (const naive::Block& b : model.blocks)
        modelBlocks.push_back(b.used ? BlockInfo{Address(b.addr), b.size, true, b.id, b.payload}
                                     : BlockInfo{Address(b.addr), b.size});
    std::vector<BlockInfo> engineBlocks = engine.finalBlocks;
    for (BlockInfo& b : engineBlocks)
        b.line = 0; // the model does not keep lines
    EXPECT_EQ(shape(engineBlocks), shape(modelBlocks));
    EXPECT_EQ(engineBlocks, modelBlocks);
    EXPECT_EQ(engine.finalRover.value(), model.rover);
    ASSERT_EQ(engine.faults.size(), model.faults.size());
    for (std::size_t i = 0; i < engine.faults.size(); ++i) {
        EXPECT_EQ(engine.faults[i].line, model.faults[i].line);
        EXPECT_EQ(engine.faults[i].kind, model.faults[i].kind);
        EXPECT_EQ(engine.faults[i].id, model.faults[i].id);
    }
    ASSERT_EQ(engine.leaks.size(), model.leaks.size());
    for (std::size_t i = 0; i < engine.leaks.size(); ++i) {
        EXPECT_EQ(engine.leaks[i].line, model.leaks[i].line);
        EXPECT_EQ(engine.leaks[i].id, model.leaks[i].id);
        EXPECT_EQ(engine.leaks[i].size, model.leaks[i].size);
    }
}

std::vector<HeapConfig> configs()
{
    std::vector<HeapConfig> out;
    for (const char* preset : {"default", "csapp"}) {
        HeapConfig c = *HeapConfig::fromPreset(preset);
        out.push_back(c);
        c.fixedSize = c.prefix + c.suffix + 16384;
        out.push_back(c);
    }
    // The policies the presets do not combine: in-place realloc with chunk
    // growth, move realloc with exact growth, a prefix and suffix with the default sizes.
    HeapConfig mixed = *HeapConfig::fromPreset("csapp");
    mixed.realloc = ReallocPolicy::InPlace;
    out.push_back(mixed);
    HeapConfig moving = *HeapConfig::fromPreset("default");
    moving.realloc = ReallocPolicy::Move;
    moving.zero = ZeroPolicy::Null;
    moving.prefix = 16;
    moving.suffix = 16;
    out.push_back(moving);
    return out;
}

void expectSameRun(const Trace& trace, const HeapConfig& config, Strategy strategy)
{
    expectSameRun(trace, laneOf(strategy, config));
}

// The lanes of every family beyond the fits, with their defaults and with
// other parameters, on `config` (a fixed heap becomes a size each family takes).
std::vector<LaneSpec> familyLanes(const HeapConfig& config)
{
    std::vector<LaneSpec> out;
    std::string error;
    // 80 classes, more than a ClassTree holds: the lists kept as groups instead.
    std::string many = "segregated:classes=16";
    for (int b = 2; b <= 80; ++b)
        many += "/" + std::to_string(16 * b);
    const std::string manyLifo = many + ":order=lifo";
    for (const char* text : {"segregated", "segregated:order=lifo", "segregated:classes=48/96/400:order=lifo",
                             many.c_str(), manyLifo.c_str(), "tlsf", "tlsf:sl_log2=2", "buddy",
                             "buddy:min_order=4:header=8", "pool", "pool:slot=256:chunk=8:header=16"}) {
        auto lane = parseLane(text, config, error);
        EXPECT_TRUE(lane) << error;
        if (lane->kind != FamilyKind::BoundaryTag && lane->config.fixedSize)
            lane->config.fixedSize = 16384; // a power of two and a multiple of every slot
        out.push_back(*lane);
    }
    return out;
}

} // namespace

TEST(Differential, EveryFamilyAgreesWithTheNaiveModelWithWritesAndCanaries)
{
    for (std::uint64_t seed : {4, 5})
        for (HeapConfig c : configs())
            for (Size canary : {Size{0}, Size{8}}) {
                c.canary = canary;
                if (c.fixedSize)
                    c.fixedSize = c.prefix + c.suffix + 16384;
                for (const LaneSpec& lane : familyLanes(c))
                    expectSameRun(randomTrace({.seed = seed, .ops = 3000, .ids = 60, .maxSize = 500, .writes = true}), lane);
            }
}

TEST(Differential, RandomTracesAgreeWithTheNaiveModel)
{
    for (std::uint64_t seed : {1, 2, 3})
        for (const HeapConfig& c : configs())
            for (Strategy s : kAllStrategies)
                expectSameRun(randomTrace({.seed = seed, .ops = 4000, .ids = 80, .maxSize = 600}), c, s);
}

TEST(Differential, ReallocHeavyTracesAgreeWithTheNaiveModel)
{
    // Few ids and big sizes: realloc meets every neighbour case, and growth.
    for (const HeapConfig& c : configs())
        for (Strategy s : kAllStrategies)
            expectSameRun(randomTrace({.seed = 9, .ops = 4000, .ids = 6, .maxSize = 3000}), c, s);
}

TEST(Differential, ClassicMallocLabTracesAgreeWithTheNaiveModel)
{
    // The classic traces, and the real-program CMU traces small enough for a
    // model that is quadratic on purpose.
    std::vector<std::string> files;
    for (const std::string& f : sharedTraceFiles())
        for (const char* name : {"-bal.rep", "-short.rep", "ngram-fox1.rep", "bdd-aa4.rep", "cbit-abs.rep"})
            if (f.find(name) != std::string::npos) {
                files.push_back(f);
                break;
            }
    if (files.empty())
        GTEST_SKIP() << "no ../shared/traces beside the project";
    for (const std::string& f : files) {
        const Trace trace = loadTrace(f);
        for (const char* preset : {"default", "csapp"}) {
            HeapConfig c = *HeapConfig::fromPreset(preset);
            for (Strategy s : kAllStrategies)
                expectSameRun(trace, c, s);
            // A fixed heap at the trace's own suggested size (the classic traces'
            // header line 1; the CMU ones put a weight there) makes some fail.
            const bool classic = !trace.header.empty() && trace.header[0] >= 4096;
            const Size suggested = classic ? trace.header[0] : 20000;
            c.fixedSize = c.prefix + c.suffix + suggested / c.align * c.align;
            ASSERT_EQ(c.validate(), "");
            for (Strategy s : kAllStrategies)
                expectSameRun(trace, c, s);
        }
    }
}
