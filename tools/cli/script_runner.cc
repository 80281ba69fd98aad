#include "cli/script_runner.h"

#include <chrono>
#include <vector>

#include "session/query_execution.h"
#include "session/sql_statements.h"
#include "sql/parser.h"

namespace runnel::cli {

namespace {

constexpr size_t kHeadlineWidth = 80;

// The statements that parse before a syntax error at `error_offset`: the longest prefix ending
// in a ';' that parses (a ';' inside a string literal gives a prefix that does not). Sets
// `*end` to where the failing statement starts.
std::vector<sql::Statement> StatementsBefore(std::string_view script, size_t error_offset, size_t* end) {
  *end = 0;
  size_t pos = error_offset == 0 ? std::string_view::npos : script.rfind(';', error_offset - 1);
  while (pos != std::string_view::npos) {
    Result<std::vector<sql::Statement>> prefix = sql::ParseStatements(script.substr(0, pos + 1));
    if (prefix.ok()) {
      *end = pos + 1;
      return std::move(*prefix);
    }
    if (pos == 0) break;
    pos = script.rfind(';', pos - 1);
  }
  return {};
}

}  // namespace

std::string StatementHeadline(std::string_view statement) {
  size_t begin = statement.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return "";
  std::string_view rest = statement.substr(begin);
  size_t eol = rest.find_first_of("\r\n");
  std::string line(rest.substr(0, eol));
  bool cut = eol != std::string_view::npos && rest.find_first_not_of(" \t\r\n", eol) != std::string_view::npos;
  if (line.size() > kHeadlineWidth) {
    line.resize(kHeadlineWidth);
    cut = true;
  }
  return cut ? line + " ..." : line;
}

Result<StatementOutput> ScriptRunner::Execute(const std::string& statement) const {
  RUNNEL_ASSIGN_OR_RAISE(DataFrame df, session_->sql(statement));
  QueryExecution qe(*df.session_state(), df.plan());
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr analyzed, qe.Analyzed());
  RUNNEL_ASSIGN_OR_RAISE(std::vector<vector::Batch> batches, qe.Collect());
  auto parsed = sql::ParseStatement(statement);
  if (parsed.ok() && PrintsRunSummary(*parsed)) {
    // One row, one column: the summary, printed as a line rather than as a result.
    std::string line;
    for (const auto& b : batches) {
      for (int64_t r = 0; r < b.num_rows(); ++r) line += b.column(0)->GetValue(r).ToString() + "\n";
    }
    return format_ == OutputFormat::kTable ? StatementOutput{line, ""} : StatementOutput{"", line};
  }
  RUNNEL_ASSIGN_OR_RAISE(std::string text, RenderResult(*analyzed->schema, batches, format_));
  return StatementOutput{std::move(text), ""};
}

Status ScriptRunner::RunStatement(const std::string& statement, int number) {
  auto start = std::chrono::steady_clock::now();
  Result<StatementOutput> rendered = executor_ ? executor_(statement) : Execute(statement);
  std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
  if (!rendered.ok()) {
    ReportError(statement, number, rendered.status());
    return rendered.status();
  }
  std::fputs(rendered->text.c_str(), out_);
  if (!rendered->message.empty()) {
    std::fflush(out_);
    std::fputs(rendered->message.c_str(), err_);
    std::fflush(err_);
  }
  if (timing_) std::fprintf(out_, "Time: %.3f ms\n", elapsed.count());
  std::fflush(out_);
  return Status::OK();
}

void ScriptRunner::ReportError(const std::string& statement, int number, const Status& status) const {
  std::fflush(out_);  // results before the error, then the error, when both go to a terminal
  if (number > 0) {
    std::fprintf(err_, "Error in statement %d: %s\n", number, StatementHeadline(statement).c_str());
  }
  std::string message = status.message();
  if (message.empty() || message.back() != '\n') message += '\n';
  std::fprintf(err_, "%s%s", number > 0 ? "" : "Error: ", message.c_str());
  std::fflush(err_);
}

Status ScriptRunner::RunScript(std::string_view script, bool numbered) {
  auto number = [numbered](size_t index) { return numbered ? static_cast<int>(index + 1) : 0; };
  sql::ScriptParse parse = sql::ParseScript(script);
  if (parse.statements.ok()) {
    const std::vector<sql::Statement>& statements = *parse.statements;
    for (size_t i = 0; i < statements.size(); ++i) {
      RUNNEL_RETURN_NOT_OK(RunStatement(statements[i].text, number(i)));
    }
    return Status::OK();
  }
  // Run what comes before the syntax error, then report it, numbered like the others.
  size_t error_offset = parse.error_position ? parse.error_position->offset : script.size();
  size_t failing_start = 0;
  std::vector<sql::Statement> before = StatementsBefore(script, error_offset, &failing_start);
  for (size_t i = 0; i < before.size(); ++i) {
    RUNNEL_RETURN_NOT_OK(RunStatement(before[i].text, number(i)));
  }
  ReportError(std::string(script.substr(failing_start)), number(before.size()),
              parse.statements.status());
  return parse.statements.status();
}

}  // namespace runnel::cli
