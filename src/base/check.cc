#include "base/check.h"

#include <cstdio>
#include <cstdlib>

namespace runnel::base {
void CheckFailed(const char* file, int line, const char* condition) {
  std::fprintf(stderr, "runnel: internal check failed at %s:%d: %s\n", file, line, condition);
  std::abort();
}
}  // namespace runnel::base
