// Row: one result row, as collect() returns them.
#pragma once

#include <string>
#include <vector>

#include "runnel/value.h"

namespace runnel {

class Row {
 public:
  Row() = default;
  explicit Row(std::vector<type::Value> values) : values_(std::move(values)) {}

  size_t size() const { return values_.size(); }
  const type::Value& get(size_t i) const { return values_[i]; }
  const type::Value& operator[](size_t i) const { return values_[i]; }
  bool isNullAt(size_t i) const { return values_[i].is_null(); }
  int64_t getLong(size_t i) const { return values_[i].AsInt64(); }
  int32_t getInt(size_t i) const { return static_cast<int32_t>(values_[i].AsInt64()); }
  double getDouble(size_t i) const { return values_[i].AsDouble(); }
  const std::string& getString(size_t i) const { return values_[i].string_value(); }
  bool getBoolean(size_t i) const { return values_[i].bool_value(); }
  const std::vector<type::Value>& values() const { return values_; }
  // "[alice,3]" as Spark prints a Row.
  std::string ToString() const;

 private:
  std::vector<type::Value> values_;
};

}  // namespace runnel
