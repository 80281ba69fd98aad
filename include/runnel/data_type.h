// Logical data types with Spark SQL's names. Every value of every type may be NULL.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace runnel::type {

enum class TypeId : uint8_t {
  kNull,       // the type of an untyped NULL literal
  kBoolean,
  kInt,        // 32-bit
  kBigInt,     // 64-bit
  kDouble,
  kDecimal,    // 128-bit unscaled value, precision <= 38
  kString,     // UTF-8
  kBinary,
  kDate,       // days since 1970-01-01
  kTimestamp,  // microseconds since the epoch, UTC
  kInterval,   // day-time interval in microseconds
  kArray,
  kStruct,
  kMap,
};

class DataType;
using DataTypePtr = std::shared_ptr<const DataType>;

struct Field {
  std::string name;
  DataTypePtr type;
  bool nullable = true;
};

class DataType {
 public:
  TypeId id() const { return id_; }
  // DECIMAL only.
  int precision() const { return precision_; }
  int scale() const { return scale_; }
  // ARRAY: the element type. MAP: key_type()/value_type().
  const DataTypePtr& element_type() const { return children_[0].type; }
  const DataTypePtr& key_type() const { return children_[0].type; }
  const DataTypePtr& value_type() const { return children_[1].type; }
  // STRUCT: its fields. ARRAY: one field "element". MAP: "key" and "value".
  const std::vector<Field>& fields() const { return children_; }
  int num_fields() const { return static_cast<int>(children_.size()); }
  // Index of a struct field (case-insensitive), or -1.
  int FieldIndex(const std::string& name) const;

  bool is_numeric() const;   // INT, BIGINT, DOUBLE, DECIMAL
  bool is_integral() const;  // INT, BIGINT
  bool is_nested() const { return id_ == TypeId::kArray || id_ == TypeId::kStruct || id_ == TypeId::kMap; }
  bool is_binary_like() const { return id_ == TypeId::kString || id_ == TypeId::kBinary; }
  // Bytes per value in a fixed-width buffer; 0 for variable-width and nested types; BOOLEAN
  // and NULL are bit-packed and also report 0.
  int byte_width() const;

  bool Equals(const DataType& other) const;
  // Spark SQL DDL: INT, DECIMAL(10,2), ARRAY<STRING>, STRUCT<a: INT, b: STRING>, MAP<STRING, INT>
  std::string ToString() const;

  DataType(TypeId id, int precision, int scale, std::vector<Field> children)
      : id_(id), precision_(precision), scale_(scale), children_(std::move(children)) {}

 private:
  TypeId id_;
  int precision_ = 0;
  int scale_ = 0;
  std::vector<Field> children_;
};

inline bool operator==(const DataType& a, const DataType& b) { return a.Equals(b); }
bool TypesEqual(const DataTypePtr& a, const DataTypePtr& b);

// Factories; the primitive ones return shared singletons.
DataTypePtr Null();
DataTypePtr Boolean();
DataTypePtr Int();
DataTypePtr BigInt();
DataTypePtr Double();
DataTypePtr Decimal(int precision, int scale);
DataTypePtr String();
DataTypePtr Binary();
DataTypePtr Date();
DataTypePtr Timestamp();
DataTypePtr Interval();
DataTypePtr Array(DataTypePtr element);
DataTypePtr Struct(std::vector<Field> fields);
DataTypePtr Map(DataTypePtr key, DataTypePtr value);

inline constexpr int kMaxDecimalPrecision = 38;

}  // namespace runnel::type
