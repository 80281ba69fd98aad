// CAST with Spark 3.5's non-ANSI semantics. Conversions follow Spark's Cast expression:
//   * numbers to INT/BIGINT: DOUBLE truncates toward zero and saturates at the type's bounds,
//     NaN -> 0 (Java's (int)/(long) conversion, which Spark uses); BIGINT -> INT and
//     DECIMAL -> INT/BIGINT truncate toward zero and keep the low bits (wrap around);
//   * to DECIMAL: rounds HALF_UP; a value needing more digits than the precision -> NULL;
//     DOUBLE goes through its shortest decimal text (as Scala's BigDecimal(double));
//   * STRING -> number/boolean/date/timestamp/interval: trimmed first; invalid text -> NULL;
//     '1.5' -> INT 1 (the fraction is dropped); out-of-range integers -> NULL;
//     booleans accept true/t/yes/y/1 and false/f/no/n/0 in any case;
//   * TIMESTAMP <-> numbers count seconds (TIMESTAMP -> BIGINT floors); BOOLEAN -> TIMESTAMP is
//     1 or 0 microseconds; DATE -> numbers or BOOLEAN is always NULL (Spark 3 does the same);
//   * INT/BIGINT -> BINARY: the big-endian bytes;
//   * DECIMAL -> STRING: Java's BigDecimal.toString, as non-ANSI Spark ("0E-10", "1E-7");
//   * ARRAY/MAP/STRUCT -> STRING: "[1, null]", "{a -> 1}", "{1, x}" (Spark 3 format);
//     ARRAY -> ARRAY, MAP -> MAP and STRUCT -> STRUCT (same field count) convert element-wise.
// Where this differs from Spark:
//   * DATE <-> TIMESTAMP converts at UTC midnight (Spark uses the session time zone);
//   * TIMESTAMP -> DECIMAL converts the exact microseconds (Spark goes through a DOUBLE);
//   * STRING -> DOUBLE does not accept Java's hexadecimal form ("0x1p3").
//   * INTERVAL is one DAY TO SECOND type; its string form is Spark's
//     "INTERVAL '1 02:03:04.5' DAY TO SECOND", and only STRING/INTERVAL convert to it.
#include "function/cast.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "function/cast_text.h"
#include "function/scalar/row_kernel.h"
#include "type/datetime.h"
#include "vector/column_builder.h"

namespace runnel::function {

using type::DataType;
using type::DataTypePtr;
using type::int128_t;
using type::TypeId;
using vector::Column;
using vector::ColumnPtr;

namespace {

bool IsNumberLike(TypeId id) {
  return id == TypeId::kBoolean || id == TypeId::kInt || id == TypeId::kBigInt ||
         id == TypeId::kDouble || id == TypeId::kDecimal;
}

// Java's double -> long: truncation toward zero, saturating, NaN -> 0.
int64_t JavaDoubleToLong(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9223372036854775807.0) return std::numeric_limits<int64_t>::max();
  if (d <= -9223372036854775808.0) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d);
}
int32_t JavaDoubleToInt(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 2147483647.0) return std::numeric_limits<int32_t>::max();
  if (d <= -2147483648.0) return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(d);
}

double DecimalToDoubleExact(int128_t unscaled, int scale) {
  std::string text = type::DecimalToString(unscaled, scale);
  return std::strtod(text.c_str(), nullptr);
}

std::optional<int128_t> DoubleToDecimal(double d, int precision, int scale) {
  if (!std::isfinite(d)) return std::nullopt;
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d);
  return type::ParseDecimal(std::string_view(buf, res.ptr - buf), precision, scale);
}

int64_t SaturatingSecondsToMicros(int64_t seconds) {
  int64_t out;
  if (__builtin_mul_overflow(seconds, type::kMicrosPerSecond, &out)) {
    return seconds < 0 ? std::numeric_limits<int64_t>::min() : std::numeric_limits<int64_t>::max();
  }
  return out;
}

// Reads row i of a number-like or temporal column as one of the target representations.
struct NumberReader {
  const Column& column;
  TypeId id;
  int scale;

  explicit NumberReader(const Column& c) : column(c), id(c.type_id()), scale(c.type()->scale()) {}

