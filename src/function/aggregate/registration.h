// The aggregate families, each registered from its own file by RegisterAggregateFunctions().
#pragma once

#include "function/registry.h"

namespace runnel::function {

void RegisterCountAggregates(FunctionRegistry& registry);        // count, count_if
void RegisterSumAggregates(FunctionRegistry& registry);          // sum, avg/mean
void RegisterMinMaxAggregates(FunctionRegistry& registry);       // min, max
void RegisterExtremumByAggregates(FunctionRegistry& registry);   // min_by, max_by
void RegisterFirstLastAggregates(FunctionRegistry& registry);    // first, last, any_value
void RegisterCollectAggregates(FunctionRegistry& registry);      // collect_list, collect_set
void RegisterHyperLogLogAggregates(FunctionRegistry& registry);  // approx_count_distinct
void RegisterVarianceAggregates(FunctionRegistry& registry);     // stddev*, var*
void RegisterBooleanAggregates(FunctionRegistry& registry);      // bool_and, bool_or

}  // namespace runnel::function
