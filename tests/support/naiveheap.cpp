// The naive reference heap: see naiveheap.h. Each rule of heap-model.md is
// written out where it applies, with the words of the spec beside it.

#include "support/naiveheap.h"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>

namespace heapviz::naive {
namespace {

enum class IdState { Unknown, Live, Null, Freed };

struct IdInfo {
    IdState state = IdState::Unknown;
    LineNo line = 0;       // line of the op that made the id live
    std::size_t order = 0; // index of that op in the trace (ties of line)
};

class NaiveHeap {
public:
    NaiveHeap(const HeapConfig& config, Strategy strategy)
        : m_cfg(config), m_strategy(strategy), m_rover(config.prefix)
    {
        if (m_cfg.fixedSize) {
            // Fixed: one free block [prefix, H - suffix).
            m_H = *m_cfg.fixedSize;
            m_blocks.push_back(freeBlock(m_cfg.prefix, m_H - m_cfg.suffix - m_cfg.prefix));
        } else {
            // Growing: H = prefix + suffix, no blocks; chunk C grows by C once at start.
            m_H = m_cfg.prefix + m_cfg.suffix;
            if (m_cfg.growth == Growth::Chunk && m_cfg.chunk > 0 && fitsUnderMax(m_cfg.chunk))
                grow(m_cfg.chunk);
        }
    }

    void run(const Op& op, std::size_t opIndex)
    {
        m_examined = 0;
        switch (op.kind) {
        case OpKind::Malloc: doMalloc(op, opIndex); break;
        case OpKind::Free: doFree(op); break;
        case OpKind::Realloc: doRealloc(op, opIndex); break;
        case OpKind::Write: break; // the random traces of these tests write nothing
        }
        fixRover();
        checkInvariants();
        sample();
    }

    const std::vector<Block>& blocks() const { return m_blocks; }
    const std::vector<Metrics>& samples() const { return m_samples; }
    const std::vector<FaultReport>& faults() const { return m_faults; }
    Size heapSize() const { return m_H; }
    Size rover() const { return m_rover; }

    std::vector<LeakReport> leaks() const
    {
        struct Leak {
            LineNo line;
            std::size_t order;
            TraceId id;
        };
        std::vector<Leak> live;
        for (const auto& [id, info] : m_ids)
            if (info.state == IdState::Live)
                live.push_back({info.line, info.order, id});
        std::sort(live.begin(), live.end(), [](const Leak& a, const Leak& b) {
            if (a.line != b.line)
                return a.line < b.line;
            return a.order < b.order;
        });
        std::vector<LeakReport> out;
        for (const Leak& l : live)
            out.push_back({l.line, l.id, m_blocks[indexOfId(l.id)].payload});
        return out;
    }

private:
    // ---- need(n) = max(min_block, roundup(n + header + footer, align)) ----
    // nullopt when it is beyond kMaxHeapBytes (computed without overflow).
    std::optional<Size> need(Size n) const
    {
        if (n > kMaxHeapBytes || m_cfg.header > kMaxHeapBytes || m_cfg.footer > kMaxHeapBytes)
            return std::nullopt;
        Size x = n + m_cfg.header + m_cfg.footer; // <= 3 * 2^60, no overflow
        Size align = m_cfg.align == 0 ? 1 : m_cfg.align;
        Size rem = x % align;
        if (rem != 0) {
            Size add = align - rem;
            if (add > kMaxHeapBytes)
                return std::nullopt;
            x += add; // <= 4 * 2^60, no overflow
        }
        Size r = std::max(m_cfg.minBlock, x);
        if (r > kMaxHeapBytes)
            return std::nullopt;
        return r;
    }

    static Block freeBlock(Size addr, Size size) { return Block{addr, size, false, -1, 0}; }

    IdInfo& info(TraceId id) { return m_ids[id]; }

    std::size_t indexOfId(TraceId id) const
    {
        for (std::size_t i = 0; i < m_blocks.size(); ++i)
            if (m_blocks[i].used && m_blocks[i].id == id)
                return i;
        throw std::logic_error("naive heap: a live id without a block");
    }

    std::size_t indexOfAddr(Size addr) const
    {
        for (std::size_t i = 0; i < m_blocks.size(); ++i)
            if (m_blocks[i].addr == addr)
                return i;
        throw std::logic_error("naive heap: no block at that address");
    }

    bool isLast(std::size_t i) const { return i + 1 == m_blocks.size(); }

    // Whether the heap may grow by g without H going beyond kMaxHeapBytes.
    bool fitsUnderMax(Size g) const
    {
        return m_H <= kMaxHeapBytes && g <= kMaxHeapBytes - m_H;
    }

