#include "slt/differential.h"

#include <fstream>
#include <sstream>

#include "slt/canonical_cell.h"
#include "slt/duckdb_annotation.h"
#include "slt/parser.h"
#include "slt/result_diff.h"
#include "slt/result_format.h"

namespace runnel::slt {
namespace {

constexpr const char* kHowToSkip =
    "  if the dialects differ here, mark the record '# duckdb: skip <reason>' or give DuckDB's "
    "SQL in '# duckdb: <SQL>'";

// One statement sent to DuckDB, and what Runnel returned for it when it is a query.
struct Step {
  const Record* record = nullptr;
  const QueryRecord* query = nullptr;  // nullptr for a statement
  std::string duckdb_sql;
  std::vector<std::string> runnel_lines;
};

class DifferentialRun {
 public:
  DifferentialRun(const TestFile& file, SltEngine& runnel) : file_(file), runnel_(runnel) {}

  // Runs every record on Runnel and collects what DuckDB must run.
  void RunOnRunnel() {
    for (const auto& record : file_.records) {
      if (record->kind() == "halt") break;
      auto annotation = FindDuckDbAnnotation(file_.lines, record->header_index());
      if (!annotation.ok()) {
        Fail(*record, annotation.status().message());
        continue;
      }
      if (const auto* statement = dynamic_cast<const StatementRecord*>(record.get())) {
        if (!statement->expect_error()) AddStatement(*statement, *annotation);
      } else if (const auto* query = dynamic_cast<const QueryRecord*>(record.get())) {
        AddQuery(*query, *annotation);
      }
    }
  }

  void CompareWithDuckDb(const DuckDbHelper& helper) {
    std::vector<std::string> statements;
    for (const auto& step : steps_) statements.push_back(step.duckdb_sql);
    auto results = RunOnDuckDb(helper, statements);
    if (!results.ok()) {
      failures_.push_back(file_.path + ": cannot run DuckDB: " + results.status().message());
      return;
    }
    for (size_t i = 0; i < steps_.size(); ++i) Compare(steps_[i], (*results)[i]);
  }

  std::vector<std::string> TakeFailures() { return std::move(failures_); }
  int records_run() const { return static_cast<int>(steps_.size()); }

 private:
  void Fail(const Record& record, const std::string& message) {
    failures_.push_back(file_.path + ":" + std::to_string(record.line_number()) + ": " + message);
  }

  void AddStatement(const StatementRecord& statement, const DuckDbAnnotation& annotation) {
    auto result = runnel_.Execute(statement.sql());
    if (!result.ok()) {
      Fail(statement, "statement failed on Runnel: " + result.status().ToString() + "\n" +
                          IndentSql(statement.sql()));
      return;
    }
    if (annotation.skip) return;
    Step step{&statement, nullptr, annotation.sql, {}};
    if (step.duckdb_sql.empty()) {
      auto translated = TranslateDataSourceView(statement.sql(), runnel_);
      if (!translated.ok()) {
        Fail(statement, translated.status().message() + "\n" + IndentSql(statement.sql()));
        return;
      }
      step.duckdb_sql = translated->value_or(statement.sql());
    }
    steps_.push_back(std::move(step));
  }

  void AddQuery(const QueryRecord& query, const DuckDbAnnotation& annotation) {
    auto result = runnel_.Execute(query.sql());
    if (!result.ok()) {
      Fail(query, "query failed on Runnel: " + result.status().ToString() + "\n" +
                      IndentSql(query.sql()));
      return;
    }
    if (annotation.skip) return;
    Step step{&query, &query, annotation.sql.empty() ? query.sql() : annotation.sql, {}};
    for (const auto& row : result->rows) step.runnel_lines.push_back(FormatRow(row));
    steps_.push_back(std::move(step));
  }

  void Compare(const Step& step, const DuckDbStepResult& duckdb) {
    const bool overridden = step.duckdb_sql != SqlOf(*step.record);
    std::string sql_text = IndentSql(SqlOf(*step.record));
    if (overridden) sql_text += "\n  DuckDB ran:\n" + IndentSql(step.duckdb_sql);
    if (!duckdb.ok) {
      Fail(*step.record, std::string(step.query ? "query" : "statement") +
                             " failed on DuckDB: " + duckdb.error + "\n" + sql_text + "\n" +
                             kHowToSkip);
      return;
    }
    if (step.query == nullptr) return;
    const SortMode mode = step.query->sort_mode();
    const std::vector<std::string> runnel = CanonicalLines(step.runnel_lines, mode);
    const std::vector<std::string> duck = CanonicalLines(duckdb.lines, mode);
    if (runnel == duck) return;
    // DiffLines shows "-" for its first argument: DuckDB's rows, then "+" for Runnel's.
    std::vector<ExpectedLine> duck_lines;
    for (const auto& line : duck) duck_lines.push_back({line, 0});
    Fail(*step.record, "DuckDB and Runnel returned different rows (canonical text, " +
                           std::string(mode == SortMode::kNoSort ? "in order" : "sorted") +
                           "): DuckDB " + std::to_string(duck.size()) + " line(s), Runnel " +
                           std::to_string(runnel.size()) + "\n" + sql_text +
                           "\n  - DuckDB, + Runnel:\n" + DiffLines(duck_lines, runnel, "    ") +
                           kHowToSkip);
  }

  static const std::string& SqlOf(const Record& record) {
    if (const auto* query = dynamic_cast<const QueryRecord*>(&record)) return query->sql();
    return static_cast<const StatementRecord&>(record).sql();
  }

  const TestFile& file_;
  SltEngine& runnel_;
  std::vector<Step> steps_;
  std::vector<std::string> failures_;
};

}  // namespace

FileOutcome RunDifferentialFile(const std::string& path, SltEngine& runnel,
                                const DuckDbHelper& helper, const RecordKindRegistry& registry) {
  FileOutcome outcome;
  outcome.path = path;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    outcome.failures.push_back(path + ": cannot open the file");
    return outcome;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto file = ParseTestFile(path, text.str(), registry);
  if (!file.ok()) {
    outcome.failures.push_back(file.status().message());
    return outcome;
  }
  DifferentialRun run(*file, runnel);
  run.RunOnRunnel();
  run.CompareWithDuckDb(helper);
  outcome.records_run = run.records_run();
  outcome.failures = run.TakeFailures();
  return outcome;
}

}  // namespace runnel::slt
