// Math functions with Spark 3.5's types:
//   abs(x): same type (INT/BIGINT wrap at the minimum); sign/signum(x): DOUBLE;
//   round(x[, d]) HALF_UP and bround(x[, d]) HALF_EVEN: INT/BIGINT/DOUBLE keep their type, a
//   DOUBLE rounds its shortest decimal text (so round(2.675, 2) = 2.68 as in Spark),
//   DECIMAL(p, s) -> DECIMAL(p - s + 1 + min(s, d), min(s, d)); d must be a constant;
//   floor/ceil(x): BIGINT for INT/BIGINT/DOUBLE, DECIMAL(p - s + 1, 0) for DECIMAL;
//   sqrt, exp, pow, ln, log(x) / log(base, x), log10, log2: DOUBLE; logarithms of x <= 0 are
//   NULL; greatest/least: the common type of the arguments, NULLs skipped.
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include "function/coercion.h"
#include "function/scalar/arithmetic_types.h"
#include "function/scalar/definition.h"
#include "function/scalar/row_compare.h"
#include "function/scalar/row_kernel.h"
#include "vector/column_builder.h"

namespace runnel::function {

using type::DataTypePtr;
using type::int128_t;
using type::TypeId;
using vector::Column;
using vector::ColumnPtr;

namespace {

Status NeedsNumber(const BindArgs& args, size_t i) {
  return Status::Analysis("Function '" + args.name + "' needs a numeric argument " +
                          std::to_string(i + 1) + ", got " + args.types[i]->ToString() + ".");
}

// STRING and NULL arguments of math functions become DOUBLE.
Result<DataTypePtr> MathOperand(const BindArgs& args, size_t i) {
  const DataTypePtr& t = args.types[i];
  if (t->id() == TypeId::kNull || t->id() == TypeId::kString) return type::Double();
  if (!t->is_numeric()) return NeedsNumber(args, i);
  return t;
}

BoundScalar Unary(DataTypePtr result, DataTypePtr arg, std::function<ColumnPtr(const Column&)> fn) {
  BoundScalar bound;
  bound.return_type = std::move(result);
  bound.arg_types = {std::move(arg)};
  bound.kernel = [fn = std::move(fn)](const std::vector<ColumnPtr>& c, int64_t,
                                      const KernelContext&) -> Result<ColumnPtr> {
    return fn(*c[0]);
  };
  return bound;
}

// A DOUBLE -> DOUBLE function; `positive_only` makes x <= 0 NULL (Spark's logarithms: a NaN
// is not <= 0, so it gives NaN).
ScalarFunction DoubleFunction(const char* name, const char* description, double (*fn)(double),
                              bool positive_only = false) {
  return DefineScalar(name, (std::string(name) + "(x)").c_str(), description, 1, 1,
                      [fn, positive_only](const BindArgs& args) -> Result<BoundScalar> {
                        RUNNEL_ASSIGN_OR_RAISE(auto t, MathOperand(args, 0));
                        (void)t;
                        auto d = type::Double();
                        return Unary(d, d, [fn, positive_only, d](const Column& a) -> ColumnPtr {
                          if (!positive_only) return MapUnaryPure<double, double>(d, a, fn);
                          const double* x = a.values<double>();
                          return MapRows<double>(d, a.length(), ValidityBytes(a),
                                                 [&](int64_t i, double* out) {
                                                   *out = fn(x[i]);
                                                   return !(x[i] <= 0);
                                                 });
                        });
                      });
}

// ---- abs, sign ----

Result<BoundScalar> BindAbs(const BindArgs& args) {
  RUNNEL_ASSIGN_OR_RAISE(auto t, MathOperand(args, 0));
  return Unary(t, t, [t](const Column& a) -> ColumnPtr {
    switch (t->id()) {
      case TypeId::kInt:
        return MapUnaryPure<int32_t, int32_t>(t, a, [](int32_t x) {
          return x < 0 ? static_cast<int32_t>(0u - static_cast<uint32_t>(x)) : x;
        });
      case TypeId::kBigInt:
        return MapUnaryPure<int64_t, int64_t>(t, a, [](int64_t x) {
          return x < 0 ? static_cast<int64_t>(0ull - static_cast<uint64_t>(x)) : x;
        });
      case TypeId::kDecimal:
        return MapUnaryPure<int128_t, int128_t>(t, a, [](int128_t x) { return x < 0 ? -x : x; });
      default:
        return MapUnaryPure<double, double>(t, a, [](double x) { return std::fabs(x); });
    }
  });
}

double Signum(double x) {
  if (std::isnan(x) || x == 0) return x;
  return x > 0 ? 1.0 : -1.0;
}

// ---- round, bround ----

// Rounds a double as Spark does: BigDecimal(Double.toString(x)).setScale(d, mode).toDouble.
double RoundDouble(double x, int d, bool half_even) {
  if (!std::isfinite(x)) return x;
  // Fast path: when x * 10^d is small and clearly away from a tie, rounding it as a double
  // decides the same way as the decimal text, and rounded / 10^d (both exact) is the closest
  // double to the decimal result.
  static constexpr double kPowers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
  if (d >= 0 && d <= 8) {
    double y = std::fabs(x) * kPowers[d];
    if (y < 1e6) {
      double whole = std::floor(y);
      double fraction = y - whole;
      if (std::fabs(fraction - 0.5) > 1e-6) {
        double rounded = (fraction > 0.5 ? whole + 1 : whole) / kPowers[d];
        return rounded == 0 ? 0.0 : std::copysign(rounded, x);
      }
    }
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string text(buf, res.ptr);  // [-]D.DDDDe[+-]XX
  bool negative = text[0] == '-';
  if (negative) text.erase(0, 1);
  size_t e = text.find('e');
  int exponent = std::atoi(text.c_str() + e + 1);
  std::string digits;
  for (size_t i = 0; i < e; ++i) {
    if (text[i] != '.') digits += text[i];
  }
  // value = digits * 10^(exponent - (len - 1)); keep the digits at or above 10^-d.
  int low_power = exponent - static_cast<int>(digits.size()) + 1;
  int drop = -d - low_power;
  if (drop <= 0) return x;
  std::string kept =
      drop >= static_cast<int>(digits.size()) ? "0" : digits.substr(0, digits.size() - drop);
  std::string dropped = drop >= static_cast<int>(digits.size())
                            ? std::string(drop - digits.size(), '0') + digits
                            : digits.substr(digits.size() - drop);
  bool rest_zero = dropped.find_first_not_of('0', 1) == std::string::npos;
  bool up = dropped[0] > '5' ||
            (dropped[0] == '5' && (!half_even || !rest_zero || (kept.back() - '0') % 2 == 1));
  if (up) {
    int i = static_cast<int>(kept.size()) - 1;
    while (i >= 0 && kept[i] == '9') kept[i--] = '0';
    if (i < 0) {
      kept.insert(kept.begin(), '1');
    } else {
      ++kept[i];
    }
  }
  std::string out = (negative ? "-" : "") + kept + "e" + std::to_string(-d);
  double v = std::strtod(out.c_str(), nullptr);
  return v == 0 ? 0.0 : v;  // BigDecimal has no negative zero
}

// Integers rounded to 10^-d (d < 0), Java's BigDecimal.setScale then intValue/longValue.
template <typename T>
T RoundInteger(T x, int d, bool half_even) {
  if (d >= 0) return x;
  return static_cast<T>(RoundDroppingDigits(x, -d, half_even) * type::PowerOfTen(-d));
}

Result<BoundScalar> BindRound(const BindArgs& args, bool half_even) {
  RUNNEL_ASSIGN_OR_RAISE(auto t, MathOperand(args, 0));
  int d = 0;
  bool null_scale = false;  // round(x, NULL) is NULL
  if (args.types.size() == 2) {
    const auto& c = args.constants[1];
    if (!c || (!args.types[1]->is_integral() && args.types[1]->id() != TypeId::kNull)) {
      return Status::Analysis("Function '" + args.name +
                              "' needs a constant integer scale as its second argument.");
    }
    null_scale = c->is_null();
    if (!null_scale) d = static_cast<int>(c->AsInt64());
  }
  std::vector<DataTypePtr> arg_types{t};
  if (args.types.size() == 2) arg_types.push_back(type::Int());
  DataTypePtr result = t;
  if (t->id() == TypeId::kDecimal) {
    int p = t->precision(), s = t->scale();
    int integral = p - s + 1;
    result = d < 0 ? type::Decimal(std::min(std::max(integral, -d + 1), 38), 0)
                   : type::Decimal(std::min(integral + std::min(s, d), 38), std::min(s, d));
  }
  BoundScalar bound;
  bound.return_type = result;
  bound.arg_types = arg_types;
  bound.kernel = [t, d, half_even, result, null_scale](const std::vector<ColumnPtr>& c, int64_t n,
                                                       const KernelContext&) -> Result<ColumnPtr> {
    if (null_scale) return vector::MakeNullColumn(result, n);
    const Column& a = *c[0];
    switch (t->id()) {
      case TypeId::kInt:
        return MapUnaryPure<int32_t, int32_t>(
            t, a, [=](int32_t x) { return RoundInteger(x, d, half_even); });
      case TypeId::kBigInt:
        return MapUnaryPure<int64_t, int64_t>(
            t, a, [=](int64_t x) { return RoundInteger(x, d, half_even); });
      case TypeId::kDecimal: {
        int s = t->scale();
        return MapRows<int128_t>(
            result, a.length(), ValidityBytes(a), [&](int64_t i, int128_t* out) {
              int128_t v =
                  RoundDroppingDigits(a.values<int128_t>()[i], std::max(s - d, 0), half_even);
              if (d < 0) v *= type::PowerOfTen(-d);
              *out = v;
              return v == 0 || type::DecimalDigits(v) <= result->precision();
            });
      }
      default:
        return MapUnaryPure<double, double>(t, a,
                                            [=](double x) { return RoundDouble(x, d, half_even); });
    }
  };
  return bound;
}

// ---- floor, ceil ----

Result<BoundScalar> BindFloorCeil(const BindArgs& args, bool ceil) {
  RUNNEL_ASSIGN_OR_RAISE(auto t, MathOperand(args, 0));
  if (t->id() == TypeId::kDecimal) {
    auto result = type::Decimal(std::min(t->precision() - t->scale() + 1, 38), 0);
    int s = t->scale();
    return Unary(result, t, [result, s, ceil](const Column& a) {
      int128_t factor = type::PowerOfTen(s);
      return MapUnaryPure<int128_t, int128_t>(result, a, [=](int128_t x) {
        int128_t q = x / factor, r = x % factor;
        if (r != 0 && (ceil ? r > 0 : r < 0)) q += ceil ? 1 : -1;
        return q;
      });
    });
  }
  auto big = type::BigInt();
  if (t->is_integral()) {
    return Unary(big, big, [](const Column& a) -> ColumnPtr {
      return MapUnaryPure<int64_t, int64_t>(type::BigInt(), a, [](int64_t x) { return x; });
    });
  }
  return Unary(big, t, [ceil](const Column& a) {
    return MapUnaryPure<double, int64_t>(type::BigInt(), a, [ceil](double x) -> int64_t {
      double r = ceil ? std::ceil(x) : std::floor(x);
      if (std::isnan(r)) return 0;
      if (r >= 9223372036854775807.0) return std::numeric_limits<int64_t>::max();
      if (r <= -9223372036854775808.0) return std::numeric_limits<int64_t>::min();
      return static_cast<int64_t>(r);
    });
  });
}

// ---- pow, log(base, x) ----

Result<BoundScalar> BindBinaryDouble(const BindArgs& args, bool logarithm) {
  for (size_t i = 0; i < args.types.size(); ++i) RUNNEL_RETURN_NOT_OK(MathOperand(args, i));
  auto d = type::Double();
  BoundScalar bound;
  bound.return_type = d;
  bound.arg_types = std::vector<DataTypePtr>(args.types.size(), d);
  bound.kernel = [logarithm, d](const std::vector<ColumnPtr>& c, int64_t,
                                const KernelContext&) -> Result<ColumnPtr> {
    if (c.size() == 1) {  // log(x) is ln(x)
      const double* x = c[0]->values<double>();
      return MapRows<double>(d, c[0]->length(), ValidityBytes(*c[0]), [&](int64_t i, double* out) {
        *out = std::log(x[i]);
        return !(x[i] <= 0);
      });
    }
    if (!logarithm) {
      return MapBinaryPure<double, double>(d, *c[0], *c[1],
                                           [](double x, double y) { return std::pow(x, y); });
    }
    return MapBinary<double, double>(d, *c[0], *c[1], [](double base, double x, double* out) {
      *out = std::log(x) / std::log(base);
      return !(base <= 0 || x <= 0);
    });
  };
  return bound;
}

// ---- greatest, least ----

Result<BoundScalar> BindExtreme(const BindArgs& args, bool greatest) {
  DataTypePtr t = CommonType(args.types);
  if (!t || t->id() == TypeId::kMap) {
    return Status::Analysis("Function '" + args.name +
                            "' needs arguments of one comparable type; got incompatible types.");
  }
  if (t->id() == TypeId::kNull) t = type::Null();
  BoundScalar bound;
  bound.return_type = t;
  bound.arg_types = std::vector<DataTypePtr>(args.types.size(), t);
  bound.null_intolerant = false;
  bound.kernel = [t, greatest](const std::vector<ColumnPtr>& c, int64_t n,
                               const KernelContext&) -> Result<ColumnPtr> {
    if (t->id() == TypeId::kNull) return vector::MakeNullColumn(t, n);
    // Which argument wins each row (-1: every argument NULL).
    std::vector<int32_t> winner(n, -1);
    for (size_t a = 0; a < c.size(); ++a) {
      const Column& col = *c[a];
      for (int64_t i = 0; i < n; ++i) {
        if (col.IsNull(i)) continue;
        int32_t w = winner[i];
        if (w < 0) {
          winner[i] = static_cast<int32_t>(a);
          continue;
        }
        int cmp = CompareCells(col, i, *c[w], i);
        if (greatest ? cmp > 0 : cmp < 0) winner[i] = static_cast<int32_t>(a);
      }
    }
    vector::ColumnBuilder builder(t);
    builder.Reserve(n);
    for (int64_t i = 0; i < n; ++i) {
      if (winner[i] < 0) {
        builder.AppendNull();
      } else {
        builder.AppendFrom(*c[winner[i]], i);
      }
    }
    return builder.Finish();
  };
  return bound;
}

}  // namespace

void RegisterMathFunctions(FunctionRegistry& registry) {
  registry.AddScalar(DefineScalar("abs", "abs(x)", "Absolute value.", 1, 1, BindAbs));
  registry.AddScalar(DoubleFunction("sign", "-1.0, 0.0 or 1.0 by the sign of x (DOUBLE).", Signum));
  registry.AddAlias("signum", "sign");
  registry.AddScalar(DefineScalar("round", "round(x[, d])",
                                  "x rounded HALF_UP to d decimal places.", 1, 2,
                                  [](const BindArgs& a) { return BindRound(a, false); }));
  registry.AddScalar(DefineScalar("bround", "bround(x[, d])",
                                  "x rounded HALF_EVEN to d decimal places.", 1, 2,
                                  [](const BindArgs& a) { return BindRound(a, true); }));
  registry.AddScalar(DefineScalar("floor", "floor(x)", "Largest integer <= x.", 1, 1,
                                  [](const BindArgs& a) { return BindFloorCeil(a, false); }));
  registry.AddScalar(DefineScalar("ceil", "ceil(x)", "Smallest integer >= x.", 1, 1,
                                  [](const BindArgs& a) { return BindFloorCeil(a, true); }));
  registry.AddAlias("ceiling", "ceil");
  registry.AddScalar(DoubleFunction("sqrt", "Square root (NaN for x < 0).",
                                    [](double x) { return std::sqrt(x); }));
  registry.AddScalar(DoubleFunction("exp", "e raised to x.", [](double x) { return std::exp(x); }));
  registry.AddScalar(DoubleFunction(
      "ln", "Natural logarithm; NULL for x <= 0.", [](double x) { return std::log(x); }, true));
  registry.AddScalar(DoubleFunction(
      "log10", "Base-10 logarithm; NULL for x <= 0.", [](double x) { return std::log10(x); },
      true));
  // Spark's log2 is StrictMath.log(x) / StrictMath.log(2), not a correctly rounded log2: the
  // two differ in the last digit for some x (log2(10) = 3.3219280948873626).
  registry.AddScalar(DoubleFunction(
      "log2", "Base-2 logarithm; NULL for x <= 0.",
      [](double x) { return std::log(x) / std::log(2.0); }, true));
  registry.AddScalar(DefineScalar("log", "log([base, ]x)",
                                  "Logarithm of x (natural, or in base); NULL for x <= 0.", 1, 2,
                                  [](const BindArgs& a) { return BindBinaryDouble(a, true); }));
  registry.AddScalar(DefineScalar("pow", "pow(x, y)", "x raised to y (DOUBLE).", 2, 2,
                                  [](const BindArgs& a) { return BindBinaryDouble(a, false); }));
  registry.AddAlias("power", "pow");
  registry.AddScalar(DefineScalar("greatest", "greatest(a, b, ...)",
                                  "The largest non-NULL argument.", 2, -1,
                                  [](const BindArgs& a) { return BindExtreme(a, true); }));
  registry.AddScalar(DefineScalar("least", "least(a, b, ...)", "The smallest non-NULL argument.", 2,
                                  -1, [](const BindArgs& a) { return BindExtreme(a, false); }));
}

}  // namespace runnel::function
