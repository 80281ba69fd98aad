#include "type/datetime_pattern.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "type/datetime.h"

namespace runnel::type {

// One element of a compiled pattern: a pattern letter repeated `count` times, literal text
// (letter 0), or an optional section (letter '[') holding its own tokens.
struct DatetimePattern::Token {
  char letter = 0;
  int count = 0;
  std::string text;
  std::vector<Token> section;
};

namespace {

using Token = DatetimePattern::Token;

constexpr std::array<const char*, 12> kMonthShort = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<const char*, 12> kMonthFull = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
// Index 0 = Sunday, as Spark's dayofweek() - 1.
constexpr std::array<const char*, 7> kDayShort = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 7> kDayFull = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                 "Thursday", "Friday", "Saturday"};

// Spark's timestamp range (years of the proleptic Gregorian calendar that fit in int64 micros).
constexpr int64_t kMinYear = -290308;
constexpr int64_t kMaxYear = 294247;

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The largest repeat count each supported letter allows (0: letter unsupported).
int MaxCount(char letter) {
  switch (letter) {
    case 'y': return 10;
    case 'M': case 'L': case 'E': case 'G': case 'Q': case 'q': case 'X': case 'x': case 'Z':
      return 5;
    case 'd': case 'H': case 'h': case 'k': case 'K': case 'm': case 's': case 'V':
      return 2;
    case 'D': return 3;
    case 'S': return 9;
    case 'a': return 1;
    case 'z': case 'O': return 4;
    default: return 0;
  }
}

Status CheckLetter(char letter, int count, size_t position, std::string_view pattern) {
  if (std::strchr("YwWuec", letter) != nullptr) {
    return Status::Syntax("Week-based datetime pattern letter '" + std::string(1, letter) +
                          "' at position " + std::to_string(position) + " in '" +
                          std::string(pattern) +
                          "' is not supported (as in Spark 3); use y, M, d, E or D instead");
  }
  int max = MaxCount(letter);
  if (max == 0) {
    return Status::Syntax("Unknown datetime pattern letter '" + std::string(1, letter) +
                          "' at position " + std::to_string(position) + " in '" +
                          std::string(pattern) + "'; quote literal text with '...'");
  }
  if (count > max || (letter == 'V' && count != 2) || (letter == 'O' && count != 1 && count != 4)) {
    return Status::Syntax("Too many pattern letters '" + std::string(count, letter) +
                          "' at position " + std::to_string(position) + " in '" +
                          std::string(pattern) + "'");
  }
  return Status::OK();
}

void AppendLiteral(std::vector<Token>* tokens, std::string_view text) {
  if (!tokens->empty() && tokens->back().letter == 0) {
    tokens->back().text.append(text);
    return;
  }
  Token t;
  t.text = std::string(text);
  tokens->push_back(std::move(t));
}

// Reads a quoted literal starting after the opening quote; advances *i past the closing quote.
Result<std::string> ReadQuoted(std::string_view pattern, size_t* i) {
  size_t start = *i - 1;
  std::string text;
  while (*i < pattern.size()) {
    char c = pattern[(*i)++];
    if (c != '\'') {
      text += c;
    } else if (*i < pattern.size() && pattern[*i] == '\'') {
      text += '\'';
      ++*i;
    } else {
      return text;
    }
  }
  return Status::Syntax("Unclosed quote at position " + std::to_string(start) +
                        " in datetime pattern '" + std::string(pattern) +
                        "'; close it with ' or write '' for an apostrophe");
}

// ---------------------------------------------------------------------------------------------
// Formatting

void AppendPadded(std::string* out, int64_t value, int width) {
  if (value < 0) {
    out->push_back('-');
    value = -value;
  }
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  for (int i = n; i < width; ++i) out->push_back('0');
  while (n > 0) out->push_back(buf[--n]);
}

void AppendYear(std::string* out, int64_t year, int count) {
  if (count == 2) {
    AppendPadded(out, FloorMod(year, 100), 2);
    return;
  }
  // Java's SignStyle.EXCEEDS_PAD for four or more letters: '+' when wider than the pad.
  if (count >= 4 && year > 0) {
    int64_t limit = 1;
    for (int i = 0; i < count; ++i) limit *= 10;
    if (year >= limit) out->push_back('+');
  }
  AppendPadded(out, year, count);
}

void AppendFraction(std::string* out, int micros, int count) {
  char digits[10];
  std::snprintf(digits, sizeof digits, "%06d000", micros);
  out->append(digits, static_cast<size_t>(count));
}

// UTC as Java prints each zone letter for a zero offset.
void AppendZone(std::string* out, char letter, int count) {
  switch (letter) {
    case 'X': out->append("Z"); break;
    case 'x': out->append(count == 1 ? "+00" : (count == 3 || count == 5) ? "+00:00" : "+0000"); break;
    case 'Z': out->append(count <= 3 ? "+0000" : count == 4 ? "GMT" : "Z"); break;
    case 'z': out->append(count <= 3 ? "UTC" : "Coordinated Universal Time"); break;
    case 'V': out->append("UTC"); break;
    case 'O': out->append("GMT"); break;
  }
}

struct FormatFields {
  CivilTime time;
  int64_t days;
};

void FormatTokens(const std::vector<Token>& tokens, const FormatFields& f, std::string* out) {
  const CivilTime& t = f.time;
  for (const Token& token : tokens) {
    int n = token.count;
    switch (token.letter) {
      case 0: out->append(token.text); break;
      case '[': FormatTokens(token.section, f, out); break;
      case 'y': AppendYear(out, t.date.year, n); break;
      case 'M': case 'L':
        if (n <= 2) AppendPadded(out, t.date.month, n);
        else if (n == 3) out->append(kMonthShort[t.date.month - 1]);
        else if (n == 4) out->append(kMonthFull[t.date.month - 1]);
        else out->push_back(kMonthFull[t.date.month - 1][0]);
        break;
      case 'd': AppendPadded(out, t.date.day, n); break;
      case 'D':
        AppendPadded(out, f.days - DaysFromCivil(t.date.year, 1, 1) + 1, n);
        break;
      case 'H': AppendPadded(out, t.hour, n); break;
      case 'k': AppendPadded(out, t.hour == 0 ? 24 : t.hour, n); break;
      case 'K': AppendPadded(out, t.hour % 12, n); break;
      case 'h': AppendPadded(out, t.hour % 12 == 0 ? 12 : t.hour % 12, n); break;
      case 'm': AppendPadded(out, t.minute, n); break;
      case 's': AppendPadded(out, t.second, n); break;
      case 'S': AppendFraction(out, t.micros, n); break;
      case 'a': out->append(t.hour < 12 ? "AM" : "PM"); break;
      case 'E': {
        int dow = DayOfWeek(f.days) - 1;
        if (n <= 3) out->append(kDayShort[dow]);
        else if (n == 4) out->append(kDayFull[dow]);
        else out->push_back(kDayFull[dow][0]);
        break;
      }
      case 'G': {
        bool ad = t.date.year > 0;
        out->append(n <= 3 ? (ad ? "AD" : "BC") : n == 4 ? (ad ? "Anno Domini" : "Before Christ")
                                                         : (ad ? "A" : "B"));
        break;
      }
      case 'Q': case 'q': {
        int quarter = (t.date.month - 1) / 3 + 1;
        static const char* kQuarterFull[] = {"1st quarter", "2nd quarter", "3rd quarter",
                                             "4th quarter"};
        if (n <= 2) AppendPadded(out, quarter, n);
        else if (n == 3) out->append("Q" + std::to_string(quarter));
        else if (n == 4) out->append(kQuarterFull[quarter - 1]);
        else AppendPadded(out, quarter, 1);
        break;
      }
      default: AppendZone(out, token.letter, n); break;
    }
  }
}

}  // namespace

