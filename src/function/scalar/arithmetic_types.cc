#include "function/scalar/arithmetic_types.h"

#include <cmath>

#include "function/coercion.h"
#include "function/scalar/row_kernel.h"
#include "type/datetime.h"

namespace runnel::function {

using type::DataTypePtr;
using type::TypeId;
using vector::Column;
using vector::ColumnPtr;

namespace {

DataTypePtr NumericOperand(const DataTypePtr& t) {
  return t->id() == TypeId::kString ? type::Double() : t;
}

// An integer operand of decimal arithmetic: a literal keeps just its digits (Spark's
// DecimalType.fromLiteral), any other integer its type's full width.
DataTypePtr DecimalOperand(const DataTypePtr& t, const std::optional<type::Value>& constant) {
  if (t->id() == TypeId::kDecimal) return t;
  if (constant && !constant->is_null() && t->is_integral()) {
    return type::Decimal(type::DecimalDigits(constant->AsInt64()), 0);
  }
  return DecimalForIntegral(*t);
}

}  // namespace

Result<NumericOperands> ResolveNumericOperands(ArithmeticOp op, const BindArgs& args) {
  DataTypePtr a = NumericOperand(args.types[0]), b = NumericOperand(args.types[1]);
  for (const auto& t : {a, b}) {
    if (!t->is_numeric() && t->id() != TypeId::kNull) {
      return Status::Analysis("Operator '" + args.name + "' needs numeric operands, got " +
                              args.types[0]->ToString() + " and " + args.types[1]->ToString() +
                              ". Cast the operands to a number.");
    }
  }
  if (a->id() == TypeId::kNull && b->id() == TypeId::kNull) a = b = type::Double();
  if (a->id() == TypeId::kNull) a = b;
  if (b->id() == TypeId::kNull) b = a;
  bool any_double = a->id() == TypeId::kDouble || b->id() == TypeId::kDouble;
  bool any_decimal = a->id() == TypeId::kDecimal || b->id() == TypeId::kDecimal;
  if (any_decimal && !any_double) {
    return NumericOperands{DecimalOperand(a, args.constants[0]),
                           DecimalOperand(b, args.constants[1])};
  }
  if (op == ArithmeticOp::kDivide) return NumericOperands{type::Double(), type::Double()};
  if (op == ArithmeticOp::kIntegralDivide) return NumericOperands{type::BigInt(), type::BigInt()};
  if (any_double) return NumericOperands{type::Double(), type::Double()};
  DataTypePtr t =
      a->id() == TypeId::kBigInt || b->id() == TypeId::kBigInt ? type::BigInt() : type::Int();
  return NumericOperands{t, t};
}

bool IsTemporalArithmetic(const DataTypePtr& a, const DataTypePtr& b) {
  auto temporal = [](TypeId id) {
    return id == TypeId::kDate || id == TypeId::kTimestamp || id == TypeId::kInterval;
  };
  return temporal(a->id()) || temporal(b->id());
}

namespace {

enum class TemporalKernel {
  kAddInt64,        // TIMESTAMP + INTERVAL, INTERVAL + INTERVAL, INTERVAL + TIMESTAMP
  kSubInt64,        // TIMESTAMP - INTERVAL, TIMESTAMP - TIMESTAMP, INTERVAL - INTERVAL
  kAddDays,         // DATE + INT, INT + DATE
  kSubDays,         // DATE - INT
  kScaleByLong,     // INTERVAL * BIGINT (interval first)
  kScaleByDouble,   // INTERVAL * DOUBLE
  kDivideByLong,    // INTERVAL / BIGINT
  kDivideByDouble,  // INTERVAL / DOUBLE
};

int64_t DivideHalfUp(int64_t x, int64_t y) {
  int64_t q = x / y, r = x % y;
  uint64_t ar = r < 0 ? -static_cast<uint64_t>(r) : r;
  uint64_t ay = y < 0 ? -static_cast<uint64_t>(y) : y;
  if (ar >= ay - ar) q += ((x < 0) != (y < 0)) ? -1 : 1;
  return q;
}

bool RoundToMicros(double v, int64_t* out) {
  if (!std::isfinite(v) || std::fabs(v) >= 9.2e18) return false;
  *out = static_cast<int64_t>(std::round(v));  // half away from zero, as Java's HALF_UP
  return true;
}

ColumnPtr RunTemporal(TemporalKernel k, const DataTypePtr& t, const Column& a, const Column& b) {
  auto wrap_add = [](int64_t x, int64_t y) {
    return static_cast<int64_t>(static_cast<uint64_t>(x) + static_cast<uint64_t>(y));
  };
  auto wrap_sub = [](int64_t x, int64_t y) {
    return static_cast<int64_t>(static_cast<uint64_t>(x) - static_cast<uint64_t>(y));
  };
  switch (k) {
    case TemporalKernel::kAddInt64:
      return MapBinaryPure<int64_t, int64_t>(t, a, b, wrap_add);
    case TemporalKernel::kSubInt64:
      return MapBinaryPure<int64_t, int64_t>(t, a, b, wrap_sub);
    case TemporalKernel::kAddDays:
      return MapBinaryPure<int32_t, int32_t>(t, a, b, [](int32_t x, int32_t y) {
        return static_cast<int32_t>(static_cast<uint32_t>(x) + static_cast<uint32_t>(y));
      });
    case TemporalKernel::kSubDays:
      return MapBinaryPure<int32_t, int32_t>(t, a, b, [](int32_t x, int32_t y) {
        return static_cast<int32_t>(static_cast<uint32_t>(x) - static_cast<uint32_t>(y));
      });
    case TemporalKernel::kScaleByLong:
      return MapBinaryPure<int64_t, int64_t>(t, a, b, [](int64_t x, int64_t y) {
        return static_cast<int64_t>(static_cast<uint64_t>(x) * static_cast<uint64_t>(y));
      });
    case TemporalKernel::kDivideByLong:
      return MapBinary<int64_t, int64_t>(t, a, b, [](int64_t x, int64_t y, int64_t* out) {
        if (y == 0 || (y == -1 && x == std::numeric_limits<int64_t>::min())) return false;
        *out = DivideHalfUp(x, y);
        return true;
      });
    case TemporalKernel::kScaleByDouble:
    case TemporalKernel::kDivideByDouble: {
      bool divide = k == TemporalKernel::kDivideByDouble;
      const int64_t* x = a.values<int64_t>();
      const double* y = b.values<double>();
      return MapRows<int64_t>(t, a.length(), CombinedValidity({&a, &b}, a.length()),
                              [&](int64_t i, int64_t* out) {
                                if (divide && y[i] == 0) return false;
                                double v = static_cast<double>(x[i]);
                                return RoundToMicros(divide ? v / y[i] : v * y[i], out);
                              });
    }
  }
  return nullptr;
}

BoundScalar Temporal(TemporalKernel k, DataTypePtr result, DataTypePtr left, DataTypePtr right,
                     bool swap = false) {
  BoundScalar bound;
  bound.return_type = result;
  bound.arg_types = {left, right};
  bound.kernel = [k, result, swap](const std::vector<ColumnPtr>& c, int64_t,
                                   const KernelContext&) -> Result<ColumnPtr> {
    return swap ? RunTemporal(k, result, *c[1], *c[0]) : RunTemporal(k, result, *c[0], *c[1]);
  };
  return bound;
}

bool IsDateTime(TypeId id) { return id == TypeId::kDate || id == TypeId::kTimestamp; }

// DATE +- INTERVAL n DAYS stays a DATE, as Spark's DateAdd for a day-only interval. With a
// single DAY TO SECOND interval type, "day-only" is known only for a constant interval.
bool IsWholeDaysConstant(const BindArgs& args, size_t i) {
  const auto& c = args.constants[i];
  return c && !c->is_null() && c->type()->id() == TypeId::kInterval &&
         c->bigint_value() % type::kMicrosPerDay == 0;
}

BoundScalar DateShiftByInterval(bool subtract, bool interval_first) {
  BoundScalar bound;
  bound.return_type = type::Date();
  bound.arg_types = interval_first ? std::vector<DataTypePtr>{type::Interval(), type::Date()}
                                   : std::vector<DataTypePtr>{type::Date(), type::Interval()};
  bound.kernel = [subtract, interval_first](const std::vector<ColumnPtr>& c, int64_t n,
                                            const KernelContext&) -> Result<ColumnPtr> {
    const vector::Column& date = *c[interval_first ? 1 : 0];
    const vector::Column& interval = *c[interval_first ? 0 : 1];
    std::vector<int32_t> out(n);
    std::vector<uint8_t> valid;
    if (date.has_nulls() || interval.has_nulls()) valid.assign(n, 1);
    for (int64_t i = 0; i < n; ++i) {
      if (!valid.empty() && (date.IsNull(i) || interval.IsNull(i))) {
        valid[i] = 0;
        continue;
      }
      int64_t days = interval.values<int64_t>()[i] / type::kMicrosPerDay;
      out[i] = static_cast<int32_t>(date.values<int32_t>()[i] + (subtract ? -days : days));
    }
    return vector::MakeFixedColumn(type::Date(), std::move(out), valid);
  };
  return bound;
}
bool IsNumberOrNull(const type::DataType& t) {
  return t.is_numeric() || t.id() == TypeId::kNull || t.id() == TypeId::kString;
}

}  // namespace

Result<BoundScalar> BindTemporalArithmetic(ArithmeticOp op, const BindArgs& args) {
  const DataTypePtr& a = args.types[0];
  const DataTypePtr& b = args.types[1];
  TypeId x = a->id(), y = b->id();
  // An untyped NULL takes the shape that makes the expression valid.
  if (x == TypeId::kNull) x = y == TypeId::kInterval ? TypeId::kInterval : TypeId::kInt;
  if (y == TypeId::kNull) y = x == TypeId::kDate ? TypeId::kInt : TypeId::kInterval;
  auto ts = type::Timestamp();
  auto iv = type::Interval();
  bool x_int = x == TypeId::kInt, y_int = y == TypeId::kInt;
  switch (op) {
    case ArithmeticOp::kAdd:
      if (x == TypeId::kDate && y == TypeId::kInterval && IsWholeDaysConstant(args, 1))
        return DateShiftByInterval(false, false);
      if (x == TypeId::kInterval && y == TypeId::kDate && IsWholeDaysConstant(args, 0))
        return DateShiftByInterval(false, true);
      if (IsDateTime(x) && y == TypeId::kInterval)
        return Temporal(TemporalKernel::kAddInt64, ts, ts, iv);
      if (x == TypeId::kInterval && IsDateTime(y))
        return Temporal(TemporalKernel::kAddInt64, ts, iv, ts);
      if (x == TypeId::kInterval && y == TypeId::kInterval)
        return Temporal(TemporalKernel::kAddInt64, iv, iv, iv);
      if (x == TypeId::kDate && y_int)
        return Temporal(TemporalKernel::kAddDays, type::Date(), type::Date(), type::Int());
      if (x_int && y == TypeId::kDate)
        return Temporal(TemporalKernel::kAddDays, type::Date(), type::Int(), type::Date());
      break;
    case ArithmeticOp::kSubtract:
      if (x == TypeId::kDate && y == TypeId::kInterval && IsWholeDaysConstant(args, 1))
        return DateShiftByInterval(true, false);
      if (IsDateTime(x) && y == TypeId::kInterval)
        return Temporal(TemporalKernel::kSubInt64, ts, ts, iv);
      if (IsDateTime(x) && IsDateTime(y)) return Temporal(TemporalKernel::kSubInt64, iv, ts, ts);
      if (x == TypeId::kInterval && y == TypeId::kInterval)
        return Temporal(TemporalKernel::kSubInt64, iv, iv, iv);
      if (x == TypeId::kDate && y_int)
        return Temporal(TemporalKernel::kSubDays, type::Date(), type::Date(), type::Int());
      break;
    case ArithmeticOp::kMultiply:
    case ArithmeticOp::kDivide: {
      bool divide = op == ArithmeticOp::kDivide;
      bool interval_first = x == TypeId::kInterval && IsNumberOrNull(*b);
      bool interval_second = !divide && y == TypeId::kInterval && IsNumberOrNull(*a);
      if (!interval_first && !interval_second) break;
      const DataTypePtr& number = interval_first ? b : a;
      bool integral = number->is_integral();
      DataTypePtr factor = integral ? type::BigInt() : type::Double();
      TemporalKernel k =
          integral ? (divide ? TemporalKernel::kDivideByLong : TemporalKernel::kScaleByLong)
                   : (divide ? TemporalKernel::kDivideByDouble : TemporalKernel::kScaleByDouble);
      if (interval_first) return Temporal(k, iv, iv, factor);
      return Temporal(k, iv, factor, iv, /*swap=*/true);
    }
    default:
      break;
  }
  return Status::Analysis("Operator '" + args.name + "' is not defined for " + a->ToString() +
                          " and " + b->ToString() +
                          ". Supported: TIMESTAMP/DATE +- INTERVAL, TIMESTAMP - TIMESTAMP, DATE +- "
                          "INT, INTERVAL +- INTERVAL, INTERVAL * or / a number.");
}

}  // namespace runnel::function
