// Every function accepts untyped NULL arguments (the binder casts them to arg_types), except
// where an argument must be a non-NULL constant (a field name, a sort direction).
#include <gtest/gtest.h>

#include <set>

#include "function/scalar/test_evaluator.h"

namespace runnel::function {
namespace {

const char* const kFunctions[] = {"add",
                                  "subtract",
                                  "multiply",
                                  "divide",
                                  "remainder",
                                  "mod",
                                  "div",
                                  "pmod",
                                  "negative",
                                  "positive",
                                  "abs",
                                  "sign",
                                  "signum",
                                  "round",
                                  "bround",
                                  "floor",
                                  "ceil",
                                  "ceiling",
                                  "sqrt",
                                  "exp",
                                  "ln",
                                  "log",
                                  "log10",
                                  "log2",
                                  "pow",
                                  "power",
                                  "greatest",
                                  "least",
                                  "equal",
                                  "not_equal",
                                  "less",
                                  "less_equal",
                                  "greater",
                                  "greater_equal",
                                  "equal_null_safe",
                                  "in",
                                  "between",
                                  "and",
                                  "or",
                                  "not",
                                  "isnull",
                                  "isnotnull",
                                  "coalesce",
                                  "ifnull",
                                  "nvl",
                                  "nvl2",
                                  "case_when",
                                  "if",
                                  "nullif",
                                  "isnan",
                                  "nanvl",
                                  "struct",
                                  "array",
                                  "map",
                                  "size",
                                  "cardinality",
                                  "element_at",
                                  "get_item",
                                  "hash",
                                  "xxhash64"};

// Functions that reject a NULL where Spark needs a constant.
const std::set<std::string> kNeedsConstant = {"named_struct", "get_field", "sort_array"};

TEST(NullArgumentTest, EveryFunctionBindsAndRunsOnNulls) {
  const auto& registry = FunctionRegistry::Builtins();
  for (const char* name : kFunctions) {
    const ScalarFunction* f = registry.FindScalar(name);
    ASSERT_NE(f, nullptr) << name;
    int max = f->max_args < 0 ? 4 : std::min(f->max_args, 4);
    for (int arity = std::max(f->min_args, 1); arity <= max; ++arity) {
      if (std::string(name) == "map" && arity % 2 == 1) continue;  // pairs only
      std::vector<vector::ColumnPtr> args(arity, vector::MakeNullColumn(type::Null(), 3));
      auto out = testing::EvaluateColumns(name, args, 3, true);
      ASSERT_TRUE(out.ok()) << name << "/" << arity << ": " << out.status().ToString();
      // Functions of NULL are NULL, except the NULL tests and hashes.
      std::set<std::string> not_null = {
          "equal_null_safe", "isnull", "isnotnull", "isnan", "size", "cardinality", "hash",
          "xxhash64",        "struct", "array",     "map"};
      if (!not_null.count(name)) {
        EXPECT_EQ((*out)->null_count(), 3) << name << "/" << arity;
      }
    }
  }
}

TEST(NullArgumentTest, ConstantArgumentsMustNotBeNull) {
  for (const auto& name : kNeedsConstant) {
    std::vector<vector::ColumnPtr> args(2, vector::MakeNullColumn(type::Null(), 1));
    EXPECT_FALSE(testing::EvaluateColumns(name, args, 1, true).ok()) << name;
  }
}

}  // namespace
}  // namespace runnel::function
