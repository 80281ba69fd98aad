// A warehouse table read as a stream (STREAM(t) over a managed table, readStream().table(t)):
// each batch is the data files that commits appended since the last one. A table's manifest only
// grows at its end between overwrites (docs/formats/warehouse.md), so an offset is a position in
// that list, {"tableVersion":V,"numFiles":N}: the first N files of the manifest as of version V.
// A batch replays exactly while no overwrite came after its start, which the manifest's
// overwrite_version tells; an overwritten or recreated table fails the stream, as a Delta table
// updated in place fails a Delta stream.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "catalog/warehouse.h"
#include "streaming/source.h"

namespace runnel::streaming {

class TableStreamSource final : public Source {
 public:
  // `max_files_per_trigger` <= 0: no limit.
  static Result<std::shared_ptr<TableStreamSource>> Make(
      std::shared_ptr<catalog::Warehouse> warehouse, std::string table,
      int64_t max_files_per_trigger);

  std::string Describe() const override { return "TableStreamSource[" + table_ + "]"; }
  type::SchemaPtr schema() const override { return schema_; }
  ReadLimit DefaultReadLimit() const override;
  Result<std::optional<std::string>> LatestOffset(const std::optional<std::string>& start,
                                                  const ReadLimit& limit) override;
  Result<plan::DataSourcePtr> GetBatch(const std::optional<std::string>& start,
                                       const std::string& end) override;
  Status PrepareForAvailableNow() override;

 private:
  struct Position {
    int64_t version = 0;
    int64_t num_files = 0;
  };
  TableStreamSource(std::shared_ptr<catalog::Warehouse> warehouse, std::string table,
                    type::SchemaPtr schema, int64_t max_files)
      : warehouse_(std::move(warehouse)),
        table_(std::move(table)),
        schema_(std::move(schema)),
        max_files_(max_files) {}
  struct Snapshot {
    catalog::TableMetadata metadata;
    catalog::TableManifest manifest;
  };
  // The table now, checked against a position the stream already holds (`since`): an error
  // when the table was recreated or overwritten after it.
  Result<Snapshot> ReadTable(const std::optional<Position>& since) const;
  static Result<Position> DecodeOffset(const std::string& text);
  static std::string EncodeOffset(const Position& position);

  std::shared_ptr<catalog::Warehouse> warehouse_;
  std::string table_;
  type::SchemaPtr schema_;
  int64_t max_files_;
  std::optional<int64_t> available_now_files_;  // Trigger.AvailableNow: no further than this
};

}  // namespace runnel::streaming
