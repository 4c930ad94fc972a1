// The allocator families of the naive reference model: see naivefamilies.h.
// Each rule of heap-model.md (version 2) is written out where it applies,
// with the words of the spec beside it. Where the spec left a question open,
// the comment says "AMBIGUITY" and which reading was taken.

#include "support/naivefamilies.h"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>

namespace heapviz::naive {
namespace {

// Whether a heap of H bytes may grow by g without going beyond kMaxHeapBytes.
bool fitsUnderMax(Size H, Size g) { return H <= kMaxHeapBytes && g <= kMaxHeapBytes - H; }

unsigned floorLog2(Size x)
{
    unsigned k = 0;
    while (x > 1) {
        x >>= 1;
        ++k;
    }
    return k;
}

bool isPowerOfTwo(Size x) { return x != 0 && (x & (x - 1)) == 0; }

// ===========================================================================
// The boundary-tag heap: first, next, best, worst, segregated, tlsf.
// ===========================================================================

enum class Policy { First, Next, Best, Worst, Segregated, Tlsf };

struct TagBlock {
    Size addr = 0;
    Size size = 0;
    bool used = false;
    TraceId id = -1;
    Size payload = 0;
    // When the block last entered its free list (segregated lifo, tlsf): a
    // larger stamp is nearer the head. Meaningless for a used block.
    std::uint64_t stamp = 0;
};

class TagHeap final : public Family {
public:
    TagHeap(const Lane& lane, Policy policy)
        : m_cfg(lane.config), m_policy(policy), m_rover(lane.config.prefix)
    {
        if (m_policy == Policy::Segregated) {
            m_lifo = lane.lifo;
            if (!lane.classes.empty()) {
                m_bounds = lane.classes;
            } else {
                // "default: min_block, doubled while <= 4096".
                // AMBIGUITY: with min_block > 4096 no bound is <= 4096; read
                // literally, there are then no bounds and one class holds all.
                for (Size b = m_cfg.minBlock; b != 0 && b <= 4096; b *= 2)
                    m_bounds.push_back(b);
            }
        }
        if (m_policy == Policy::Tlsf) {
            m_S = lane.slLog2;
            m_A = floorLog2(m_cfg.align == 0 ? 1 : m_cfg.align);
            m_small = Size{1} << (m_S + m_A);
        }
        if (m_cfg.fixedSize) {
            // Fixed: the heap starts as one free block [prefix, H - suffix).
            m_H = *m_cfg.fixedSize;
            m_blocks.push_back(freeBlock(m_cfg.prefix, m_H - m_cfg.suffix - m_cfg.prefix));
        } else {
            // Growing: H = prefix + suffix, no blocks; chunk C grows by C once at start.
            m_H = m_cfg.prefix + m_cfg.suffix;
            if (m_cfg.growth == Growth::Chunk && m_cfg.chunk > 0 && fitsUnderMax(m_H, m_cfg.chunk))
                grow(m_cfg.chunk);
        }
    }

    bool allocate(TraceId id, Size n) override
    {
        std::optional<Size> nd = need(n);
        if (!nd)
            return false;
        std::optional<std::size_t> at = obtain(*nd);
        if (!at)
            return false;
        place(*at, *nd, id, n);
        return true;
    }

    void release(TraceId id) override { freeAt(indexOfId(id)); }

