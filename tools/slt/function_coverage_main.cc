// runnel-function-coverage: fails when a built-in function has no golden case.
//
//   runnel-function-coverage [--list] PATH...
//
// Runs the `statement ok` and `query` records of every *.test file under PATH (each file in a
// fresh Session, as runnel-slt does) and walks the logical plan each statement builds, before
// analysis: every call in it names a registry function (operators included: `a + b` is "add",
// `x LIKE p` is "like", `CASE` is "case_when", `s.f` is "get_field"), and an alias counts for
// the function it names. A function of the registry (the list docs/functions.md is generated
// from) that no record calls is reported, and the exit status is 1. Names starting with "__"
// are internal rewrites (not callable from SQL) and are not required. A function the parser
// rewrites away, as Spark's does (x BETWEEN lo AND hi is (x >= lo) AND (x <= hi)), counts as
// called by a record whose SQL has its keyword. --list prints every function with the number
// of records calling it.
#include <stdlib.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "function/registry.h"
#include "plan/logical_plan.h"
#include "runnel/dataframe.h"
#include "runnel/session.h"
#include "slt/parser.h"
#include "slt/record_kinds.h"
#include "slt/runner.h"

namespace {

using runnel::function::FunctionRegistry;

// Registry functions the SQL parser rewrites into others, by the keyword that spells them.
const std::map<std::string, std::string>& Desugared() {
  static const std::map<std::string, std::string> spellings{{"between", "BETWEEN"}};
  return spellings;
}

// Whether `sql` holds `keyword` (upper case) as a whole word, in any case.
bool HasKeyword(const std::string& sql, const std::string& keyword) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t at = 0; at + keyword.size() <= sql.size(); ++at) {
    bool match = true;
    for (size_t k = 0; k < keyword.size() && match; ++k) {
      match = std::toupper(static_cast<unsigned char>(sql[at + k])) == keyword[k];
    }
    if (match && (at == 0 || !word(sql[at - 1])) &&
        (at + keyword.size() == sql.size() || !word(sql[at + keyword.size()]))) {
      return true;
    }
  }
  return false;
}

// The registry name `name` (as written, any case, maybe an alias) stands for, or "".
std::string Canonical(const FunctionRegistry& registry, const std::string& name) {
  if (const auto* f = registry.FindScalar(name)) return f->name;
  if (const auto* f = registry.FindAggregate(name)) return f->name;
  if (const auto* f = registry.FindGenerator(name)) return f->name;
  return "";
}

void CollectExpr(const FunctionRegistry& registry, const runnel::expr::ExprPtr& e,
                 std::set<std::string>& out) {
  if (!e) return;
  runnel::expr::Visit(e, [&](const runnel::expr::ExprPtr& node) {
    if (node->kind == runnel::expr::ExprKind::kCall) {
      std::string name = Canonical(registry, node->name);
      if (!name.empty()) out.insert(name);
    }
    return true;
  });
}

void CollectPlan(const FunctionRegistry& registry, const runnel::plan::PlanPtr& plan,
                 std::set<std::string>& out) {
  if (!plan) return;
  for (const auto& e : plan->exprs) CollectExpr(registry, e, out);
  for (const auto& e : plan->group_by) CollectExpr(registry, e, out);
  for (const auto& e : plan->pushed_filters) CollectExpr(registry, e, out);
  for (const auto& e : plan->left_keys) CollectExpr(registry, e, out);
  for (const auto& e : plan->right_keys) CollectExpr(registry, e, out);
  for (const auto& e : plan->generator_args) CollectExpr(registry, e, out);
  CollectExpr(registry, plan->condition, out);
  CollectExpr(registry, plan->generator, out);
  for (const auto& a : plan->aggregates) {
    std::string name = Canonical(registry, a.function);
    if (!name.empty()) out.insert(name);
    for (const auto& e : a.args) CollectExpr(registry, e, out);
  }
  for (const auto& c : plan->children) CollectPlan(registry, c, out);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace runnel::slt;
  bool list = false;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--list") {
      list = true;
    } else if (arg.starts_with("-")) {
      std::cerr << "Usage: runnel-function-coverage [--list] PATH...\n";
      return 2;
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::cerr << "Usage: runnel-function-coverage [--list] PATH...\n";
    return 2;
  }
  auto files = CollectTestFiles(paths);
  if (!files.ok()) {
    std::cerr << "runnel-function-coverage: " << files.status().message() << "\n";
    return 2;
  }
  const FunctionRegistry& registry = FunctionRegistry::Builtins();
  const RecordKindRegistry kinds = RecordKindRegistry::Default();
  std::map<std::string, int> calls;  // function -> records calling it
  for (const auto& path : *files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = ParseTestFile(path, text.str(), kinds);
    if (!parsed.ok()) {
      std::cerr << "runnel-function-coverage: " << parsed.status().message() << "\n";
      return 2;
    }
    // As runnel-slt: a fresh session and a warehouse of its own in a temporary directory, so
    // CREATE TABLE records neither leak between files nor write into the source tree.
    auto session = runnel::Session::Make();
    std::string warehouse =
        (std::filesystem::temp_directory_path() / "runnel-coverage-XXXXXX").string();
    if (::mkdtemp(warehouse.data()) == nullptr) {
      std::cerr << "runnel-function-coverage: cannot create a temporary warehouse directory\n";
      return 2;
    }
    (void)session->setConf("runnel.sql.warehouse.dir", warehouse);
    for (const auto& record : parsed->records) {
      std::string sql;
      if (const auto* q = dynamic_cast<const QueryRecord*>(record.get())) {
        sql = q->sql();
      } else if (const auto* s = dynamic_cast<const StatementRecord*>(record.get());
                 s && !s->expect_error()) {
        sql = s->sql();
      } else {
        continue;
      }
      auto df = session->sql(sql);
      if (!df.ok()) continue;  // runnel-slt reports it; a failing record covers nothing
      std::set<std::string> names;
      CollectPlan(registry, df->plan(), names);
      for (const auto& [name, keyword] : Desugared()) {
        if (HasKeyword(sql, keyword)) names.insert(name);
      }
      for (const auto& name : names) calls[name]++;
    }
    std::error_code ignored;
    std::filesystem::remove_all(warehouse, ignored);
  }
  int missing = 0;
  for (const auto& d : registry.Describe()) {
    if (d.name.starts_with("__")) continue;
    int n = calls.count(d.name) ? calls[d.name] : 0;
    if (list) std::cout << n << "\t" << d.name << "\n";
    if (n == 0) {
      std::cerr << "no golden case calls " << d.kind << " function " << d.name << " ("
                << (d.signature.empty() ? d.name : d.signature) << ")\n";
      ++missing;
    }
  }
  if (missing > 0) {
    std::cerr << missing
              << " function(s) of docs/functions.md have no golden case under the given paths: "
              << "add a query calling each (test/sql/README.md)\n";
    return 1;
  }
  std::cout << "every function has a golden case (" << files->size() << " file(s))\n";
  return 0;
}
