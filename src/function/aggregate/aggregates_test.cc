#include <gtest/gtest.h>

#include "function/registry.h"

namespace runnel::function {
namespace {

TEST(AggregateRegistryTest, EveryNameAndAliasResolves) {
  const FunctionRegistry& registry = FunctionRegistry::Builtins();
  for (const char* name : {"count",      "count_if",    "sum",
                           "avg",        "mean",        "min",
                           "max",        "min_by",      "max_by",
                           "first",      "first_value", "last",
                           "last_value", "any_value",   "collect_list",
                           "array_agg",  "collect_set", "approx_count_distinct",
                           "stddev",     "std",         "stddev_samp",
                           "stddev_pop", "variance",    "var_samp",
                           "var_pop",    "bool_and",    "every",
                           "bool_or",    "any",         "some"}) {
    EXPECT_NE(registry.FindAggregate(name), nullptr) << name;
  }
  EXPECT_NE(registry.FindAggregate("COUNT"), nullptr);
  EXPECT_EQ(registry.FindAggregate("median"), nullptr);
}

}  // namespace
}  // namespace runnel::function
