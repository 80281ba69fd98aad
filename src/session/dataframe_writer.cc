#include "runnel/dataframe_writer.h"

#include "base/spelling.h"
#include "catalog/directory_write.h"
#include "expr/expr.h"
#include "runnel/dataframe.h"
#include "session/query_execution.h"
#include "session/session_state.h"
#include "session/sql_table_statements.h"

namespace runnel {

namespace {

constexpr char kDefaultWriteFormat[] = "parquet";

}  // namespace

DataFrameWriter DataFrame::write() const { return DataFrameWriter(session_, plan_); }

DataFrameWriter& DataFrameWriter::format(const std::string& format) {
  format_ = base::ToLower(format);
  return *this;
}
DataFrameWriter& DataFrameWriter::mode(const std::string& mode) {
  mode_ = mode;
  return *this;
}
DataFrameWriter& DataFrameWriter::option(const std::string& key, const std::string& value) {
  options_[key] = value;
  return *this;
}
DataFrameWriter& DataFrameWriter::options(const std::map<std::string, std::string>& options) {
  for (const auto& [k, v] : options) options_[k] = v;
  return *this;
}
DataFrameWriter& DataFrameWriter::partitionBy(const std::vector<std::string>& columns) {
  partition_by_ = columns;
  return *this;
}

Status DataFrameWriter::save(const std::string& path) const {
  RUNNEL_ASSIGN_OR_RAISE(catalog::SaveMode mode, catalog::ParseSaveMode(mode_));
  if (path.empty()) return Status::InvalidArgument("save() needs a path");
  QueryExecution execution(*session_, plan_);
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr analyzed, execution.Analyzed());
  catalog::FileWriteSpec spec;
  spec.format = format_.empty() ? kDefaultWriteFormat : format_;
  spec.options = options_;
  spec.schema = analyzed->schema;
  spec.partition_columns = partition_by_;
  RUNNEL_RETURN_NOT_OK(catalog::CheckWritableSchema(*spec.schema, spec.format, "path '" + path + "'"));
  std::unique_ptr<catalog::DirectoryWrite> write;
  Status run = execution.ForEachPartition(
      [&](int partitions) -> Status {
        RUNNEL_ASSIGN_OR_RAISE(write, catalog::DirectoryWrite::Begin(io::FileSystem::Local(), path, spec, mode,
                                                                     partitions));
        // Ignore mode over an existing path: stop before running anything.
        if (write->skipped()) return Status::Cancelled("skipped");
        return Status::OK();
      },
      [&](int partition, vector::Batch batch) { return write->task(partition).Write(batch); });
  if (write && write->skipped()) return Status::OK();
  if (run.ok()) run = write->Commit();
  if (!run.ok() && write) write->Abort();
  return run;
}

Status DataFrameWriter::saveAsTable(const std::string& name) const {
  RUNNEL_ASSIGN_OR_RAISE(catalog::SaveMode mode, catalog::ParseSaveMode(mode_));
  RUNNEL_ASSIGN_OR_RAISE(std::string table, WarehouseTableName(expr::SplitName(name)));
  std::shared_ptr<catalog::Warehouse> warehouse = SessionWarehouse(session_);
  RUNNEL_ASSIGN_OR_RAISE(auto existing, warehouse->FindTable(table));
  if (existing) {
    switch (mode) {
      case catalog::SaveMode::kIgnore:
        return Status::OK();
      case catalog::SaveMode::kErrorIfExists:
        return Status::Analysis("Table " + table + " already exists. Set mode as \"append\" to add rows to it, or "
                                "\"overwrite\" to replace it");
      case catalog::SaveMode::kAppend:
        return InsertIntoTable(session_, InsertTarget{table, {}, /*by_name=*/true, false}, plan_);
      case catalog::SaveMode::kOverwrite:
        break;
    }
  }
  catalog::TableDefinition definition{table, nullptr, format_, options_, partition_by_, ""};
  PathOptionAsLocation(&definition);
  return CreateTableFromQuery(session_, *warehouse, std::move(definition), plan_, existing.has_value());
}

Status DataFrameWriter::insertInto(const std::string& name) const {
  RUNNEL_ASSIGN_OR_RAISE(catalog::SaveMode mode, catalog::ParseSaveMode(mode_));
  if (!partition_by_.empty()) {
    return Status::Analysis("insertInto() can't be used together with partitionBy(): the table's partition columns "
                            "are used");
  }
  RUNNEL_ASSIGN_OR_RAISE(std::string table, WarehouseTableName(expr::SplitName(name)));
  return InsertIntoTable(session_, InsertTarget{table, {}, false, mode == catalog::SaveMode::kOverwrite}, plan_);
}

}  // namespace runnel
