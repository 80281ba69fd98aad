#include "value_literal.h"

#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace runnel::interop {

int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t yoe = year - era * 400;
  const int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

namespace {

class LiteralParser {
 public:
  explicit LiteralParser(std::string_view text) : text_(text) {}

  type::Value Parse(const type::DataTypePtr& t) {
    type::Value v = Value(t);
    SkipSpace();
    if (pos_ != text_.size()) Fail("unexpected text after the value");
    return v;
  }

 private:
  [[noreturn]] void Fail(const std::string& what) const {
    throw std::invalid_argument("literal '" + std::string(text_) + "' at " + std::to_string(pos_) +
                                ": " + what);
  }

  void SkipSpace() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }

  bool Accept(std::string_view token) {
    SkipSpace();
    if (text_.substr(pos_, token.size()) != token) return false;
    pos_ += token.size();
    return true;
  }

  void Expect(std::string_view token) {
    if (!Accept(token)) Fail("expected '" + std::string(token) + "'");
  }

  // A bare token: up to the next delimiter.
  std::string Bare() {
    SkipSpace();
    size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != ']' && text_[pos_] != '}' &&
           text_[pos_] != ' ' && text_.substr(pos_, 2) != "=>") {
      ++pos_;
    }
    if (start == pos_) Fail("expected a value");
    return std::string(text_.substr(start, pos_ - start));
  }

  std::string Quoted() {
    Expect("\"");
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      char c = text_[pos_++];
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= text_.size()) Fail("dangling escape");
      char e = text_[pos_++];
      switch (e) {
        case 'n':
          out.push_back('\n');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 'x':
          out.push_back(
              static_cast<char>(std::stoi(std::string(text_.substr(pos_, 2)), nullptr, 16)));
          pos_ += 2;
          break;
        default:
          out.push_back(e);
      }
    }
    Expect("\"");
    return out;
  }

  int64_t Integer(const std::string& token, int64_t min, int64_t max) {
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(token.c_str(), &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max) Fail("bad integer '" + token + "'");
    return v;
  }

  type::Value Decimal(const std::string& token, int precision, int scale) {
    std::string digits;
    int fraction = -1;
    bool negative = false;
    for (size_t i = 0; i < token.size(); ++i) {
      char c = token[i];
      if (i == 0 && c == '-') {
        negative = true;
      } else if (c == '.' && fraction < 0) {
        fraction = 0;
      } else if (c >= '0' && c <= '9') {
        digits.push_back(c);
        if (fraction >= 0) ++fraction;
      } else {
        Fail("bad decimal '" + token + "'");
      }
    }
    fraction = std::max(fraction, 0);
    if (fraction > scale) Fail("more fraction digits than the scale");
    digits.append(scale - fraction, '0');
    while (digits.size() > 1 && digits[0] == '0') digits.erase(0, 1);
    if (static_cast<int>(digits.size()) > precision) Fail("more digits than the precision");
    type::int128_t unscaled = 0;
    for (char c : digits) unscaled = unscaled * 10 + (c - '0');
    return type::Value::Decimal(negative ? -unscaled : unscaled, precision, scale);
  }

  // "YYYY-MM-DD" and optionally " HH:MM:SS[.ffffff]": days, and micros within the day.
  void DateTime(const std::string& s, int64_t* days, int64_t* micros) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, consumed = 0;
    if (std::sscanf(s.c_str(), "%d-%d-%d%n", &year, &month, &day, &consumed) != 3)
      Fail("bad date '" + s + "'");
    *days = DaysFromCivil(year, month, day);
    *micros = 0;
    if (static_cast<size_t>(consumed) == s.size()) return;
    int more = 0;
    if (std::sscanf(s.c_str() + consumed, " %d:%d:%d%n", &hour, &minute, &second, &more) != 3) {
      Fail("bad time in '" + s + "'");
    }
    std::string fraction = s.substr(consumed + more);
    if (!fraction.empty()) {
      if (fraction[0] != '.' || fraction.size() > 7) Fail("bad fraction in '" + s + "'");
      fraction = fraction.substr(1);
      fraction.append(6 - fraction.size(), '0');
    }
    *micros = (hour * 3600LL + minute * 60 + second) * 1000000 +
              (fraction.empty() ? 0 : std::stoll(fraction));
  }

  type::Value Value(const type::DataTypePtr& t) {
    if (Accept("NULL")) return type::Value::NullOf(t);
    switch (t->id()) {
      case type::TypeId::kBoolean: {
        std::string token = Bare();
        if (token != "true" && token != "false") Fail("bad boolean");
        return type::Value::Boolean(token == "true");
      }
      case type::TypeId::kInt:
        return type::Value::Int(static_cast<int32_t>(Integer(Bare(), INT32_MIN, INT32_MAX)));
      case type::TypeId::kBigInt:
        return type::Value::BigInt(Integer(Bare(), INT64_MIN, INT64_MAX));
      case type::TypeId::kDouble: {
        std::string token = Bare();
        char* end = nullptr;
        double v = std::strtod(token.c_str(), &end);
        if (*end != '\0') Fail("bad double '" + token + "'");
        return type::Value::Double(v);
      }
      case type::TypeId::kDecimal:
        return Decimal(Bare(), t->precision(), t->scale());
      case type::TypeId::kString:
        return type::Value::String(Quoted());
      case type::TypeId::kBinary:
        return type::Value::Binary(Quoted());
      case type::TypeId::kDate: {
        int64_t days, micros;
        DateTime(Quoted(), &days, &micros);
        return type::Value::Date(static_cast<int32_t>(days));
      }
      case type::TypeId::kTimestamp: {
        int64_t days, micros;
        DateTime(Quoted(), &days, &micros);
        return type::Value::Timestamp(days * 86400LL * 1000000 + micros);
      }
      case type::TypeId::kArray: {
        Expect("[");
        std::vector<type::Value> elements;
        while (!Accept("]")) {
          if (!elements.empty()) Expect(",");
          elements.push_back(Value(t->element_type()));
        }
        return type::Value::Array(t->element_type(), std::move(elements));
      }
      case type::TypeId::kStruct: {
        Expect("{");
        std::vector<type::Value> fields;
        for (const auto& f : t->fields()) {
          if (!fields.empty()) Expect(",");
          fields.push_back(Value(f.type));
        }
        Expect("}");
        return type::Value::Struct(t, std::move(fields));
      }
      case type::TypeId::kMap: {
        Expect("{");
        std::vector<type::Value> keys, values;
        while (!Accept("}")) {
          if (!keys.empty()) Expect(",");
          keys.push_back(Value(t->key_type()));
          Expect("=>");
          values.push_back(Value(t->value_type()));
        }
        return type::Value::Map(t, std::move(keys), std::move(values));
      }
      default:
        Fail("type " + t->ToString() + " has no literal");
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

type::Value ParseLiteral(std::string_view text, const type::DataTypePtr& type) {
  return LiteralParser(text).Parse(type);
}

}  // namespace runnel::interop