Result<DatetimePattern> DatetimePattern::Compile(std::string_view pattern) {
  std::vector<std::vector<Token>> stack(1);
  size_t i = 0;
  while (i < pattern.size()) {
    char c = pattern[i];
    if (IsAsciiLetter(c)) {
      size_t start = i;
      while (i < pattern.size() && pattern[i] == c) ++i;
      int count = static_cast<int>(i - start);
      RUNNEL_RETURN_NOT_OK(CheckLetter(c, count, start, pattern));
      Token t;
      t.letter = c;
      t.count = count;
      stack.back().push_back(std::move(t));
    } else if (c == '\'') {
      ++i;
      RUNNEL_ASSIGN_OR_RAISE(std::string text, ReadQuoted(pattern, &i));
      AppendLiteral(&stack.back(), text.empty() ? "'" : text);
    } else if (c == '[') {
      stack.emplace_back();
      ++i;
    } else if (c == ']') {
      if (stack.size() == 1) {
        return Status::Syntax("Unmatched ']' at position " + std::to_string(i) +
                              " in datetime pattern '" + std::string(pattern) + "'");
      }
      Token t;
      t.letter = '[';
      t.section = std::move(stack.back());
      stack.pop_back();
      stack.back().push_back(std::move(t));
      ++i;
    } else if (c == '{' || c == '}' || c == '#') {
      return Status::Syntax("Reserved character '" + std::string(1, c) + "' at position " +
                            std::to_string(i) + " in datetime pattern '" + std::string(pattern) +
                            "'; quote it as '" + std::string(1, c) + "'");
    } else {
      AppendLiteral(&stack.back(), std::string_view(&pattern[i], 1));
      ++i;
    }
  }
  // Java closes optional sections left open at the end of the pattern.
  while (stack.size() > 1) {
    Token t;
    t.letter = '[';
    t.section = std::move(stack.back());
    stack.pop_back();
    stack.back().push_back(std::move(t));
  }
  DatetimePattern compiled;
  compiled.pattern_ = std::string(pattern);
  compiled.tokens_ = std::make_shared<const std::vector<Token>>(std::move(stack.front()));
  return compiled;
}

