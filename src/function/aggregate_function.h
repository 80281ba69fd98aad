// Aggregate functions. Every aggregate keeps a mergeable partial state per group, described as
// ordinary typed fields (like Spark's aggregation buffer), so that:
//   partial aggregation = Update() then States();
//   final aggregation   = Merge(states) then Finalize();
//   streaming           = States() stored in the state store, merged back next batch.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "function/scalar_function.h"
#include "type/data_type.h"
#include "vector/column.h"

namespace runnel::function {

// The states of many groups, addressed by dense group ids 0..num_groups-1.
class GroupedAggregator {
 public:
  virtual ~GroupedAggregator() = default;
  // Makes room for groups [0, num_groups); new groups start empty. Never shrinks.
  virtual void Resize(int64_t num_groups) = 0;
  // Folds raw input rows into their groups. `args` are the call's arguments (cast to the bound
  // arg_types), each `num_rows` long; group_ids[i] is row i's group.
  virtual Status Update(const std::vector<vector::ColumnPtr>& args, const uint32_t* group_ids,
                        int64_t num_rows) = 0;
  // Folds partial states (columns laid out as BoundAggregate::state_fields) into groups.
  virtual Status Merge(const std::vector<vector::ColumnPtr>& states, const uint32_t* group_ids,
                       int64_t num_rows) = 0;
  // The partial states of all groups, one row per group, as state_fields.
  virtual Result<std::vector<vector::ColumnPtr>> States() = 0;
  // The final value of every group, one row per group, of return_type.
  virtual Result<vector::ColumnPtr> Finalize() = 0;
};

struct BoundAggregate {
  type::DataTypePtr return_type;
  std::vector<type::DataTypePtr> arg_types;  // the binder casts arguments to these
  std::vector<type::Field> state_fields;
  std::function<std::unique_ptr<GroupedAggregator>()> make;
};

struct AggregateFunction {
  std::string name;
  std::string signature;
  std::string description;
  int min_args = 0;
  int max_args = 0;  // -1: any number
  // `distinct` is count(DISTINCT x) and friends. count(*) binds with zero arguments.
  std::function<Result<BoundAggregate>(const BindArgs&, bool distinct)> bind;
};

}  // namespace runnel::function
