// Aggregate functions.
#include "function/registry.h"

namespace runnel::function {

void RegisterAggregateFunctions(FunctionRegistry& registry) {}

}  // namespace runnel::function
