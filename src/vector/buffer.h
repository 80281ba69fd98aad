// An immutable, shared byte buffer. It can adopt a std::vector without copying, so kernels build
// values in a vector and hand it over.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

namespace runnel::vector {

class Buffer {
 public:
  Buffer(std::shared_ptr<void> owner, const uint8_t* data, size_t size)
      : owner_(std::move(owner)), data_(data), size_(size) {}

  template <typename T>
  static std::shared_ptr<Buffer> FromVector(std::vector<T> values) {
    auto holder = std::make_shared<std::vector<T>>(std::move(values));
    const auto* data = reinterpret_cast<const uint8_t*>(holder->data());
    size_t size = holder->size() * sizeof(T);
    return std::make_shared<Buffer>(std::move(holder), data, size);
  }
  static std::shared_ptr<Buffer> Copy(const void* data, size_t size) {
    std::vector<uint8_t> bytes(size);
    if (size) std::memcpy(bytes.data(), data, size);
    return FromVector(std::move(bytes));
  }

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  template <typename T>
  const T* data_as() const {
    return reinterpret_cast<const T*>(data_);
  }

 private:
  std::shared_ptr<void> owner_;
  const uint8_t* data_;
  size_t size_;
};

using BufferPtr = std::shared_ptr<const Buffer>;

// Bit-level helpers for validity and boolean bitmaps (LSB first, as Arrow).
namespace bits {
inline bool Get(const uint8_t* bitmap, int64_t i) { return (bitmap[i >> 3] >> (i & 7)) & 1; }
inline void Set(uint8_t* bitmap, int64_t i) { bitmap[i >> 3] |= static_cast<uint8_t>(1u << (i & 7)); }
inline void Clear(uint8_t* bitmap, int64_t i) { bitmap[i >> 3] &= static_cast<uint8_t>(~(1u << (i & 7))); }
inline void SetTo(uint8_t* bitmap, int64_t i, bool v) { v ? Set(bitmap, i) : Clear(bitmap, i); }
inline int64_t BytesFor(int64_t num_bits) { return (num_bits + 7) / 8; }
int64_t CountSet(const uint8_t* bitmap, int64_t offset, int64_t length);
}  // namespace bits

}  // namespace runnel::vector
