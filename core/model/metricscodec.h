#pragma once
// The metrics after each operation, packed for a recording (EventLog). Most
// of them follow from the operation's events (an Allocated adds its payload
// to live_payload, its size to allocated_bytes, ...), so the metrics are
// predicted from those before and the events, and only where the prediction
// misses (largest_free, high_water, anything an unusual event changed) is
// the difference stored: usually one byte an operation. The prediction need
// not be right, only the same when packing and unpacking; the stored
// differences make the result exact.

#include <cstdint>
#include <span>
#include <vector>

#include "core/model/event.h"
#include "core/model/metrics.h"
#include "core/model/varint.h"

namespace heapviz {

Metrics predictMetrics(const Metrics& before, std::span<const Event> events);

// Writes where `actual` differs from `predicted`; unpackMetrics reads it back
// on top of the same prediction.
void packMetrics(std::vector<std::uint8_t>& out, const Metrics& actual, const Metrics& predicted);
Metrics unpackMetrics(VarintReader& in, const Metrics& predicted);
// Past what packMetrics wrote, without a prediction.
void skipMetrics(VarintReader& in);

} // namespace heapviz