  // The value truncated to an integer (Spark's toLong for each source type).
  int64_t AsLong(int64_t i) const {
    switch (id) {
      case TypeId::kBoolean:
        return column.GetBool(i) ? 1 : 0;
      case TypeId::kInt:
        return column.values<int32_t>()[i];
      case TypeId::kBigInt:
        return column.values<int64_t>()[i];
      case TypeId::kDouble:
        return JavaDoubleToLong(column.values<double>()[i]);
      case TypeId::kDecimal:
        return static_cast<int64_t>(column.values<int128_t>()[i] / type::PowerOfTen(scale));
      case TypeId::kTimestamp:
        return type::FloorDiv(column.values<int64_t>()[i], type::kMicrosPerSecond);
      default:
        return 0;
    }
  }
  double AsDouble(int64_t i) const {
    switch (id) {
      case TypeId::kDouble:
        return column.values<double>()[i];
      case TypeId::kDecimal:
        return DecimalToDoubleExact(column.values<int128_t>()[i], scale);
      case TypeId::kTimestamp:
        return static_cast<double>(column.values<int64_t>()[i]) / type::kMicrosPerSecond;
      default:
        return static_cast<double>(AsLong(i));
    }
  }
  std::optional<int128_t> AsDecimal(int64_t i, int precision, int to_scale) const {
    switch (id) {
      case TypeId::kDouble:
        return DoubleToDecimal(column.values<double>()[i], precision, to_scale);
      case TypeId::kDecimal:
        return type::RescaleDecimal(column.values<int128_t>()[i], scale, to_scale, precision);
      case TypeId::kTimestamp:
        return type::RescaleDecimal(column.values<int64_t>()[i], 6, to_scale, precision);
      default:
        return type::RescaleDecimal(AsLong(i), 0, to_scale, precision);
    }
  }
  bool AsBool(int64_t i) const {
    switch (id) {
      case TypeId::kBoolean:
        return column.GetBool(i);
      case TypeId::kDouble:
        return column.values<double>()[i] != 0;
      case TypeId::kDecimal:
        return column.values<int128_t>()[i] != 0;
      case TypeId::kTimestamp:
        return column.values<int64_t>()[i] != 0;
      default:
        return AsLong(i) != 0;
    }
  }
  std::optional<int64_t> AsTimestamp(int64_t i) const {
    switch (id) {
      case TypeId::kBoolean:
        return column.GetBool(i) ? 1 : 0;
      case TypeId::kDouble: {
        double d = column.values<double>()[i];
        if (!std::isfinite(d)) return std::nullopt;
        return JavaDoubleToLong(d * type::kMicrosPerSecond);
      }
      case TypeId::kDecimal: {
        // Spark truncates digits below the microsecond.
        int128_t v = column.values<int128_t>()[i];
        int128_t micros =
            scale >= 6 ? v / type::PowerOfTen(scale - 6) : v * type::PowerOfTen(6 - scale);
        return static_cast<int64_t>(micros);
      }
      case TypeId::kDate:
        return static_cast<int64_t>(column.values<int32_t>()[i]) * type::kMicrosPerDay;
      default:
        return SaturatingSecondsToMicros(AsLong(i));
    }
  }
};

ColumnPtr CastNumberLike(const Column& input, const DataTypePtr& to) {
  int64_t n = input.length();
  NumberReader r(input);
  std::vector<uint8_t> valid = ValidityBytes(input);
  // DATE converts to no number (Spark 3 yields NULL).
  if (r.id == TypeId::kDate && to->id() != TypeId::kTimestamp) return vector::MakeNullColumn(to, n);
  switch (to->id()) {
    case TypeId::kBoolean:
      return MapRows<uint8_t>(to, n, valid, [&](int64_t i, uint8_t* out) {
        *out = r.AsBool(i);
        return true;
      });
    case TypeId::kInt:
      if (r.id == TypeId::kDouble) {
        return MapUnaryPure<double, int32_t>(to, input, JavaDoubleToInt);
      }
      return MapRows<int32_t>(to, n, valid, [&](int64_t i, int32_t* out) {
        *out = static_cast<int32_t>(r.AsLong(i));
        return true;
      });
    case TypeId::kBigInt:
      if (r.id == TypeId::kInt) {
        return MapUnaryPure<int32_t, int64_t>(to, input, [](int32_t v) { return int64_t{v}; });
      }
      return MapRows<int64_t>(to, n, valid, [&](int64_t i, int64_t* out) {
        *out = r.AsLong(i);
        return true;
      });
    case TypeId::kDouble:
      if (r.id == TypeId::kInt) {
        return MapUnaryPure<int32_t, double>(to, input, [](int32_t v) { return double(v); });
      }
      if (r.id == TypeId::kBigInt) {
        return MapUnaryPure<int64_t, double>(to, input, [](int64_t v) { return double(v); });
      }
      return MapRows<double>(to, n, valid, [&](int64_t i, double* out) {
        *out = r.AsDouble(i);
        return true;
      });
    case TypeId::kDecimal:
      return MapRows<int128_t>(to, n, valid, [&](int64_t i, int128_t* out) {
        auto v = r.AsDecimal(i, to->precision(), to->scale());
        if (v) *out = *v;
        return v.has_value();
      });
    case TypeId::kTimestamp:
      return MapRows<int64_t>(to, n, valid, [&](int64_t i, int64_t* out) {
        auto v = r.AsTimestamp(i);
        if (v) *out = *v;
        return v.has_value();
      });
    case TypeId::kDate:  // from TIMESTAMP
      return MapUnaryPure<int64_t, int32_t>(to, input, [](int64_t micros) {
        return static_cast<int32_t>(type::FloorDiv(micros, type::kMicrosPerDay));
      });
    default:
      return vector::MakeNullColumn(to, n);
  }
}

