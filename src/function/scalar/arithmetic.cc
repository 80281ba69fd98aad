// Arithmetic: + - * / % unary minus, abs, round, floor, ceil, sqrt, pow, mod.
#include "function/registry.h"

namespace runnel::function {

void RegisterArithmeticFunctions(FunctionRegistry& registry) {}

}  // namespace runnel::function
