#pragma once
// IdMap: a map from trace ids to small values that costs what an array
// costs for the ids traces use. Workloads and recorded programs number their
// ids densely from 0, so those index a vector: one load, no hashing (the
// hash maps of slot assignment and of the header's tally were a large part
// of the time a workload took to generate). Any other id, negative, huge or
// scattered (a hand-written trace may name its blocks 1000, 2000, ...), goes
// to a hash map, so no id can make the array large: it reaches at most
// kMostSparse times as far as there are ids in the map (or kStart).

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/model/types.h"

namespace heapviz {

template <class V> class IdMap {
public:
    // How many ids are in the map.
    std::size_t size() const { return m_count; }
    // How many ids the array reaches (0 to this), for the memory it holds.
    std::size_t arrayReach() const { return m_dense.size(); }

    // id's value, or nullptr if id is not in the map.
    V* find(TraceId id)
    {
        if (inDense(id)) {
            Cell& cell = m_dense[std::size_t(id)];
            return cell.present ? &cell.value : nullptr;
        }
        const auto it = m_sparse.find(id);
        return it == m_sparse.end() ? nullptr : &it->second;
    }

    // Adds id, which must not be in the map, with its value.
    V& insert(TraceId id, V value)
    {
        ++m_count;
        if (!inDense(id))
            tryGrowTo(id);
        if (inDense(id)) {
            m_dense[std::size_t(id)] = {value, true};
            return m_dense[std::size_t(id)].value;
        }
        return m_sparse.emplace(id, value).first->second;
    }

private:
    static constexpr std::size_t kStart = 4096;
    static constexpr std::size_t kMostSparse = 8;

    struct Cell {
        V value{};
        bool present = false;
    };

    bool inDense(TraceId id) const { return id >= 0 && std::uint64_t(id) < m_dense.size(); }

    // Grows the array to take id if it stays dense enough. It at least
    // doubles each time, so that ids counted up one by one cost amortised
    // O(1) and the hash map is walked O(log n) times in all.
    void tryGrowTo(TraceId id)
    {
        if (id < 0)
            return;
        const std::uint64_t size = std::max({std::uint64_t(id) + 1, 2 * std::uint64_t(m_dense.size()), std::uint64_t(kStart)});
        if (size > std::max<std::uint64_t>(kStart, kMostSparse * m_count))
            return;
        m_dense.resize(std::size_t(size));
        // Ids the hash map held that the array now covers move into it, so
        // that each id has one place.
        for (auto it = m_sparse.begin(); it != m_sparse.end();) {
            if (inDense(it->first)) {
                m_dense[std::size_t(it->first)] = {it->second, true};
                it = m_sparse.erase(it);
            } else {
                ++it;
            }
        }
    }

    std::vector<Cell> m_dense;
    std::unordered_map<TraceId, V> m_sparse;
    std::size_t m_count = 0;
};

} // namespace heapviz
