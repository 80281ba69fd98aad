// What a record sees while it runs: the engine, the file, and where to report failures and
// (in rewrite mode) the edits that would make the file pass. Streaming records will find their
// stream driver here too.
#pragma once

#include <string>
#include <vector>

#include "slt/engine.h"
#include "slt/parser.h"
#include "slt/rewrite.h"

namespace runnel::slt {

class RunContext {
 public:
  RunContext(const TestFile& file, SltEngine& engine, bool rewrite)
      : file_(file), engine_(engine), rewrite_(rewrite) {}

  const TestFile& file() const { return file_; }
  SltEngine& engine() { return engine_; }
  bool rewrite() const { return rewrite_; }

  // Records "path:line: message".
  void Fail(int line_number, const std::string& message) {
    failures_.push_back(file_.path + ":" + std::to_string(line_number) + ": " + message);
  }
  void AddEdit(LineEdit edit) { edits_.push_back(std::move(edit)); }
  // A record whose expected output was replaced (one record may need several edits).
  void CountRewrittenRecord() { ++rewritten_records_; }
  void Halt() { halted_ = true; }

  bool halted() const { return halted_; }
  const std::vector<std::string>& failures() const { return failures_; }
  const std::vector<LineEdit>& edits() const { return edits_; }
  int rewritten_records() const { return rewritten_records_; }

 private:
  const TestFile& file_;
  SltEngine& engine_;
  bool rewrite_;
  bool halted_ = false;
  int rewritten_records_ = 0;
  std::vector<std::string> failures_;
  std::vector<LineEdit> edits_;
};

}  // namespace runnel::slt
