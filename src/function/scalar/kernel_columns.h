// Reading kernel arguments and writing kernel results as column buffers, for the scalar
// function families. Results are built in plain vectors and handed to MakeFixedColumn /
// MakeStringColumn / MakeBoolColumn without copying; validity is only materialized once a NULL
// is written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vector/column.h"

namespace runnel::function {

// True when any argument is NULL at row i (the usual NULL-in, NULL-out rule).
inline bool AnyNullAt(const std::vector<vector::ColumnPtr>& args, int64_t i) {
  for (const auto& a : args) {
    if (a->IsNull(i)) return true;
  }
  return false;
}

// Validity bytes that stay empty (all valid) until the first NULL.
class ValidityWriter {
 public:
  explicit ValidityWriter(int64_t num_rows) : num_rows_(num_rows) {}
  void SetNull(int64_t i) {
    if (validity_.empty()) validity_.assign(static_cast<size_t>(num_rows_), 1);
    validity_[static_cast<size_t>(i)] = 0;
  }
  const std::vector<uint8_t>& bytes() const { return validity_; }

 private:
  int64_t num_rows_;
  std::vector<uint8_t> validity_;
};

// Builds a STRING (or BINARY) column row by row; rows are appended in order.
class StringColumnWriter {
 public:
  explicit StringColumnWriter(int64_t num_rows, size_t bytes_hint = 0) : validity_(num_rows) {
    offsets_.reserve(static_cast<size_t>(num_rows) + 1);
    offsets_.push_back(0);
    bytes_.reserve(bytes_hint);
  }
  void Append(std::string_view s) {
    bytes_.insert(bytes_.end(), s.begin(), s.end());
    offsets_.push_back(static_cast<int32_t>(bytes_.size()));
  }
  void AppendNull() {
    validity_.SetNull(static_cast<int64_t>(offsets_.size()) - 1);
    offsets_.push_back(static_cast<int32_t>(bytes_.size()));
  }
  // For building a row in place: append to bytes(), then CommitRow().
  std::vector<char>& bytes() { return bytes_; }
  void CommitRow() { offsets_.push_back(static_cast<int32_t>(bytes_.size())); }

  vector::ColumnPtr Finish(type::DataTypePtr type = type::String()) {
    return vector::MakeStringColumn(std::move(type), std::move(offsets_), std::move(bytes_),
                                    validity_.bytes());
  }

 private:
  ValidityWriter validity_;
  std::vector<int32_t> offsets_;
  std::vector<char> bytes_;
};

// Builds a fixed-width column (INT/DATE int32, BIGINT/TIMESTAMP int64, DOUBLE) by row index.
template <typename T>
class FixedColumnWriter {
 public:
  explicit FixedColumnWriter(int64_t num_rows)
      : values_(static_cast<size_t>(num_rows)), validity_(num_rows) {}
  void Set(int64_t i, T v) { values_[static_cast<size_t>(i)] = v; }
  void SetNull(int64_t i) { validity_.SetNull(i); }
  vector::ColumnPtr Finish(type::DataTypePtr type) {
    return vector::MakeFixedColumn<T>(std::move(type), std::move(values_), validity_.bytes());
  }

 private:
  std::vector<T> values_;
  ValidityWriter validity_;
};

// Builds a BOOLEAN column by row index.
class BoolColumnWriter {
 public:
  explicit BoolColumnWriter(int64_t num_rows)
      : values_(static_cast<size_t>(num_rows)), validity_(num_rows) {}
  void Set(int64_t i, bool v) { values_[static_cast<size_t>(i)] = v; }
  void SetNull(int64_t i) { validity_.SetNull(i); }
  vector::ColumnPtr Finish() { return vector::MakeBoolColumn(values_, validity_.bytes()); }

 private:
  std::vector<uint8_t> values_;
  ValidityWriter validity_;
};

// Row loops for kernels whose result is NULL when any argument is NULL. `fn(i, ...)` sees only
// rows where every argument is valid.

// fn(i, std::string* out) appends the row's text and returns false for a NULL result.
template <typename Fn>
vector::ColumnPtr MapToString(const std::vector<vector::ColumnPtr>& args, int64_t num_rows,
                              Fn&& fn, type::DataTypePtr type = type::String()) {
  StringColumnWriter writer(num_rows);
  std::string scratch;
  for (int64_t i = 0; i < num_rows; ++i) {
    scratch.clear();
    if (!AnyNullAt(args, i) && fn(i, &scratch)) {
      writer.Append(scratch);
    } else {
      writer.AppendNull();
    }
  }
  return writer.Finish(std::move(type));
}

// fn(i) returns std::optional<T> (nullopt: NULL) or a plain T.
template <typename T, typename Fn>
vector::ColumnPtr MapToFixed(const std::vector<vector::ColumnPtr>& args, int64_t num_rows,
                             type::DataTypePtr type, Fn&& fn) {
  FixedColumnWriter<T> writer(num_rows);
  for (int64_t i = 0; i < num_rows; ++i) {
    if (AnyNullAt(args, i)) {
      writer.SetNull(i);
      continue;
    }
    std::optional<T> v = fn(i);
    if (v.has_value()) {
      writer.Set(i, *v);
    } else {
      writer.SetNull(i);
    }
  }
  return writer.Finish(std::move(type));
}

// fn(i) returns std::optional<bool> or bool.
template <typename Fn>
vector::ColumnPtr MapToBool(const std::vector<vector::ColumnPtr>& args, int64_t num_rows,
                            Fn&& fn) {
  BoolColumnWriter writer(num_rows);
  for (int64_t i = 0; i < num_rows; ++i) {
    if (AnyNullAt(args, i)) {
      writer.SetNull(i);
      continue;
    }
    std::optional<bool> v = fn(i);
    if (v.has_value()) {
      writer.Set(i, *v);
    } else {
      writer.SetNull(i);
    }
  }
  return writer.Finish();
}

}  // namespace runnel::function
