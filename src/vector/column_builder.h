// Builds a Column of any type row by row. Typed appends are cheap; AppendValue handles any
// Value (converting numeric widths); nested types are built through child builders:
//   ARRAY:  append the elements to child(0), then CloseList();
//   MAP:    append keys to child(0) and values to child(1), then CloseList();
//   STRUCT: append one value to every child, then CloseStruct().
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "type/value.h"
#include "vector/column.h"

namespace runnel::vector {

class ColumnBuilder {
 public:
  explicit ColumnBuilder(type::DataTypePtr type);

  const type::DataTypePtr& type() const { return type_; }
  int64_t length() const { return length_; }
  void Reserve(int64_t n);

  void AppendNull();
  void AppendBool(bool v);
  void AppendInt(int32_t v);     // INT, DATE
  void AppendBigInt(int64_t v);  // BIGINT, TIMESTAMP, INTERVAL
  void AppendDouble(double v);
  void AppendDecimal(type::int128_t v);
  void AppendString(std::string_view v);  // STRING, BINARY
  void AppendValue(const type::Value& v);
  // Copies row i of a column of the same type.
  void AppendFrom(const Column& column, int64_t i);

  ColumnBuilder& child(int i) { return *children_[i]; }
  void CloseList();                    // ARRAY, MAP
  void CloseStruct(bool valid = true);  // STRUCT

  ColumnPtr Finish();

 private:
  void AppendValidity(bool valid);

  type::DataTypePtr type_;
  int64_t length_ = 0;
  std::vector<uint8_t> validity_;  // one byte per row; only materialized after the first null
  bool any_null_ = false;
  std::vector<uint8_t> fixed_;     // fixed-width values, or boolean bytes
  std::vector<int32_t> offsets_{0};
  std::vector<char> bytes_;
  std::vector<std::unique_ptr<ColumnBuilder>> children_;
};

}  // namespace runnel::vector
