// Comparisons: = <> < <= > >= <=>, IN.
#include "function/registry.h"

namespace runnel::function {

void RegisterComparisonFunctions(FunctionRegistry& registry) {}

}  // namespace runnel::function
