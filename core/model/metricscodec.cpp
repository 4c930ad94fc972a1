#include "core/model/metricscodec.h"

#include <algorithm>
#include <tuple>
#include <variant>

namespace heapviz {

namespace {

template <class... F> struct Overload : F... { using F::operator()...; };
template <class... F> Overload(F...) -> Overload<F...>;

// Every field of Metrics, each once: a bit of the packed mask apiece.
constexpr auto kFields = std::make_tuple(
    &Metrics::heapSize, &Metrics::livePayload, &Metrics::allocatedBytes, &Metrics::freeBytes,
    &Metrics::largestFree, &Metrics::peakPayload, &Metrics::highWater, &Metrics::bytesMoved, &Metrics::moves,
    &Metrics::freeBlocks, &Metrics::usedBlocks, &Metrics::failed, &Metrics::faults, &Metrics::compactions,
    &Metrics::examined, &Metrics::interchangeableFree);
static_assert(sizeof(Metrics) == 9 * 8 + 6 * 4 + 8, "a new Metrics field must be added to kFields");

template <class F> void forEachField(F&& f)
{
    std::apply([&](auto... field) { (f(field), ...); }, kFields);
}

} // namespace

Metrics predictMetrics(const Metrics& before, std::span<const Event> events)
{
    Metrics m = before;
    m.examined = 0; // counted per operation
    for (const Event& event : events)
        std::visit(Overload{
                       [&](const HeapGrown& e) {
                           m.heapSize = e.newSize;
                           m.freeBytes += e.newSize - e.oldSize;
                           ++m.freeBlocks;
                       },
                       [&](const Split&) { ++m.freeBlocks; },   // mostly a free block's
                       [&](const Coalesced&) { --m.freeBlocks; }, // mostly two free blocks
                       [&](const Allocated& e) {
                           m.livePayload += e.payload;
                           m.allocatedBytes += e.size;
                           m.freeBytes -= e.size;
                           --m.freeBlocks;
                           ++m.usedBlocks;
                       },
                       [&](const Freed& e) {
                           m.livePayload -= e.payload;
                           m.allocatedBytes -= e.size;
                           m.freeBytes += e.size;
                           ++m.freeBlocks;
                           --m.usedBlocks;
                       },
                       [&](const Resized& e) { m.livePayload += e.newPayload - e.oldPayload; },
                       [&](const Searched& e) { m.examined += e.examined; },
                       [&](const RequestFailed&) { ++m.failed; },
                       [&](const Fault&) { ++m.faults; },
                       [&](const CompactionFinished& e) {
                           ++m.compactions;
                           m.moves += e.moves;
                           m.bytesMoved += e.bytes;
                       },
                       [](const auto&) {},
                   },
                   event);
    m.peakPayload = std::max(m.peakPayload, m.livePayload);
    return m;
}

void packMetrics(std::vector<std::uint8_t>& out, const Metrics& actual, const Metrics& predicted)
{
    std::uint64_t mask = 0;
    unsigned bit = 0;
    forEachField([&](auto field) {
        if (actual.*field != predicted.*field)
            mask |= std::uint64_t{1} << bit;
        ++bit;
    });
    putVarint(out, mask);
    forEachField([&](auto field) {
        if (actual.*field != predicted.*field) // the difference, wrapping as unsigned arithmetic does
            putVarint(out, zigzag(std::int64_t(std::uint64_t(actual.*field) - std::uint64_t(predicted.*field))));
    });
}

Metrics unpackMetrics(VarintReader& in, const Metrics& predicted)
{
    Metrics m = predicted;
    const std::uint64_t mask = in.next();
    unsigned bit = 0;
    forEachField([&](auto field) {
        using T = std::remove_reference_t<decltype(m.*field)>;
        if (mask >> bit++ & 1)
            m.*field = T(std::uint64_t(predicted.*field) + std::uint64_t(in.nextSigned()));
    });
    return m;
}

void skipMetrics(VarintReader& in)
{
    for (std::uint64_t mask = in.next(); mask != 0; mask &= mask - 1)
        in.next();
}

} // namespace heapviz
