// The function registry: every built-in function by its Spark name. Families register
// themselves explicitly (no static initializers), see RegisterBuiltins().
#pragma once

#include <map>
#include <string>
#include <vector>

#include "function/aggregate_function.h"
#include "function/generator_function.h"
#include "function/scalar_function.h"

namespace runnel::function {

class FunctionRegistry {
 public:
  void AddScalar(ScalarFunction f);
  void AddAggregate(AggregateFunction f);
  void AddGenerator(GeneratorFunction f);
  // Another name for an existing function (e.g. "ucase" for "upper").
  void AddAlias(const std::string& alias, const std::string& target);

  // Case-insensitive; nullptr when absent.
  const ScalarFunction* FindScalar(const std::string& name) const;
  const AggregateFunction* FindAggregate(const std::string& name) const;
  const GeneratorFunction* FindGenerator(const std::string& name) const;

  // Every name (for "Did you mean" and SHOW FUNCTIONS), sorted.
  std::vector<std::string> Names() const;
  // (name, signature, description) of every function, sorted by name.
  struct Description {
    std::string name, kind, signature, description;
  };
  std::vector<Description> Describe() const;

  // The registry with every built-in function; built once, then read-only and thread-safe.
  static const FunctionRegistry& Builtins();

 private:
  std::string Canonical(const std::string& name) const;

  std::map<std::string, ScalarFunction> scalars_;
  std::map<std::string, AggregateFunction> aggregates_;
  std::map<std::string, GeneratorFunction> generators_;
  std::map<std::string, std::string> aliases_;
};

// One per family, each defined in its own file under scalar/, aggregate/, generator/.
void RegisterArithmeticFunctions(FunctionRegistry& registry);   // + - * / % negate, abs, round...
void RegisterComparisonFunctions(FunctionRegistry& registry);   // = <> < <= > >= <=> in, between
void RegisterLogicalFunctions(FunctionRegistry& registry);      // and or not, isnull, coalesce, case
void RegisterStringFunctions(FunctionRegistry& registry);
void RegisterRegexFunctions(FunctionRegistry& registry);        // like, rlike, regexp_*
void RegisterDatetimeFunctions(FunctionRegistry& registry);
void RegisterComplexTypeFunctions(FunctionRegistry& registry);  // struct, array, map access
void RegisterHashFunctions(FunctionRegistry& registry);
void RegisterAggregateFunctions(FunctionRegistry& registry);
void RegisterGeneratorFunctions(FunctionRegistry& registry);
void RegisterTimeWindowFunctions(FunctionRegistry& registry);   // window, window_time, session_window

}  // namespace runnel::function
