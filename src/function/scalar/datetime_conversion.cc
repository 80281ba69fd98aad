// Runnel's session time zone is always UTC: every conversion here between an instant and a wall
// clock (text, fields, dates) is in UTC, as Spark with spark.sql.session.timeZone=UTC.
#include "function/scalar/datetime_conversion.h"

#include <cmath>
#include <unordered_map>

#include "function/scalar/argument_types.h"
#include "function/scalar/kernel_columns.h"
#include "type/datetime.h"
#include "type/datetime_pattern.h"

namespace runnel::function {

namespace {

using Args = std::vector<vector::ColumnPtr>;
using vector::ColumnPtr;
using type::DatetimePattern;

constexpr const char* kDefaultPattern = "yyyy-MM-dd HH:mm:ss";

// The pattern of row i: the literal compiled at bind time, or the row's compiled once per
// distinct text.
class RowPattern {
 public:
  explicit RowPattern(std::shared_ptr<const DatetimePattern> literal)
      : literal_(std::move(literal)) {}
  const DatetimePattern* At(const Args& a, size_t arg, int64_t i, Status* error) {
    if (literal_) return literal_.get();
    std::string text(a[arg]->GetString(i));
    auto it = cache_.find(text);
    if (it == cache_.end()) {
      auto compiled = DatetimePattern::Compile(text);
      if (!compiled.ok()) {
        *error = compiled.status();
        return nullptr;
      }
      it = cache_.emplace(text, std::move(*compiled)).first;
    }
    return &it->second;
  }

