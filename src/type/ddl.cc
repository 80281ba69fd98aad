#include "type/ddl.h"

#include <cctype>
#include <string>

#include "base/spelling.h"

namespace runnel::type {
namespace {

class DdlParser {
 public:
  explicit DdlParser(std::string_view text) : text_(text) {}

  Result<Schema> ParseSchemaText() {
    std::vector<Field> fields;
    SkipSpace();
    if (AtEnd()) return Error("empty schema; expected 'name TYPE, ...'");
    for (;;) {
      RUNNEL_ASSIGN_OR_RAISE(Field f, ParseField(/*colon_allowed=*/true));
      fields.push_back(std::move(f));
      SkipSpace();
      if (AtEnd()) break;
      if (!Consume(',')) return Error("expected ',' or end of schema");
    }
    return Schema(std::move(fields));
  }

  Result<DataTypePtr> ParseTypeText() {
    RUNNEL_ASSIGN_OR_RAISE(DataTypePtr t, ParseType());
    SkipSpace();
    if (!AtEnd()) return Error("unexpected text after the type");
    return t;
  }

 private:
  Result<Field> ParseField(bool colon_allowed) {
    SkipSpace();
    RUNNEL_ASSIGN_OR_RAISE(std::string name, ParseName());
    SkipSpace();
    if (colon_allowed) Consume(':');
    RUNNEL_ASSIGN_OR_RAISE(DataTypePtr type, ParseType());
    Field f{std::move(name), std::move(type), true};
    SkipSpace();
    size_t save = pos_;
    std::string word = ReadWord();
    if (base::EqualsIgnoreCase(word, "NOT")) {
      SkipSpace();
      if (!base::EqualsIgnoreCase(ReadWord(), "NULL")) return Error("expected NULL after NOT");
      f.nullable = false;
    } else if (base::EqualsIgnoreCase(word, "COMMENT")) {
      SkipSpace();
      RUNNEL_RETURN_NOT_OK(ParseQuoted().status());
    } else {
      pos_ = save;
    }
    return f;
  }

  Result<std::string> ParseName() {
    if (Consume('`')) {
      std::string out;
      while (!AtEnd()) {
        char c = text_[pos_++];
        if (c == '`') {
          if (Consume('`')) {
            out += '`';
            continue;
          }
          return out;
        }
        out += c;
      }
      return Error("unterminated `quoted` name");
    }
    std::string word = ReadWord();
    if (word.empty()) return Error("expected a column name");
    return word;
  }

  Result<std::string> ParseQuoted() {
    char q = Peek();
    if (q != '\'' && q != '"') return Error("expected a quoted string");
    ++pos_;
    std::string out;
    while (!AtEnd() && text_[pos_] != q) out += text_[pos_++];
    if (!Consume(q)) return Error("unterminated string");
    return out;
  }

