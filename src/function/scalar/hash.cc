// hash(a, ...) and xxhash64(a, ...): Spark's row hashes, bit for bit. Each argument folds into
// the running hash, which starts at the seed 42: hash(a, b) = H(b, H(a, 42)). NULL leaves the
// hash unchanged; ARRAY folds its elements, MAP its keys and values entry by entry, STRUCT its
// fields. Values hash as Spark's InterpretedHashFunction: BOOLEAN as the int 1/0, INT and DATE
// as ints, BIGINT, TIMESTAMP and INTERVAL as longs, DOUBLE as the long of its bits (-0.0 as 0.0,
// NaN canonical), DECIMAL with precision <= 18 as the long of its unscaled value and wider ones
// as the bytes of Java's BigInteger.toByteArray, STRING and BINARY as their bytes.
// hash is Murmur3 x86_32 with Spark's own handling of a tail of 1-3 bytes (each byte mixed as
// a signed int); xxhash64 is the standard XXH64.
#include <xxhash.h>

#include <cstring>

#include "function/registry.h"
#include "vector/column.h"

namespace runnel::function {

using type::TypeId;
using vector::Column;
using vector::ColumnPtr;

namespace {

constexpr uint32_t kSeed = 42;

uint32_t Rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

struct Murmur3 {
  using Hash = uint32_t;
  static uint32_t MixK1(uint32_t k1) { return Rotl32(k1 * 0xcc9e2d51u, 15) * 0x1b873593u; }
  static uint32_t MixH1(uint32_t h1, uint32_t k1) { return Rotl32(h1 ^ k1, 13) * 5 + 0xe6546b64u; }
  static uint32_t Fmix(uint32_t h1, uint32_t length) {
    h1 ^= length;
    h1 ^= h1 >> 16;
    h1 *= 0x85ebca6bu;
    h1 ^= h1 >> 13;
    h1 *= 0xc2b2ae35u;
    h1 ^= h1 >> 16;
    return h1;
  }
  static Hash Int(int32_t v, Hash seed) {
    return Fmix(MixH1(seed, MixK1(static_cast<uint32_t>(v))), 4);
  }
  static Hash Long(int64_t v, Hash seed) {
    uint64_t u = static_cast<uint64_t>(v);
    uint32_t h1 = MixH1(seed, MixK1(static_cast<uint32_t>(u)));
    h1 = MixH1(h1, MixK1(static_cast<uint32_t>(u >> 32)));
    return Fmix(h1, 8);
  }
  static Hash Bytes(const char* data, size_t size, Hash seed) {
    size_t aligned = size - size % 4;
    uint32_t h1 = seed;
    for (size_t i = 0; i < aligned; i += 4) {
      uint32_t word;
      std::memcpy(&word, data + i, 4);  // little-endian, as Platform.getInt on x86
      h1 = MixH1(h1, MixK1(word));
    }
    for (size_t i = aligned; i < size; ++i) {
      int32_t byte = static_cast<signed char>(data[i]);
      h1 = MixH1(h1, MixK1(static_cast<uint32_t>(byte)));
    }
    return Fmix(h1, static_cast<uint32_t>(size));
  }
};

struct XxHash64 {
  using Hash = uint64_t;
  static Hash Int(int32_t v, Hash seed) { return XXH64(&v, 4, seed); }
  static Hash Long(int64_t v, Hash seed) { return XXH64(&v, 8, seed); }
  static Hash Bytes(const char* data, size_t size, Hash seed) { return XXH64(data, size, seed); }
};

// Java's BigInteger.toByteArray: minimal big-endian two's complement.
std::string BigIntegerBytes(type::int128_t v) {
  std::string bytes;
  unsigned __int128 u = static_cast<unsigned __int128>(v);
  for (int i = 15; i >= 0; --i) bytes.push_back(static_cast<char>(u >> (8 * i)));
  size_t start = 0;
  while (start + 1 < bytes.size()) {
    char b = bytes[start], next = bytes[start + 1];
    bool redundant = (b == 0 && !(next & 0x80)) || (b == '\xff' && (next & 0x80));
    if (!redundant) break;
    ++start;
  }
  return bytes.substr(start);
}

template <typename H>
typename H::Hash HashCell(const Column& c, int64_t i, typename H::Hash seed) {
  if (c.type_id() == TypeId::kNull || c.IsNull(i)) return seed;
  switch (c.type_id()) {
    case TypeId::kNull:
      return seed;
    case TypeId::kBoolean:
      return H::Int(c.GetBool(i) ? 1 : 0, seed);
    case TypeId::kInt:
    case TypeId::kDate:
      return H::Int(c.values<int32_t>()[i], seed);
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kInterval:
      return H::Long(c.values<int64_t>()[i], seed);
    case TypeId::kDouble: {
      double d = c.values<double>()[i];
      if (d == 0) return H::Long(0, seed);
      int64_t bits = 0x7ff8000000000000LL;
      if (d == d) std::memcpy(&bits, &d, 8);
      return H::Long(bits, seed);
    }
    case TypeId::kDecimal: {
      type::int128_t v = c.values<type::int128_t>()[i];
      if (c.type()->precision() <= 18) return H::Long(static_cast<int64_t>(v), seed);
      std::string bytes = BigIntegerBytes(v);
      return H::Bytes(bytes.data(), bytes.size(), seed);
    }
    case TypeId::kString:
    case TypeId::kBinary: {
      std::string_view s = c.GetString(i);
      return H::Bytes(s.data(), s.size(), seed);
    }
    case TypeId::kArray:
    case TypeId::kMap: {
      const int32_t* o = c.offsets();
      typename H::Hash h = seed;
      for (int32_t j = o[i]; j < o[i + 1]; ++j) {
        for (const auto& child : c.children()) h = HashCell<H>(*child, j, h);
      }
      return h;
    }
    case TypeId::kStruct: {
      typename H::Hash h = seed;
      for (const auto& child : c.children()) h = HashCell<H>(*child, i, h);
      return h;
    }
  }
  return seed;
}

// Folds one argument column into the running hashes; tight loops for the common types.
template <typename H>
void FoldColumn(const Column& c, std::vector<typename H::Hash>* hashes) {
  int64_t n = c.length();
  auto& h = *hashes;
  if (!c.has_nulls() && c.type_id() == TypeId::kInt) {
    const int32_t* v = c.values<int32_t>();
    for (int64_t i = 0; i < n; ++i) h[i] = H::Int(v[i], h[i]);
    return;
  }
  if (!c.has_nulls() && (c.type_id() == TypeId::kBigInt || c.type_id() == TypeId::kTimestamp)) {
    const int64_t* v = c.values<int64_t>();
    for (int64_t i = 0; i < n; ++i) h[i] = H::Long(v[i], h[i]);
    return;
  }
  for (int64_t i = 0; i < n; ++i) h[i] = HashCell<H>(c, i, h[i]);
}

template <typename H, typename Out>
BoundScalar BindHash(const BindArgs& args, type::DataTypePtr result) {
  BoundScalar bound;
  bound.return_type = result;
  bound.arg_types = args.types;
  bound.null_intolerant = false;
  bound.kernel = [result](const std::vector<ColumnPtr>& c, int64_t n,
                          const KernelContext&) -> Result<ColumnPtr> {
    std::vector<typename H::Hash> hashes(n, kSeed);
    for (const auto& column : c) FoldColumn<H>(*column, &hashes);
    std::vector<Out> out(hashes.begin(), hashes.end());
    return vector::MakeFixedColumn<Out>(result, std::move(out));
  };
  return bound;
}

}  // namespace

void RegisterHashFunctions(FunctionRegistry& registry) {
  ScalarFunction hash;
  hash.name = "hash";
  hash.signature = "hash(a, ...)";
  hash.description = "Spark's Murmur3 hash of the arguments (INT, seed 42).";
  hash.min_args = 1;
  hash.max_args = -1;
  hash.bind = [](const BindArgs& args) -> Result<BoundScalar> {
    return BindHash<Murmur3, int32_t>(args, type::Int());
  };
  registry.AddScalar(std::move(hash));
  ScalarFunction xx;
  xx.name = "xxhash64";
  xx.signature = "xxhash64(a, ...)";
  xx.description = "Spark's xxHash64 of the arguments (BIGINT, seed 42).";
  xx.min_args = 1;
  xx.max_args = -1;
  xx.bind = [](const BindArgs& args) -> Result<BoundScalar> {
    return BindHash<XxHash64, int64_t>(args, type::BigInt());
  };
  registry.AddScalar(std::move(xx));
}

}  // namespace runnel::function