std::string DatetimePattern::Format(int64_t micros) const {
  std::string out;
  FormatTo(micros, &out);
  return out;
}

void DatetimePattern::FormatTo(int64_t micros, std::string* out) const {
  FormatFields fields{CivilFromMicros(micros), FloorDiv(micros, kMicrosPerDay)};
  FormatTokens(*tokens_, fields, out);
}

// ---------------------------------------------------------------------------------------------
// Parsing

namespace {

// What the text said; unset fields take their defaults (1970-01-01 00:00:00) when resolving.
struct ParsedFields {
  std::optional<int64_t> year;
  int month = 0, day = 0, day_of_year = 0, day_of_week = 0;  // 0: absent
  int hour24 = -1, hour12 = -1, am_pm = -1;                  // -1: absent
  int minute = 0, second = 0, micros = 0;
  int64_t offset_seconds = 0;
  bool before_christ = false;
};

// The digits a numeric letter accepts when parsing: {min, max}; {0, 0} for text fields.
std::pair<int, int> DigitRange(const Token& t) {
  int n = t.count;
  switch (t.letter) {
    case 'y': return n == 2 ? std::pair{2, 2} : std::pair{n, 10};
    case 'M': case 'L': case 'Q': case 'q':
      return n == 1 ? std::pair{1, 2} : n == 2 ? std::pair{2, 2} : std::pair{0, 0};
    case 'd': case 'H': case 'h': case 'k': case 'K': case 'm': case 's':
      return n == 1 ? std::pair{1, 2} : std::pair{2, 2};
    case 'D': return n == 1 ? std::pair{1, 3} : n == 2 ? std::pair{2, 3} : std::pair{3, 3};
    // Spark parses a fraction of 1 up to `count` digits.
    case 'S': return {1, n};
    default: return {0, 0};
  }
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  bool ParseAll(const std::vector<Token>& tokens, ParsedFields* fields) {
    return ParseSequence(tokens, fields) && pos_ == text_.size();
  }

 private:
  bool ParseSequence(const std::vector<Token>& tokens, ParsedFields* fields) {
    for (size_t k = 0; k < tokens.size(); ++k) {
      const Token& t = tokens[k];
      if (t.letter == '[') {
        // An optional section either matches completely or leaves no trace.
        size_t saved_pos = pos_;
        ParsedFields saved = *fields;
        if (!ParseSequence(t.section, fields)) {
          pos_ = saved_pos;
          *fields = saved;
        }
        continue;
      }
      if (!ParseToken(tokens, k, fields)) return false;
    }
    return true;
  }

  // Java's adjacent value parsing: a variable-width number followed directly by fixed-width
  // numbers ("yyyyMMdd") leaves them their digits.
  int ReservedDigits(const std::vector<Token>& tokens, size_t k) const {
    int reserved = 0;
    for (size_t j = k + 1; j < tokens.size(); ++j) {
      auto [min, max] = DigitRange(tokens[j]);
      if (max == 0) break;
      reserved += tokens[j].letter == 'S' ? max : min;
      if (min != max && tokens[j].letter != 'S') break;
    }
    return reserved;
  }

  bool ReadNumber(int min, int max, int64_t* out, int* digits = nullptr) {
    size_t n = 0;
    int64_t v = 0;
    while (static_cast<int>(n) < max && pos_ + n < text_.size() && IsDigit(text_[pos_ + n])) {
      v = v * 10 + (text_[pos_ + n] - '0');
      ++n;
    }
    if (static_cast<int>(n) < min) return false;
    pos_ += n;
    *out = v;
    if (digits != nullptr) *digits = static_cast<int>(n);
    return true;
  }

  size_t DigitRun() const {
    size_t n = 0;
    while (pos_ + n < text_.size() && IsDigit(text_[pos_ + n])) ++n;
    return n;
  }

  // Matches one of `names` case-insensitively (the longest wins); returns its index or -1.
  template <size_t N>
  int MatchText(const std::array<const char*, N>& names) {
    int best = -1;
    size_t best_len = 0;
    for (size_t i = 0; i < N; ++i) {
      size_t len = std::strlen(names[i]);
      if (len > best_len && MatchesAt(names[i])) {
        best = static_cast<int>(i);
        best_len = len;
      }
    }
    if (best >= 0) pos_ += best_len;
    return best;
  }

  bool MatchesAt(std::string_view word) const {
    if (text_.size() - pos_ < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(text_[pos_ + i])) !=
          std::tolower(static_cast<unsigned char>(word[i]))) {
        return false;
      }
    }
    return true;
  }

  bool Consume(std::string_view word) {
    if (!MatchesAt(word)) return false;
    pos_ += word.size();
    return true;
  }

  // +HH, +HHMM, +HH:MM, +HH:MM:SS (and 'Z' when allowed).
  bool ParseOffset(bool allow_z, bool required, int64_t* seconds) {
    if (allow_z && Consume("Z")) {
      *seconds = 0;
      return true;
    }
    if (pos_ >= text_.size() || (text_[pos_] != '+' && text_[pos_] != '-')) {
      *seconds = 0;
      return !required;
    }
    int sign = text_[pos_++] == '-' ? -1 : 1;
    int64_t h, m = 0, s = 0;
    if (!ReadNumber(2, 2, &h)) return false;
    bool colon = Consume(":");
    if (DigitRun() >= 2) {
      ReadNumber(2, 2, &m);
      if ((colon ? Consume(":") : true) && DigitRun() >= 2) ReadNumber(2, 2, &s);
    } else if (colon) {
      return false;
    }
    if (h > 18 || m > 59 || s > 59) return false;
    *seconds = sign * (h * 3600 + m * 60 + s);
    return true;
  }

  // UTC, GMT, UT or Z, optionally followed by an offset; or a bare offset.
  bool ParseZoneName(int64_t* seconds) {
    static constexpr std::array<const char*, 5> kUtcNames = {"UTC", "GMT", "UT", "Z", "Etc/UTC"};
    if (MatchText(kUtcNames) >= 0) return ParseOffset(false, false, seconds);
    return ParseOffset(false, true, seconds);
  }

  bool ParseToken(const std::vector<Token>& tokens, size_t k, ParsedFields* f);

  std::string_view text_;
  size_t pos_ = 0;
};

