#include "catalog/table_file_writer.h"

#include <fmt/format.h>

#include <random>
#include <variant>

#include "format/csv/csv_writer.h"
#include "format/json/json_writer.h"

namespace runnel::catalog {

namespace {

constexpr char kTemporarySuffix[] = ".tmp";

bool StartsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }
bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A random version-4 UUID: part files of different writes never collide.
std::string RandomUuid() {
  static thread_local std::mt19937_64 engine{std::random_device{}()};
  uint64_t hi = engine(), lo = engine();
  hi = (hi & ~0xF000ULL) | 0x4000ULL;
  lo = (lo & ~(0xC000ULL << 48)) | (0x8000ULL << 48);
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF, hi & 0xFFFF,
                     lo >> 48, lo & 0xFFFFFFFFFFFFULL);
}

Status CheckBatchTypes(const vector::Batch& batch, const type::Schema& schema) {
  if (batch.num_columns() != schema.num_fields()) {
    return Status::InvalidArgument(fmt::format("Cannot write a batch of {} columns into a table of {} columns ({})",
                                               batch.num_columns(), schema.num_fields(), schema.ToString()));
  }
  for (int i = 0; i < schema.num_fields(); ++i) {
    const type::DataTypePtr& have = batch.column(i)->type();
    if (!type::TypesEqual(have, schema.field(i).type)) {
      return Status::InvalidArgument(fmt::format("Cannot write column {} of type {} into table column '{}' of type {}. Cast it first",
                                                 i + 1, have->ToString(), schema.field(i).name,
                                                 schema.field(i).type->ToString()));
    }
  }
  return Status::OK();
}

// One of the two text writers, behind one interface.
class FormatWriter {
 public:
  static Result<FormatWriter> Make(const TableMetadata& table) {
    format::Options options;
    for (const auto& [k, v] : table.options) options.Set(k, v);
    if (table.format == "csv") {
      RUNNEL_ASSIGN_OR_RAISE(auto w, format::CsvWriter::Make(table.schema, options));
      return FormatWriter(std::move(w));
    }
    if (table.format == "json") {
      RUNNEL_ASSIGN_OR_RAISE(auto w, format::JsonWriter::Make(table.schema, options));
      return FormatWriter(std::move(w));
    }
    return Status::NotSupported("Cannot write table '" + table.name + "' in format '" + table.format +
                                "'. Supported: csv, json");
  }
  Status Write(const vector::Batch& batch) {
    return std::visit([&](auto& w) { return w->Write(batch); }, writer_);
  }
  Result<std::string> Finish() {
    return std::visit([](auto& w) { return w->Finish(); }, writer_);
  }

 private:
  using Variant = std::variant<std::unique_ptr<format::CsvWriter>, std::unique_ptr<format::JsonWriter>>;
  explicit FormatWriter(Variant writer) : writer_(std::move(writer)) {}
  Variant writer_;
};

Result<int64_t> RowsPerFile(const TableMetadata& table) {
  format::Options options;
  for (const auto& [k, v] : table.options) options.Set(k, v);
  RUNNEL_ASSIGN_OR_RAISE(int64_t rows, options.GetInt("maxRecordsPerFile", 0));
  return rows > 0 ? rows : kDefaultRowsPerFile;
}

}  // namespace

bool IsPartFileName(const std::string& name) { return StartsWith(name, "part-") && !EndsWith(name, kTemporarySuffix); }

bool IsTemporaryPartFileName(const std::string& name) {
  return StartsWith(name, ".part-") && EndsWith(name, kTemporarySuffix);
}

Result<std::vector<std::string>> WritePartFiles(io::FileSystem& fs, const std::string& directory,
                                                const TableMetadata& table, vector::BatchStream& batches) {
  RUNNEL_ASSIGN_OR_RAISE(FormatWriter writer, FormatWriter::Make(table));
  RUNNEL_ASSIGN_OR_RAISE(int64_t rows_per_file, RowsPerFile(table));
  const std::string uuid = RandomUuid();
  std::vector<std::string> names;
  int64_t pending_rows = 0;
  auto flush = [&]() -> Status {
    RUNNEL_ASSIGN_OR_RAISE(std::string bytes, writer.Finish());
    std::string name = fmt::format("part-{:05d}-{}.{}", names.size(), uuid, table.format);
    std::string temporary = io::JoinPath(directory, "." + name + kTemporarySuffix);
    RUNNEL_RETURN_NOT_OK(fs.WriteFile(temporary, bytes, /*sync=*/true));
    RUNNEL_RETURN_NOT_OK(fs.Rename(temporary, io::JoinPath(directory, name)));
    names.push_back(std::move(name));
    pending_rows = 0;
    return Status::OK();
  };
  for (;;) {
    RUNNEL_ASSIGN_OR_RAISE(std::optional<vector::Batch> batch, batches.Next());
    if (!batch) break;
    if (batch->num_rows() == 0) continue;
    RUNNEL_RETURN_NOT_OK(CheckBatchTypes(*batch, *table.schema));
    RUNNEL_RETURN_NOT_OK(writer.Write(*batch));
    pending_rows += batch->num_rows();
    if (pending_rows >= rows_per_file) RUNNEL_RETURN_NOT_OK(flush());
  }
  if (pending_rows > 0) RUNNEL_RETURN_NOT_OK(flush());
  if (!names.empty()) RUNNEL_RETURN_NOT_OK(fs.SyncDirectory(directory));
  return names;
}

}  // namespace runnel::catalog
