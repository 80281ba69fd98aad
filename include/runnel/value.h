// A single typed value (a literal, a row cell, a partition value). Nested values hold their
// children in a shared, immutable vector so copies stay cheap.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runnel/data_type.h"
#include "runnel/decimal.h"

namespace runnel::type {

class Value {
 public:
  Value() : type_(type::Null()) {}  // NULL of type VOID

  static Value NullOf(DataTypePtr type);
  static Value Boolean(bool v);
  static Value Int(int32_t v);
  static Value BigInt(int64_t v);
  static Value Double(double v);
  static Value Decimal(int128_t unscaled, int precision, int scale);
  static Value String(std::string v);
  static Value Binary(std::string bytes);
  static Value Date(int32_t days);
  static Value Timestamp(int64_t micros);
  static Value Interval(int64_t micros);
  static Value Array(DataTypePtr element_type, std::vector<Value> elements);
  static Value Struct(DataTypePtr struct_type, std::vector<Value> fields);
  // A map's entries as parallel key and value lists.
  static Value Map(DataTypePtr map_type, std::vector<Value> keys, std::vector<Value> values);

  const DataTypePtr& type() const { return type_; }
  bool is_null() const { return is_null_; }

  bool bool_value() const { return i64_ != 0; }
  int32_t int_value() const { return static_cast<int32_t>(i64_); }     // INT, DATE
  int64_t bigint_value() const { return i64_; }                        // BIGINT, TIMESTAMP, INTERVAL
  double double_value() const { return f64_; }
  int128_t decimal_value() const { return i128_; }
  const std::string& string_value() const { return *str_; }            // STRING, BINARY
  // ARRAY elements, STRUCT fields, MAP keys.
  const std::vector<Value>& children() const { return *children_; }
  const std::vector<Value>& map_values() const { return *map_values_; }

  // Any integral or floating value widened to double / int64 (for casts and tests).
  double AsDouble() const;
  int64_t AsInt64() const;

  // As Spark's show(): NULL, 1.0E10, 2024-01-01 10:00:00, [1, 2], {a, 1}, {k -> v}.
  std::string ToString() const;
  // As a SQL literal: 'text', DATE '2024-01-01', NULL.
  std::string ToSqlLiteral() const;

  // Equality treats NULL == NULL (grouping semantics) and NaN == NaN, as Spark's grouping does.
  bool Equals(const Value& other) const;
  // Total order for sorting: NULLs first, NaN greater than every other double.
  int Compare(const Value& other) const;
  uint64_t Hash() const;

 private:
  DataTypePtr type_;
  bool is_null_ = true;
  int64_t i64_ = 0;
  double f64_ = 0;
  int128_t i128_ = 0;
  std::shared_ptr<const std::string> str_;
  std::shared_ptr<const std::vector<Value>> children_;
  std::shared_ptr<const std::vector<Value>> map_values_;
};

inline bool operator==(const Value& a, const Value& b) { return a.Equals(b); }

// Java's Double.toString, which Spark uses to print doubles: "1.0", "0.001", "1.0E7", "NaN".
std::string FormatDouble(double v);

}  // namespace runnel::type
