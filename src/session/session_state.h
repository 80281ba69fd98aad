// What a Session holds, shared by every DataFrame made from it.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "function/registry.h"
#include "plan/logical_plan.h"

namespace runnel {

namespace catalog {
class Warehouse;
}

struct SessionState {
  const function::FunctionRegistry* registry = &function::FunctionRegistry::Builtins();
  mutable std::mutex mutex;
  std::map<std::string, std::string> conf;             // guarded by mutex
  std::map<std::string, plan::PlanPtr> temp_views;     // lower-case name -> plan; guarded
  // One per warehouse directory used (runnel.sql.warehouse.dir may change); guarded by mutex.
  std::map<std::string, std::shared_ptr<catalog::Warehouse>> warehouses;

  int shuffle_partitions() const;
  std::string GetConf(const std::string& key, const std::string& fallback) const;
};

}  // namespace runnel
