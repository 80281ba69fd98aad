#include "type/datetime.h"

#include <cctype>
#include <cstdio>

namespace runnel::type {

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {y + (m <= 2), m, d};
}

int DaysInMonth(int64_t year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

bool IsValidCivilDate(int64_t year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

int DayOfWeek(int64_t days) {
  // 1970-01-01 was a Thursday (5 in Spark's 1 = Sunday numbering).
  return static_cast<int>(FloorMod(days + 4, 7)) + 1;
}

CivilTime CivilFromMicros(int64_t micros) {
  int64_t days = FloorDiv(micros, kMicrosPerDay);
  int64_t rest = micros - days * kMicrosPerDay;
  CivilTime t;
  t.date = CivilFromDays(days);
  t.hour = static_cast<int>(rest / kMicrosPerHour);
  rest %= kMicrosPerHour;
  t.minute = static_cast<int>(rest / kMicrosPerMinute);
  rest %= kMicrosPerMinute;
  t.second = static_cast<int>(rest / kMicrosPerSecond);
  t.micros = static_cast<int>(rest % kMicrosPerSecond);
  return t;
}

int64_t MicrosFromCivil(const CivilTime& t) {
  return DaysFromCivil(t.date.year, t.date.month, t.date.day) * kMicrosPerDay +
         t.hour * kMicrosPerHour + t.minute * kMicrosPerMinute + t.second * kMicrosPerSecond +
         t.micros;
}

namespace {
std::string FormatYear(int64_t year) {
  char buf[32];
  if (year >= 0 && year <= 9999) {
    std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(year));
  } else {
    std::snprintf(buf, sizeof buf, "%+05lld", static_cast<long long>(year));
  }
  return buf;
}
}  // namespace

std::string FormatDate(int32_t days) {
  CivilDate d = CivilFromDays(days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "-%02d-%02d", d.month, d.day);
  return FormatYear(d.year) + buf;
}

std::string FormatTimestamp(int64_t micros) {
  CivilTime t = CivilFromMicros(micros);
  char buf[64];
  std::snprintf(buf, sizeof buf, "-%02d-%02d %02d:%02d:%02d", t.date.month, t.date.day, t.hour,
                t.minute, t.second);
  std::string out = FormatYear(t.date.year) + buf;
  if (t.micros != 0) {
    char frac[8];
    std::snprintf(frac, sizeof frac, "%06d", t.micros);
    std::string f(frac);
    while (!f.empty() && f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return out;
}

std::string FormatInterval(int64_t micros) {
  bool negative = micros < 0;
  uint64_t m = negative ? static_cast<uint64_t>(-(micros + 1)) + 1 : static_cast<uint64_t>(micros);
  uint64_t days = m / kMicrosPerDay;
  m %= kMicrosPerDay;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s%llu %02llu:%02llu:%02llu", negative ? "-" : "",
                static_cast<unsigned long long>(days),
                static_cast<unsigned long long>(m / kMicrosPerHour),
                static_cast<unsigned long long>(m % kMicrosPerHour / kMicrosPerMinute),
                static_cast<unsigned long long>(m % kMicrosPerMinute / kMicrosPerSecond));
  std::string out = buf;
  uint64_t frac = m % kMicrosPerSecond;
  if (frac) {
    char f[8];
    std::snprintf(f, sizeof f, "%06llu", static_cast<unsigned long long>(frac));
    std::string s(f);
    while (s.back() == '0') s.pop_back();
    out += "." + s;
  }
  return "INTERVAL '" + out + "' DAY TO SECOND";
}

namespace {

// A tiny cursor over the text for the ISO parsers.
struct Cursor {
  std::string_view s;
  size_t pos = 0;
  bool AtEnd() const { return pos >= s.size(); }
  char Peek() const { return AtEnd() ? '\0' : s[pos]; }
  bool Consume(char c) {
    if (Peek() != c) return false;
    ++pos;
    return true;
  }
  // Reads between min and max digits.
  bool Digits(int min_digits, int max_digits, int64_t* out, int* count = nullptr) {
    int64_t v = 0;
    int n = 0;
    while (n < max_digits && !AtEnd() && std::isdigit(static_cast<unsigned char>(Peek()))) {
      v = v * 10 + (s[pos++] - '0');
      ++n;
    }
    if (count) *count = n;
    if (n < min_digits) return false;
    *out = v;
    return true;
  }
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool ParseDatePart(Cursor* c, int64_t* days) {
  int64_t y, m = 1, d = 1;
  bool negative = c->Consume('-');
  if (!negative) c->Consume('+');
  if (!c->Digits(4, 6, &y)) return false;
  if (negative) y = -y;
  if (c->Consume('-')) {
    if (!c->Digits(1, 2, &m)) return false;
    if (c->Consume('-')) {
      if (!c->Digits(1, 2, &d)) return false;
    }
  }
  if (!IsValidCivilDate(y, static_cast<int>(m), static_cast<int>(d))) return false;
  *days = DaysFromCivil(y, static_cast<int>(m), static_cast<int>(d));
  return true;
}

}  // namespace

std::optional<int32_t> ParseDate(std::string_view text) {
  Cursor c{Trim(text)};
  int64_t days;
  if (!ParseDatePart(&c, &days)) return std::nullopt;
  // Spark accepts and ignores a trailing time part: "2024-01-31 10:00:00" or "2024-01-31T...".
  if (!c.AtEnd() && c.Peek() != ' ' && c.Peek() != 'T') return std::nullopt;
  return static_cast<int32_t>(days);
}

std::optional<int64_t> ParseTimestamp(std::string_view text) {
  Cursor c{Trim(text)};
  int64_t days;
  if (!ParseDatePart(&c, &days)) return std::nullopt;
  int64_t h = 0, mi = 0, sec = 0, micros = 0;
  if (c.Consume(' ') || c.Consume('T')) {
    if (!c.Digits(1, 2, &h)) return std::nullopt;
    if (c.Consume(':')) {
      if (!c.Digits(1, 2, &mi)) return std::nullopt;
      if (c.Consume(':')) {
        if (!c.Digits(1, 2, &sec)) return std::nullopt;
        if (c.Consume('.')) {
          int n;
          int64_t frac;
          if (!c.Digits(1, 9, &frac, &n)) return std::nullopt;
          while (n < 6) { frac *= 10; ++n; }
          while (n > 6) { frac /= 10; --n; }
          micros = frac;
        }
      }
    }
  }
  if (h > 23 || mi > 59 || sec > 59) return std::nullopt;
  int64_t offset = 0;
  if (c.Consume('Z')) {
  } else if (c.Peek() == '+' || c.Peek() == '-') {
    int sign = c.Peek() == '-' ? -1 : 1;
    ++c.pos;
    int64_t oh, om = 0;
    if (!c.Digits(2, 2, &oh)) return std::nullopt;
    if (c.Consume(':')) {
      if (!c.Digits(2, 2, &om)) return std::nullopt;
    } else {
      c.Digits(2, 2, &om);
    }
    offset = sign * (oh * kMicrosPerHour + om * kMicrosPerMinute);
  }
  if (!c.AtEnd()) return std::nullopt;
  return days * kMicrosPerDay + h * kMicrosPerHour + mi * kMicrosPerMinute +
         sec * kMicrosPerSecond + micros - offset;
}

}  // namespace runnel::type
