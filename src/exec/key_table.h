// Hash tables keyed by the values of one or more key columns, mapping each distinct key to a
// dense id (0, 1, 2, ...). Hash aggregation uses ids as group ids; hash joins use them to find
// the build rows of a key. A single integer-like key takes a fast path; any other key list is
// encoded row by row into bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "type/data_type.h"
#include "vector/column.h"
#include "vector/column_builder.h"

namespace runnel::exec {

// Row-wise byte encoding of key columns: equal keys encode to equal bytes (NULLs included,
// -0.0 as 0.0, every NaN alike).
struct EncodedKeys {
  std::string bytes;
  std::vector<uint32_t> offsets;  // num_rows + 1
  std::vector<uint8_t> has_null;  // per row: any key NULL
  std::string_view Row(int64_t i) const { return {bytes.data() + offsets[i], offsets[i + 1] - offsets[i]}; }
};
EncodedKeys EncodeKeys(const std::vector<vector::ColumnPtr>& keys, int64_t num_rows);

// Per-row hashes of the key columns, the same for equal keys on any side of a join.
std::vector<uint64_t> HashKeys(const std::vector<vector::ColumnPtr>& keys, int64_t num_rows);

class KeyTable {
 public:
  explicit KeyTable(std::vector<type::DataTypePtr> key_types);
  ~KeyTable();

  // Maps each row's key to its id, adding new keys (NULL is a key like any other, as in
  // GROUP BY).
  void Insert(const std::vector<vector::ColumnPtr>& keys, int64_t num_rows, uint32_t* ids);
  // Looks keys up without adding; -1 for a key not present or containing a NULL (join
  // semantics: NULL never matches).
  void Find(const std::vector<vector::ColumnPtr>& keys, int64_t num_rows, int32_t* ids) const;
  int64_t size() const { return num_keys_; }
  // The distinct keys in id order; the table stays usable.
  std::vector<vector::ColumnPtr> KeyColumns();

 private:
  void InsertIntKeys(const vector::Column& keys, int64_t num_rows, uint32_t* ids);

  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<type::DataTypePtr> key_types_;
  std::vector<std::unique_ptr<vector::ColumnBuilder>> key_builders_;
  std::vector<vector::ColumnPtr> finished_keys_;
  int64_t num_keys_ = 0;
};

}  // namespace runnel::exec
