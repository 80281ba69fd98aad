// What a golden record tells the differential mode about DuckDB, in `# duckdb:` comment lines
// directly above its header:
//
//   # duckdb: skip <reason>       the record is not run on DuckDB (a dialect difference, ...)
//   # duckdb: <SQL>               DuckDB runs this SQL instead of the record's; several such
//                                 lines are joined with '\n'
//
// Without an annotation DuckDB runs the record's own SQL, except that Spark's
// `CREATE TEMPORARY VIEW v USING csv|json OPTIONS (path '...', ...)` becomes a DuckDB view over
// read_csv / read_json with the column types Runnel's DESCRIBE gives the view.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runnel/status.h"
#include "slt/engine.h"

namespace runnel::slt {

struct DuckDbAnnotation {
  bool skip = false;
  std::string skip_reason;
  std::string sql;  // empty: no override

  bool present() const { return skip || !sql.empty(); }
};

// The annotation of the record whose header is lines[header_index]: the `# duckdb:` lines among
// the comment lines right above it. A Syntax error for `skip` without a reason or for an
// annotation that mixes skip and SQL.
Result<DuckDbAnnotation> FindDuckDbAnnotation(const std::vector<std::string>& lines,
                                              int header_index);

// The DuckDB statement for a Spark `CREATE TEMPORARY VIEW ... USING csv|json OPTIONS (...)`,
// nullopt for any other statement (DuckDB runs those as written). Runs `DESCRIBE <view>` on
// `runnel` (where the view already exists) for the column types.
Result<std::optional<std::string>> TranslateDataSourceView(const std::string& sql,
                                                           SltEngine& runnel);

// A Spark type name as DESCRIBE prints it ("int", "array<string>", "decimal(10,2)") in DuckDB.
Result<std::string> DuckDbTypeName(const std::string& spark_type);

}  // namespace runnel::slt
