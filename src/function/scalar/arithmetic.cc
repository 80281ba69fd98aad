// Arithmetic operators: + - * / % div, unary minus and plus, pmod; the math functions live in
// math.cc. Types follow Spark 3.5 (non-ANSI):
//   INT op INT -> INT and BIGINT op BIGINT -> BIGINT, wrapping on overflow; any DOUBLE -> DOUBLE;
//   DECIMAL with an integer -> DECIMAL (the integer as DECIMAL(10,0)/(20,0), or a literal's own
//   digits), result precision by DecimalPrecision, overflow -> NULL; STRING operands -> DOUBLE;
//   "/" on integers -> DOUBLE; div -> BIGINT; x / 0, x % 0, x div 0 -> NULL.
//   TIMESTAMP/DATE +- INTERVAL -> TIMESTAMP; TIMESTAMP/DATE - TIMESTAMP/DATE -> INTERVAL;
//   DATE +- INT -> DATE; INTERVAL +- INTERVAL; INTERVAL * or / a number -> INTERVAL.
// Deviations from Spark: there is one INTERVAL type (DAY TO SECOND), so DATE + INTERVAL is
// always a TIMESTAMP (Spark keeps a DATE for an INTERVAL DAY) and DATE - DATE is a DAY TO
// SECOND interval; interval overflow wraps and INTERVAL / 0 is NULL (Spark fails the query);
// NULL op NULL is DOUBLE.
#include <cmath>
#include <limits>
#include <type_traits>

#include "function/coercion.h"
#include "function/registry.h"
#include "function/scalar/arithmetic_types.h"
#include "function/scalar/decimal_arithmetic.h"
#include "function/scalar/row_kernel.h"

namespace runnel::function {

using type::DataTypePtr;
using type::TypeId;
using vector::Column;
using vector::ColumnPtr;

namespace {

template <typename T>
T WrapAdd(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(x) + static_cast<U>(y));
}
template <typename T>
T WrapSub(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(x) - static_cast<U>(y));
}
template <typename T>
T WrapMul(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(x) * static_cast<U>(y));
}

// Integer % and pmod as Java: sign of the dividend, MIN % -1 == 0; NULL for % 0.
template <typename T>
bool IntRemainder(T x, T y, T* out) {
  if (y == 0) return false;
  *out = y == -1 ? 0 : x % y;
  return true;
}
template <typename T>
bool IntPmod(T x, T y, T* out) {
  if (!IntRemainder(x, y, out)) return false;
  if (*out < 0) IntRemainder(WrapAdd(*out, y), y, out);
  return true;
}

// The kernel for one typed operation on columns of the same physical type T.
template <typename T>
ColumnPtr IntegerKernel(ArithmeticOp op, const DataTypePtr& type, const Column& a,
                        const Column& b) {
  switch (op) {
    case ArithmeticOp::kAdd:
      return MapBinaryPure<T, T>(type, a, b, WrapAdd<T>);
    case ArithmeticOp::kSubtract:
      return MapBinaryPure<T, T>(type, a, b, WrapSub<T>);
    case ArithmeticOp::kMultiply:
      return MapBinaryPure<T, T>(type, a, b, WrapMul<T>);
    case ArithmeticOp::kRemainder:
      return MapBinary<T, T>(type, a, b, IntRemainder<T>);
    case ArithmeticOp::kPmod:
      return MapBinary<T, T>(type, a, b, IntPmod<T>);
    case ArithmeticOp::kIntegralDivide:
      return MapBinary<T, T>(type, a, b, [](T x, T y, T* out) {
        if (y == 0) return false;
        *out = y == -1 ? WrapSub<T>(0, x) : x / y;
        return true;
      });
    case ArithmeticOp::kDivide:
      break;  // integers divide as DOUBLE
  }
  return nullptr;
}

ColumnPtr DoubleKernel(ArithmeticOp op, const Column& a, const Column& b) {
  const DataTypePtr& t = type::Double();
  switch (op) {
    case ArithmeticOp::kAdd:
      return MapBinaryPure<double, double>(t, a, b, std::plus<double>());
    case ArithmeticOp::kSubtract:
      return MapBinaryPure<double, double>(t, a, b, std::minus<double>());
    case ArithmeticOp::kMultiply:
      return MapBinaryPure<double, double>(t, a, b, std::multiplies<double>());
    case ArithmeticOp::kDivide:
      return MapBinary<double, double>(t, a, b, [](double x, double y, double* out) {
        *out = x / y;
        return y != 0;
      });
    case ArithmeticOp::kRemainder:
    case ArithmeticOp::kPmod: {
      bool pmod = op == ArithmeticOp::kPmod;
      return MapBinary<double, double>(t, a, b, [pmod](double x, double y, double* out) {
        double r = std::fmod(x, y);
        if (pmod && r < 0) r = std::fmod(r + y, y);
        *out = r;
        return y != 0;
      });
    }
    case ArithmeticOp::kIntegralDivide:
      break;  // runs on BIGINT
  }
  return nullptr;
}

BoundScalar MakeBound(DataTypePtr result, std::vector<DataTypePtr> args,
                      std::function<ColumnPtr(const Column&, const Column&)> fn) {
  BoundScalar bound;
  bound.return_type = std::move(result);
  bound.arg_types = std::move(args);
  bound.kernel = [fn = std::move(fn)](const std::vector<ColumnPtr>& columns, int64_t,
                                      const KernelContext&) -> Result<ColumnPtr> {
    return fn(*columns[0], *columns[1]);
  };
  return bound;
}

