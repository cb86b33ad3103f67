// SPDX-License-Identifier: GPL-3.0-or-later
#include "corehash.h"

#include <cstring>

namespace calldeck::core
{

namespace
{

// Kamailio reads the bytes through `char *`, which is signed on x86: bytes ≥ 0x80 sign-extend.
inline std::uint32_t sc(char c)
{
    return static_cast<std::uint32_t>(static_cast<std::int32_t>(static_cast<signed char>(c)));
}

} // namespace

std::uint32_t kamailioCoreHash(std::string_view s, std::uint32_t size)
{
    std::uint32_t h = 0;
    std::uint32_t v = 0;
    const char *p = s.data();
    const char *end = s.data() + s.size();
    for (; end - p >= 4; p += 4)
    {
        v = (sc(p[0]) << 24) + (sc(p[1]) << 16) + (sc(p[2]) << 8) + sc(p[3]);
        h += v ^ (v >> 3);
    }
    switch (end - p)
    {
    case 3:
        v = (sc(p[0]) << 16) + (sc(p[1]) << 8) + sc(p[2]);
        break;
    case 2:
        v = (sc(p[0]) << 8) + sc(p[1]);
        break;
    case 1:
        v = sc(p[0]);
        break;
    default:
        v = 0;
        break;
    }
    h += v ^ (v >> 3);
    h = (h + (h >> 11)) + ((h >> 13) + (h >> 23));
    return size ? (h & (size - 1)) : h;
}

std::uint32_t roundDownToPowerOfTwo(std::uint32_t n)
{
    if (n < 1)
    {
        return 1;
    }
    std::uint32_t p = 1;
    while (p <= n / 2)
    {
        p <<= 1;
    }
    return p;
}

std::uint64_t fastHash64(std::string_view s)
{
    // 64-bit multiply-xorshift over 8-byte words; good spread, ~1 cycle/byte.
    constexpr std::uint64_t m = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = 0xCBF29CE484222325ull ^ (s.size() * m);
    const char *p = s.data();
    std::size_t n = s.size();
    while (n >= 8)
    {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * m;
        h ^= h >> 29;
        p += 8;
        n -= 8;
    }
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w ^ (static_cast<std::uint64_t>(n) << 56)) * m;
    h ^= h >> 32;
    h *= m;
    h ^= h >> 29;
    return h;
}

} // namespace calldeck::core
