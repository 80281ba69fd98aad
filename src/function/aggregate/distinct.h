// DISTINCT for any aggregate: count(DISTINCT x), sum(DISTINCT x), count(DISTINCT a, b), ...
//
// The partial state of a group is the set of distinct argument tuples seen so far, as one
// ARRAY<T> field "distinct_values" (T is the argument type, or STRUCT<col1, col2, ...> for
// several arguments). Merge unions the sets; Finalize feeds every group's distinct tuples to a
// fresh aggregator of the wrapped function and returns its result. NULL arguments are kept as
// values of their own, so the wrapped function decides about them (count skips them).
#pragma once

#include "function/aggregate_function.h"

namespace runnel::function {

enum class DistinctMode {
  kDeduplicate,  // run the generic wrapper above
  kSameResult,   // DISTINCT changes nothing (min, max, collect_set, ...): ignore it
};

// `f` with a bind that honours distinct=true as `mode` says. Its own bind is always called with
// distinct=false.
AggregateFunction SupportDistinct(AggregateFunction f, DistinctMode mode);
// The DISTINCT version of an aggregate bound without DISTINCT (needs at least one argument).
BoundAggregate MakeDistinctAggregate(BoundAggregate inner);

}  // namespace runnel::function
