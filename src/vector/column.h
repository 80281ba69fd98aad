// A column of values in Arrow's memory layout:
//   validity  bitmap, absent when there are no nulls
//   BOOLEAN   a value bitmap                    (buffers[1])
//   fixed     a values array (INT/DATE int32, BIGINT/TIMESTAMP/INTERVAL int64, DOUBLE,
//             DECIMAL 16-byte int128)            (buffers[1])
//   STRING/BINARY  int32 offsets (length + 1) and bytes (buffers[1], buffers[2])
//   ARRAY     int32 offsets; child 0 = elements
//   MAP       int32 offsets; child 0 = keys, child 1 = values (Arrow's list<struct<key, value>>
//             minus the struct wrapper, which costs nothing to add at an Arrow boundary)
//   STRUCT    one child per field
// `offset` makes slices zero-copy: element i is at physical position offset + i in the buffers
// (children of STRUCT are sliced along with the parent; ARRAY/MAP children are addressed through
// the offsets).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "type/data_type.h"
#include "type/value.h"
#include "vector/buffer.h"

namespace runnel::vector {

class Column;
using ColumnPtr = std::shared_ptr<const Column>;

class Column {
 public:
  Column(type::DataTypePtr type, int64_t length, int64_t null_count, std::vector<BufferPtr> buffers,
         std::vector<ColumnPtr> children, int64_t offset = 0);

  const type::DataTypePtr& type() const { return type_; }
  type::TypeId type_id() const { return type_->id(); }
  int64_t length() const { return length_; }
  int64_t offset() const { return offset_; }
  int64_t null_count() const { return null_count_; }
  bool has_nulls() const { return null_count_ > 0; }

  bool IsValid(int64_t i) const {
    return validity_ == nullptr ? !all_null_ : bits::Get(validity_, offset_ + i);
  }
  bool IsNull(int64_t i) const { return !IsValid(i); }

  // Fixed-width values, already advanced by offset().
  template <typename T>
  const T* values() const {
    return reinterpret_cast<const T*>(buffers_[1]->data()) + offset_;
  }
  bool GetBool(int64_t i) const { return bits::Get(buffers_[1]->data(), offset_ + i); }
  // STRING / BINARY
  std::string_view GetString(int64_t i) const {
    const int32_t* o = offsets();
    return {reinterpret_cast<const char*>(buffers_[2]->data()) + o[i],
            static_cast<size_t>(o[i + 1] - o[i])};
  }
  // STRING / BINARY / ARRAY / MAP offsets, advanced by offset() (so offsets()[0] is this
  // column's first entry).
  const int32_t* offsets() const { return buffers_[1]->data_as<int32_t>() + offset_; }

  const std::vector<ColumnPtr>& children() const { return children_; }
  const ColumnPtr& child(int i) const { return children_[i]; }
  const std::vector<BufferPtr>& buffers() const { return buffers_; }
  // The validity bitmap (at physical positions), or nullptr.
  const uint8_t* validity_bits() const { return validity_; }

  // Zero-copy slice.
  ColumnPtr Slice(int64_t offset, int64_t length) const;
  // Slow, general accessor for one cell.
  type::Value GetValue(int64_t i) const;

 private:
  type::DataTypePtr type_;
  int64_t length_;
  int64_t null_count_;
  int64_t offset_;
  std::vector<BufferPtr> buffers_;  // [0] validity (may be null), then per layout
  std::vector<ColumnPtr> children_;
  const uint8_t* validity_;
  bool all_null_ = false;  // a VOID column: no bitmap, every row NULL
};

// Shorthands for building columns in kernels: values plus an optional validity vector (one byte
// per row, non-zero = valid; empty = all valid).
template <typename T>
ColumnPtr MakeFixedColumn(type::DataTypePtr type, std::vector<T> values,
                          const std::vector<uint8_t>& validity = {});
ColumnPtr MakeBoolColumn(const std::vector<uint8_t>& values,
                         const std::vector<uint8_t>& validity = {});
// Strings from offsets (size n + 1) and bytes.
ColumnPtr MakeStringColumn(type::DataTypePtr type, std::vector<int32_t> offsets,
                           std::vector<char> bytes, const std::vector<uint8_t>& validity = {});
// A column of `length` NULLs of any type.
ColumnPtr MakeNullColumn(type::DataTypePtr type, int64_t length);
// A column repeating one value `length` times.
ColumnPtr MakeConstantColumn(const type::Value& value, int64_t length);
// Packs a byte-per-row validity vector into a bitmap buffer; returns nullptr when all are valid.
BufferPtr PackValidity(const std::vector<uint8_t>& validity, int64_t* null_count);

extern template ColumnPtr MakeFixedColumn<int32_t>(type::DataTypePtr, std::vector<int32_t>,
                                                    const std::vector<uint8_t>&);
extern template ColumnPtr MakeFixedColumn<int64_t>(type::DataTypePtr, std::vector<int64_t>,
                                                    const std::vector<uint8_t>&);
extern template ColumnPtr MakeFixedColumn<double>(type::DataTypePtr, std::vector<double>,
                                                   const std::vector<uint8_t>&);
extern template ColumnPtr MakeFixedColumn<type::int128_t>(type::DataTypePtr,
                                                          std::vector<type::int128_t>,
                                                          const std::vector<uint8_t>&);

}  // namespace runnel::vector