    bool resize(TraceId id, Size n) override
    {
        std::optional<Size> nd = need(n);
        if (!nd)
            return false; // B stays as it was
        const Size need = *nd;

        if (m_cfg.realloc == ReallocPolicy::InPlace) {
            // The in-place cases search nothing: examined stays 0.
            std::size_t b = indexOfId(id);
            const bool hasR = b + 1 < m_blocks.size();
            // 1. need <= size(B): shrink in place. If size(B) - need >= min_block,
            //    the tail is split off as a free block and merged with R if R is free.
            if (need <= m_blocks[b].size) {
                if (m_blocks[b].size - need >= m_cfg.minBlock) {
                    TagBlock tail = freeBlock(m_blocks[b].addr + need, m_blocks[b].size - need);
                    m_blocks[b].size = need;
                    m_blocks.insert(m_blocks.begin() + std::ptrdiff_t(b) + 1, tail);
                    if (b + 2 < m_blocks.size() && !m_blocks[b + 2].used) {
                        m_blocks[b + 1].size += m_blocks[b + 2].size;
                        m_blocks.erase(m_blocks.begin() + std::ptrdiff_t(b) + 2);
                    }
                    touch(b + 1); // it became free (or the merge is inserted once)
                }
                m_blocks[b].payload = n;
                return true;
            }
            // 2. R free and size(B) + size(R) >= need: B grows in place to need;
            //    the rest of R stays free if it is >= min_block, else B takes all of R.
            if (hasR && !m_blocks[b + 1].used && m_blocks[b].size + m_blocks[b + 1].size >= need) {
                const Size total = m_blocks[b].size + m_blocks[b + 1].size;
                const Size rest = total - need;
                if (rest >= m_cfg.minBlock) {
                    m_blocks[b].size = need;
                    m_blocks[b + 1].addr = m_blocks[b].addr + need;
                    m_blocks[b + 1].size = rest;
                    touch(b + 1); // its size changed while free: back to the head
                } else {
                    m_blocks[b].size = total;
                    m_blocks.erase(m_blocks.begin() + std::ptrdiff_t(b) + 1);
                }
                m_blocks[b].payload = n;
                return true;
            }
            // 3. Growing heap with exact growth: B the last block, or R free and last.
            if (m_cfg.growing() && m_cfg.growth == Growth::Exact) {
                if (isLast(b)) {
                    const Size g = need - m_blocks[b].size;
                    if (!fitsUnderMax(m_H, g))
                        return false;
                    grow(g); // a free block after B (B is used: no merge)
                    m_blocks[b].size += m_blocks[b + 1].size;
                    m_blocks.erase(m_blocks.begin() + std::ptrdiff_t(b) + 1);
                    m_blocks[b].payload = n;
                    return true;
                }
                if (!m_blocks[b + 1].used && isLast(b + 1)) {
                    const Size g = need - m_blocks[b].size - m_blocks[b + 1].size;
                    if (!fitsUnderMax(m_H, g))
                        return false;
                    grow(g); // merges with R
                    m_blocks[b].size += m_blocks[b + 1].size;
                    m_blocks.erase(m_blocks.begin() + std::ptrdiff_t(b) + 1);
                    m_blocks[b].payload = n;
                    return true;
                }
            }
        }
        // 4. (and realloc = move): a new block as malloc(n) would have it, while
        //    B is still in use; the payload moves there; then B is freed as by free.
        const Size oldAddr = m_blocks[indexOfId(id)].addr;
        std::optional<std::size_t> at = obtain(need);
        if (!at)
            return false; // B stays as it was
        // For a moment two blocks carry the id: the old one is found by its address.
        place(*at, need, id, n);
        freeAt(indexOfAddr(oldAddr));
        return true;
    }

    void endOp() override
    {
        fixRover();
        check();
    }

    std::vector<Block> blocks() const override
    {
        std::vector<Block> out;
        for (const TagBlock& b : m_blocks)
            out.push_back(Block{b.addr, b.size, b.used, b.used ? b.id : -1, b.used ? b.payload : 0});
        return out;
    }
    Size heapSize() const override { return m_H; }
    Size rover() const override { return m_rover; } // stays prefix unless next fit

private:
    // need(n) = max(min_block, roundup(n + header + canary + footer, align));
    // nullopt when it is beyond kMaxHeapBytes (computed without overflow).
    std::optional<Size> need(Size n) const
    {
        if (n > kMaxHeapBytes || m_cfg.header > kMaxHeapBytes || m_cfg.footer > kMaxHeapBytes
            || m_cfg.canary > kMaxHeapBytes)
            return std::nullopt;
        Size x = n + m_cfg.header + m_cfg.canary + m_cfg.footer; // <= 4 * 2^60, no overflow
        const Size align = m_cfg.align == 0 ? 1 : m_cfg.align;
        const Size rem = x % align;
        if (rem != 0) {
            const Size add = align - rem;
            if (add > kMaxHeapBytes)
                return std::nullopt;
            x += add; // <= 5 * 2^60, no overflow
        }
        const Size r = std::max(m_cfg.minBlock, x);
        if (r > kMaxHeapBytes)
            return std::nullopt;
        return r;
    }

    TagBlock freeBlock(Size addr, Size size)
    {
        TagBlock b;
        b.addr = addr;
        b.size = size;
        b.stamp = ++m_clock;
        return b;
    }