    // Growing by g: a free block of g bytes at the top (merged with the last
    // block if that is free), and H += g. The caller checked fitsUnderMax.
    void grow(Size g)
    {
        if (g == 0)
            return;
        Size top = m_H - m_cfg.suffix;
        if (!m_blocks.empty() && !m_blocks.back().used)
            m_blocks.back().size += g;
        else
            m_blocks.push_back(freeBlock(top, g));
        m_H += g;
    }

    // ---- the strategies' search, counting `examined` ----
    std::optional<std::size_t> search(Size need)
    {
        std::vector<std::size_t> freeIdx; // free blocks, in address order
        for (std::size_t i = 0; i < m_blocks.size(); ++i)
            if (!m_blocks[i].used)
                freeIdx.push_back(i);
        const std::uint32_t total = static_cast<std::uint32_t>(freeIdx.size());

        std::optional<std::size_t> chosen;
        std::uint32_t examined = total; // a search that finds nothing examined all

        switch (m_strategy) {
        case Strategy::First:
            for (std::size_t k = 0; k < freeIdx.size(); ++k)
                if (m_blocks[freeIdx[k]].size >= need) {
                    chosen = freeIdx[k];
                    examined = static_cast<std::uint32_t>(k + 1);
                    break;
                }
            break;
        case Strategy::Next: {
            // Start at the first free block whose address is >= the rover, walk
            // upward, wrap to the bottom.
            std::size_t start = freeIdx.size();
            for (std::size_t k = 0; k < freeIdx.size(); ++k)
                if (m_blocks[freeIdx[k]].addr >= m_rover) {
                    start = k;
                    break;
                }
            for (std::size_t step = 0; step < freeIdx.size(); ++step) {
                std::size_t k = (start + step) % freeIdx.size();
                if (m_blocks[freeIdx[k]].size >= need) {
                    chosen = freeIdx[k];
                    examined = static_cast<std::uint32_t>(step + 1);
                    break;
                }
            }
            break;
        }
        case Strategy::Best:
            // The smallest size >= need, a tie to the lowest address; the walk
            // stops early at the first block of exactly need bytes.
            for (std::size_t k = 0; k < freeIdx.size(); ++k) {
                const Block& b = m_blocks[freeIdx[k]];
                if (b.size < need)
                    continue;
                if (!chosen || b.size < m_blocks[*chosen].size)
                    chosen = freeIdx[k];
                if (b.size == need) {
                    examined = static_cast<std::uint32_t>(k + 1);
                    break;
                }
            }
            break;
        case Strategy::Worst:
            // The largest size >= need, a tie to the lowest address; walks all.
            for (std::size_t k = 0; k < freeIdx.size(); ++k) {
                const Block& b = m_blocks[freeIdx[k]];
                if (b.size >= need && (!chosen || b.size > m_blocks[*chosen].size))
                    chosen = freeIdx[k];
            }
            break;
        }
        m_examined += examined;
        return chosen;
    }

    // "A block is had as malloc(n) would have it": search; none: grow (growing
    // heap) or fail (fixed). Returns the free block to place the request in.
    std::optional<std::size_t> obtain(Size need)
    {
        if (auto found = search(need))
            return found;
        if (!m_cfg.growing())
            return std::nullopt;
        Size g = 0;
        if (m_cfg.growth == Growth::Exact) {
            // Exactly what is missing: need - s if the last block is free, else need.
            if (!m_blocks.empty() && !m_blocks.back().used)
                g = need - m_blocks.back().size; // s < need, else the search had found it
            else
                g = need;
        } else {
            g = std::max(need, m_cfg.chunk);
        }
        if (!fitsUnderMax(g))
            return std::nullopt;
        grow(g);
        // The request goes to the low end of the (merged) top block.
        return m_blocks.size() - 1;
    }

    // Places a request of `need` bytes at the low end of free block i, split
    // when the remainder is >= min_block; moves next fit's rover.
    void place(std::size_t i, Size need, TraceId id, Size payload)
    {
        Block& f = m_blocks[i];
        if (f.size - need >= m_cfg.minBlock) {
            Block rest = freeBlock(f.addr + need, f.size - need);
            f.size = need;
            m_blocks.insert(m_blocks.begin() + static_cast<std::ptrdiff_t>(i) + 1, rest);
        }
        Block& u = m_blocks[i];
        u.used = true;
        u.id = id;
        u.payload = payload;
        if (m_strategy == Strategy::Next) {
            Size e = u.addr + u.size;
            m_rover = isLast(i) ? m_cfg.prefix : e;
        }
    }

