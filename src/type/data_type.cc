#include "type/data_type.h"

#include "base/spelling.h"

namespace runnel::type {

int DataType::FieldIndex(const std::string& name) const {
  for (size_t i = 0; i < children_.size(); ++i) {
    if (base::EqualsIgnoreCase(children_[i].name, name)) return static_cast<int>(i);
  }
  return -1;
}

bool DataType::is_numeric() const {
  return id_ == TypeId::kInt || id_ == TypeId::kBigInt || id_ == TypeId::kDouble ||
         id_ == TypeId::kDecimal;
}

bool DataType::is_integral() const { return id_ == TypeId::kInt || id_ == TypeId::kBigInt; }

int DataType::byte_width() const {
  switch (id_) {
    case TypeId::kInt:
    case TypeId::kDate:
      return 4;
    case TypeId::kBigInt:
    case TypeId::kDouble:
    case TypeId::kTimestamp:
    case TypeId::kInterval:
      return 8;
    case TypeId::kDecimal:
      return 16;
    default:
      return 0;
  }
}

bool DataType::Equals(const DataType& other) const {
  if (id_ != other.id_ || precision_ != other.precision_ || scale_ != other.scale_) return false;
  if (children_.size() != other.children_.size()) return false;
  for (size_t i = 0; i < children_.size(); ++i) {
    if (children_[i].name != other.children_[i].name) return false;
    if (!children_[i].type->Equals(*other.children_[i].type)) return false;
  }
  return true;
}

bool TypesEqual(const DataTypePtr& a, const DataTypePtr& b) {
  if (a == b) return true;
  if (!a || !b) return false;
  return a->Equals(*b);
}

std::string DataType::ToString() const {
  switch (id_) {
    case TypeId::kNull: return "VOID";
    case TypeId::kBoolean: return "BOOLEAN";
    case TypeId::kInt: return "INT";
    case TypeId::kBigInt: return "BIGINT";
    case TypeId::kDouble: return "DOUBLE";
    case TypeId::kDecimal:
      return "DECIMAL(" + std::to_string(precision_) + "," + std::to_string(scale_) + ")";
    case TypeId::kString: return "STRING";
    case TypeId::kBinary: return "BINARY";
    case TypeId::kDate: return "DATE";
    case TypeId::kTimestamp: return "TIMESTAMP";
    case TypeId::kInterval: return "INTERVAL DAY TO SECOND";
    case TypeId::kArray: return "ARRAY<" + element_type()->ToString() + ">";
    case TypeId::kMap:
      return "MAP<" + key_type()->ToString() + ", " + value_type()->ToString() + ">";
    case TypeId::kStruct: {
      std::string out = "STRUCT<";
      for (size_t i = 0; i < children_.size(); ++i) {
        if (i) out += ", ";
        out += children_[i].name + ": " + children_[i].type->ToString();
        if (!children_[i].nullable) out += " NOT NULL";
      }
      return out + ">";
    }
  }
  return "UNKNOWN";
}

namespace {
DataTypePtr Primitive(TypeId id) { return std::make_shared<DataType>(id, 0, 0, std::vector<Field>{}); }
}  // namespace

DataTypePtr Null() { static const DataTypePtr t = Primitive(TypeId::kNull); return t; }
DataTypePtr Boolean() { static const DataTypePtr t = Primitive(TypeId::kBoolean); return t; }
DataTypePtr Int() { static const DataTypePtr t = Primitive(TypeId::kInt); return t; }
DataTypePtr BigInt() { static const DataTypePtr t = Primitive(TypeId::kBigInt); return t; }
DataTypePtr Double() { static const DataTypePtr t = Primitive(TypeId::kDouble); return t; }
DataTypePtr String() { static const DataTypePtr t = Primitive(TypeId::kString); return t; }
DataTypePtr Binary() { static const DataTypePtr t = Primitive(TypeId::kBinary); return t; }
DataTypePtr Date() { static const DataTypePtr t = Primitive(TypeId::kDate); return t; }
DataTypePtr Timestamp() { static const DataTypePtr t = Primitive(TypeId::kTimestamp); return t; }
DataTypePtr Interval() { static const DataTypePtr t = Primitive(TypeId::kInterval); return t; }

DataTypePtr Decimal(int precision, int scale) {
  return std::make_shared<DataType>(TypeId::kDecimal, precision, scale, std::vector<Field>{});
}
DataTypePtr Array(DataTypePtr element) {
  return std::make_shared<DataType>(TypeId::kArray, 0, 0,
                                    std::vector<Field>{{"element", std::move(element), true}});
}
DataTypePtr Struct(std::vector<Field> fields) {
  return std::make_shared<DataType>(TypeId::kStruct, 0, 0, std::move(fields));
}
DataTypePtr Map(DataTypePtr key, DataTypePtr value) {
  return std::make_shared<DataType>(
      TypeId::kMap, 0, 0,
      std::vector<Field>{{"key", std::move(key), false}, {"value", std::move(value), true}});
}

}  // namespace runnel::type
