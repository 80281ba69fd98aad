// Argument checks shared by the scalar function families: which argument types a function
// accepts and the type the binder must cast each to (Spark's implicit casts for function
// arguments, non-ANSI), plus access to literal arguments.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "function/scalar_function.h"

namespace runnel::function {

// STRING for any atomic argument (Spark casts numbers, booleans, dates and binary to STRING
// for string functions) and for an untyped NULL; an analysis error for ARRAY, MAP and STRUCT.
Result<type::DataTypePtr> StringArgument(const BindArgs& args, size_t i);
// INT / BIGINT for numeric, STRING and NULL arguments.
Result<type::DataTypePtr> IntArgument(const BindArgs& args, size_t i);
Result<type::DataTypePtr> BigIntArgument(const BindArgs& args, size_t i);
// DATE for DATE, TIMESTAMP, STRING and NULL arguments.
Result<type::DataTypePtr> DateArgument(const BindArgs& args, size_t i);
// TIMESTAMP for DATE, TIMESTAMP, STRING and NULL arguments.
Result<type::DataTypePtr> TimestampArgument(const BindArgs& args, size_t i);

// Checks argument i with kinds[i] (the last kind repeats for variadic functions) and returns
// the types the kernel wants.
using ArgumentKind = Result<type::DataTypePtr> (*)(const BindArgs&, size_t);
Result<std::vector<type::DataTypePtr>> BindArgumentTypes(const BindArgs& args,
                                                         std::initializer_list<ArgumentKind> kinds);

// A function with fixed argument kinds, one result type and one kernel (the common case).
ScalarFunction SimpleScalar(std::string name, std::string signature, std::string description,
                            int min_args, int max_args, std::vector<ArgumentKind> kinds,
                            type::DataTypePtr return_type, ScalarKernel kernel);

// The literal value of argument i, or nullptr when it is not a literal.
const type::Value* ConstantArgument(const BindArgs& args, size_t i);
// A literal argument as text (numbers as Spark prints them); nullopt when the argument is not
// a literal or is NULL.
std::optional<std::string> ConstantText(const BindArgs& args, size_t i);
// True when argument i is a literal NULL (the whole result is then NULL).
bool IsConstantNull(const BindArgs& args, size_t i);

// "Function 'upper' argument 1 must be STRING, got ARRAY<INT>. ..." (kAnalysis).
Status ArgumentTypeError(const BindArgs& args, size_t i, const std::string& expected);

}  // namespace runnel::function
