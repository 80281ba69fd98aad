#include "function/registry.h"

#include <algorithm>

#include "base/spelling.h"

namespace runnel::function {

std::string FunctionRegistry::Canonical(const std::string& name) const {
  std::string lower = base::ToLower(name);
  auto it = aliases_.find(lower);
  return it == aliases_.end() ? lower : it->second;
}

void FunctionRegistry::AddScalar(ScalarFunction f) {
  std::string key = base::ToLower(f.name);
  scalars_[key] = std::move(f);
}
void FunctionRegistry::AddAggregate(AggregateFunction f) {
  std::string key = base::ToLower(f.name);
  aggregates_[key] = std::move(f);
}
void FunctionRegistry::AddGenerator(GeneratorFunction f) {
  std::string key = base::ToLower(f.name);
  generators_[key] = std::move(f);
}
void FunctionRegistry::AddAlias(const std::string& alias, const std::string& target) {
  aliases_[base::ToLower(alias)] = base::ToLower(target);
}

const ScalarFunction* FunctionRegistry::FindScalar(const std::string& name) const {
  auto it = scalars_.find(Canonical(name));
  return it == scalars_.end() ? nullptr : &it->second;
}
const AggregateFunction* FunctionRegistry::FindAggregate(const std::string& name) const {
  auto it = aggregates_.find(Canonical(name));
  return it == aggregates_.end() ? nullptr : &it->second;
}
const GeneratorFunction* FunctionRegistry::FindGenerator(const std::string& name) const {
  auto it = generators_.find(Canonical(name));
  return it == generators_.end() ? nullptr : &it->second;
}

std::vector<std::string> FunctionRegistry::Names() const {
  std::vector<std::string> out;
  for (const auto& [k, _] : scalars_) out.push_back(k);
  for (const auto& [k, _] : aggregates_) out.push_back(k);
  for (const auto& [k, _] : generators_) out.push_back(k);
  for (const auto& [k, _] : aliases_) out.push_back(k);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<FunctionRegistry::Description> FunctionRegistry::Describe() const {
  std::vector<Description> out;
  for (const auto& [k, f] : scalars_) out.push_back({k, "scalar", f.signature, f.description});
  for (const auto& [k, f] : aggregates_) out.push_back({k, "aggregate", f.signature, f.description});
  for (const auto& [k, f] : generators_) out.push_back({k, "generator", f.signature, f.description});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

const FunctionRegistry& FunctionRegistry::Builtins() {
  static const FunctionRegistry registry = [] {
    FunctionRegistry r;
    RegisterArithmeticFunctions(r);
    RegisterComparisonFunctions(r);
    RegisterLogicalFunctions(r);
    RegisterStringFunctions(r);
    RegisterRegexFunctions(r);
    RegisterDatetimeFunctions(r);
    RegisterComplexTypeFunctions(r);
    RegisterHashFunctions(r);
    RegisterAggregateFunctions(r);
    RegisterGeneratorFunctions(r);
    RegisterTimeWindowFunctions(r);
    return r;
  }();
  return registry;
}

}  // namespace runnel::function
