#include "type/value.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "base/hash.h"
#include "type/datetime.h"

namespace runnel::type {

Value Value::NullOf(DataTypePtr type) {
  Value v;
  v.type_ = std::move(type);
  return v;
}

#define RUNNEL_SCALAR_FACTORY(Name, TypeFn, member, expr) \
  Value Value::Name {                                     \
    Value out;                                            \
    out.type_ = TypeFn;                                   \
    out.is_null_ = false;                                 \
    out.member = expr;                                    \
    return out;                                           \
  }

RUNNEL_SCALAR_FACTORY(Boolean(bool v), type::Boolean(), i64_, v ? 1 : 0)
RUNNEL_SCALAR_FACTORY(Int(int32_t v), type::Int(), i64_, v)
RUNNEL_SCALAR_FACTORY(BigInt(int64_t v), type::BigInt(), i64_, v)
RUNNEL_SCALAR_FACTORY(Double(double v), type::Double(), f64_, v)
RUNNEL_SCALAR_FACTORY(Date(int32_t v), type::Date(), i64_, v)
RUNNEL_SCALAR_FACTORY(Timestamp(int64_t v), type::Timestamp(), i64_, v)
RUNNEL_SCALAR_FACTORY(Interval(int64_t v), type::Interval(), i64_, v)
RUNNEL_SCALAR_FACTORY(String(std::string v), type::String(), str_,
                      std::make_shared<const std::string>(std::move(v)))
RUNNEL_SCALAR_FACTORY(Binary(std::string v), type::Binary(), str_,
                      std::make_shared<const std::string>(std::move(v)))
#undef RUNNEL_SCALAR_FACTORY

Value Value::Decimal(int128_t unscaled, int precision, int scale) {
  Value out;
  out.type_ = type::Decimal(precision, scale);
  out.is_null_ = false;
  out.i128_ = unscaled;
  return out;
}

Value Value::Array(DataTypePtr element_type, std::vector<Value> elements) {
  Value out;
  out.type_ = type::Array(std::move(element_type));
  out.is_null_ = false;
  out.children_ = std::make_shared<const std::vector<Value>>(std::move(elements));
  return out;
}

Value Value::Struct(DataTypePtr struct_type, std::vector<Value> fields) {
  Value out;
  out.type_ = std::move(struct_type);
  out.is_null_ = false;
  out.children_ = std::make_shared<const std::vector<Value>>(std::move(fields));
  return out;
}

Value Value::Map(DataTypePtr map_type, std::vector<Value> keys, std::vector<Value> values) {
  Value out;
  out.type_ = std::move(map_type);
  out.is_null_ = false;
  out.children_ = std::make_shared<const std::vector<Value>>(std::move(keys));
  out.map_values_ = std::make_shared<const std::vector<Value>>(std::move(values));
  return out;
}

double Value::AsDouble() const {
  switch (type_->id()) {
    case TypeId::kDouble: return f64_;
    case TypeId::kDecimal: return DecimalToDouble(i128_, type_->scale());
    default: return static_cast<double>(i64_);
  }
}

int64_t Value::AsInt64() const {
  switch (type_->id()) {
    case TypeId::kDouble: return static_cast<int64_t>(f64_);
    case TypeId::kDecimal:
      return static_cast<int64_t>(i128_ / PowerOfTen(type_->scale()));
    default: return i64_;
  }
}

std::string FormatDouble(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  // Shortest round-trip digits, then laid out as Java does.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);  // d.ddde[+-]xx
  bool negative = sci[0] == '-';
  if (negative) sci.erase(0, 1);
  size_t e = sci.find('e');
  std::string mantissa = sci.substr(0, e);
  int exponent = std::stoi(sci.substr(e + 1));
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits += c;
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out;
  double mag = std::fabs(v);
  if (mag >= 1e-3 && mag < 1e7) {
    if (exponent >= 0) {
      std::string int_part = digits.substr(0, std::min<size_t>(digits.size(), exponent + 1));
      while (static_cast<int>(int_part.size()) < exponent + 1) int_part += '0';
      std::string frac = digits.size() > static_cast<size_t>(exponent + 1) ? digits.substr(exponent + 1) : "0";
      out = int_part + "." + frac;
    } else {
      out = "0." + std::string(-exponent - 1, '0') + digits;
    }
  } else {
    out = digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0") + "E" +
          std::to_string(exponent);
  }
  return negative ? "-" + out : out;
}

std::string Value::ToString() const {
  if (is_null_) return "NULL";
  switch (type_->id()) {
    case TypeId::kNull: return "NULL";
    case TypeId::kBoolean: return i64_ ? "true" : "false";
    case TypeId::kInt:
    case TypeId::kBigInt: return std::to_string(i64_);
    case TypeId::kDouble: return FormatDouble(f64_);
    case TypeId::kDecimal: return DecimalToString(i128_, type_->scale());
    case TypeId::kString: return *str_;
    case TypeId::kBinary: {
      // Spark shows binary as [01 FF ...].
      static const char* kHex = "0123456789ABCDEF";
      std::string out = "[";
      for (size_t i = 0; i < str_->size(); ++i) {
        if (i) out += ' ';
        unsigned char c = static_cast<unsigned char>((*str_)[i]);
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
      return out + "]";
    }
    case TypeId::kDate: return FormatDate(static_cast<int32_t>(i64_));
    case TypeId::kTimestamp: return FormatTimestamp(i64_);
    case TypeId::kInterval: return FormatInterval(i64_);
    case TypeId::kArray:
    case TypeId::kStruct: {
      std::string out = type_->id() == TypeId::kArray ? "[" : "{";
      for (size_t i = 0; i < children_->size(); ++i) {
        if (i) out += ", ";
        out += (*children_)[i].ToString();
      }
      return out + (type_->id() == TypeId::kArray ? "]" : "}");
    }
    case TypeId::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < children_->size(); ++i) {
        if (i) out += ", ";
        out += (*children_)[i].ToString() + " -> " + (*map_values_)[i].ToString();
      }
      return out + "}";
    }
  }
  return "?";
}

