// Argument checks shared by the aggregate binders; errors are kAnalysis and name the argument.
#pragma once

#include <string>

#include "base/status.h"
#include "function/scalar_function.h"

namespace runnel::function {

// "Function 'sum' argument 1 must be a numeric value, got BOOLEAN."
Status ArgumentTypeError(const BindArgs& args, int index, const std::string& expected);
// A literal BOOLEAN argument (first(x, true)); `fallback` when the argument is absent.
Result<bool> ConstantBoolArgument(const BindArgs& args, int index, bool fallback);
// A literal numeric argument as a double (approx_count_distinct(x, 0.01)).
Result<double> ConstantDoubleArgument(const BindArgs& args, int index, double fallback);
// The type a numeric aggregate reads its input as: numbers as they are; STRING and NULL as
// DOUBLE (Spark's implicit cast); nullptr for anything else.
type::DataTypePtr NumericInputType(const type::DataTypePtr& type);

// Whether values of `type` have an order for min/max (maps do not, nor anything holding one).
bool IsOrderable(const type::DataType& type);

}  // namespace runnel::function