bool Parser::ParseToken(const std::vector<Token>& tokens, size_t k, ParsedFields* f) {
  const Token& t = tokens[k];
  if (t.letter == 0) return Consume(t.text);
  auto [min, max] = DigitRange(t);
  int64_t v = 0;
  int digits = 0;
  if (max > 0) {
    if (min != max) {
      int available = static_cast<int>(DigitRun()) - ReservedDigits(tokens, k);
      max = std::max(min, std::min(max, available));
    }
    if (!ReadNumber(min, max, &v, &digits)) return false;
  }
  int n = t.count;
  switch (t.letter) {
    case 'y': f->year = n == 2 ? 2000 + v : v; return true;
    case 'M': case 'L':
      if (n == 3) v = MatchText(kMonthShort) + 1;
      if (n >= 4) v = MatchText(kMonthFull) + 1;
      f->month = static_cast<int>(v);
      return v >= 1 && v <= 12;
    case 'd': f->day = static_cast<int>(v); return v >= 1 && v <= 31;
    case 'D': f->day_of_year = static_cast<int>(v); return v >= 1 && v <= 366;
    case 'H': f->hour24 = static_cast<int>(v); return v <= 23;
    case 'k': f->hour24 = static_cast<int>(v % 24); return v >= 1 && v <= 24;
    case 'h': f->hour12 = static_cast<int>(v % 12); return v >= 1 && v <= 12;
    case 'K': f->hour12 = static_cast<int>(v); return v <= 11;
    case 'm': f->minute = static_cast<int>(v); return v <= 59;
    case 's': f->second = static_cast<int>(v); return v <= 59;
    case 'S':
      // Digits past microseconds are dropped, as Spark truncates nanoseconds.
      for (; digits < 6; ++digits) v *= 10;
      for (; digits > 6; --digits) v /= 10;
      f->micros = static_cast<int>(v);
      return true;
    case 'a': {
      static constexpr std::array<const char*, 2> kAmPm = {"AM", "PM"};
      f->am_pm = MatchText(kAmPm);
      return f->am_pm >= 0;
    }
    case 'E': {
      int dow = n <= 3 ? MatchText(kDayShort) : MatchText(kDayFull);
      f->day_of_week = dow + 1;
      return dow >= 0;
    }
    case 'G': {
      static constexpr std::array<const char*, 2> kEraShort = {"BC", "AD"};
      static constexpr std::array<const char*, 2> kEraFull = {"Before Christ", "Anno Domini"};
      int era = n <= 3 ? MatchText(kEraShort) : MatchText(kEraFull);
      f->before_christ = era == 0;
      return era >= 0;
    }
    case 'Q': case 'q':
      if (n == 3) return Consume("Q") && ReadNumber(1, 1, &v) && v >= 1 && v <= 4;
      return n <= 2 && v >= 1 && v <= 4;
    case 'X': return ParseOffset(true, true, &f->offset_seconds);
    case 'x': return ParseOffset(false, true, &f->offset_seconds);
    case 'Z':
      if (n == 4) return Consume("GMT") && ParseOffset(false, false, &f->offset_seconds);
      return ParseOffset(n == 5, true, &f->offset_seconds);
    case 'O': return Consume("GMT") && ParseOffset(false, false, &f->offset_seconds);
    case 'z': case 'V': return ParseZoneName(&f->offset_seconds);
  }
  return false;
}

