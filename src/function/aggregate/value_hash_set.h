// A hash set of type::Value with Spark's grouping equality (NULL == NULL, NaN == NaN,
// -0.0 == 0.0), for collect_set and DISTINCT aggregates.
#pragma once

#include <unordered_set>

#include "type/value.h"

namespace runnel::function {

struct ValueHash {
  size_t operator()(const type::Value& v) const { return static_cast<size_t>(v.Hash()); }
};
struct ValueEqual {
  bool operator()(const type::Value& a, const type::Value& b) const { return a.Equals(b); }
};
using ValueHashSet = std::unordered_set<type::Value, ValueHash, ValueEqual>;

}  // namespace runnel::function
