// Prints docs/functions.md from the function registry, so the reference never drifts from the
// code. `make docs` regenerates it; a test fails when the committed page is out of date.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "function/registry.h"

namespace {

std::string Render() {
  const auto& registry = runnel::function::FunctionRegistry::Builtins();
  std::string out =
      "# Built-in functions\n\n"
      "Generated from the function registry by `tools/docgen` (`make docs`); do not edit by hand.\n"
      "Names are Spark's and case-insensitive. Semantics follow Spark 3.5 with ANSI mode off: a\n"
      "value that cannot be computed (bad cast, division by zero, unparsable date) is NULL.\n";
  for (const char* kind : {"scalar", "aggregate", "generator"}) {
    out += std::string("\n## ") + (kind[0] == 's' ? "Scalar" : kind[0] == 'a' ? "Aggregate" : "Generator") +
           " functions\n\n| function | description |\n|---|---|\n";
    for (const auto& d : registry.Describe()) {
      if (d.kind != kind) continue;
      std::string signature = d.signature.empty() ? d.name + "(...)" : d.signature;
      std::string description = d.description;
      for (auto& c : description) {
        if (c == '|') c = '/';
      }
      out += "| `" + signature + "` | " + description + " |\n";
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string doc = Render();
  if (argc == 3 && std::string(argv[1]) == "--check") {
    std::ifstream in(argv[2]);
    std::stringstream committed;
    committed << in.rdbuf();
    if (committed.str() != doc) {
      std::fprintf(stderr, "%s is out of date with the function registry: run `make docs`\n", argv[2]);
      return 1;
    }
    return 0;
  }
  std::fputs(doc.c_str(), stdout);
  return 0;
}
