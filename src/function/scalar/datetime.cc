// Date and time functions. Runnel's session time zone is always UTC: fields, truncation and
// conversions read the UTC wall clock, as Spark with spark.sql.session.timeZone=UTC. Functions
// taking a DATE also accept TIMESTAMP and STRING (the binder casts them to DATE).
#include <cmath>

#include "base/spelling.h"
#include "function/registry.h"
#include "function/scalar/argument_types.h"
#include "function/scalar/datetime_conversion.h"
#include "function/scalar/kernel_columns.h"
#include "type/datetime.h"

namespace runnel::function {

namespace {

using Args = std::vector<vector::ColumnPtr>;
using vector::ColumnPtr;
using type::CivilDate;

int32_t DayOfYear(int32_t days) {
  CivilDate d = type::CivilFromDays(days);
  return static_cast<int32_t>(days - type::DaysFromCivil(d.year, 1, 1) + 1);
}

// ISO-8601 week number (weeks start on Monday; week 1 holds the year's first Thursday).
int32_t IsoWeek(int32_t days) {
  int monday_based = (type::DayOfWeek(days) + 5) % 7;  // 0 = Monday
  int64_t thursday = days - monday_based + 3;
  CivilDate d = type::CivilFromDays(thursday);
  return static_cast<int32_t>((thursday - type::DaysFromCivil(d.year, 1, 1)) / 7 + 1);
}

void RegisterDateFields(FunctionRegistry& r) {
  struct Field {
    const char* name;
    const char* description;
    int32_t (*extract)(int32_t days);
  };
  static const Field kFields[] = {
      {"year", "The year", [](int32_t d) { return static_cast<int32_t>(type::CivilFromDays(d).year); }},
      {"month", "The month, 1 to 12", [](int32_t d) { return type::CivilFromDays(d).month; }},
      {"dayofmonth", "The day of the month", [](int32_t d) { return type::CivilFromDays(d).day; }},
      {"dayofweek", "The day of the week, 1 = Sunday to 7 = Saturday",
       [](int32_t d) { return type::DayOfWeek(d); }},
      {"weekday", "The day of the week, 0 = Monday to 6 = Sunday",
       [](int32_t d) { return (type::DayOfWeek(d) + 5) % 7; }},
      {"dayofyear", "The day of the year, from 1", DayOfYear},
      {"weekofyear", "The ISO-8601 week of the year", IsoWeek},
      {"quarter", "The quarter, 1 to 4",
       [](int32_t d) { return (type::CivilFromDays(d).month - 1) / 3 + 1; }},
  };
  for (const Field& f : kFields) {
    auto extract = f.extract;
    r.AddScalar(SimpleScalar(
        f.name, std::string(f.name) + "(date)", f.description, 1, 1, {DateArgument}, type::Int(),
        [extract](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
          const int32_t* days = a[0]->values<int32_t>();
          return MapToFixed<int32_t>(a, n, type::Int(), [&](int64_t i) { return extract(days[i]); });
        }));
  }
  r.AddAlias("day", "dayofmonth");
}

void RegisterTimeFields(FunctionRegistry& r) {
  struct Field {
    const char* name;
    int64_t unit;
    int64_t modulo;
  };
  for (Field f : {Field{"hour", type::kMicrosPerHour, 24}, Field{"minute", type::kMicrosPerMinute, 60},
                  Field{"second", type::kMicrosPerSecond, 60}}) {
    int64_t unit = f.unit, modulo = f.modulo;
    r.AddScalar(SimpleScalar(
        f.name, std::string(f.name) + "(ts)", std::string("The ") + f.name + " of the timestamp",
        1, 1, {TimestampArgument}, type::Int(),
        [unit, modulo](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
          const int64_t* ts = a[0]->values<int64_t>();
          return MapToFixed<int32_t>(a, n, type::Int(), [&](int64_t i) {
            return static_cast<int32_t>(type::FloorMod(type::FloorDiv(ts[i], unit), modulo));
          });
        }));
  }
}

// add_months: the same day of month, clamped to the target month's last day (Spark 3).
std::optional<int32_t> AddMonths(int32_t days, int64_t months) {
  CivilDate d = type::CivilFromDays(days);
  int64_t index = d.year * 12 + (d.month - 1) + months;
  int64_t year = type::FloorDiv(index, 12);
  int month = static_cast<int>(type::FloorMod(index, 12)) + 1;
  int day = std::min(d.day, type::DaysInMonth(year, month));
  int64_t out = type::DaysFromCivil(year, month, day);
  if (out < INT32_MIN || out > INT32_MAX) return std::nullopt;
  return static_cast<int32_t>(out);
}

void RegisterDateArithmetic(FunctionRegistry& r) {
  for (int sign : {1, -1}) {
    std::string name = sign > 0 ? "date_add" : "date_sub";
    r.AddScalar(SimpleScalar(
        name, name + "(date, days)", sign > 0 ? "The date days later" : "The date days earlier", 2,
        2, {DateArgument, IntArgument}, type::Date(),
        [sign](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
          const int32_t* d = a[0]->values<int32_t>();
          const int32_t* k = a[1]->values<int32_t>();
          return MapToFixed<int32_t>(a, n, type::Date(), [&](int64_t i) {
            return static_cast<int32_t>(d[i] + int64_t{sign} * k[i]);
          });
        }));
  }
  r.AddAlias("dateadd", "date_add");
  r.AddScalar(SimpleScalar(
      "datediff", "datediff(end, start)", "Days from start to end", 2, 2,
      {DateArgument, DateArgument}, type::Int(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const int32_t* end = a[0]->values<int32_t>();
        const int32_t* start = a[1]->values<int32_t>();
        return MapToFixed<int32_t>(a, n, type::Int(), [&](int64_t i) { return end[i] - start[i]; });
      }));
  r.AddScalar(SimpleScalar(
      "add_months", "add_months(date, months)", "The date months later (day clamped)", 2, 2,
      {DateArgument, IntArgument}, type::Date(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const int32_t* d = a[0]->values<int32_t>();
        const int32_t* k = a[1]->values<int32_t>();
        return MapToFixed<int32_t>(a, n, type::Date(), [&](int64_t i) { return AddMonths(d[i], k[i]); });
      }));
  r.AddScalar(SimpleScalar(
      "last_day", "last_day(date)", "The last day of the date's month", 1, 1, {DateArgument},
      type::Date(), [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const int32_t* d = a[0]->values<int32_t>();
        return MapToFixed<int32_t>(a, n, type::Date(), [&](int64_t i) {
          CivilDate c = type::CivilFromDays(d[i]);
          return static_cast<int32_t>(
              type::DaysFromCivil(c.year, c.month, type::DaysInMonth(c.year, c.month)));
        });
      }));
}

// Spark's day names for next_day: "MO", "MON", "MONDAY" in any case; 1 = Sunday; 0 if unknown.
int ParseDayOfWeek(std::string_view text) {
  static const char* kNames[] = {"SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY",
                                 "THURSDAY", "FRIDAY", "SATURDAY"};
  std::string upper;
  for (char c : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (int i = 0; i < 7; ++i) {
    std::string_view name = kNames[i];
    if (upper == name || upper == name.substr(0, 2) || upper == name.substr(0, 3)) return i + 1;
  }
  return 0;
}

// months_between: whole months when both days are the same or both are month ends; otherwise
// the difference in months plus the time difference over a 31-day month (Spark's rule). As in
// Spark, the time of day counts whole seconds (the micros are dropped) and the 8-digit rounding
// is Java's Math.round (half up).
double MonthsBetween(int64_t t1, int64_t t2, bool round_off) {
  auto c1 = type::CivilFromMicros(t1), c2 = type::CivilFromMicros(t2);
  int64_t months = (c1.date.year - c2.date.year) * 12 + (c1.date.month - c2.date.month);
  bool end1 = c1.date.day == type::DaysInMonth(c1.date.year, c1.date.month);
  bool end2 = c2.date.day == type::DaysInMonth(c2.date.year, c2.date.month);
  if (c1.date.day == c2.date.day || (end1 && end2)) return static_cast<double>(months);
  auto seconds_in_month = [](const type::CivilTime& c) {
    return (c.date.day - 1) * 86400.0 + c.hour * 3600.0 + c.minute * 60.0 + c.second;
  };
  double diff = months + (seconds_in_month(c1) - seconds_in_month(c2)) / (31 * 86400.0);
  return round_off ? std::floor(diff * 1e8 + 0.5) / 1e8 : diff;
}

void RegisterCalendarQueries(FunctionRegistry& r) {
  r.AddScalar(SimpleScalar(
      "next_day", "next_day(date, dayOfWeek)", "The first later date on that day of the week", 2,
      2, {DateArgument, StringArgument}, type::Date(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const int32_t* d = a[0]->values<int32_t>();
        return MapToFixed<int32_t>(a, n, type::Date(), [&](int64_t i) -> std::optional<int32_t> {
          int target = ParseDayOfWeek(a[1]->GetString(i));
          if (target == 0) return std::nullopt;
          int delta = (target - type::DayOfWeek(d[i]) + 7) % 7;
          return d[i] + (delta == 0 ? 7 : delta);
        });
      }));
  r.AddScalar(SimpleScalar(
      "months_between", "months_between(ts1, ts2[, roundOff])",
      "Months from ts2 to ts1, rounded to 8 digits unless roundOff is false", 2, 3,
      {TimestampArgument, TimestampArgument,
       [](const BindArgs& args, size_t i) -> Result<type::DataTypePtr> {
         type::TypeId id = args.types[i]->id();
         if (id != type::TypeId::kBoolean && id != type::TypeId::kNull) {
           return ArgumentTypeError(args, i, "BOOLEAN");
         }
         return type::Boolean();
       }},
      type::Double(), [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const int64_t* t1 = a[0]->values<int64_t>();
        const int64_t* t2 = a[1]->values<int64_t>();
        return MapToFixed<double>(a, n, type::Double(), [&](int64_t i) {
          return MonthsBetween(t1[i], t2[i], a.size() < 3 || a[2]->GetBool(i));
        });
      }));
}

enum class TruncUnit { kInvalid, kYear, kQuarter, kMonth, kWeek, kDay, kHour, kMinute, kSecond,
                       kMillisecond, kMicrosecond };

TruncUnit ParseTruncUnit(std::string_view text) {
  std::string u = base::ToLower(text);
  if (u == "year" || u == "yyyy" || u == "yy") return TruncUnit::kYear;
  if (u == "quarter") return TruncUnit::kQuarter;
  if (u == "month" || u == "mon" || u == "mm") return TruncUnit::kMonth;
  if (u == "week") return TruncUnit::kWeek;
  if (u == "day" || u == "dd") return TruncUnit::kDay;
  if (u == "hour") return TruncUnit::kHour;
  if (u == "minute") return TruncUnit::kMinute;
  if (u == "second") return TruncUnit::kSecond;
  if (u == "millisecond") return TruncUnit::kMillisecond;
  if (u == "microsecond") return TruncUnit::kMicrosecond;
  return TruncUnit::kInvalid;
}

// The first day of the unit holding `days` (year, quarter, month, or ISO week from Monday).
int64_t TruncDays(int64_t days, TruncUnit unit) {
  CivilDate d = type::CivilFromDays(days);
  switch (unit) {
    case TruncUnit::kYear: return type::DaysFromCivil(d.year, 1, 1);
    case TruncUnit::kQuarter: return type::DaysFromCivil(d.year, (d.month - 1) / 3 * 3 + 1, 1);
    case TruncUnit::kMonth: return type::DaysFromCivil(d.year, d.month, 1);
    case TruncUnit::kWeek: return days - (type::DayOfWeek(days) + 5) % 7;
    default: return days;
  }
}

std::optional<int64_t> TruncMicros(int64_t micros, TruncUnit unit) {
  auto floor_to = [&](int64_t step) { return type::FloorDiv(micros, step) * step; };
  switch (unit) {
    case TruncUnit::kInvalid: return std::nullopt;
    case TruncUnit::kMicrosecond: return micros;
    case TruncUnit::kMillisecond: return floor_to(1000);
    case TruncUnit::kSecond: return floor_to(type::kMicrosPerSecond);
    case TruncUnit::kMinute: return floor_to(type::kMicrosPerMinute);
    case TruncUnit::kHour: return floor_to(type::kMicrosPerHour);
    default:
      return TruncDays(type::FloorDiv(micros, type::kMicrosPerDay), unit) * type::kMicrosPerDay;
  }
}

void RegisterTrunc(FunctionRegistry& r) {
  r.AddScalar(SimpleScalar(
      "date_trunc", "date_trunc(unit, ts)",
      "The timestamp truncated to YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, ...", 2,
      2, {StringArgument, TimestampArgument}, type::Timestamp(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const int64_t* ts = a[1]->values<int64_t>();
        return MapToFixed<int64_t>(a, n, type::Timestamp(), [&](int64_t i) {
          return TruncMicros(ts[i], ParseTruncUnit(a[0]->GetString(i)));
        });
      }));
  r.AddScalar(SimpleScalar(
      "trunc", "trunc(date, unit)", "The date truncated to YEAR, QUARTER, MONTH or WEEK", 2, 2,
      {DateArgument, StringArgument}, type::Date(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const int32_t* d = a[0]->values<int32_t>();
        return MapToFixed<int32_t>(a, n, type::Date(), [&](int64_t i) -> std::optional<int32_t> {
          TruncUnit unit = ParseTruncUnit(a[1]->GetString(i));
          if (unit < TruncUnit::kYear || unit > TruncUnit::kWeek) return std::nullopt;
          return static_cast<int32_t>(TruncDays(d[i], unit));
        });
      }));
}

Result<type::DataTypePtr> DoubleArgument(const BindArgs& args, size_t i) {
  RUNNEL_RETURN_NOT_OK(IntArgument(args, i).status());
  return type::Double();
}

void RegisterMake(FunctionRegistry& r) {
  r.AddScalar(SimpleScalar(
      "make_date", "make_date(year, month, day)", "The date, NULL when the fields are invalid", 3,
      3, {IntArgument, IntArgument, IntArgument}, type::Date(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const int32_t *y = a[0]->values<int32_t>(), *m = a[1]->values<int32_t>(),
                      *d = a[2]->values<int32_t>();
        return MapToFixed<int32_t>(a, n, type::Date(), [&](int64_t i) -> std::optional<int32_t> {
          if (!type::IsValidCivilDate(y[i], m[i], d[i])) return std::nullopt;
          return static_cast<int32_t>(type::DaysFromCivil(y[i], m[i], d[i]));
        });
      }));
  // make_timestamp(y, mo, d, h, mi, sec): sec may carry a fraction; 60 means the next minute
  // when the fraction is zero (Spark's rule for leap-second style input).
  r.AddScalar(SimpleScalar(
      "make_timestamp", "make_timestamp(year, month, day, hour, min, sec)",
      "The timestamp (UTC), NULL when the fields are invalid", 6, 6,
      {IntArgument, IntArgument, IntArgument, IntArgument, IntArgument, DoubleArgument},
      type::Timestamp(), [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        return MapToFixed<int64_t>(a, n, type::Timestamp(), [&](int64_t i) -> std::optional<int64_t> {
          int32_t y = a[0]->values<int32_t>()[i], mo = a[1]->values<int32_t>()[i],
                  d = a[2]->values<int32_t>()[i], h = a[3]->values<int32_t>()[i],
                  mi = a[4]->values<int32_t>()[i];
          double sec = a[5]->values<double>()[i];
          int64_t sec_micros = std::llround(sec * 1e6);
          if (!type::IsValidCivilDate(y, mo, d) || h < 0 || h > 23 || mi < 0 || mi > 59 ||
              sec_micros < 0 || sec_micros > 60 * type::kMicrosPerSecond ||
              (sec_micros >= 60 * type::kMicrosPerSecond && sec_micros != 60 * type::kMicrosPerSecond)) {
            return std::nullopt;
          }
          return type::DaysFromCivil(y, mo, d) * type::kMicrosPerDay + h * type::kMicrosPerHour +
                 mi * type::kMicrosPerMinute + sec_micros;
        });
      }));
}

}  // namespace

void RegisterDatetimeFunctions(FunctionRegistry& registry) {
  RegisterDatetimeConversionFunctions(registry);
  RegisterDateFields(registry);
  RegisterTimeFields(registry);
  RegisterDateArithmetic(registry);
  RegisterCalendarQueries(registry);
  RegisterTrunc(registry);
  RegisterMake(registry);
}

}  // namespace runnel::function
