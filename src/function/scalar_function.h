// Scalar functions: one output row per input row, evaluated a whole column at a time.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "type/data_type.h"
#include "type/value.h"
#include "vector/column.h"

namespace runnel::function {

// What a kernel may know beyond its arguments.
struct KernelContext {
  // current_timestamp() / current_date(): fixed per query (per micro-batch in streaming, so a
  // re-run batch sees the same value).
  int64_t query_timestamp_micros = 0;
};

// Evaluates over columns that all have `num_rows` rows. Arguments arrive already cast to the
// BoundScalar's arg_types. A kernel never fails on bad data (Spark's non-ANSI semantics: an
// invalid input yields NULL); a failure is for conditions such as memory limits.
using ScalarKernel = std::function<Result<vector::ColumnPtr>(
    const std::vector<vector::ColumnPtr>& args, int64_t num_rows, const KernelContext& ctx)>;

// The argument types seen by Bind, and the values of arguments that are literals (constant
// folding, format strings, regex patterns, units).
struct BindArgs {
  std::vector<type::DataTypePtr> types;
  std::vector<std::optional<type::Value>> constants;  // same size as types
  // The function's name as written (for error messages).
  std::string name;
  // Per argument, the name Spark gives a named expression: a column's name, a struct field's
  // name (s.f), an alias; "" for any other argument. struct() names its fields after them.
  // Empty when the caller knows no names.
  std::vector<std::string> names = {};
};

struct BoundScalar {
  type::DataTypePtr return_type;
  // The types the kernel wants; the binder casts each argument to these. Same size as the
  // call's arguments.
  std::vector<type::DataTypePtr> arg_types;
  ScalarKernel kernel;
  bool deterministic = true;  // false for rand(), current_timestamp() when not per-query
  // When true, a NULL in any argument makes the result NULL and the kernel may ignore validity
  // (the evaluator does not rely on this; it is for the optimizer's null propagation).
  bool null_intolerant = true;
  // The result reads KernelContext::query_timestamp_micros (current_timestamp(), now()): fixed
  // within a query but known only when it runs, so it is never folded into a constant.
  bool reads_query_time = false;
};

struct ScalarFunction {
  std::string name;         // lower case, Spark's name
  std::string signature;    // "substring(str, pos[, len])"
  std::string description;  // one line
  int min_args = 0;
  int max_args = 0;  // -1: any number
  // Checks argument types and picks the kernel. Errors are kAnalysis and say which argument
  // is wrong and what was expected.
  std::function<Result<BoundScalar>(const BindArgs&)> bind;
};

}  // namespace runnel::function