    // The free block i enters its list (at the head): it became free, or its
    // size changed while free.
    void touch(std::size_t i) { m_blocks[i].stamp = ++m_clock; }

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

    // Growing by g: a free block of g bytes at the top (merged with the last
    // block if that is free), and H += g. The caller checked fitsUnderMax.
    void grow(Size g)
    {
        if (g == 0)
            return;
        const Size top = m_H - m_cfg.suffix;
        if (!m_blocks.empty() && !m_blocks.back().used) {
            m_blocks.back().size += g;
            touch(m_blocks.size() - 1); // grown at the top: back to the head
        } else {
            m_blocks.push_back(freeBlock(top, g));
        }
        m_H += g;
    }

    // ---- the searches, counting `examined` ----

    std::vector<std::size_t> freeIndices() const
    {
        std::vector<std::size_t> out; // in address order
        for (std::size_t i = 0; i < m_blocks.size(); ++i)
            if (!m_blocks[i].used)
                out.push_back(i);
        return out;
    }

    std::optional<std::size_t> search(Size need)
    {
        switch (m_policy) {
        case Policy::Segregated: return searchSegregated(need);
        case Policy::Tlsf: return searchTlsf(need);
        default: return searchFit(need);
        }
    }

    // The four fits (as version 1's naive model).
    std::optional<std::size_t> searchFit(Size need)
    {
        const std::vector<std::size_t> freeIdx = freeIndices();
        std::optional<std::size_t> chosen;
        std::uint32_t count = std::uint32_t(freeIdx.size()); // a failed search examined all

        switch (m_policy) {
        case Policy::First:
            // The lowest address; examined up to and including the fit.
            for (std::size_t k = 0; k < freeIdx.size(); ++k)
                if (m_blocks[freeIdx[k]].size >= need) {
                    chosen = freeIdx[k];
                    count = std::uint32_t(k + 1);
                    break;
                }
            break;
        case Policy::Next: {
            // The first in address order whose address is >= the rover; if none,
            // the first from the bottom (wrap-around).
            std::size_t start = freeIdx.size();
            for (std::size_t k = 0; k < freeIdx.size(); ++k)
                if (m_blocks[freeIdx[k]].addr >= m_rover) {
                    start = k;
                    break;
                }
            for (std::size_t step = 0; step < freeIdx.size(); ++step) {
                const std::size_t k = (start + step) % freeIdx.size();
                if (m_blocks[freeIdx[k]].size >= need) {
                    chosen = freeIdx[k];
                    count = std::uint32_t(step + 1);
                    break;
                }
            }
            break;
        }
        case Policy::Best:
            // The smallest size, a tie to the lowest address; the walk stops
            // early at the first block of exactly need bytes.
            for (std::size_t k = 0; k < freeIdx.size(); ++k) {
                const TagBlock& b = m_blocks[freeIdx[k]];
                if (b.size < need)
                    continue;
                if (!chosen || b.size < m_blocks[*chosen].size)
                    chosen = freeIdx[k];
                if (b.size == need) {
                    count = std::uint32_t(k + 1);
                    break;
                }
            }
            break;
        case Policy::Worst:
            // The largest size, a tie to the lowest address; walks all.
            for (std::size_t idx : freeIdx) {
                const TagBlock& b = m_blocks[idx];
                if (b.size >= need && (!chosen || b.size > m_blocks[*chosen].size))
                    chosen = idx;
            }
            break;
        default: break;
        }
        examined += count;
        return chosen;
    }

    // Class 1 holds sizes <= b1, class i those in (b(i-1), bi], class m + 1 all
    // larger ones. 0-based here: 0 .. m.
    std::size_t classOf(Size size) const
    {
        for (std::size_t i = 0; i < m_bounds.size(); ++i)
            if (size <= m_bounds[i])
                return i;
        return m_bounds.size();
    }

