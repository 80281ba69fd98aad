// How arithmetic picks its operand types (Spark's DecimalPrecision and ImplicitTypeCasts for
// numbers) and the DATE/TIMESTAMP/INTERVAL forms of + - * /.
#pragma once

#include "base/status.h"
#include "function/registry.h"
#include "function/scalar/decimal_arithmetic.h"
#include "function/scalar_function.h"

namespace runnel::function {

// The types the two operands are cast to. Equal, except for DECIMAL operands, which keep their
// own precision and scale (an integer becomes DECIMAL(10,0)/(20,0), an integer literal the
// DECIMAL of its digits, as Spark does).
struct NumericOperands {
  type::DataTypePtr left, right;
};
Result<NumericOperands> ResolveNumericOperands(ArithmeticOp op, const BindArgs& args);

// Whether either side is DATE, TIMESTAMP or INTERVAL.
bool IsTemporalArithmetic(const type::DataTypePtr& a, const type::DataTypePtr& b);
Result<BoundScalar> BindTemporalArithmetic(ArithmeticOp op, const BindArgs& args);

// abs, round, bround, floor, ceil, sqrt, pow, exp, ln, log, log10, log2, sign, greatest, least
// (math.cc).
void RegisterMathFunctions(FunctionRegistry& registry);

}  // namespace runnel::function
