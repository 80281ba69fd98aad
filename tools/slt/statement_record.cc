// Running `statement ok`, `statement error <pattern>` and `halt` records.
#include <re2/re2.h>

#include "slt/record.h"
#include "slt/result_diff.h"
#include "slt/run_context.h"

namespace runnel::slt {
namespace {

// A pattern matches when it appears literally in the error (so messages with '?', '(' or '.'
// can be pasted as they are) or when it is an RE2 regular expression found in the error.
bool ErrorMatches(const std::string& error, const std::string& pattern) {
  if (pattern.empty() || error.find(pattern) != std::string::npos) return true;
  RE2 regex(pattern, RE2::Quiet);
  return regex.ok() && RE2::PartialMatch(error, regex);
}

}  // namespace

void StatementRecord::Run(RunContext& context) const {
  auto result = context.engine().Execute(sql_);
  if (!expect_error_) {
    if (!result.ok()) {
      context.Fail(line_number(),
                   "statement failed: " + result.status().ToString() + "\n" + IndentSql(sql_));
    }
    return;
  }
  if (result.ok()) {
    std::string expected =
        error_pattern_.empty() ? "an error" : "an error matching '" + error_pattern_ + "'";
    context.Fail(line_number(),
                 "statement succeeded, but " + expected + " was expected\n" + IndentSql(sql_));
    return;
  }
  const std::string error = result.status().ToString();
  if (!ErrorMatches(error, error_pattern_)) {
    context.Fail(line_number(),
                 "statement failed with a different error\n  expected: " + error_pattern_ +
                     "\n  actual:   " + error + "\n" + IndentSql(sql_));
  }
}

void HaltRecord::Run(RunContext& context) const { context.Halt(); }

}  // namespace runnel::slt