  Result<DataTypePtr> ParseType() {
    SkipSpace();
    size_t start = pos_;
    std::string word = base::ToLower(ReadWord());
    if (word.empty()) return Error("expected a type");
    if (word == "boolean" || word == "bool") return Boolean();
    if (word == "int" || word == "integer" || word == "smallint" || word == "tinyint" ||
        word == "short" || word == "byte")
      return Int();
    if (word == "bigint" || word == "long") return BigInt();
    if (word == "double" || word == "float" || word == "real") return Double();
    if (word == "string" || word == "text") return String();
    if (word == "varchar" || word == "char") {
      SkipSpace();
      if (Consume('(')) {
        while (!AtEnd() && Peek() != ')') ++pos_;
        if (!Consume(')')) return Error("expected ')'");
      }
      return String();
    }
    if (word == "binary") return Binary();
    if (word == "date") return Date();
    if (word == "timestamp" || word == "timestamp_ltz" || word == "timestamp_ntz") return Timestamp();
    if (word == "void") return Null();
    if (word == "interval") {
      // INTERVAL [DAY TO SECOND]
      size_t save = pos_;
      SkipSpace();
      std::string unit = base::ToLower(ReadWord());
      if (unit == "day") {
        SkipSpace();
        if (base::ToLower(ReadWord()) != "to") return Error("expected INTERVAL DAY TO SECOND");
        SkipSpace();
        if (base::ToLower(ReadWord()) != "second") return Error("expected INTERVAL DAY TO SECOND");
      } else {
        pos_ = save;
      }
      return Interval();
    }
    if (word == "decimal" || word == "dec" || word == "numeric") {
      int precision = 10, scale = 0;
      SkipSpace();
      if (Consume('(')) {
        RUNNEL_ASSIGN_OR_RAISE(precision, ParseInt());
        SkipSpace();
        if (Consume(',')) {
          RUNNEL_ASSIGN_OR_RAISE(scale, ParseInt());
        }
        SkipSpace();
        if (!Consume(')')) return Error("expected ')' after DECIMAL precision and scale");
      }
      if (precision < 1 || precision > kMaxDecimalPrecision || scale < 0 || scale > precision) {
        return Error("DECIMAL(" + std::to_string(precision) + "," + std::to_string(scale) +
                     ") is out of range: precision must be 1..38 and scale 0..precision");
      }
      return Decimal(precision, scale);
    }
    if (word == "array") {
      RUNNEL_RETURN_NOT_OK(Expect('<'));
      RUNNEL_ASSIGN_OR_RAISE(DataTypePtr element, ParseType());
      RUNNEL_RETURN_NOT_OK(Expect('>'));
      return Array(element);
    }
    if (word == "map") {
      RUNNEL_RETURN_NOT_OK(Expect('<'));
      RUNNEL_ASSIGN_OR_RAISE(DataTypePtr key, ParseType());
      RUNNEL_RETURN_NOT_OK(Expect(','));
      RUNNEL_ASSIGN_OR_RAISE(DataTypePtr value, ParseType());
      RUNNEL_RETURN_NOT_OK(Expect('>'));
      return Map(key, value);
    }
    if (word == "struct") {
      RUNNEL_RETURN_NOT_OK(Expect('<'));
      std::vector<Field> fields;
      SkipSpace();
      if (!Consume('>')) {
        for (;;) {
          RUNNEL_ASSIGN_OR_RAISE(Field f, ParseField(/*colon_allowed=*/true));
          fields.push_back(std::move(f));
          SkipSpace();
          if (Consume('>')) break;
          RUNNEL_RETURN_NOT_OK(Expect(','));
        }
      }
      return Struct(std::move(fields));
    }
    pos_ = start;
    static const std::vector<std::string> kKnown = {
        "BOOLEAN", "INT", "BIGINT", "DOUBLE", "DECIMAL", "STRING", "BINARY", "DATE",
        "TIMESTAMP", "INTERVAL", "ARRAY", "STRUCT", "MAP"};
    return Error("unknown type '" + word + "'." + base::DidYouMean(word, kKnown));
  }

  Result<int> ParseInt() {
    SkipSpace();
    int v = 0, n = 0;
    while (!AtEnd() && std::isdigit(static_cast<unsigned char>(Peek())) && n < 9) {
      v = v * 10 + (text_[pos_++] - '0');
      ++n;
    }
    if (n == 0) return Error("expected a number");
    return v;
  }

  Status Expect(char c) {
    SkipSpace();
    if (Consume(c)) return Status::OK();
    return Error(std::string("expected '") + c + "'");
  }

  std::string ReadWord() {
    size_t start = pos_;
    while (!AtEnd() && (std::isalnum(static_cast<unsigned char>(Peek())) || Peek() == '_')) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }
  void SkipSpace() {
    while (!AtEnd() && std::isspace(static_cast<unsigned char>(Peek()))) ++pos_;
  }
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  bool Consume(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  Status Error(const std::string& what) const {
    std::string found = AtEnd() ? "end of text" : "'" + std::string(1, text_[pos_]) + "'";
    return Status::Syntax("Cannot parse schema at character " + std::to_string(pos_ + 1) +
                          " (found " + found + "): " + what + ". Schema: '" + std::string(text_) + "'");
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Result<Schema> ParseSchema(std::string_view ddl) { return DdlParser(ddl).ParseSchemaText(); }
Result<DataTypePtr> ParseDataType(std::string_view ddl) { return DdlParser(ddl).ParseTypeText(); }

}  // namespace runnel::type
