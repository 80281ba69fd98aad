// Running a `query` record: compare its rows with the expected block, or rewrite the block.
#include <string>

#include "slt/record.h"
#include "slt/result_diff.h"
#include "slt/result_format.h"
#include "slt/run_context.h"

namespace runnel::slt {
namespace {

const char* SortModeName(SortMode mode) {
  switch (mode) {
    case SortMode::kNoSort:
      return "nosort";
    case SortMode::kRowSort:
      return "rowsort";
    case SortMode::kValueSort:
      return "valuesort";
  }
  return "nosort";
}

// Points at the first expected row whose cell count is not the query's column count: the
// usual cause is cells separated by spaces instead of a tab.
std::string CellCountHint(const std::string& path, const std::vector<ExpectedLine>& expected,
                          int num_columns, SortMode sort_mode) {
  if (sort_mode == SortMode::kValueSort) return "";
  for (const auto& line : expected) {
    int cells = 1;
    for (char c : line.text) cells += c == '\t';
    if (cells != num_columns) {
      return "  note: " + path + ":" + std::to_string(line.line_number) + " has " +
             std::to_string(cells) + " tab-separated cell(s), the query returns " +
             std::to_string(num_columns) + " column(s); separate cells with one tab\n";
    }
  }
  return "";
}

int NumColumns(const StatementResult& result) {
  if (result.schema.num_fields() > 0 || result.rows.empty()) return result.schema.num_fields();
  return static_cast<int>(result.rows[0].size());
}

}  // namespace

void QueryRecord::Run(RunContext& context) const {
  auto result = fetch_ ? fetch_(context) : context.engine().Execute(sql_);
  if (!result.ok()) {
    context.Fail(line_number(),
                 kind_ + " failed: " + result.status().ToString() + "\n" + IndentSql(sql_));
    return;
  }
  const int num_columns = NumColumns(*result);
  // Streaming checks declare no letters: their column count is not checked.
  const bool check_columns = !fetch_ || !type_letters_.empty();
  const std::vector<std::string> actual = FormatResultLines(result->rows, sort_mode_);
  const std::vector<ExpectedLine> expected = NormalizeExpected(expected_, sort_mode_);
  const bool columns_match = !check_columns || num_columns == static_cast<int>(type_letters_.size());
  const int difference = FirstDifference(expected, actual);
  const bool has_block = layout_.separator_index >= 0;
  if (columns_match && difference < 0 && has_block) return;
  if (context.rewrite()) {
    std::string letters = columns_match ? type_letters_ : TypeLetters(result->schema);
    if (check_columns && letters.size() != static_cast<size_t>(num_columns)) letters.assign(num_columns, 'T');
    RewriteBlock(context, letters, actual);
    return;
  }
  std::string message;
  if (!columns_match) {
    message = "query declares " + std::to_string(type_letters_.size()) + " column(s) (" +
              type_letters_ + ") but returned " + std::to_string(num_columns) + " (" +
              result->schema.ToString() + ")\n";
  }
  if (!has_block) {
    message += "query has no '----' block of expected rows; run with --rewrite to fill it in\n";
  } else if (difference >= 0) {
    message += "query returned different rows (" + std::string(SortModeName(sort_mode_)) +
               "): expected " + std::to_string(expected.size()) + " line(s), got " +
               std::to_string(actual.size());
    if (difference < static_cast<int>(expected.size())) {
      message += "; first difference at " + context.file().path + ":" +
                 std::to_string(expected[difference].line_number);
    }
    message += "\n";
  }
  message += IndentSql(sql_) + "\n";
  message += "  - expected, + actual:\n" + DiffLines(expected, actual, "    ");
  message += CellCountHint(context.file().path, expected_, num_columns, sort_mode_);
  message.pop_back();  // the final newline; the runner ends each failure itself
  context.Fail(line_number(), message);
}

void QueryRecord::RewriteBlock(RunContext& context, const std::string& letters,
                               const std::vector<std::string>& actual) const {
  context.CountRewrittenRecord();
  if (letters != type_letters_) {
    // Swap only the letters, keeping the rest of the header (sort mode, spacing) as written.
    std::string header = context.file().lines[header_index()];
    size_t at = header.find(type_letters_, header.find("query") + 5);
    header.replace(at, type_letters_.size(), letters);
    context.AddEdit({header_index(), header_index() + 1, {header}});
  }
  if (layout_.separator_index >= 0) {
    context.AddEdit({layout_.results_begin, layout_.results_end, actual});
  } else {
    std::vector<std::string> block = {"----"};
    block.insert(block.end(), actual.begin(), actual.end());
    context.AddEdit({layout_.sql_end_index, layout_.sql_end_index, std::move(block)});
  }
}

}  // namespace runnel::slt
