#include "format/type_inference.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace runnel::format {

using type::DataTypePtr;
using type::TypeId;

namespace {

bool IsAllDigits(std::string_view text) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// A DATE is only inferred for text of the form yyyy-MM-dd; text with a time is a TIMESTAMP.
bool LooksLikeDateOnly(std::string_view text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-';
}

// DECIMAL(p, s) as the integer part and scale it needs.
DataTypePtr WidenDecimals(int p1, int s1, int p2, int s2) {
  int scale = std::max(s1, s2);
  int whole = std::max(p1 - s1, p2 - s2);
  int precision = std::min(whole + scale, type::kMaxDecimalPrecision);
  return type::Decimal(precision, std::min(scale, precision));
}

// The DECIMAL that holds every value of an integral type (Spark: INT -> DECIMAL(10,0), BIGINT
// -> DECIMAL(20,0)).
DataTypePtr AsDecimal(const DataTypePtr& t) {
  if (t->id() == TypeId::kInt) return type::Decimal(10, 0);
  if (t->id() == TypeId::kBigInt) return type::Decimal(20, 0);
  return t;
}

int NumericRank(TypeId id) {
  switch (id) {
    case TypeId::kInt: return 1;
    case TypeId::kBigInt: return 2;
    case TypeId::kDecimal: return 3;
    case TypeId::kDouble: return 4;
    default: return 0;
  }
}

DataTypePtr MergeStructs(const DataTypePtr& a, const DataTypePtr& b) {
  std::vector<type::Field> fields = a->fields();
  for (const auto& f : b->fields()) {
    auto it = std::find_if(fields.begin(), fields.end(),
                           [&](const type::Field& g) { return g.name == f.name; });
    if (it == fields.end()) {
      fields.push_back(f);
    } else {
      it->type = MergeInferredTypes(it->type, f.type);
    }
  }
  std::sort(fields.begin(), fields.end(),
            [](const type::Field& x, const type::Field& y) { return x.name < y.name; });
  return type::Struct(std::move(fields));
}

}  // namespace

DataTypePtr InferTextType(std::string_view text, const CellParser& parser) {
  if (IsAllDigits(text)) {
    if (auto v = ParseInteger(text)) {
      if (*v >= std::numeric_limits<int32_t>::min() && *v <= std::numeric_limits<int32_t>::max()) {
        return type::Int();
      }
      return type::BigInt();
    }
    size_t digits = text.size() - ((text[0] == '-' || text[0] == '+') ? 1 : 0);
    if (digits <= static_cast<size_t>(type::kMaxDecimalPrecision)) {
      return type::Decimal(static_cast<int>(digits), 0);
    }
    return type::Double();
  }
  if (ParseDouble(text)) return type::Double();
  if (ParseBoolean(text)) return type::Boolean();
  if (parser.has_date_format() ? parser.ParseDate(text).has_value()
                               : LooksLikeDateOnly(text) && parser.ParseDate(text)) {
    return type::Date();
  }
  if (parser.ParseTimestamp(text)) return type::Timestamp();
  return type::String();
}

DataTypePtr MergeInferredTypes(const DataTypePtr& a, const DataTypePtr& b) {
  if (a->id() == TypeId::kNull) return b;
  if (b->id() == TypeId::kNull) return a;
  if (a->Equals(*b)) return a;
  int rank_a = NumericRank(a->id()), rank_b = NumericRank(b->id());
  if (rank_a && rank_b) {
    if (rank_a == 4 || rank_b == 4) return type::Double();
    if (rank_a == 3 || rank_b == 3) {
      DataTypePtr x = AsDecimal(a), y = AsDecimal(b);
      if (std::max(x->precision() - x->scale(), y->precision() - y->scale()) +
              std::max(x->scale(), y->scale()) > type::kMaxDecimalPrecision) {
        return type::Double();
      }
      return WidenDecimals(x->precision(), x->scale(), y->precision(), y->scale());
    }
    return type::BigInt();
  }
  auto is_temporal = [](TypeId id) { return id == TypeId::kDate || id == TypeId::kTimestamp; };
  if (is_temporal(a->id()) && is_temporal(b->id())) return type::Timestamp();
  if (a->id() == TypeId::kStruct && b->id() == TypeId::kStruct) return MergeStructs(a, b);
  if (a->id() == TypeId::kArray && b->id() == TypeId::kArray) {
    return type::Array(MergeInferredTypes(a->element_type(), b->element_type()));
  }
  return type::String();
}

DataTypePtr FinishInferredType(const DataTypePtr& t) {
  switch (t->id()) {
    case TypeId::kNull: return type::String();
    case TypeId::kArray: return type::Array(FinishInferredType(t->element_type()));
    case TypeId::kStruct: {
      std::vector<type::Field> fields;
      for (const auto& f : t->fields()) {
        DataTypePtr finished = FinishInferredType(f.type);
        if (finished->id() == TypeId::kStruct && finished->num_fields() == 0) continue;
        fields.push_back({f.name, finished, true});
      }
      return type::Struct(std::move(fields));
    }
    default: return t;
  }
}

}  // namespace runnel::format
