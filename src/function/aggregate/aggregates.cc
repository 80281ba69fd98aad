// Aggregate functions: one family per file in this folder, registered here.
#include "function/aggregate/registration.h"

namespace runnel::function {

void RegisterAggregateFunctions(FunctionRegistry& registry) {
  RegisterCountAggregates(registry);
  RegisterSumAggregates(registry);
  RegisterMinMaxAggregates(registry);
  RegisterExtremumByAggregates(registry);
  RegisterFirstLastAggregates(registry);
  RegisterCollectAggregates(registry);
  RegisterHyperLogLogAggregates(registry);
  RegisterVarianceAggregates(registry);
  RegisterBooleanAggregates(registry);
}

}  // namespace runnel::function
