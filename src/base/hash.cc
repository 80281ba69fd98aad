#include "base/hash.h"

#include <xxhash.h>

namespace runnel::base {
uint64_t HashBytes(const void* data, size_t size, uint64_t seed) {
  return XXH3_64bits_withSeed(data, size, seed);
}
}  // namespace runnel::base
