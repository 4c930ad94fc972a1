#pragma once
// The seeded random numbers of the generated workloads and scenarios: our own
// xoshiro256** seeded by splitmix64, and our own range sampling, so that the
// same seed gives the same numbers under every standard library (whose
// std::*_distribution output the standard leaves to each implementation).

#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <limits>

namespace heapviz {

// splitmix64 (Steele, Lea, Flood 2014), as Vigna recommends for seeding xoshiro.
inline std::uint64_t splitmix64(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
}

// xoshiro256** (Blackman & Vigna 2018) with our own range sampling: the same
// seed gives the same numbers under every standard library.
class Rng {
public:
    explicit Rng(std::uint64_t seed)
    {
        for (std::uint64_t& word : m_state)
            word = splitmix64(seed);
    }

    std::uint64_t next()
    {
        const std::uint64_t result = std::rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = std::rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, n), n > 0, without modulo bias: draws below 2^64 mod n
    // are thrown away so that every remainder is equally likely.
    std::uint64_t below(std::uint64_t n)
    {
        assert(n > 0 && "below(0) has no value to return");
        const std::uint64_t threshold = (0 - n) % n;
        std::uint64_t x = next();
        while (x < threshold)
            x = next();
        return x % n;
    }

    // Uniform in [lo, hi].
    std::uint64_t range(std::uint64_t lo, std::uint64_t hi)
    {
        assert(lo <= hi && "empty range");
        if (hi - lo == std::numeric_limits<std::uint64_t>::max())
            return next();
        return lo + below(hi - lo + 1);
    }

    // True with probability num/den.
    bool chance(std::uint64_t num, std::uint64_t den) { return below(den) < num; }

private:
    std::array<std::uint64_t, 4> m_state{};
};

} // namespace heapviz
