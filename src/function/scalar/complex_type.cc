// Struct, array and map constructors and access.
#include "function/registry.h"

namespace runnel::function {

void RegisterComplexTypeFunctions(FunctionRegistry& registry) {}

}  // namespace runnel::function