// Turns the parsed fields into an instant, checking them as Java's STRICT resolver does.
std::optional<int64_t> Resolve(const ParsedFields& f) {
  int64_t year = f.year.value_or(1970);
  if (f.before_christ) year = 1 - year;
  if (year < kMinYear || year > kMaxYear) return std::nullopt;
  int month = f.month, day = f.day;
  if (f.day_of_year > 0) {
    int days_in_year = DaysInMonth(year, 2) == 29 ? 366 : 365;
    if (f.day_of_year > days_in_year) return std::nullopt;
    CivilDate d = CivilFromDays(DaysFromCivil(year, 1, 1) + f.day_of_year - 1);
    if ((month != 0 && month != d.month) || (day != 0 && day != d.day)) return std::nullopt;
    month = d.month;
    day = d.day;
  }
  if (month == 0) month = 1;
  if (day == 0) day = 1;
  if (!IsValidCivilDate(year, month, day)) return std::nullopt;
  int64_t days = DaysFromCivil(year, month, day);
  if (f.day_of_week != 0 && DayOfWeek(days) != f.day_of_week) return std::nullopt;
  int hour = 0;
  if (f.hour24 >= 0) {
    hour = f.hour24;
    if (f.hour12 >= 0 && f.hour12 != hour % 12) return std::nullopt;
    if (f.am_pm >= 0 && f.am_pm != (hour >= 12 ? 1 : 0)) return std::nullopt;
  } else if (f.hour12 >= 0) {
    // Spark reads an hour of AM/PM without 'a' as AM.
    hour = f.hour12 + (f.am_pm == 1 ? 12 : 0);
  }
  return days * kMicrosPerDay + hour * kMicrosPerHour + f.minute * kMicrosPerMinute +
         f.second * kMicrosPerSecond + f.micros - f.offset_seconds * kMicrosPerSecond;
}

}  // namespace

std::optional<int64_t> DatetimePattern::Parse(std::string_view text) const {
  ParsedFields fields;
  Parser parser(text);
  if (!parser.ParseAll(*tokens_, &fields)) return std::nullopt;
  return Resolve(fields);
}

}  // namespace runnel::type