    // segregated: starting at the class of need, walk each class list in its
    // order and take the first block with size >= need; else the next larger
    // class. examined: every block looked at up to and including the one taken;
    // a class with no fit counts all its blocks.
    std::optional<std::size_t> searchSegregated(Size need)
    {
        for (std::size_t c = classOf(need); c <= m_bounds.size(); ++c) {
            std::vector<std::size_t> list;
            for (std::size_t i : freeIndices())
                if (classOf(m_blocks[i].size) == c)
                    list.push_back(i);
            // address order: as freeIndices gives them; lifo: the newest first.
            if (m_lifo)
                std::sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
                    return m_blocks[a].stamp > m_blocks[b].stamp;
                });
            for (std::size_t i : list) {
                ++examined;
                if (m_blocks[i].size >= need)
                    return i;
            }
        }
        return std::nullopt;
    }

    // tlsf: the list (f, l) of a block of size s.
    struct TlsfIndex {
        Size f;
        Size l;
    };
    TlsfIndex tlsfMap(Size s) const
    {
        if (s < m_small)
            return {0, s / (Size{1} << m_A)};
        const unsigned k = floorLog2(s);
        return {Size(k - (m_S + m_A) + 1), (s >> (k - m_S)) - (Size{1} << m_S)};
    }

    // tlsf ("good fit"): r = need rounded up to the next list boundary; the head
    // of the first non-empty list (f, l') with l' >= l (examined 1), else the
    // head of the lowest non-empty list of the smallest non-empty first level
    // f' > f (examined 3); none: examined 2.
    std::optional<std::size_t> searchTlsf(Size need)
    {
        Size r = need;
        if (r >= m_small)
            r = r + (Size{1} << (floorLog2(r) - m_S)) - 1;
        const TlsfIndex want = tlsfMap(r);

        // A candidate is better when it has a lower (f, l), then a larger stamp
        // (the head of a list is the block that entered it last).
        auto better = [&](std::size_t a, std::size_t b) {
            const TlsfIndex ia = tlsfMap(m_blocks[a].size), ib = tlsfMap(m_blocks[b].size);
            if (ia.f != ib.f)
                return ia.f < ib.f;
            if (ia.l != ib.l)
                return ia.l < ib.l;
            return m_blocks[a].stamp > m_blocks[b].stamp;
        };
        std::optional<std::size_t> sameLevel, higherLevel;
        for (std::size_t i : freeIndices()) {
            const TlsfIndex ix = tlsfMap(m_blocks[i].size);
            if (ix.f == want.f && ix.l >= want.l) {
                if (!sameLevel || better(i, *sameLevel))
                    sameLevel = i;
            } else if (ix.f > want.f) {
                if (!higherLevel || better(i, *higherLevel))
                    higherLevel = i;
            }
        }
        std::optional<std::size_t> found;
        if (sameLevel) {
            examined += 1;
            found = sameLevel;
        } else if (higherLevel) {
            examined += 3;
            found = higherLevel;
        } else {
            examined += 2;
        }
        if (found && m_blocks[*found].size < need)
            throw std::logic_error("naive tlsf: the search found a block too small");
        return found;
    }

    // "A block is had as malloc(n) would have it": search; none: grow (growing
    // heap) or fail (fixed). Returns the free block to place the request in.
    std::optional<std::size_t> obtain(Size need)
    {
        if (auto found = search(need))
            return found;
        if (!m_cfg.growing())
            return std::nullopt;
        const bool lastFree = !m_blocks.empty() && !m_blocks.back().used;
        Size g = 0;
        if (m_cfg.growth == Growth::Exact) {
            // tlsf: the search found nothing while the last block is free and
            // already >= need (passed over by the rounding): an exact heap does
            // not grow; the request goes to the low end of that last block.
            if (lastFree && m_blocks.back().size >= need) {
                if (m_policy != Policy::Tlsf)
                    throw std::logic_error("naive heap: a fit passed over the last block");
                return m_blocks.size() - 1;
            }
            // Exactly what is missing: need - s if the last block is free, else need.
            g = lastFree ? need - m_blocks.back().size : need;
        } else {
            // AMBIGUITY (tlsf, chunk growth, last block free and >= need but
            // passed over): the spec's no-growth case names only an exact heap,
            // so a chunk heap grows by max(need, C) as usual and places the
            // request at the low end of the merged top block.
            g = std::max(need, m_cfg.chunk);
        }
        if (!fitsUnderMax(m_H, g))
            return std::nullopt;
        grow(g);
        // The request goes to the low end of the (merged) top block.
        return m_blocks.size() - 1;
    }