ColumnPtr IntegralToBinary(const Column& input, const DataTypePtr& to) {
  vector::ColumnBuilder builder(to);
  int width = input.type_id() == TypeId::kInt ? 4 : 8;
  for (int64_t i = 0; i < input.length(); ++i) {
    if (input.IsNull(i)) {
      builder.AppendNull();
      continue;
    }
    uint64_t v = width == 4 ? static_cast<uint32_t>(input.values<int32_t>()[i])
                            : static_cast<uint64_t>(input.values<int64_t>()[i]);
    char bytes[8];
    for (int b = 0; b < width; ++b) bytes[b] = static_cast<char>(v >> (8 * (width - 1 - b)));
    builder.AppendString(std::string_view(bytes, width));
  }
  return builder.Finish();
}

Result<ColumnPtr> CastNested(const Column& input, const DataTypePtr& to) {
  std::vector<ColumnPtr> children;
  std::vector<vector::BufferPtr> buffers{input.buffers()[0]};
  switch (to->id()) {
    case TypeId::kArray: {
      RUNNEL_ASSIGN_OR_RAISE(auto c, CastColumn(input.child(0), to->element_type()));
      children.push_back(c);
      buffers.push_back(input.buffers()[1]);
      break;
    }
    case TypeId::kMap: {
      RUNNEL_ASSIGN_OR_RAISE(auto k, CastColumn(input.child(0), to->key_type()));
      RUNNEL_ASSIGN_OR_RAISE(auto v, CastColumn(input.child(1), to->value_type()));
      children = {k, v};
      buffers.push_back(input.buffers()[1]);
      break;
    }
    default:  // STRUCT: children are indexed by row, like the parent.
      for (int f = 0; f < to->num_fields(); ++f) {
        RUNNEL_ASSIGN_OR_RAISE(auto c, CastColumn(input.child(f), to->fields()[f].type));
        children.push_back(c);
      }
      break;
  }
  return ColumnPtr(std::make_shared<Column>(to, input.length(), input.null_count(),
                                            std::move(buffers), std::move(children),
                                            input.offset()));
}

}  // namespace

bool CanCast(const DataType& from, const DataType& to) {
  TypeId f = from.id(), t = to.id();
  if (f == TypeId::kNull || from.Equals(to)) return true;
  if (t == TypeId::kString) return true;
  if (f == TypeId::kString) return !to.is_nested() && t != TypeId::kNull;
  bool from_number = IsNumberLike(f) || f == TypeId::kTimestamp;
  switch (t) {
    case TypeId::kBoolean:
    case TypeId::kInt:
    case TypeId::kBigInt:
    case TypeId::kDouble:
    case TypeId::kDecimal:
      return from_number || f == TypeId::kDate;
    case TypeId::kTimestamp:
      return from_number || f == TypeId::kDate;
    case TypeId::kDate:
      return f == TypeId::kTimestamp;
    case TypeId::kBinary:
      return from.is_integral();
    case TypeId::kInterval:
      return f == TypeId::kInterval;
    case TypeId::kArray:
      return f == TypeId::kArray && CanCast(*from.element_type(), *to.element_type());
    case TypeId::kMap:
      return f == TypeId::kMap && CanCast(*from.key_type(), *to.key_type()) &&
             CanCast(*from.value_type(), *to.value_type());
    case TypeId::kStruct: {
      if (f != TypeId::kStruct || from.num_fields() != to.num_fields()) return false;
      for (int i = 0; i < to.num_fields(); ++i) {
        if (!CanCast(*from.fields()[i].type, *to.fields()[i].type)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

Result<ColumnPtr> CastColumn(const ColumnPtr& input, const DataTypePtr& to) {
  const DataTypePtr& from = input->type();
  if (type::TypesEqual(from, to)) return input;
  int64_t n = input->length();
  if (from->id() == TypeId::kNull) return vector::MakeNullColumn(to, n);
  if (!CanCast(*from, *to)) {
    return Status::Analysis("Cannot cast " + from->ToString() + " to " + to->ToString() +
                            ". Cast to STRING first or use a conversion function.");
  }
  if (to->id() == TypeId::kString) return CastToString(*input, to);
  if (from->id() == TypeId::kString) return CastFromString(*input, to);
  if (to->is_nested()) return CastNested(*input, to);
  if (to->id() == TypeId::kBinary) return IntegralToBinary(*input, to);
  if (to->id() == TypeId::kInterval) return input;
  if (to->id() == TypeId::kDecimal && from->id() == TypeId::kDecimal &&
      from->scale() == to->scale() && from->precision() <= to->precision()) {
    // Widening a DECIMAL keeps its unscaled values.
    return ColumnPtr(std::make_shared<Column>(to, n, input->null_count(), input->buffers(),
                                              input->children(), input->offset()));
  }
  return CastNumberLike(*input, to);
}

Result<type::Value> CastValue(const type::Value& value, const DataTypePtr& to) {
  ColumnPtr column = vector::MakeConstantColumn(value, 1);
  RUNNEL_ASSIGN_OR_RAISE(ColumnPtr out, CastColumn(column, to));
  return out->GetValue(0);
}

}  // namespace runnel::function
