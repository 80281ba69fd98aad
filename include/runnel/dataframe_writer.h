// df.write(): saves a DataFrame's rows as files (Spark's DataFrameWriter).
//
//   df.write().format("parquet").mode("overwrite").partitionBy({"dt"})
//     .option("compression", "zstd").save("out/events");
//   df.write().mode("append").saveAsTable("events");
//
// Formats: parquet (the default), csv, json. Modes: "errorifexists" (the default; "error"),
// "append", "overwrite", "ignore". A path is a directory of part files; readers never see a
// partial write (docs/formats/).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runnel/status.h"

namespace runnel {

class DataFrame;
struct SessionState;
namespace plan {
struct LogicalPlan;
}

class DataFrameWriter {
 public:
  DataFrameWriter(std::shared_ptr<SessionState> session, std::shared_ptr<const plan::LogicalPlan> plan)
      : session_(std::move(session)), plan_(std::move(plan)) {}

  DataFrameWriter& format(const std::string& format);
  DataFrameWriter& mode(const std::string& mode);
  DataFrameWriter& option(const std::string& key, const std::string& value);
  DataFrameWriter& option(const std::string& key, const char* value) { return option(key, std::string(value)); }
  DataFrameWriter& option(const std::string& key, bool value) { return option(key, std::string(value ? "true" : "false")); }
  DataFrameWriter& option(const std::string& key, int64_t value) { return option(key, std::to_string(value)); }
  DataFrameWriter& options(const std::map<std::string, std::string>& options);
  // Hive-style directories, one level per column: dt=2024-01-01/country=NL/part-....
  DataFrameWriter& partitionBy(const std::vector<std::string>& columns);

  // Runs the query and writes its rows under `path`.
  Status save(const std::string& path) const;
  Status parquet(const std::string& path) { return format("parquet").save(path); }
  Status csv(const std::string& path) { return format("csv").save(path); }
  Status json(const std::string& path) { return format("json").save(path); }
  // A warehouse table: created from the rows when missing; otherwise per the mode (append adds
  // the rows by column name, overwrite replaces the table, ignore does nothing, errorifexists
  // fails).
  Status saveAsTable(const std::string& name) const;
  // Into an existing warehouse table, by position (overwrite mode replaces its rows).
  Status insertInto(const std::string& name) const;

 private:
  std::shared_ptr<SessionState> session_;
  std::shared_ptr<const plan::LogicalPlan> plan_;
  std::string format_;  // empty: the default (parquet)
  std::string mode_ = "errorifexists";
  std::map<std::string, std::string> options_;
  std::vector<std::string> partition_by_;
};

}  // namespace runnel
