// What a Session holds, shared by every DataFrame made from it.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "base/status.h"
#include "function/registry.h"
#include "plan/logical_plan.h"

namespace runnel {

struct SessionState {
  const function::FunctionRegistry* registry = &function::FunctionRegistry::Builtins();
  mutable std::mutex mutex;
  std::map<std::string, std::string> conf;             // guarded by mutex
  std::map<std::string, plan::PlanPtr> temp_views;     // lower-case name -> plan; guarded

  int shuffle_partitions() const;
  std::string GetConf(const std::string& key, const std::string& fallback) const;
  // Validates (runnel.sql.shuffle.partitions must be a positive integer) and stores a setting:
  // Session::setConf and SQL's SET share it.
  Status SetConf(const std::string& key, const std::string& value);
};

}  // namespace runnel
