// Runs a DataFrame's plan: analyze, optimize, plan physically, execute. Also renders EXPLAIN.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "exec/physical_op.h"
#include "plan/logical_plan.h"
#include "session/session_state.h"

namespace runnel {

class QueryExecution {
 public:
  QueryExecution(const SessionState& session, plan::PlanPtr plan) : session_(session), plan_(std::move(plan)) {}

  Result<plan::PlanPtr> Analyzed();
  Result<plan::PlanPtr> Optimized();
  Result<exec::PhysicalOpPtr> Physical();
  Result<std::vector<vector::Batch>> Collect();
  // Runs the query's partitions in parallel: begin(number of partitions) first, then
  // sink(partition, batch) for each batch (concurrently for different partitions).
  Status ForEachPartition(const std::function<Status(int)>& begin,
                          const std::function<Status(int, vector::Batch)>& sink);
  Result<std::string> Explain(bool extended);

 private:
  const SessionState& session_;
  plan::PlanPtr plan_;
  plan::PlanPtr analyzed_, optimized_;
  exec::PhysicalOpPtr physical_;
};

}  // namespace runnel
