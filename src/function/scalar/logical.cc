// Logic and NULL handling: AND OR NOT, IS [NOT] NULL, COALESCE, CASE WHEN, IF.
#include "function/registry.h"

namespace runnel::function {

void RegisterLogicalFunctions(FunctionRegistry& registry) {}

}  // namespace runnel::function
