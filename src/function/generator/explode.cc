// explode, explode_outer, posexplode.
#include "function/registry.h"

namespace runnel::function {

void RegisterGeneratorFunctions(FunctionRegistry& registry) {}

}  // namespace runnel::function