    // free: the block becomes free, merges with its right neighbour if free,
    // then with its left neighbour if free.
    void freeBlockAt(std::size_t i)
    {
        m_blocks[i].used = false;
        m_blocks[i].id = -1;
        m_blocks[i].payload = 0;
        if (i + 1 < m_blocks.size() && !m_blocks[i + 1].used) {
            m_blocks[i].size += m_blocks[i + 1].size;
            m_blocks.erase(m_blocks.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        }
        if (i > 0 && !m_blocks[i - 1].used) {
            m_blocks[i - 1].size += m_blocks[i].size;
            m_blocks.erase(m_blocks.begin() + static_cast<std::ptrdiff_t>(i));
        }
    }

    void fault(const Op& op, FaultKind kind)
    {
        m_faults.push_back({op.line, kind, op.id});
        ++m_faultCount;
    }

    // malloc(n) of an id that is not live (the caller checked): zero policy,
    // need, search/grow, place. Used by malloc and by realloc of a null id.
    void mallocInto(const Op& op, std::size_t opIndex)
    {
        IdInfo& in = info(op.id);
        if (m_cfg.zero == ZeroPolicy::Null && op.size == 0) {
            in.state = IdState::Null; // not a failure
            return;
        }
        std::optional<Size> nd = need(op.size);
        std::optional<std::size_t> at;
        if (nd)
            at = obtain(*nd);
        if (!at) {
            ++m_failed;
            in.state = IdState::Null;
            return;
        }
        place(*at, *nd, op.id, op.size);
        in.state = IdState::Live;
        in.line = op.line;
        in.order = opIndex;
    }

    void doMalloc(const Op& op, std::size_t opIndex)
    {
        if (info(op.id).state == IdState::Live) {
            fault(op, FaultKind::IdReuse);
            return;
        }
        mallocInto(op, opIndex);
    }

    void doFree(const Op& op)
    {
        if (op.id == -1)
            return; // f -1: free(NULL)
        IdInfo& in = info(op.id);
        switch (in.state) {
        case IdState::Null: return; // free(NULL): no-op, not a fault
        case IdState::Freed: fault(op, FaultKind::DoubleFree); return;
        case IdState::Unknown: fault(op, FaultKind::InvalidFree); return;
        case IdState::Live:
            freeBlockAt(indexOfId(op.id));
            in.state = IdState::Freed;
            return;
        }
    }

    void doRealloc(const Op& op, std::size_t opIndex)
    {
        IdInfo& in = info(op.id);
        if (in.state == IdState::Freed || in.state == IdState::Unknown) {
            fault(op, FaultKind::InvalidRealloc);
            return;
        }
        if (in.state == IdState::Null) {
            mallocInto(op, opIndex); // realloc(NULL, n) = malloc(n)
            return;
        }
        // Live.
        if (m_cfg.zero == ZeroPolicy::Null && op.size == 0) {
            freeBlockAt(indexOfId(op.id)); // frees the block, the id becomes null
            in.state = IdState::Null;
            return;
        }
        std::optional<Size> nd = need(op.size);
        if (!nd) {
            ++m_failed; // B stays as it was
            return;
        }
        const Size need = *nd;

        if (m_cfg.realloc == ReallocPolicy::InPlace) {
            std::size_t b = indexOfId(op.id);
            Block& B = m_blocks[b];
            const bool hasR = b + 1 < m_blocks.size();
            // 1. need <= size(B): shrink in place.
            if (need <= B.size) {
                if (B.size - need >= m_cfg.minBlock) {
                    Block tail = freeBlock(B.addr + need, B.size - need);
                    B.size = need;
                    m_blocks.insert(m_blocks.begin() + static_cast<std::ptrdiff_t>(b) + 1, tail);
                    // merged with R if R is free
                    if (b + 2 < m_blocks.size() && !m_blocks[b + 2].used) {
                        m_blocks[b + 1].size += m_blocks[b + 2].size;
                        m_blocks.erase(m_blocks.begin() + static_cast<std::ptrdiff_t>(b) + 2);
                    }
                }
                m_blocks[b].payload = op.size;
                return;
            }
            // 2. R free and size(B) + size(R) >= need: grow in place into R.
            if (hasR && !m_blocks[b + 1].used && B.size + m_blocks[b + 1].size >= need) {
                Block& R = m_blocks[b + 1];
                Size total = B.size + R.size;
                Size rest = total - need;
                if (rest >= m_cfg.minBlock) {
                    B.size = need;
                    R.addr = B.addr + need;
                    R.size = rest;
                } else {
                    B.size = total;
                    m_blocks.erase(m_blocks.begin() + static_cast<std::ptrdiff_t>(b) + 1);
                }
                m_blocks[b].payload = op.size;
                return;
            }
            // 3. Growing heap with exact growth, B last or R free and last.
            if (m_cfg.growing() && m_cfg.growth == Growth::Exact) {
                if (isLast(b)) {
                    Size g = need - B.size;
                    if (!fitsUnderMax(g)) {
                        ++m_failed;
                        return;
                    }
                    grow(g); // a free block after B (B is used: no merge)
                    m_blocks[b].size += m_blocks[b + 1].size;
                    m_blocks.erase(m_blocks.begin() + static_cast<std::ptrdiff_t>(b) + 1);
                    m_blocks[b].payload = op.size;
                    return;
                }
                if (!m_blocks[b + 1].used && isLast(b + 1)) {
                    Size g = need - B.size - m_blocks[b + 1].size;
                    if (!fitsUnderMax(g)) {
                        ++m_failed;
                        return;
                    }
                    grow(g); // merges with R
                    m_blocks[b].size += m_blocks[b + 1].size;
                    m_blocks.erase(m_blocks.begin() + static_cast<std::ptrdiff_t>(b) + 1);
                    m_blocks[b].payload = op.size;
                    return;
                }
            }
        }
        // 4. A new block as malloc(n) would have it, while B is still in use;
        // the payload moves there; then B is freed as by free.
        const Size oldAddr = m_blocks[indexOfId(op.id)].addr;
        std::optional<std::size_t> at = obtain(need);
        if (!at) {
            ++m_failed; // B stays as it was
            return;
        }
        place(*at, need, op.id, op.size);
        freeBlockAt(indexOfAddr(oldAddr));
        // The id stays live; the line that made it live does not change.
    }

    // After every operation: a rover strictly inside a block moves to its start.
    void fixRover()
    {
        if (m_strategy != Strategy::Next)
            return;
        for (const Block& b : m_blocks)
            if (b.addr < m_rover && m_rover < b.addr + b.size) {
                m_rover = b.addr;
                return;
            }
    }

    void checkInvariants() const
    {
        // The blocks tile [prefix, H - suffix) and no two free blocks touch.
        Size at = m_cfg.prefix;
        for (std::size_t i = 0; i < m_blocks.size(); ++i) {
            const Block& b = m_blocks[i];
            if (b.addr != at || b.size == 0)
                throw std::logic_error("naive heap: the blocks do not tile the heap");
            if (i > 0 && !b.used && !m_blocks[i - 1].used)
                throw std::logic_error("naive heap: two free blocks side by side");
            at += b.size;
        }
        if (at != m_H - m_cfg.suffix)
            throw std::logic_error("naive heap: the blocks do not end at H - suffix");
    }

    void sample()
    {
        Metrics m;
        m.heapSize = m_H;
        Size maxUsedEnd = 0;
        for (const Block& b : m_blocks) {
            if (b.used) {
                m.livePayload += b.payload;
                m.allocatedBytes += b.size;
                ++m.usedBlocks;
                maxUsedEnd = std::max(maxUsedEnd, b.addr + b.size);
            } else {
                m.freeBytes += b.size;
                m.largestFree = std::max(m.largestFree, b.size);
                ++m.freeBlocks;
            }
        }
        m_peakPayload = std::max(m_peakPayload, m.livePayload);
        if (m_cfg.growing())
            m_highWater = m_H;
        else
            m_highWater = std::max(m_highWater, maxUsedEnd);
        m.peakPayload = m_peakPayload;
        m.highWater = m_highWater;
        m.failed = m_failed;
        m.faults = m_faultCount;
        m.examined = m_examined;
        m_samples.push_back(m);
    }

    HeapConfig m_cfg;
    Strategy m_strategy;
    std::vector<Block> m_blocks;
    Size m_H = 0;
    Size m_rover = 0;
    std::map<TraceId, IdInfo> m_ids;
    std::vector<Metrics> m_samples;
    std::vector<FaultReport> m_faults;
    Size m_peakPayload = 0;
    Size m_highWater = 0;
    std::uint32_t m_failed = 0;
    std::uint32_t m_faultCount = 0;
    std::uint32_t m_examined = 0;
};

} // namespace

Result runNaive(const Trace& trace, const HeapConfig& config, Strategy strategy)
{
    NaiveHeap heap(config, strategy);
    for (std::size_t i = 0; i < trace.ops.size(); ++i)
        heap.run(trace.ops[i], i);
    Result r;
    r.samples = heap.samples();
    r.blocks = heap.blocks();
    r.faults = heap.faults();
    r.leaks = heap.leaks();
    r.heapSize = heap.heapSize();
    r.rover = heap.rover();
    return r;
}

std::vector<Block> layoutAfter(const Trace& trace, const HeapConfig& config, Strategy strategy,
                               std::size_t opCount)
{
    NaiveHeap heap(config, strategy);
    for (std::size_t i = 0; i < trace.ops.size() && i < opCount; ++i)
        heap.run(trace.ops[i], i);
    return heap.blocks();
}

} // namespace heapviz::naive
