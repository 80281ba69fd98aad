// Runs SQL text on a session and prints what each statement returns: the part of `runnel sql`
// shared by -e, -f, piped input and the interactive shell.
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "cli/output_format.h"
#include "runnel/session.h"

namespace runnel::cli {

// What a statement prints: its result, for standard output, and a message about what it did
// (the summary line of a statement that runs a streaming flow). The message goes to standard
// output in table format, and to standard error in csv and jsonl, so that standard output holds
// only results (and sink output) that a program can read.
struct StatementOutput {
  std::string text;
  std::string message;  // one line with its '\n', or empty
};

class ScriptRunner {
 public:
  // Output goes to `out`, errors and timings to `err`.
  ScriptRunner(std::shared_ptr<Session> session, std::FILE* out, std::FILE* err)
      : session_(std::move(session)), out_(out), err_(err) {}

  // Runs the ';'-separated statements of `script` in order and stops at the first failure (as
  // psql -v ON_ERROR_STOP=1), after printing which statement failed and why. A syntax error
  // runs the statements before it first. Returns the failure.
  // In the shell (`numbered` false) errors say just "Error:".
  Status RunScript(std::string_view script, bool numbered = true);

  // Runs one statement and renders its result in the current format; does not print (a console
  // sink of a flow prints its batches as they run). May be called from another thread than the
  // one that prints (the shell cancels from its own).
  Result<StatementOutput> Execute(const std::string& statement) const;

  // Runs a statement through the executor (Execute unless set_executor changed it), then
  // prints the result or the error (numbered if `number` > 0).
  Status RunStatement(const std::string& statement, int number);

  // How RunStatement runs a statement: the shell wraps Execute to cancel it on Ctrl-C.
  using Executor = std::function<Result<StatementOutput>(const std::string& statement)>;
  void set_executor(Executor executor) { executor_ = std::move(executor); }

  // Prints a failure of a statement to `err`: which one (its first line), then the message.
  void ReportError(const std::string& statement, int number, const Status& status) const;

  OutputFormat format() const { return format_; }
  void set_format(OutputFormat format) { format_ = format; }
  bool timing() const { return timing_; }
  void set_timing(bool on) { timing_ = on; }
  const std::shared_ptr<Session>& session() const { return session_; }
  std::FILE* out() const { return out_; }
  std::FILE* err() const { return err_; }

 private:
  std::shared_ptr<Session> session_;
  std::FILE* out_;
  std::FILE* err_;
  OutputFormat format_ = OutputFormat::kTable;
  bool timing_ = false;
  Executor executor_;
};

// The first line of a statement, cut to about 80 characters, for error messages.
std::string StatementHeadline(std::string_view statement);

}  // namespace runnel::cli
