// Hashing for hash tables, repartitioning and the hash() function. XXH3 underneath.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace runnel::base {

uint64_t HashBytes(const void* data, size_t size, uint64_t seed = 0);
inline uint64_t HashString(std::string_view s, uint64_t seed = 0) {
  return HashBytes(s.data(), s.size(), seed);
}
// A fast mix for fixed-width keys (murmur3 finalizer over the combined word).
inline uint64_t HashInt(uint64_t value, uint64_t seed = 0) {
  uint64_t h = value ^ (seed * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL);
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  return h;
}
inline uint64_t HashCombine(uint64_t a, uint64_t b) {
  return HashInt(a ^ (b + 0x9E3779B97F4A7C15ULL + (a << 6) + (a >> 2)));
}

}  // namespace runnel::base
