// Runs golden files: parse, run each record in order against a fresh engine, report failures
// with file:line, and in rewrite mode put the actual results into the file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runnel/status.h"
#include "slt/engine.h"
#include "slt/record_kinds.h"

namespace runnel::slt {

struct RunOptions {
  // Rewrite mismatching query blocks with the actual rows instead of failing on them.
  bool rewrite = false;
};

struct FileOutcome {
  std::string path;
  int records_run = 0;
  // One entry per failing record, "path:line: what went wrong" plus detail lines.
  std::vector<std::string> failures;
  int blocks_rewritten = 0;
  // Rewrite mode: the file's new text (equal to the old text when nothing changed).
  std::string rewritten_text;

  bool passed() const { return failures.empty(); }
};

// Parses and runs `text`; a file that does not parse fails as a whole.
FileOutcome RunTestText(const std::string& path, std::string_view text, SltEngine& engine,
                        const RunOptions& options, const RecordKindRegistry& registry);

// Reads `path`, runs it, and in rewrite mode writes the changed blocks back.
FileOutcome RunTestFile(const std::string& path, SltEngine& engine, const RunOptions& options,
                        const RecordKindRegistry& registry);

// Every *.test file under each path (a file is taken as given), sorted, each once.
Result<std::vector<std::string>> CollectTestFiles(const std::vector<std::string>& paths);

}  // namespace runnel::slt