 private:
  std::shared_ptr<const DatetimePattern> literal_;
  std::unordered_map<std::string, DatetimePattern> cache_;
};

// The pattern argument `arg` compiled when it is a literal; `fallback` when the call has no
// such argument; nullptr when it comes from a column.
Result<std::shared_ptr<const DatetimePattern>> BindPattern(const BindArgs& args, size_t arg,
                                                           const char* fallback) {
  std::optional<std::string> text;
  if (arg >= args.types.size()) {
    if (fallback == nullptr) return std::shared_ptr<const DatetimePattern>();
    text = fallback;
  } else {
    text = ConstantText(args, arg);
  }
  if (!text) return std::shared_ptr<const DatetimePattern>();
  auto compiled = DatetimePattern::Compile(*text);
  if (!compiled.ok()) return Status::Analysis(compiled.status().message());
  return std::make_shared<const DatetimePattern>(std::move(*compiled));
}

// Parses text column `a[0]` with the pattern (argument 1 or the literal/fallback) into micros.
template <typename T, typename Convert>
Result<ColumnPtr> ParseColumn(const Args& a, int64_t n, type::DataTypePtr type,
                              std::shared_ptr<const DatetimePattern> literal, Convert convert) {
  RowPattern pattern(std::move(literal));
  Status error;
  ColumnPtr out = MapToFixed<T>(a, n, type, [&](int64_t i) -> std::optional<T> {
    const DatetimePattern* p = pattern.At(a, 1, i, &error);
    if (p == nullptr) return std::nullopt;
    std::optional<int64_t> micros = p->Parse(a[0]->GetString(i));
    if (!micros) return std::nullopt;
    return convert(*micros);
  });
  if (!error.ok()) return error;
  return out;
}

int32_t MicrosToDays(int64_t micros) {
  return static_cast<int32_t>(type::FloorDiv(micros, type::kMicrosPerDay));
}

// Marks the bound kernel as reading the query's start time (never folded before it runs).
ScalarFunction ReadsQueryTime(ScalarFunction f) {
  f.bind = [bind = f.bind](const BindArgs& args) -> Result<BoundScalar> {
    RUNNEL_ASSIGN_OR_RAISE(BoundScalar b, bind(args));
    b.reads_query_time = true;
    return b;
  };
  return f;
}

void RegisterCurrent(FunctionRegistry& r) {
  r.AddScalar(ReadsQueryTime(SimpleScalar(
      "current_timestamp", "current_timestamp()", "The query's start time (fixed per batch)", 0,
      0, {}, type::Timestamp(),
      [](const Args&, int64_t n, const KernelContext& ctx) -> Result<ColumnPtr> {
        return vector::MakeFixedColumn<int64_t>(
            type::Timestamp(), std::vector<int64_t>(static_cast<size_t>(n), ctx.query_timestamp_micros));
      })));
  r.AddAlias("now", "current_timestamp");
  r.AddAlias("localtimestamp", "current_timestamp");
  r.AddScalar(ReadsQueryTime(SimpleScalar(
      "current_date", "current_date()", "The query's start date (UTC)", 0, 0, {}, type::Date(),
      [](const Args&, int64_t n, const KernelContext& ctx) -> Result<ColumnPtr> {
        return vector::MakeFixedColumn<int32_t>(
            type::Date(),
            std::vector<int32_t>(static_cast<size_t>(n), MicrosToDays(ctx.query_timestamp_micros)));
      })));
  r.AddAlias("curdate", "current_date");
}

// to_timestamp / to_date: without a pattern they are CASTs (the binder casts the argument to
// the result type and the kernel passes it through); with one, text parsed by the pattern.
ScalarFunction ParsingFunction(std::string name, type::DataTypePtr result, bool to_date) {
  ScalarFunction f;
  f.name = name;
  f.signature = name + "(str[, fmt])";
  f.description = to_date ? "Parses a date, with a Spark datetime pattern when given"
                          : "Parses a timestamp, with a Spark datetime pattern when given";
  f.min_args = 1;
  f.max_args = 2;
  f.bind = [result, to_date](const BindArgs& args) -> Result<BoundScalar> {
    BoundScalar b;
    b.return_type = result;
    if (args.types.size() == 1) {
      RUNNEL_ASSIGN_OR_RAISE(auto t, to_date ? DateArgument(args, 0) : TimestampArgument(args, 0));
      b.arg_types = {t};
      b.kernel = [](const Args& a, int64_t, const KernelContext&) -> Result<ColumnPtr> {
        return a[0];
      };
      return b;
    }
    RUNNEL_ASSIGN_OR_RAISE(auto t0, StringArgument(args, 0));
    RUNNEL_ASSIGN_OR_RAISE(auto t1, StringArgument(args, 1));
    b.arg_types = {t0, t1};
    RUNNEL_ASSIGN_OR_RAISE(auto literal, BindPattern(args, 1, nullptr));
    b.kernel = [literal, to_date](const Args& a, int64_t n,
                                  const KernelContext&) -> Result<ColumnPtr> {
      if (to_date) return ParseColumn<int32_t>(a, n, type::Date(), literal, MicrosToDays);
      return ParseColumn<int64_t>(a, n, type::Timestamp(), literal,
                                  [](int64_t micros) { return micros; });
    };
    return b;
  };
  return f;
}

void RegisterParseAndFormat(FunctionRegistry& r) {
  r.AddScalar(ParsingFunction("to_timestamp", type::Timestamp(), false));
  r.AddScalar(ParsingFunction("to_date", type::Date(), true));
  ScalarFunction format = SimpleScalar("date_format", "date_format(ts, fmt)",
                                       "The timestamp as text in a Spark datetime pattern", 2, 2,
                                       {TimestampArgument, StringArgument}, type::String(), nullptr);
  format.bind = [inner = format.bind](const BindArgs& args) -> Result<BoundScalar> {
    RUNNEL_ASSIGN_OR_RAISE(BoundScalar b, inner(args));
    RUNNEL_ASSIGN_OR_RAISE(auto literal, BindPattern(args, 1, nullptr));
    b.kernel = [literal](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
      RowPattern pattern(literal);
      Status error;
      const int64_t* ts = a[0]->values<int64_t>();
      ColumnPtr out = MapToString(a, n, [&](int64_t i, std::string* text) {
        const DatetimePattern* p = pattern.At(a, 1, i, &error);
        if (p == nullptr) return false;
        p->FormatTo(ts[i], text);
        return true;
      });
      if (!error.ok()) return error;
      return out;
    };
    return b;
  };
  r.AddScalar(std::move(format));
}

// unix_timestamp([x[, fmt]]): seconds since the epoch of now, of a DATE/TIMESTAMP, or of text
// parsed with fmt (default 'yyyy-MM-dd HH:mm:ss'). The micros divide by 10^6 truncating toward
// zero, as Java's long division in Spark's ToTimestamp (unix_seconds() floors instead).
Result<BoundScalar> BindUnixTimestamp(const BindArgs& args) {
  BoundScalar b;
  b.return_type = type::BigInt();
  if (args.types.empty()) {
    b.reads_query_time = true;
    b.kernel = [](const Args&, int64_t n, const KernelContext& ctx) -> Result<ColumnPtr> {
      int64_t seconds = ctx.query_timestamp_micros / type::kMicrosPerSecond;
      return vector::MakeFixedColumn<int64_t>(type::BigInt(),
                                              std::vector<int64_t>(static_cast<size_t>(n), seconds));
    };
    return b;
  }
  type::TypeId id = args.types[0]->id();
  if (id == type::TypeId::kDate || id == type::TypeId::kTimestamp) {
    b.arg_types = {type::Timestamp()};
    if (args.types.size() > 1) b.arg_types.push_back(type::String());
    b.kernel = [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
      const int64_t* ts = a[0]->values<int64_t>();
      Args first{a[0]};
      return MapToFixed<int64_t>(first, n, type::BigInt(),
                                 [&](int64_t i) { return ts[i] / type::kMicrosPerSecond; });
    };
    return b;
  }
  RUNNEL_ASSIGN_OR_RAISE(auto t0, StringArgument(args, 0));
  b.arg_types = {t0};
  if (args.types.size() > 1) b.arg_types.push_back(type::String());
  RUNNEL_ASSIGN_OR_RAISE(auto literal, BindPattern(args, 1, kDefaultPattern));
  b.kernel = [literal](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
    return ParseColumn<int64_t>(a, n, type::BigInt(), literal,
                                [](int64_t micros) { return micros / type::kMicrosPerSecond; });
  };
  return b;
}

void RegisterUnixTime(FunctionRegistry& r) {
  ScalarFunction unix_timestamp;
  unix_timestamp.name = "unix_timestamp";
  unix_timestamp.signature = "unix_timestamp([ts | str[, fmt]])";
  unix_timestamp.description = "Seconds since 1970-01-01 00:00:00 UTC";
  unix_timestamp.min_args = 0;
  unix_timestamp.max_args = 2;
  unix_timestamp.bind = BindUnixTimestamp;
  r.AddScalar(unix_timestamp);
  unix_timestamp.name = "to_unix_timestamp";
  unix_timestamp.signature = "to_unix_timestamp(ts | str[, fmt])";
  unix_timestamp.min_args = 1;
  r.AddScalar(std::move(unix_timestamp));

  ScalarFunction from = SimpleScalar(
      "from_unixtime", "from_unixtime(seconds[, fmt])",
      "The instant as text, by default 'yyyy-MM-dd HH:mm:ss'", 1, 2,
      {BigIntArgument, StringArgument}, type::String(), nullptr);
  from.bind = [inner = from.bind](const BindArgs& args) -> Result<BoundScalar> {
    RUNNEL_ASSIGN_OR_RAISE(BoundScalar b, inner(args));
    RUNNEL_ASSIGN_OR_RAISE(auto literal, BindPattern(args, 1, kDefaultPattern));
    b.kernel = [literal](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
      RowPattern pattern(literal);
      Status error;
      const int64_t* seconds = a[0]->values<int64_t>();
      ColumnPtr out = MapToString(a, n, [&](int64_t i, std::string* text) {
        int64_t micros;
        if (__builtin_mul_overflow(seconds[i], type::kMicrosPerSecond, &micros)) return false;
        const DatetimePattern* p = pattern.At(a, 1, i, &error);
        if (p == nullptr) return false;
        p->FormatTo(micros, text);
        return true;
      });
      if (!error.ok()) return error;
      return out;
    };
    return b;
  };
  r.AddScalar(std::move(from));
}

// timestamp_seconds(1230219000.123): a DOUBLE or DECIMAL argument keeps its fraction. A DOUBLE's
// micros are truncated toward zero (NaN and infinities give NULL); a DECIMAL is exact, as
// Spark's BigDecimal.multiply(10^6).longValueExact() (where Spark fails on a fraction of a
// microsecond or an overflow, the result is NULL).
void AcceptFractionalSeconds(FunctionRegistry& r, const std::string& name) {
  ScalarFunction f = *r.FindScalar(name);
  f.bind = [integral = f.bind](const BindArgs& args) -> Result<BoundScalar> {
    type::TypeId id = args.types[0]->id();
    if (id == type::TypeId::kDecimal) {
      int scale = args.types[0]->scale();
      BoundScalar b{type::Timestamp(), {args.types[0]}, nullptr};
      b.kernel = [scale](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const type::int128_t* v = a[0]->values<type::int128_t>();
        return MapToFixed<int64_t>(a, n, type::Timestamp(), [&](int64_t i) -> std::optional<int64_t> {
          type::int128_t micros = v[i];
          if (scale <= 6) {
            type::int128_t factor = type::PowerOfTen(6 - scale);
            if (micros > INT64_MAX / factor || micros < INT64_MIN / factor) return std::nullopt;
            micros *= factor;
          } else {
            type::int128_t divisor = type::PowerOfTen(scale - 6);
            if (micros % divisor != 0) return std::nullopt;
            micros /= divisor;
          }
          if (micros < INT64_MIN || micros > INT64_MAX) return std::nullopt;
          return static_cast<int64_t>(micros);
        });
      };
      return b;
    }
    if (id != type::TypeId::kDouble) return integral(args);
    BoundScalar b{type::Timestamp(), {type::Double()}, nullptr};
    b.kernel = [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
      const double* v = a[0]->values<double>();
      return MapToFixed<int64_t>(a, n, type::Timestamp(), [&](int64_t i) -> std::optional<int64_t> {
        double micros = v[i] * static_cast<double>(type::kMicrosPerSecond);
        if (!std::isfinite(micros) || std::fabs(micros) >= 9.2e18) return std::nullopt;
        return static_cast<int64_t>(micros);
      });
    };
    return b;
  };
  r.AddScalar(std::move(f));
}

// timestamp_seconds / millis / micros (numbers to TIMESTAMP) and unix_seconds / millis / micros
// (TIMESTAMP to numbers, rounding toward negative infinity).
void RegisterEpochConversions(FunctionRegistry& r) {
  struct Unit {
    const char* suffix;
    int64_t micros;
  };
  for (Unit unit : {Unit{"seconds", type::kMicrosPerSecond}, Unit{"millis", 1000}, Unit{"micros", 1}}) {
    int64_t scale = unit.micros;
    std::string to_ts = std::string("timestamp_") + unit.suffix;
    r.AddScalar(SimpleScalar(
        to_ts, to_ts + "(n)", std::string("The instant n ") + unit.suffix + " after the epoch",
        1, 1, {BigIntArgument}, type::Timestamp(),
        [scale](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
          const int64_t* v = a[0]->values<int64_t>();
          return MapToFixed<int64_t>(a, n, type::Timestamp(), [&](int64_t i) -> std::optional<int64_t> {
            int64_t micros;
            if (__builtin_mul_overflow(v[i], scale, &micros)) return std::nullopt;
            return micros;
          });
        }));
    if (scale == type::kMicrosPerSecond) AcceptFractionalSeconds(r, to_ts);
    std::string to_number = std::string("unix_") + unit.suffix;
    r.AddScalar(SimpleScalar(
        to_number, to_number + "(ts)", std::string(unit.suffix) + " since the epoch", 1, 1,
        {TimestampArgument}, type::BigInt(),
        [scale](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
          const int64_t* ts = a[0]->values<int64_t>();
          return MapToFixed<int64_t>(a, n, type::BigInt(),
                                     [&](int64_t i) { return type::FloorDiv(ts[i], scale); });
        }));
  }
  r.AddScalar(SimpleScalar(
      "unix_date", "unix_date(date)", "Days since 1970-01-01", 1, 1, {DateArgument}, type::Int(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const int32_t* d = a[0]->values<int32_t>();
        return MapToFixed<int32_t>(a, n, type::Int(), [&](int64_t i) { return d[i]; });
      }));
  r.AddScalar(SimpleScalar(
      "date_from_unix_date", "date_from_unix_date(days)", "The date days after 1970-01-01", 1, 1,
      {IntArgument}, type::Date(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const int32_t* d = a[0]->values<int32_t>();
        return MapToFixed<int32_t>(a, n, type::Date(), [&](int64_t i) { return d[i]; });
      }));
}

}  // namespace

void RegisterDatetimeConversionFunctions(FunctionRegistry& registry) {
  RegisterCurrent(registry);
  RegisterParseAndFormat(registry);
  RegisterUnixTime(registry);
  RegisterEpochConversions(registry);
}

}  // namespace runnel::function
