// hash(): Spark's Murmur3 hash.
#include "function/registry.h"

namespace runnel::function {

void RegisterHashFunctions(FunctionRegistry& registry) {}

}  // namespace runnel::function