    // Places a request of `need` bytes at the low end of free block i, split
    // when the remainder is >= min_block; moves next fit's rover.
    void place(std::size_t i, Size need, TraceId id, Size payload)
    {
        if (m_blocks[i].size - need >= m_cfg.minBlock) {
            TagBlock rest = freeBlock(m_blocks[i].addr + need, m_blocks[i].size - need);
            m_blocks[i].size = need;
            m_blocks.insert(m_blocks.begin() + std::ptrdiff_t(i) + 1, rest); // a new remainder: head
        }
        TagBlock& u = m_blocks[i];
        u.used = true;
        u.id = id;
        u.payload = payload;
        if (m_policy == Policy::Next) {
            // After a placement of a block ending at e, the rover is e, or
            // prefix when e is the end of the last block.
            m_rover = isLast(i) ? m_cfg.prefix : u.addr + u.size;
        }
    }

    // free: the block becomes free, merges with its right neighbour if free,
    // then with its left neighbour if free; the merged block enters its list once.
    void freeAt(std::size_t i)
    {
        m_blocks[i].used = false;
        m_blocks[i].id = -1;
        m_blocks[i].payload = 0;
        if (i + 1 < m_blocks.size() && !m_blocks[i + 1].used) {
            m_blocks[i].size += m_blocks[i + 1].size;
            m_blocks.erase(m_blocks.begin() + std::ptrdiff_t(i) + 1);
        }
        if (i > 0 && !m_blocks[i - 1].used) {
            m_blocks[i - 1].size += m_blocks[i].size;
            m_blocks.erase(m_blocks.begin() + std::ptrdiff_t(i));
            --i;
        }
        touch(i);
    }

    // After every operation: a rover strictly inside a block moves to its start.
    void fixRover()
    {
        if (m_policy != Policy::Next)
            return;
        for (const TagBlock& b : m_blocks)
            if (b.addr < m_rover && m_rover < b.addr + b.size) {
                m_rover = b.addr;
                return;
            }
    }

    void check() const
    {
        // The blocks tile [prefix, H - suffix) and no two free blocks touch.
        Size at = m_cfg.prefix;
        for (std::size_t i = 0; i < m_blocks.size(); ++i) {
            const TagBlock& b = m_blocks[i];
            if (b.addr != at || b.size == 0)
                throw std::logic_error("naive heap: the blocks do not tile the heap");
            if (i > 0 && !b.used && !m_blocks[i - 1].used)
                throw std::logic_error("naive heap: two free blocks side by side");
            at += b.size;
        }
        if (at != m_H - m_cfg.suffix)
            throw std::logic_error("naive heap: the blocks do not end at H - suffix");
    }

    HeapConfig m_cfg;
    Policy m_policy;
    std::vector<TagBlock> m_blocks;
    Size m_H = 0;
    Size m_rover = 0;
    std::uint64_t m_clock = 0;
    // segregated
    std::vector<Size> m_bounds;
    bool m_lifo = false;
    // tlsf
    unsigned m_S = 5;
    unsigned m_A = 4;
    Size m_small = 512;
};

// ===========================================================================
// The binary buddy system.
// ===========================================================================

class Buddy final : public Family {
public:
    explicit Buddy(const Lane& lane)
        : m_minOrder(lane.minOrder), m_header(lane.buddyHeader), m_canary(lane.config.canary),
          m_growing(!lane.config.fixedSize)
    {
        if (lane.config.fixedSize) {
            // Fixed: H a power of two >= 2^min_order; one free block [0, H).
            m_H = *lane.config.fixedSize;
            m_blocks.push_back(Block{0, m_H, false, -1, 0});
        } // growing: the heap starts empty (H = 0)
    }

    bool allocate(TraceId id, Size n) override
    {
        std::optional<Size> nd = need(n);
        if (!nd)
            return false;
        std::optional<std::size_t> at = obtain(*nd);
        if (!at)
            return false;
        place(*at, *nd, id, n);
        return true;
    }

    void release(TraceId id) override { freeAt(indexOfId(id)); }

