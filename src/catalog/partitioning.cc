#include "catalog/partitioning.h"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "type/datetime.h"
#include "type/decimal.h"

namespace runnel::catalog {

namespace {

bool NeedsEscape(unsigned char c) {
  if (c < 0x20 || c == 0x7F) return true;
  switch (c) {
    case '"': case '#': case '%': case '\'': case '*': case '/': case ':': case '=':
    case '?': case '\\': case '{': case '[': case ']': case '^':
      return true;
    default:
      return false;
  }
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Java's Integer/Long.parseLong: optional sign, then only digits.
bool IsIntegerText(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

std::optional<int64_t> ParseInt64(const std::string& s) {
  if (!IsIntegerText(s)) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (errno == ERANGE || end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

// Java's Double.parseDouble, minus hexadecimal forms.
std::optional<double> ParseDoubleText(std::string s) {
  if (s.empty() || std::isspace(static_cast<unsigned char>(s[0]))) return std::nullopt;
  if (s.back() == 'd' || s.back() == 'D' || s.back() == 'f' || s.back() == 'F') s.pop_back();
  std::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.remove_prefix(1);
  if (body == "NaN") return std::nan("");
  if (body == "Infinity") return s[0] == '-' ? -HUGE_VAL : HUGE_VAL;
  for (char c : body) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
      return std::nullopt;
    }
  }
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

bool IsDigits(std::string_view s, size_t from, size_t n) {
  if (s.size() < from + n) return false;
  for (size_t i = from; i < from + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// yyyy-MM-dd exactly (Spark's partition date pattern).
bool IsDateText(std::string_view s) {
  return s.size() == 10 && IsDigits(s, 0, 4) && s[4] == '-' && IsDigits(s, 5, 2) && s[7] == '-' && IsDigits(s, 8, 2);
}

// yyyy-MM-dd HH:mm:ss[.S...] (Spark's partition timestamp pattern).
bool IsTimestampText(std::string_view s) {
  if (s.size() < 19 || !IsDateText(s.substr(0, 10)) || s[10] != ' ') return false;
  if (!(IsDigits(s, 11, 2) && s[13] == ':' && IsDigits(s, 14, 2) && s[16] == ':' && IsDigits(s, 17, 2))) return false;
  if (s.size() == 19) return true;
  return s[19] == '.' && s.size() > 20 && IsDigits(s, 20, s.size() - 20);
}

// The type of one raw value, or nullptr for the NULL partition.
type::DataTypePtr InferOne(const std::optional<std::string>& raw) {
  if (!raw) return nullptr;
  const std::string& s = *raw;
  if (auto v = ParseInt64(s)) {
    return (*v >= INT32_MIN && *v <= INT32_MAX) ? type::Int() : type::BigInt();
  }
  if (IsIntegerText(s)) {
    size_t digits = s.size() - ((s[0] == '-' || s[0] == '+') ? 1 : 0);
    if (digits <= static_cast<size_t>(type::kMaxDecimalPrecision)) return type::Decimal(static_cast<int>(digits), 0);
  }
  if (ParseDoubleText(s)) return type::Double();
  if (IsTimestampText(s) && type::ParseTimestamp(s)) return type::Timestamp();
  if (IsDateText(s) && type::ParseDate(s)) return type::Date();
  return type::String();
}

int NumericRank(type::TypeId id) {
  switch (id) {
    case type::TypeId::kInt: return 1;
    case type::TypeId::kBigInt: return 2;
    case type::TypeId::kDecimal: return 3;
    case type::TypeId::kDouble: return 4;
    default: return 0;
  }
}

// TypeCoercion.findWiderTypeWithoutStringPromotion, with STRING when there is none.
type::DataTypePtr Wider(const type::DataTypePtr& a, const type::DataTypePtr& b) {
  if (a == nullptr) return b;
  if (b == nullptr) return a;
  if (type::TypesEqual(a, b)) return a;
  int ra = NumericRank(a->id()), rb = NumericRank(b->id());
  if (ra > 0 && rb > 0) {
    if (ra == 3 && rb == 3) return type::Decimal(std::max(a->precision(), b->precision()), 0);
    if (std::max(ra, rb) == 3) {
      // An INT or BIGINT widened with DECIMAL(p, 0): at least 10 or 19 digits.
      const type::DataTypePtr& dec = ra == 3 ? a : b;
      int other = std::min(ra, rb) == 1 ? 10 : 19;
      return type::Decimal(std::min(type::kMaxDecimalPrecision, std::max(dec->precision(), other)), 0);
    }
    return ra > rb ? a : b;
  }
  auto is_time = [](type::TypeId id) { return id == type::TypeId::kDate || id == type::TypeId::kTimestamp; };
  if (is_time(a->id()) && is_time(b->id())) return type::Timestamp();
  return type::String();
}

}  // namespace

std::string EscapePartitionValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (NeedsEscape(static_cast<unsigned char>(c))) {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out;
}

std::string UnescapePartitionValue(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int hi = HexDigit(text[i + 1]);
      int lo = HexDigit(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string PartitionDirectory(const std::vector<std::string>& columns, const std::vector<type::Value>& values) {
  std::string out;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out += '/';
    out += EscapePartitionValue(columns[i]);
    out += '=';
    const type::Value& v = values[i];
    // Spark writes NULL and the empty string alike as the default partition.
    std::string text = v.is_null() ? std::string() : v.ToString();
    out += text.empty() ? std::string(kDefaultPartitionName) : EscapePartitionValue(text);
  }
  return out;
}

std::vector<RawPartitionValue> ParsePartitionPath(std::string_view relative_path) {
  std::vector<RawPartitionValue> out;
  size_t start = 0;
  for (;;) {
    size_t slash = relative_path.find('/', start);
    if (slash == std::string_view::npos) break;  // the last component is the file
    std::string_view level = relative_path.substr(start, slash - start);
    size_t eq = level.find('=');
    if (eq != std::string_view::npos && eq > 0) {
      std::string name = UnescapePartitionValue(level.substr(0, eq));
      std::string_view value = level.substr(eq + 1);
      if (value == kDefaultPartitionName) {
        out.emplace_back(std::move(name), std::nullopt);
      } else {
        out.emplace_back(std::move(name), UnescapePartitionValue(value));
      }
    }
    start = slash + 1;
  }
  return out;
}

type::DataTypePtr InferPartitionType(const std::vector<std::optional<std::string>>& values) {
  type::DataTypePtr wide;
  for (const auto& v : values) {
    wide = Wider(wide, InferOne(v));
    if (wide && wide->id() == type::TypeId::kString) break;
  }
  return wide ? wide : type::String();
}

type::Value ParsePartitionValue(const std::optional<std::string>& raw, const type::DataTypePtr& type) {
  if (!raw) return type::Value::NullOf(type);
  const std::string& s = *raw;
  switch (type->id()) {
    case type::TypeId::kString: return type::Value::String(s);
    case type::TypeId::kInt: {
      auto v = ParseInt64(s);
      if (v && *v >= INT32_MIN && *v <= INT32_MAX) return type::Value::Int(static_cast<int32_t>(*v));
      break;
    }
    case type::TypeId::kBigInt:
      if (auto v = ParseInt64(s)) return type::Value::BigInt(*v);
      break;
    case type::TypeId::kDecimal:
      if (auto v = type::ParseDecimal(s, type->precision(), type->scale())) {
        return type::Value::Decimal(*v, type->precision(), type->scale());
      }
      break;
    case type::TypeId::kDouble:
      if (auto v = ParseDoubleText(s)) return type::Value::Double(*v);
      break;
    case type::TypeId::kDate:
      if (auto v = type::ParseDate(s)) return type::Value::Date(*v);
      break;
    case type::TypeId::kTimestamp:
      if (auto v = type::ParseTimestamp(s)) return type::Value::Timestamp(*v);
      break;
    case type::TypeId::kBoolean:
      if (s == "true" || s == "TRUE" || s == "True") return type::Value::Boolean(true);
      if (s == "false" || s == "FALSE" || s == "False") return type::Value::Boolean(false);
      break;
    default:
      break;
  }
  return type::Value::NullOf(type);
}

Result<DiscoveredPartitions> DiscoverPartitions(const std::string& root,
                                                const std::vector<std::string>& relative_paths) {
  DiscoveredPartitions out;
  if (relative_paths.empty()) return out;
  std::vector<std::vector<RawPartitionValue>> parsed;
  parsed.reserve(relative_paths.size());
  for (const auto& p : relative_paths) parsed.push_back(ParsePartitionPath(p));
  const auto& first = parsed[0];
  for (size_t f = 1; f < parsed.size(); ++f) {
    bool same = parsed[f].size() == first.size();
    for (size_t c = 0; same && c < first.size(); ++c) same = parsed[f][c].first == first[c].first;
    if (!same) {
      return Status::Analysis(fmt::format(
          "Conflicting directory structures detected under '{}': '{}' and '{}' name different partition columns. "
          "Every data file must sit at the same depth of name=value directories",
          root, relative_paths[0], relative_paths[f]));
    }
  }
  std::vector<type::Field> fields;
  for (size_t c = 0; c < first.size(); ++c) {
    std::vector<std::optional<std::string>> raw;
    raw.reserve(parsed.size());
    for (const auto& p : parsed) raw.push_back(p[c].second);
    fields.push_back({first[c].first, InferPartitionType(raw), true});
  }
  out.schema = type::Schema(std::move(fields));
  out.values.reserve(parsed.size());
  for (const auto& p : parsed) {
    std::vector<type::Value> row;
    for (size_t c = 0; c < p.size(); ++c) row.push_back(ParsePartitionValue(p[c].second, out.schema.field(c).type));
    out.values.push_back(std::move(row));
  }
  return out;
}

}  // namespace runnel::catalog
