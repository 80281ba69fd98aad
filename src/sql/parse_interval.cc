// INTERVAL literals and the INTERVAL type. Runnel's INTERVAL is Spark's day-time interval, so
// year-month units are parsed and then rejected as not supported.
#include "sql/descent_parser.h"
#include "sql/interval_literal.h"

namespace runnel::sql {
namespace {

bool IsUnitToken(const Token& token) {
  return token.kind == TokenKind::kIdentifier && IntervalUnitFromName(token.text).has_value();
}

}  // namespace

// INTERVAL 10 SECONDS, INTERVAL '10' SECOND, INTERVAL 1 DAY 2 HOURS, INTERVAL '1 day 2 hours',
// INTERVAL '1 02:03:04' DAY TO SECOND, INTERVAL -5 MINUTES.
Result<ExprPtr> DescentParser::ParseInterval() {
  SourcePosition at = Advance().position;
  __int128 total = 0;
  for (int pairs = 0;; ++pairs) {
    size_t save = pos_;
    bool negative = Check(TokenKind::kMinus);
    if (negative || Check(TokenKind::kPlus)) Advance();
    const Token& value = Peek();
    bool is_value = value.kind == TokenKind::kNumber || value.kind == TokenKind::kString;
    if (pairs > 0 && (!is_value || !IsUnitToken(Peek(1)))) {
      pos_ = save;  // the interval ended
      break;
    }
    if (!is_value) return Expected("a number or a string after INTERVAL");
    Advance();
    Result<int64_t> micros = Status::Internal("unset");
    SourcePosition error_at = value.position;
    if (value.kind == TokenKind::kString && pairs == 0 && !IsUnitToken(Peek())) {
      micros = IntervalStringMicros(value.text);
      if (micros.ok()) {
        total = negative ? -static_cast<__int128>(*micros) : *micros;
        break;
      }
    } else {
      if (!IsUnitToken(Peek())) return Expected("a unit (DAY, HOUR, MINUTE, SECOND, ...)");
      const Token& unit_token = Advance();
      IntervalUnit unit = *IntervalUnitFromName(unit_token.text);
      error_at = unit_token.position;
      if (pairs == 0 && value.kind == TokenKind::kString && MatchKeyword("TO")) {
        if (!IsUnitToken(Peek())) return Expected("a unit after TO");
        IntervalUnit to = *IntervalUnitFromName(Advance().text);
        bool day_time = unit >= IntervalUnit::kDay && unit <= IntervalUnit::kSecond &&
                        to >= IntervalUnit::kDay && to <= IntervalUnit::kSecond && unit < to;
        if (!day_time && unit > IntervalUnit::kMonth) {
          return ErrorAt(unit_token.position, "invalid interval range " + unit_token.text + " TO " +
                                                  Previous().text +
                                                  "; use DAY, HOUR or MINUTE TO a later unit up to SECOND");
        }
        micros = unit <= IntervalUnit::kMonth ? IntervalValueMicros("0", unit)
                                              : IntervalRangeMicros(value.text, unit, to);
        if (micros.ok()) {
          total = negative ? -static_cast<__int128>(*micros) : *micros;
          break;
        }
      } else {
        micros = IntervalValueMicros(value.text, unit);
      }
    }
    if (!micros.ok()) {
      bool unsupported = micros.status().code() == StatusCode::kNotSupported;
      return ErrorAt(unsupported ? error_at : value.position, micros.status().message(),
                     unsupported ? StatusCode::kNotSupported : StatusCode::kSyntax);
    }
    total += negative ? -static_cast<__int128>(*micros) : *micros;
    if (total > INT64_MAX || total < INT64_MIN) return ErrorAt(at, "the interval is out of range");
  }
  if (total > INT64_MAX || total < INT64_MIN) return ErrorAt(at, "the interval is out of range");
  return ExprPtr(std::make_shared<Literal>(at, type::Value::Interval(static_cast<int64_t>(total))));
}

// INTERVAL, INTERVAL DAY TO SECOND, INTERVAL HOUR, ... (after the INTERVAL keyword).
Result<type::DataTypePtr> DescentParser::ParseIntervalType() {
  if (!IsUnitToken(Peek())) return type::Interval();
  const Token& from = Advance();
  IntervalUnit unit = *IntervalUnitFromName(from.text);
  if (MatchKeyword("TO")) {
    if (!IsUnitToken(Peek())) return Expected("a unit after TO");
    Advance();
  }
  if (unit <= IntervalUnit::kMonth) {
    return ErrorAt(from.position,
                   "year-month intervals (INTERVAL YEAR TO MONTH) are not supported; Runnel's "
                   "INTERVAL is a day-time interval",
                   StatusCode::kNotSupported);
  }
  return type::Interval();
}

}  // namespace runnel::sql