std::string Value::ToSqlLiteral() const {
  if (is_null_) return "NULL";
  switch (type_->id()) {
    case TypeId::kString: {
      std::string out = "'";
      for (char c : *str_) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
      }
      return out + "'";
    }
    case TypeId::kBigInt: return std::to_string(i64_) + "L";
    case TypeId::kDecimal: return DecimalToString(i128_, type_->scale()) + "BD";
    case TypeId::kDate: return "DATE '" + ToString() + "'";
    case TypeId::kTimestamp: return "TIMESTAMP '" + ToString() + "'";
    case TypeId::kInterval: return ToString();
    case TypeId::kBinary: return "X'" + ToString() + "'";
    default: return ToString();
  }
}

bool Value::Equals(const Value& other) const {
  if (is_null_ || other.is_null_) return is_null_ == other.is_null_;
  return Compare(other) == 0;
}

namespace {
template <typename T>
int Cmp(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}
int CompareDoubles(double a, double b) {
  bool an = std::isnan(a), bn = std::isnan(b);
  if (an || bn) return an == bn ? 0 : (an ? 1 : -1);
  if (a == b) return 0;  // -0.0 == 0.0
  return a < b ? -1 : 1;
}
}  // namespace

int Value::Compare(const Value& other) const {
  if (is_null_ || other.is_null_) return is_null_ == other.is_null_ ? 0 : (is_null_ ? -1 : 1);
  TypeId a = type_->id(), b = other.type_->id();
  if (a != b) {
    // Mixed numeric comparisons (e.g. INT vs BIGINT in tests); anything else by type id.
    if (type_->is_numeric() && other.type_->is_numeric()) {
      return CompareDoubles(AsDouble(), other.AsDouble());
    }
    return Cmp(static_cast<int>(a), static_cast<int>(b));
  }
  switch (a) {
    case TypeId::kNull: return 0;
    case TypeId::kDouble: return CompareDoubles(f64_, other.f64_);
    case TypeId::kDecimal: {
      if (type_->scale() == other.type_->scale()) return Cmp(i128_, other.i128_);
      return CompareDoubles(AsDouble(), other.AsDouble());
    }
    case TypeId::kString:
    case TypeId::kBinary: {
      int c = str_->compare(*other.str_);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case TypeId::kArray:
    case TypeId::kStruct:
    case TypeId::kMap: {
      const auto& x = *children_;
      const auto& y = *other.children_;
      for (size_t i = 0; i < std::min(x.size(), y.size()); ++i) {
        int c = x[i].Compare(y[i]);
        if (c) return c;
        if (a == TypeId::kMap) {
          c = (*map_values_)[i].Compare((*other.map_values_)[i]);
          if (c) return c;
        }
      }
      return Cmp(x.size(), y.size());
    }
    default: return Cmp(i64_, other.i64_);
  }
}

uint64_t Value::Hash() const {
  if (is_null_) return 0x5A5A5A5AULL;
  switch (type_->id()) {
    case TypeId::kDouble: {
      double d = f64_;
      if (d == 0) d = 0;  // -0.0 hashes as 0.0
      if (std::isnan(d)) return 0x7FF8ULL;
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      return base::HashInt(bits);
    }
    case TypeId::kDecimal:
      return base::HashCombine(base::HashInt(static_cast<uint64_t>(i128_)),
                               base::HashInt(static_cast<uint64_t>(i128_ >> 64)));
    case TypeId::kString:
    case TypeId::kBinary: return base::HashString(*str_);
    case TypeId::kArray:
    case TypeId::kStruct:
    case TypeId::kMap: {
      uint64_t h = 17;
      for (const auto& c : *children_) h = base::HashCombine(h, c.Hash());
      if (map_values_) {
        for (const auto& c : *map_values_) h = base::HashCombine(h, c.Hash());
      }
      return h;
    }
    default: return base::HashInt(static_cast<uint64_t>(i64_));
  }
}

}  // namespace runnel::type