    bool resize(TraceId id, Size n) override
    {
        std::optional<Size> nd = need(n);
        if (!nd)
            return false;
        const Size need = *nd;
        std::size_t b = indexOfId(id);
        if (need <= m_blocks[b].size) {
            // Equal: in place. Smaller: B shrinks in place by halving until
            // size(B) = need, each upper half becoming a free block (its buddy
            // is B, so it stays apart). Searches nothing.
            while (m_blocks[b].size > need) {
                const Size half = m_blocks[b].size / 2;
                m_blocks[b].size = half;
                m_blocks.insert(m_blocks.begin() + std::ptrdiff_t(b) + 1,
                                Block{m_blocks[b].addr + half, half, false, -1, 0});
            }
            m_blocks[b].payload = n;
            return true;
        }
        // Larger: as step 4 of the fits: a new block had as malloc would have it
        // while B is in use, then B freed; if none, the request fails, B stays.
        const Size oldAddr = m_blocks[b].addr;
        std::optional<std::size_t> at = obtain(need);
        if (!at)
            return false;
        place(*at, need, id, n);
        freeAt(indexOfAddr(oldAddr));
        return true;
    }

    void endOp() override { check(); }

    std::vector<Block> blocks() const override { return m_blocks; }
    Size heapSize() const override { return m_H; }
    Size rover() const override { return 0; }

private:
    // need(n): the smallest power of two that is >= n + header + canary and
    // >= 2^min_order; nullopt beyond kMaxHeapBytes.
    std::optional<Size> need(Size n) const
    {
        if (n > kMaxHeapBytes || m_header > kMaxHeapBytes || m_canary > kMaxHeapBytes)
            return std::nullopt;
        const Size x = n + m_header + m_canary; // <= 3 * 2^60
        Size p = Size{1} << m_minOrder;
        while (p < x)
            p *= 2; // <= 2^62
        if (p > kMaxHeapBytes)
            return std::nullopt;
        return p;
    }

    std::size_t indexOfId(TraceId id) const
    {
        for (std::size_t i = 0; i < m_blocks.size(); ++i)
            if (m_blocks[i].used && m_blocks[i].id == id)
                return i;
        throw std::logic_error("naive buddy: a live id without a block");
    }

    std::size_t indexOfAddr(Size addr) const
    {
        for (std::size_t i = 0; i < m_blocks.size(); ++i)
            if (m_blocks[i].addr == addr)
                return i;
        throw std::logic_error("naive buddy: no block at that address");
    }

    // Among the free blocks with size >= need, one of the smallest size, and of
    // those the lowest address (no counting).
    std::optional<std::size_t> smallestFit(Size need) const
    {
        std::optional<std::size_t> chosen;
        for (std::size_t i = 0; i < m_blocks.size(); ++i) {
            const Block& b = m_blocks[i];
            if (!b.used && b.size >= need && (!chosen || b.size < m_blocks[*chosen].size))
                chosen = i;
        }
        return chosen;
    }

    // The search, counting the orders looked at: from the order of need up to
    // log2(H), up to and including the first order with a free block; a
    // failed search counts all of them (none when H = 0 or the order of need
    // exceeds log2 H).
    std::optional<std::size_t> search(Size need)
    {
        if (m_H == 0)
            return std::nullopt;
        const unsigned top = floorLog2(m_H);
        for (unsigned k = floorLog2(need); k <= top; ++k) {
            ++examined;
            for (std::size_t i = 0; i < m_blocks.size(); ++i)
                if (!m_blocks[i].used && m_blocks[i].size == (Size{1} << k)) {
                    if (smallestFit(need) != i)
                        throw std::logic_error("naive buddy: the order walk disagrees");
                    return i;
                }
        }
        return std::nullopt;
    }

    // Growing: when no free block is big enough, if H = 0, H becomes need (one
    // free block [0, need)); otherwise H doubles, adding the free block [H, 2H),
    // which merges with its buddy [0, H) if that is one free block; this repeats
    // until a free block is big enough. The growth is not a search.
    // AMBIGUITY: when the doubling would take H beyond kMaxHeapBytes the request
    // fails, and the heap is left as it was before this request (no partial
    // growth): the growth is tried on a copy and kept only if it succeeds.
    bool grow(Size need)
    {
        std::vector<Block> blocks = m_blocks;
        Size H = m_H;
        if (H == 0) {
            blocks.push_back(Block{0, need, false, -1, 0});
            H = need;
        }
        auto bigEnough = [&] {
            for (const Block& b : blocks)
                if (!b.used && b.size >= need)
                    return true;
            return false;
        };
        while (!bigEnough()) {
            if (!fitsUnderMax(H, H))
                return false;
            if (blocks.size() == 1 && !blocks[0].used) // [0, H) is one free block
                blocks[0].size = 2 * H;
            else
                blocks.push_back(Block{H, H, false, -1, 0});
            H *= 2;
        }
        m_blocks = std::move(blocks);
        m_H = H;
        return true;
    }

