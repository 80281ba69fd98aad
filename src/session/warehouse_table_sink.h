// The streaming sink into a warehouse table (toTable(), streaming tables, flows INSERT INTO a
// table): each micro-batch is appended exactly once. The table's manifest commit that adds a
// batch's files also records the query id and batch id (catalog::StreamCommit), so a batch
// re-run after a crash between that commit and the query's commits/N is skipped. Append output
// mode only, as a streaming table accepts appends only.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/warehouse.h"
#include "session/sql_table_statements.h"
#include "streaming/sink.h"

namespace runnel {

struct TableSinkOptions {
  std::string table;  // the warehouse's (lower-case) name
  // How the query's columns fill the table's: by name (toTable, streaming tables), or by
  // position (a flow's INSERT INTO without BY NAME).
  bool by_name = true;
  // A missing table is created at start from the query's columns with these.
  std::string format;  // "" for the default (parquet)
  std::vector<std::string> partition_columns;
  std::map<std::string, std::string> options;
};

class WarehouseTableSink final : public streaming::Sink {
 public:
  WarehouseTableSink(std::shared_ptr<catalog::Warehouse> warehouse, TableSinkOptions options)
      : warehouse_(std::move(warehouse)), options_(std::move(options)) {}

  std::string Describe() const override { return "WarehouseTableSink[" + options_.table + "]"; }
  Status CheckOutputMode(plan::OutputMode mode) const override;
  void SetQueryId(const std::string& id) override { query_id_ = id; }
  // Creates the table when missing, and matches the query's columns to the table's.
  Status Open(const type::SchemaPtr& schema, plan::OutputMode mode) override;
  Status AddBatch(int64_t batch_id, streaming::BatchOutput& output) override;

 private:
  Status CreateTable(const type::SchemaPtr& schema);
  // Whether the table records batch `batch_id` of this query as committed.
  Result<bool> Committed(int64_t batch_id);

  std::shared_ptr<catalog::Warehouse> warehouse_;
  TableSinkOptions options_;
  std::string query_id_;
  std::optional<InsertColumns> columns_;
};

}  // namespace runnel
