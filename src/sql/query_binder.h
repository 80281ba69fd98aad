// The SQL binder's query half: turns a parsed query (sql/ast_query.h) into an unresolved logical
// plan, the same kind the DataFrame API builds, so SQL and DataFrames mix freely and share the
// analyzer, optimizer and executor. Names of relations are looked up through the context;
// expressions go through sql/expr_converter.h.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "function/registry.h"
#include "plan/logical_plan.h"
#include "sql/ast.h"

namespace runnel::sql {

struct BindContext {
  // A table or view by (possibly qualified) name; `streaming` for STREAM(name). Errors should
  // say which names exist.
  std::function<Result<plan::PlanPtr>(const std::vector<std::string>& name, bool streaming)> relation;
  // A file relation: csv.`path`, json.`path`, parquet.`dir`, text.`path`.
  std::function<Result<plan::PlanPtr>(const std::string& format, const std::string& path)> file;
  // A table-valued function by lower-case name with constant arguments: range(10).
  std::function<Result<plan::PlanPtr>(const std::string& name, const std::vector<type::Value>& args)> table_function;
  const function::FunctionRegistry* registry = &function::FunctionRegistry::Builtins();
};

Result<plan::PlanPtr> BindQuery(const Query& query, const BindContext& context);

}  // namespace runnel::sql
