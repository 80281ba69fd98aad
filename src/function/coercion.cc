#include "function/coercion.h"

#include <algorithm>

#include "base/spelling.h"

namespace runnel::function {

using type::DataType;
using type::DataTypePtr;
using type::TypeId;

namespace {

// Rank of the numeric types in the widening order.
int NumericRank(TypeId id) {
  switch (id) {
    case TypeId::kInt:
      return 1;
    case TypeId::kBigInt:
      return 2;
    case TypeId::kDecimal:
      return 3;
    case TypeId::kDouble:
      return 4;
    default:
      return 0;
  }
}

DataTypePtr WiderNumeric(const DataTypePtr& a, const DataTypePtr& b) {
  if (a->id() == TypeId::kDouble || b->id() == TypeId::kDouble) return type::Double();
  if (a->id() == TypeId::kDecimal || b->id() == TypeId::kDecimal) return WiderDecimal(*a, *b);
  return NumericRank(a->id()) >= NumericRank(b->id()) ? a : b;
}

bool IsAtomic(const DataType& t) { return !t.is_nested() && t.id() != TypeId::kNull; }

using Combine = DataTypePtr (*)(const DataTypePtr&, const DataTypePtr&);

// ARRAY, MAP and STRUCT combine their children with `combine` (the same rule, recursively).
DataTypePtr NestedCommon(const DataTypePtr& a, const DataTypePtr& b, Combine combine) {
  if (a->id() != b->id()) return nullptr;
  switch (a->id()) {
    case TypeId::kArray: {
      DataTypePtr e = combine(a->element_type(), b->element_type());
      return e ? type::Array(e) : nullptr;
    }
    case TypeId::kMap: {
      DataTypePtr k = combine(a->key_type(), b->key_type());
      DataTypePtr v = combine(a->value_type(), b->value_type());
      return k && v ? type::Map(k, v) : nullptr;
    }
    case TypeId::kStruct: {
      if (a->num_fields() != b->num_fields()) return nullptr;
      std::vector<type::Field> fields;
      for (int i = 0; i < a->num_fields(); ++i) {
        const auto& fa = a->fields()[i];
        const auto& fb = b->fields()[i];
        if (!base::EqualsIgnoreCase(fa.name, fb.name)) return nullptr;
        DataTypePtr t = combine(fa.type, fb.type);
        if (!t) return nullptr;
        fields.push_back({fa.name, t, fa.nullable || fb.nullable});
      }
      return type::Struct(std::move(fields));
    }
    default:
      return nullptr;
  }
}

}  // namespace

DataTypePtr DecimalForIntegral(const DataType& t) {
  if (t.id() == TypeId::kInt) return type::Decimal(10, 0);
  if (t.id() == TypeId::kBigInt) return type::Decimal(20, 0);
  return std::make_shared<DataType>(t);
}

DataTypePtr WiderDecimal(const DataType& a, const DataType& b) {
  DataTypePtr da = DecimalForIntegral(a), db = DecimalForIntegral(b);
  int scale = std::max(da->scale(), db->scale());
  int integer_digits = std::max(da->precision() - da->scale(), db->precision() - db->scale());
  return type::Decimal(std::min(integer_digits + scale, type::kMaxDecimalPrecision),
                       std::min(scale, type::kMaxDecimalPrecision));
}

DataTypePtr AdjustedDecimal(int precision, int scale) {
  if (precision <= type::kMaxDecimalPrecision) return type::Decimal(precision, scale);
  int integer_digits = precision - scale;
  int min_scale = std::min(scale, 6);
  int adjusted = std::max(type::kMaxDecimalPrecision - integer_digits, min_scale);
  return type::Decimal(type::kMaxDecimalPrecision, adjusted);
}

DataTypePtr CommonType(const DataTypePtr& a, const DataTypePtr& b) {
  if (!a || !b) return nullptr;
  if (type::TypesEqual(a, b)) return a;
  if (a->id() == TypeId::kNull) return b;
  if (b->id() == TypeId::kNull) return a;
  if (a->is_numeric() && b->is_numeric()) return WiderNumeric(a, b);
  TypeId x = a->id(), y = b->id();
  if ((x == TypeId::kDate && y == TypeId::kTimestamp) ||
      (x == TypeId::kTimestamp && y == TypeId::kDate)) {
    return type::Timestamp();
  }
  auto promotes_to_string = [](const DataType& t) {
    return IsAtomic(t) && t.id() != TypeId::kBinary && t.id() != TypeId::kBoolean;
  };
  if (x == TypeId::kString && promotes_to_string(*b)) return type::String();
  if (y == TypeId::kString && promotes_to_string(*a)) return type::String();
  if (a->is_nested()) return NestedCommon(a, b, &CommonType);
  return nullptr;
}

namespace {
bool HasString(const DataType& t) {
  if (t.id() == TypeId::kString) return true;
  return t.id() == TypeId::kArray && HasString(*t.element_type());
}
}  // namespace

DataTypePtr CommonType(const std::vector<DataTypePtr>& types) {
  // Widening to STRING is not associative ((TIMESTAMP, INT) has no common type, but either
  // with STRING does), so like Spark fold the string types in first.
  std::vector<DataTypePtr> ordered;
  for (const auto& t : types) {
    if (t && HasString(*t)) ordered.push_back(t);
  }
  for (const auto& t : types) {
    if (!t || !HasString(*t)) ordered.push_back(t);
  }
  DataTypePtr out = type::Null();
  for (const auto& t : ordered) {
    out = CommonType(out, t);
    if (!out) return nullptr;
  }
  return out;
}

DataTypePtr ComparisonType(const DataTypePtr& a, const DataTypePtr& b) {
  if (!a || !b) return nullptr;
  if (type::TypesEqual(a, b)) return a;
  if (a->id() == TypeId::kNull) return b;
  if (b->id() == TypeId::kNull) return a;
  if (a->is_numeric() && b->is_numeric()) return WiderNumeric(a, b);
  TypeId x = a->id(), y = b->id();
  if ((x == TypeId::kDate && y == TypeId::kTimestamp) ||
      (x == TypeId::kTimestamp && y == TypeId::kDate)) {
    return type::Timestamp();
  }
  // SPARK-22469: no decimal type fits every string, so DOUBLE.
  if ((x == TypeId::kString && y == TypeId::kDecimal) ||
      (y == TypeId::kString && x == TypeId::kDecimal)) {
    return type::Double();
  }
  if (x == TypeId::kString && IsAtomic(*b)) return b;
  if (y == TypeId::kString && IsAtomic(*a)) return a;
  if (a->is_nested()) return NestedCommon(a, b, &ComparisonType);
  return nullptr;
}

}  // namespace runnel::function
