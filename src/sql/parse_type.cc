// Data types (the DDL grammar of type/ddl.h, over tokens), column definitions and OPTIONS lists.
#include "base/spelling.h"
#include "sql/descent_parser.h"

namespace runnel::sql {

Result<type::DataTypePtr> DescentParser::ParseType() {
  DepthGuard guard(this);
  RUNNEL_RETURN_NOT_OK(guard.Enter());
  if (!Check(TokenKind::kIdentifier)) return Expected("a type");
  const Token& token = Advance();
  std::string word = base::ToLower(token.text);
  if (word == "boolean" || word == "bool") return type::Boolean();
  if (word == "int" || word == "integer" || word == "smallint" || word == "tinyint" ||
      word == "short" || word == "byte") {
    return type::Int();
  }
  if (word == "bigint" || word == "long") return type::BigInt();
  if (word == "double" || word == "float" || word == "real") return type::Double();
  if (word == "string" || word == "text") return type::String();
  if (word == "varchar" || word == "char" || word == "character") {
    if (Match(TokenKind::kLParen)) {
      if (!Check(TokenKind::kNumber)) return Expected("a length");
      Advance();
      RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "')'"));
    }
    return type::String();
  }
  if (word == "binary") return type::Binary();
  if (word == "date") return type::Date();
  if (word == "timestamp" || word == "timestamp_ntz" || word == "timestamp_ltz") return type::Timestamp();
  if (word == "void") return type::Null();
  if (word == "interval") return ParseIntervalType();
  if (word == "decimal" || word == "dec" || word == "numeric") {
    int precision = 10, scale = 0;
    if (Match(TokenKind::kLParen)) {
      auto parse_int = [&](int* out) -> Status {
        const Token& number = Peek();
        if (number.kind != TokenKind::kNumber || number.text.size() > 3 ||
            number.text.find_first_not_of("0123456789") != std::string::npos) {
          return Expected("a whole number");
        }
        *out = std::stoi(Advance().text);
        return Status::OK();
      };
      RUNNEL_RETURN_NOT_OK(parse_int(&precision));
      if (Match(TokenKind::kComma)) RUNNEL_RETURN_NOT_OK(parse_int(&scale));
      RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "')' after DECIMAL precision and scale"));
    }
    if (precision < 1 || precision > type::kMaxDecimalPrecision || scale > precision) {
      return ErrorAt(token.position, "DECIMAL(" + std::to_string(precision) + "," + std::to_string(scale) +
                                         ") is out of range: precision must be 1..38 and scale 0..precision");
    }
    return type::Decimal(precision, scale);
  }
  if (word == "array") {
    RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kLt, "'<' after ARRAY"));
    RUNNEL_ASSIGN_OR_RAISE(type::DataTypePtr element, ParseType());
    RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kGt, "'>'"));
    return type::Array(std::move(element));
  }
  if (word == "map") {
    RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kLt, "'<' after MAP"));
    RUNNEL_ASSIGN_OR_RAISE(type::DataTypePtr key, ParseType());
    RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kComma, "','"));
    RUNNEL_ASSIGN_OR_RAISE(type::DataTypePtr value, ParseType());
    RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kGt, "'>'"));
    return type::Map(std::move(key), std::move(value));
  }
  if (word == "struct") return ParseStructType();
  static const std::vector<std::string> kKnown = {
      "BOOLEAN", "INT", "BIGINT", "DOUBLE", "DECIMAL", "STRING", "BINARY", "DATE",
      "TIMESTAMP", "INTERVAL", "ARRAY", "STRUCT", "MAP"};
  return ErrorAt(token.position, "unknown type '" + token.text + "'." + base::DidYouMean(word, kKnown) +
                                     " Types: " + base::JoinStrings(kKnown, ", "));
}

// STRUCT<a: INT, b STRING NOT NULL COMMENT '...'>, STRUCT<>
Result<type::DataTypePtr> DescentParser::ParseStructType() {
  std::vector<type::Field> fields;
  if (Match(TokenKind::kNotEq)) return type::Struct({});  // "<>" lexes as one token
  RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kLt, "'<' after STRUCT"));
  if (Match(TokenKind::kGt)) return type::Struct({});
  do {
    type::Field field;
    if (!Check(TokenKind::kIdentifier) && !Check(TokenKind::kQuotedIdentifier)) {
      return Expected("a field name");
    }
    field.name = Advance().text;
    Match(TokenKind::kColon);
    RUNNEL_ASSIGN_OR_RAISE(field.type, ParseType());
    if (MatchKeyword("NOT")) {
      RUNNEL_RETURN_NOT_OK(ExpectKeyword("NULL"));
      field.nullable = false;
    }
    if (MatchKeyword("COMMENT")) RUNNEL_RETURN_NOT_OK(ParseStringLiteral("a comment string").status());
    fields.push_back(std::move(field));
  } while (Match(TokenKind::kComma));
  RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kGt, "',' or '>'"));
  return type::Struct(std::move(fields));
}

// (name TYPE [NOT NULL] [COMMENT '...'], ...)
Result<std::vector<ColumnDefinition>> DescentParser::ParseColumnDefinitions() {
  RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kLParen, "'('"));
  std::vector<ColumnDefinition> columns;
  do {
    ColumnDefinition column;
    column.position = Peek().position;
    RUNNEL_ASSIGN_OR_RAISE(column.name, ParseIdentifier("a column name"));
    RUNNEL_ASSIGN_OR_RAISE(column.type, ParseType());
    for (;;) {
      if (MatchKeyword("NOT")) {
        RUNNEL_RETURN_NOT_OK(ExpectKeyword("NULL"));
        column.nullable = false;
      } else if (MatchKeyword("COMMENT")) {
        RUNNEL_ASSIGN_OR_RAISE(column.comment, ParseStringLiteral("a comment string"));
      } else {
        break;
      }
    }
    columns.push_back(std::move(column));
  } while (Match(TokenKind::kComma));
  RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "',' or ')' after the column definition"));
  return columns;
}

// (key 'value', 'key2' = 'v', a.b.c true, n 10): keys are dotted words or strings; values are
// strings, numbers or booleans, kept as text.
Result<OptionList> DescentParser::ParseOptionList() {
  RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kLParen, "'('"));
  OptionList options;
  if (Match(TokenKind::kRParen)) return options;
  do {
    std::string key;
    if (Check(TokenKind::kString)) {
      key = Advance().text;
    } else {
      do {
        if (!Check(TokenKind::kIdentifier) && !Check(TokenKind::kQuotedIdentifier)) {
          return Expected("an option name");
        }
        key += (key.empty() ? "" : ".") + Advance().text;
      } while (Match(TokenKind::kDot));
    }
    Match(TokenKind::kEq);
    std::string value;
    if (Check(TokenKind::kString)) {
      value = Advance().text;
    } else if (CheckKeyword("TRUE") || CheckKeyword("FALSE")) {
      value = base::ToLower(Advance().text);
    } else {
      if (Match(TokenKind::kMinus)) value = "-";
      if (!Check(TokenKind::kNumber)) return Expected("an option value (a string, number or boolean)");
      value += Advance().text;
    }
    options.emplace_back(std::move(key), std::move(value));
  } while (Match(TokenKind::kComma));
  RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "',' or ')' after the option"));
  return options;
}

}  // namespace runnel::sql
