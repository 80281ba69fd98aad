// Invariant checks: a failed check is a bug in Runnel, never a user error.
#pragma once

namespace runnel::base {
[[noreturn]] void CheckFailed(const char* file, int line, const char* condition);
}  // namespace runnel::base

#define RUNNEL_CHECK(cond) \
  ((cond) ? (void)0 : ::runnel::base::CheckFailed(__FILE__, __LINE__, #cond))

#ifdef NDEBUG
#define RUNNEL_DCHECK(cond) ((void)0)
#else
#define RUNNEL_DCHECK(cond) RUNNEL_CHECK(cond)
#endif