    std::optional<std::size_t> obtain(Size need)
    {
        if (auto found = search(need))
            return found;
        if (!m_growing || !grow(need))
            return std::nullopt;
        return smallestFit(need);
    }

    // While the chosen block is larger than need, split it in half: the upper
    // half becomes a free block, the lower half is split further or used.
    void place(std::size_t i, Size need, TraceId id, Size payload)
    {
        while (m_blocks[i].size > need) {
            const Size half = m_blocks[i].size / 2;
            m_blocks[i].size = half;
            m_blocks.insert(m_blocks.begin() + std::ptrdiff_t(i) + 1,
                            Block{m_blocks[i].addr + half, half, false, -1, 0});
        }
        m_blocks[i].used = true;
        m_blocks[i].id = id;
        m_blocks[i].payload = payload;
    }

    // free: the block becomes free; while its buddy lies inside the heap and is
    // a free block of the same size, the two merge into one free block at the
    // lower address, twice the size.
    void freeAt(std::size_t i)
    {
        m_blocks[i].used = false;
        m_blocks[i].id = -1;
        m_blocks[i].payload = 0;
        for (;;) {
            const Size a = m_blocks[i].addr, s = m_blocks[i].size;
            const Size buddy = a ^ s;
            if (buddy >= m_H || s > m_H - buddy) // not inside [0, H)
                return;
            std::optional<std::size_t> j;
            for (std::size_t k = 0; k < m_blocks.size(); ++k)
                if (m_blocks[k].addr == buddy)
                    j = k;
            if (!j || m_blocks[*j].used || m_blocks[*j].size != s)
                return;
            const std::size_t lo = std::min(i, *j), hi = std::max(i, *j);
            m_blocks[lo].size = 2 * s;
            m_blocks.erase(m_blocks.begin() + std::ptrdiff_t(hi));
            i = lo;
        }
    }

    void check() const
    {
        Size at = 0;
        for (const Block& b : m_blocks) {
            if (b.addr != at || !isPowerOfTwo(b.size) || b.size < (Size{1} << m_minOrder)
                || b.addr % b.size != 0)
                throw std::logic_error("naive buddy: the blocks are not buddy blocks tiling the heap");
            at += b.size;
        }
        if (at != m_H)
            throw std::logic_error("naive buddy: the blocks do not end at H");
        for (const Block& b : m_blocks) {
            if (b.used)
                continue;
            const Size buddy = b.addr ^ b.size;
            for (const Block& c : m_blocks)
                if (c.addr == buddy && !c.used && c.size == b.size)
                    throw std::logic_error("naive buddy: two free buddies not merged");
        }
    }

    unsigned m_minOrder;
    Size m_header;
    Size m_canary;
    bool m_growing;
    std::vector<Block> m_blocks;
    Size m_H = 0;
};

// ===========================================================================
// The fixed-size pool.
// ===========================================================================

class Pool final : public Family {
public:
    explicit Pool(const Lane& lane)
        : m_slot(lane.slot), m_chunk(lane.chunk), m_header(lane.poolHeader),
          m_canary(lane.config.canary), m_growing(!lane.config.fixedSize)
    {
        if (lane.config.fixedSize) {
            // A fixed pool starts with every slot on the stack, the lowest address on top.
            m_H = *lane.config.fixedSize;
            for (Size a = 0; a < m_H; a += m_slot)
                m_blocks.push_back(Block{a, m_slot, false, -1, 0});
            for (std::size_t k = m_blocks.size(); k-- > 0;)
                m_stack.push_back(m_blocks[k].addr); // back() is the top
        } // growing: the pool starts empty (H = 0)
    }

    bool allocate(TraceId id, Size n) override
    {
        // If n + header + canary > slot, the request fails (a pool serves one size).
        if (!fits(n))
            return false;
        if (!m_stack.empty())
            examined = 1; // the free stack holds a slot when a request that fits arrives
        else if (!m_growing || !grow())
            return false; // a fixed pool with none free fails
        const Size a = m_stack.back();
        m_stack.pop_back();
        Block& b = m_blocks[indexOfAddr(a)];
        b.used = true;
        b.id = id;
        b.payload = n;
        return true;
    }

