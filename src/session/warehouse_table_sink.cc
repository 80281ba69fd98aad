#include "session/warehouse_table_sink.h"

#include "vector/batch_stream.h"

namespace runnel {

Status WarehouseTableSink::CheckOutputMode(plan::OutputMode mode) const {
  if (mode == plan::OutputMode::kAppend) return Status::OK();
  return Status::Analysis(std::string("Table ") + options_.table +
                          " accepts appends only, so a streaming write into " +
                          "it needs output mode Append, not " + plan::OutputModeName(mode) +
                          ". Write aggregates with a watermark in Append mode, or use a sink");
}

Status WarehouseTableSink::CreateTable(const type::SchemaPtr& schema) {
  // The query's columns as they are; nullability is not enforced on write (as CREATE TABLE AS).
  std::vector<type::Field> fields = schema->fields();
  for (auto& f : fields) f.nullable = true;
  catalog::TableDefinition definition{options_.table,
                                      std::make_shared<type::Schema>(std::move(fields)),
                                      options_.format,
                                      options_.options,
                                      options_.partition_columns,
                                      ""};
  // Another writer may create it first: then that table is the one to append to.
  return warehouse_->CreateTable(std::move(definition), /*if_not_exists=*/true);
}

Status WarehouseTableSink::Open(const type::SchemaPtr& schema, plan::OutputMode) {
  RUNNEL_ASSIGN_OR_RAISE(std::optional<catalog::Table> table,
                         warehouse_->FindTable(options_.table));
  if (!table) {
    RUNNEL_RETURN_NOT_OK(CreateTable(schema));
    RUNNEL_ASSIGN_OR_RAISE(table, warehouse_->FindTable(options_.table));
    if (!table)
      return Status::Internal("Table " + options_.table + " vanished after it was created");
  }
  InsertTarget target{options_.table, {}, options_.by_name, false};
  RUNNEL_ASSIGN_OR_RAISE(InsertColumns columns,
                         InsertColumns::Make(target, table->metadata.schema, *schema));
  columns_ = std::move(columns);
  return Status::OK();
}

Result<bool> WarehouseTableSink::Committed(int64_t batch_id) {
  RUNNEL_ASSIGN_OR_RAISE(catalog::Table table, warehouse_->GetTable(options_.table));
  if (!table.manifest) return false;
  auto it = table.manifest->stream_writes.find(query_id_);
  return it != table.manifest->stream_writes.end() && it->second >= batch_id;
}

Status WarehouseTableSink::AddBatch(int64_t batch_id, streaming::BatchOutput& output) {
  if (!columns_ || query_id_.empty()) return Status::Internal(Describe() + " was not opened");
  // A batch the table already holds is not computed again (the commit checks once more).
  RUNNEL_ASSIGN_OR_RAISE(bool committed, Committed(batch_id));
  if (committed) return Status::OK();
  RUNNEL_ASSIGN_OR_RAISE(std::vector<vector::Batch> batches, output.Collect());
  std::vector<vector::Batch> converted;
  for (const auto& b : batches) {
    if (b.num_rows() == 0) continue;
    RUNNEL_ASSIGN_OR_RAISE(vector::Batch c, columns_->Convert(b));
    converted.push_back(std::move(c));
  }
  vector::VectorBatchStream stream(std::move(converted));
  catalog::StreamCommit commit{query_id_, batch_id, [&output] { return output.BeforeCommit(); }};
  return warehouse_->WriteStreamBatch(options_.table, stream, commit).status();
}

}  // namespace runnel
