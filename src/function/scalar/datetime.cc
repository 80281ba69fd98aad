// Date and time functions.
#include "function/registry.h"

namespace runnel::function {

void RegisterDatetimeFunctions(FunctionRegistry& registry) {}

}  // namespace runnel::function