    // free: the slot is pushed on top (last freed, first reused).
    void release(TraceId id) override
    {
        Block& b = m_blocks[indexOfId(id)];
        b.used = false;
        b.id = -1;
        b.payload = 0;
        m_stack.push_back(b.addr);
    }

    // realloc: if the new size still fits the slot, in place; otherwise the
    // request fails and the block stays.
    bool resize(TraceId id, Size n) override
    {
        if (!fits(n))
            return false;
        m_blocks[indexOfId(id)].payload = n;
        return true;
    }

    void endOp() override { check(); }

    std::vector<Block> blocks() const override { return m_blocks; }
    Size heapSize() const override { return m_H; }
    Size rover() const override { return 0; }

private:
    bool fits(Size n) const
    {
        return n <= m_slot && m_header <= m_slot && m_canary <= m_slot
               && n + m_header + m_canary <= m_slot; // each <= slot: no overflow that matters
    }

    // A growing pool that finds the stack empty grows by chunk slots, pushed
    // so that the lowest new slot ends on top.
    bool grow()
    {
        if (m_chunk == 0 || m_slot > kMaxHeapBytes / m_chunk)
            return false;
        const Size g = m_slot * m_chunk;
        if (!fitsUnderMax(m_H, g))
            return false;
        for (std::size_t k = 0; k < m_chunk; ++k)
            m_blocks.push_back(Block{m_H + k * m_slot, m_slot, false, -1, 0});
        for (std::size_t k = m_chunk; k-- > 0;)
            m_stack.push_back(m_H + k * m_slot);
        m_H += g;
        return true;
    }

    std::size_t indexOfId(TraceId id) const
    {
        for (std::size_t i = 0; i < m_blocks.size(); ++i)
            if (m_blocks[i].used && m_blocks[i].id == id)
                return i;
        throw std::logic_error("naive pool: a live id without a slot");
    }

    std::size_t indexOfAddr(Size addr) const
    {
        for (std::size_t i = 0; i < m_blocks.size(); ++i)
            if (m_blocks[i].addr == addr)
                return i;
        throw std::logic_error("naive pool: no slot at that address");
    }

    void check() const
    {
        std::vector<Size> freeSlots;
        for (std::size_t i = 0; i < m_blocks.size(); ++i) {
            if (m_blocks[i].addr != i * m_slot || m_blocks[i].size != m_slot)
                throw std::logic_error("naive pool: the slots do not tile the pool");
            if (!m_blocks[i].used)
                freeSlots.push_back(m_blocks[i].addr);
        }
        if (m_blocks.size() * m_slot != m_H)
            throw std::logic_error("naive pool: the slots do not end at H");
        std::vector<Size> stack = m_stack;
        std::sort(stack.begin(), stack.end());
        if (stack != freeSlots)
            throw std::logic_error("naive pool: the free stack is not the free slots");
    }

    Size m_slot;
    std::size_t m_chunk;
    Size m_header;
    Size m_canary;
    bool m_growing;
    std::vector<Block> m_blocks; // every slot, in address order
    std::vector<Size> m_stack;   // free slots; back() is the top
    Size m_H = 0;
};

} // namespace

std::unique_ptr<Family> makeFamily(const Lane& lane)
{
    const std::string& f = lane.family;
    if (f == "first") return std::make_unique<TagHeap>(lane, Policy::First);
    if (f == "next") return std::make_unique<TagHeap>(lane, Policy::Next);
    if (f == "best") return std::make_unique<TagHeap>(lane, Policy::Best);
    if (f == "worst") return std::make_unique<TagHeap>(lane, Policy::Worst);
    if (f == "segregated") return std::make_unique<TagHeap>(lane, Policy::Segregated);
    if (f == "tlsf") return std::make_unique<TagHeap>(lane, Policy::Tlsf);
    if (f == "buddy") return std::make_unique<Buddy>(lane);
    if (f == "pool") return std::make_unique<Pool>(lane);
    throw std::invalid_argument("naive model: no family named '" + f + "'");
}

} // namespace heapviz::naive
