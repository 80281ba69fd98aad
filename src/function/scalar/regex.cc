// LIKE, RLIKE, regexp_extract, regexp_replace.
#include "function/registry.h"

namespace runnel::function {

void RegisterRegexFunctions(FunctionRegistry& registry) {}

}  // namespace runnel::function
