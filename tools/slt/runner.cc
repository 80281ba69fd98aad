#include "slt/runner.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "slt/parser.h"
#include "slt/run_context.h"

namespace runnel::slt {

FileOutcome RunTestText(const std::string& path, std::string_view text, SltEngine& engine,
                        const RunOptions& options, const RecordKindRegistry& registry) {
  FileOutcome outcome;
  outcome.path = path;
  outcome.rewritten_text = std::string(text);
  auto file = ParseTestFile(path, text, registry);
  if (!file.ok()) {
    outcome.failures.push_back(file.status().message());
    return outcome;
  }
  RunContext context(*file, engine, options.rewrite);
  for (const auto& record : file->records) {
    if (context.halted()) break;
    record->Run(context);
    ++outcome.records_run;
  }
  outcome.failures = context.failures();
  if (!context.edits().empty()) {
    auto rewritten = ApplyEdits(file->raw_lines, context.edits());
    if (!rewritten.ok()) {
      outcome.failures.push_back(path + ": cannot rewrite: " + rewritten.status().message());
    } else {
      outcome.rewritten_text = std::move(rewritten).value();
      outcome.blocks_rewritten = context.rewritten_records();
    }
  }
  return outcome;
}

FileOutcome RunTestFile(const std::string& path, SltEngine& engine, const RunOptions& options,
                        const RecordKindRegistry& registry) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    FileOutcome outcome;
    outcome.path = path;
    outcome.failures.push_back(path + ": cannot open the file");
    return outcome;
  }
  std::stringstream text;
  text << in.rdbuf();
  const std::string original = text.str();
  FileOutcome outcome = RunTestText(path, original, engine, options, registry);
  if (options.rewrite && outcome.rewritten_text != original) {
    Status written = ReplaceFileContent(path, outcome.rewritten_text);
    if (!written.ok()) outcome.failures.push_back(path + ": " + written.message());
  }
  return outcome;
}

Result<std::vector<std::string>> CollectTestFiles(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code error;
    if (fs::is_regular_file(path, error)) {
      files.push_back(path);
    } else if (fs::is_directory(path, error)) {
      for (const auto& entry : fs::recursive_directory_iterator(path, error)) {
        if (entry.is_regular_file() && entry.path().extension() == ".test") {
          files.push_back(entry.path().string());
        }
      }
    } else {
      return Status::InvalidArgument("Test path '" + path + "' is neither a file nor a directory");
    }
    if (error) return Status::IOError("Cannot list '" + path + "': " + error.message());
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

}  // namespace runnel::slt
