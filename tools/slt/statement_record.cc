// Running `statement ok`, `statement error <pattern>` and `halt` records.
#include "slt/error_match.h"
#include "slt/record.h"
#include "slt/result_diff.h"
#include "slt/run_context.h"

namespace runnel::slt {

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