Result<BoundScalar> BindNumeric(ArithmeticOp op, const BindArgs& args) {
  RUNNEL_ASSIGN_OR_RAISE(NumericOperands operands, ResolveNumericOperands(op, args));
  DataTypePtr left = operands.left, right = operands.right;
  switch (left->id()) {
    case TypeId::kDecimal: {
      DataTypePtr result = DecimalResultType(op, *left, *right);
      return MakeBound(result, {left, right}, [op, result](const Column& a, const Column& b) {
        return DecimalArithmetic(op, a, b, result);
      });
    }
    case TypeId::kDouble:
      return MakeBound(left, {left, left},
                       [op](const Column& a, const Column& b) { return DoubleKernel(op, a, b); });
    case TypeId::kInt:
      return MakeBound(left, {left, left}, [op](const Column& a, const Column& b) {
        return IntegerKernel<int32_t>(op, type::Int(), a, b);
      });
    default:
      return MakeBound(left, {left, left}, [op](const Column& a, const Column& b) {
        return IntegerKernel<int64_t>(op, type::BigInt(), a, b);
      });
  }
}

Result<BoundScalar> BindArithmetic(ArithmeticOp op, const BindArgs& args) {
  if (IsTemporalArithmetic(args.types[0], args.types[1])) return BindTemporalArithmetic(op, args);
  return BindNumeric(op, args);
}

ScalarFunction BinaryOperator(const char* name, const char* symbol, ArithmeticOp op,
                              const char* description) {
  ScalarFunction f;
  f.name = name;
  f.signature = std::string("a ") + symbol + " b";
  f.description = description;
  f.min_args = f.max_args = 2;
  f.bind = [op](const BindArgs& args) { return BindArithmetic(op, args); };
  return f;
}

template <typename T>
ColumnPtr NegateInteger(const DataTypePtr& t, const Column& a) {
  return MapUnaryPure<T, T>(t, a, [](T x) { return WrapSub<T>(0, x); });
}

Result<BoundScalar> BindUnary(const BindArgs& args, bool negate) {
  DataTypePtr t = args.types[0];
  if (t->id() == TypeId::kNull || t->id() == TypeId::kString) t = type::Double();
  if (!t->is_numeric() && t->id() != TypeId::kInterval) {
    return Status::Analysis("Function '" + args.name +
                            "' needs a numeric or interval argument, got " + t->ToString() + ".");
  }
  BoundScalar bound;
  bound.return_type = t;
  bound.arg_types = {t};
  bound.kernel = [t, negate](const std::vector<ColumnPtr>& c, int64_t,
                             const KernelContext&) -> Result<ColumnPtr> {
    const Column& a = *c[0];
    if (!negate) return c[0];
    switch (t->id()) {
      case TypeId::kInt:
        return NegateInteger<int32_t>(t, a);
      case TypeId::kDouble:
        return MapUnaryPure<double, double>(t, a, [](double x) { return -x; });
      case TypeId::kDecimal:
        return MapUnaryPure<type::int128_t, type::int128_t>(t, a,
                                                            [](type::int128_t x) { return -x; });
      default:
        return NegateInteger<int64_t>(t, a);
    }
  };
  return bound;
}

ScalarFunction UnaryOperator(const char* name, bool negate) {
  ScalarFunction f;
  f.name = name;
  f.signature = negate ? "-a" : "+a";
  f.description = negate ? "The negated value (integers wrap on overflow)." : "The value itself.";
  f.min_args = f.max_args = 1;
  f.bind = [negate](const BindArgs& args) { return BindUnary(args, negate); };
  return f;
}

}  // namespace

void RegisterArithmeticFunctions(FunctionRegistry& registry) {
  registry.AddScalar(BinaryOperator("add", "+", ArithmeticOp::kAdd, "Sum."));
  registry.AddScalar(BinaryOperator("subtract", "-", ArithmeticOp::kSubtract, "Difference."));
  registry.AddScalar(BinaryOperator("multiply", "*", ArithmeticOp::kMultiply, "Product."));
  registry.AddScalar(BinaryOperator("divide", "/", ArithmeticOp::kDivide,
                                    "Quotient as DOUBLE (DECIMAL for decimals); NULL for / 0."));
  registry.AddScalar(BinaryOperator("remainder", "%", ArithmeticOp::kRemainder,
                                    "Remainder with the sign of the dividend; NULL for % 0."));
  registry.AddScalar(BinaryOperator("div", "div", ArithmeticOp::kIntegralDivide,
                                    "Integral quotient as BIGINT, truncated; NULL for div 0."));
  ScalarFunction pmod =
      BinaryOperator("pmod", ",", ArithmeticOp::kPmod, "The positive remainder; NULL when b is 0.");
  pmod.signature = "pmod(a, b)";
  registry.AddScalar(std::move(pmod));
  registry.AddAlias("mod", "remainder");
  registry.AddScalar(UnaryOperator("negative", true));
  registry.AddScalar(UnaryOperator("positive", false));
  RegisterMathFunctions(registry);
}

}  // namespace runnel::function
