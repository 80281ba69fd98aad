// String functions.
#include "function/registry.h"

namespace runnel::function {

void RegisterStringFunctions(FunctionRegistry& registry) {}

}  // namespace runnel::function
