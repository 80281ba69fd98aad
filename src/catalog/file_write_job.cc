#include "catalog/file_write_job.h"

#include <fmt/format.h>

#include <memory>
#include <random>
#include <set>
#include <unordered_map>

#include "base/spelling.h"
#include "catalog/partitioning.h"
#include "format/file_writer.h"
#include "vector/selection.h"

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
    return Status::InvalidArgument(fmt::format("Cannot write a batch of {} columns as rows of {} columns ({})",
                                               batch.num_columns(), schema.num_fields(), schema.ToString()));
  }
  for (int i = 0; i < schema.num_fields(); ++i) {
    const type::DataTypePtr& have = batch.column(i)->type();
    if (!type::TypesEqual(have, schema.field(i).type)) {
      return Status::InvalidArgument(fmt::format("Cannot write column {} of type {} as column '{}' of type {}. Cast it first",
                                                 i + 1, have->ToString(), schema.field(i).name,
                                                 schema.field(i).type->ToString()));
    }
  }
  return Status::OK();
}

}  // namespace

// One open file per partition directory.
class PartFileWriter::Impl {
 public:
  Impl(io::FileSystem& fs, std::string directory, const FileWriteSpec& spec, int task, std::string job_id)
      : fs_(fs), directory_(std::move(directory)), spec_(spec), task_(task), uuid_(std::move(job_id)) {}

  Status Init() {
    options_ = format::Options(spec_.options);
    RUNNEL_ASSIGN_OR_RAISE(int64_t max_records, options_.GetInt("maxRecordsPerFile", spec_.max_records_per_file));
    max_records_ = max_records > 0 ? max_records : INT64_MAX;
    RUNNEL_ASSIGN_OR_RAISE(extension_, format::FileExtension(spec_.format, options_));
    const type::Schema& schema = *spec_.schema;
    std::vector<bool> is_partition(schema.num_fields(), false);
    for (const auto& name : spec_.partition_columns) {
      int index = schema.FieldIndex(name);
      if (index < 0) {
        return Status::Analysis(fmt::format("Partition column '{}' is not a column of the data ({}){}", name,
                                            schema.ToString(), base::DidYouMean(name, schema.names())));
      }
      if (is_partition[index]) return Status::Analysis("Partition column '" + name + "' is named twice");
      if (schema.field(index).type->is_nested()) {
        return Status::Analysis(fmt::format("Cannot use {} column '{}' as a partition column",
                                            schema.field(index).type->ToString(), name));
      }
      is_partition[index] = true;
      partition_indices_.push_back(index);
      partition_names_.push_back(schema.field(index).name);
    }
    std::vector<type::Field> data_fields;
    for (int i = 0; i < schema.num_fields(); ++i) {
      if (is_partition[i]) continue;
      data_indices_.push_back(i);
      data_fields.push_back(schema.field(i));
    }
    if (data_fields.empty()) {
      return Status::Analysis("Cannot write files whose every column is a partition column (" +
                              base::JoinStrings(partition_names_, ", ") + ")");
    }
    data_schema_ = std::make_shared<type::Schema>(std::move(data_fields));
    return Status::OK();
  }

  Status Write(const vector::Batch& batch) {
    RUNNEL_RETURN_NOT_OK(CheckBatchTypes(batch, *spec_.schema));
    std::vector<vector::ColumnPtr> columns;
    for (int i : data_indices_) columns.push_back(batch.column(i));
    vector::Batch data(data_schema_, std::move(columns), batch.num_rows());
    if (partition_indices_.empty()) return WriteTo("", data);
    // Group the rows by their partition directory, keeping their order within each.
    std::unordered_map<std::string, vector::SelectionVector> groups;
    std::vector<std::string> order;
    std::vector<type::Value> values(partition_indices_.size());
    for (int64_t row = 0; row < batch.num_rows(); ++row) {
      for (size_t p = 0; p < partition_indices_.size(); ++p) values[p] = batch.GetValue(row, partition_indices_[p]);
      std::string dir = PartitionDirectory(partition_names_, values);
      auto [it, inserted] = groups.try_emplace(dir);
      if (inserted) order.push_back(dir);
      it->second.push_back(static_cast<int32_t>(row));
    }
    for (const auto& dir : order) {
      const vector::SelectionVector& rows = groups[dir];
      if (static_cast<int64_t>(rows.size()) == batch.num_rows()) {
        RUNNEL_RETURN_NOT_OK(WriteTo(dir, data));
      } else {
        RUNNEL_RETURN_NOT_OK(WriteTo(dir, vector::TakeRows(data, rows)));
      }
    }
    return Status::OK();
  }

  Result<std::vector<std::string>> Finish(bool empty_file_if_none) {
    for (auto& [dir, file] : open_) {
      if (file.rows > 0) RUNNEL_RETURN_NOT_OK(Flush(dir, file));
    }
    if (written_.empty() && empty_file_if_none && partition_indices_.empty()) {
      RUNNEL_ASSIGN_OR_RAISE(auto writer, format::MakeFileWriter(spec_.format, data_schema_, options_));
      OpenFile file{std::move(writer), 0};
      RUNNEL_RETURN_NOT_OK(Flush("", file));
    }
    for (const auto& dir : directories_) RUNNEL_RETURN_NOT_OK(fs_.SyncDirectory(dir));
    return std::move(written_);
  }

 private:
  struct OpenFile {
    std::unique_ptr<format::FileWriter> writer;
    int64_t rows = 0;
  };

  Status WriteTo(const std::string& dir, const vector::Batch& data) {
    auto it = open_.find(dir);
    if (it == open_.end()) {
      RUNNEL_ASSIGN_OR_RAISE(auto writer, format::MakeFileWriter(spec_.format, data_schema_, options_));
      it = open_.emplace(dir, OpenFile{std::move(writer), 0}).first;
    }
    OpenFile& file = it->second;
    // Split so no file exceeds max_records_.
    int64_t offset = 0;
    while (offset < data.num_rows()) {
      int64_t take = std::min(data.num_rows() - offset, max_records_ - file.rows);
      vector::Batch part = (offset == 0 && take == data.num_rows()) ? data : data.Slice(offset, take);
      RUNNEL_RETURN_NOT_OK(file.writer->Write(part));
      file.rows += take;
      offset += take;
      if (file.rows >= max_records_) RUNNEL_RETURN_NOT_OK(Flush(dir, file));
    }
    return Status::OK();
  }

  Status Flush(const std::string& dir, OpenFile& file) {
    RUNNEL_ASSIGN_OR_RAISE(std::string bytes, file.writer->Finish());
    const char* pattern =
        spec_.naming == PartFileNaming::kStreaming ? "part-{:05d}-{}.c{:03d}{}" : "part-{:05d}-{}-c{:03d}{}";
    std::string name = fmt::format(fmt::runtime(pattern), task_, uuid_, written_.size(), extension_);
    std::string relative = dir.empty() ? name : dir + "/" + name;
    std::string target_dir = dir.empty() ? directory_ : io::JoinPath(directory_, dir);
    if (!dir.empty() && directories_.insert(target_dir).second) {
      RUNNEL_RETURN_NOT_OK(fs_.CreateDirectories(target_dir));
    }
    if (dir.empty()) directories_.insert(target_dir);
    std::string temporary = io::JoinPath(target_dir, "." + name + kTemporarySuffix);
    RUNNEL_RETURN_NOT_OK(fs_.WriteFile(temporary, bytes, /*sync=*/true));
    RUNNEL_RETURN_NOT_OK(fs_.Rename(temporary, io::JoinPath(target_dir, name)));
    written_.push_back(std::move(relative));
    file.rows = 0;
    return Status::OK();
  }

  io::FileSystem& fs_;
  std::string directory_;
  const FileWriteSpec spec_;
  int task_;
  std::string uuid_;
  format::Options options_;
  int64_t max_records_ = INT64_MAX;
  std::string extension_;
  std::vector<int> partition_indices_, data_indices_;
  std::vector<std::string> partition_names_;
  type::SchemaPtr data_schema_;
  std::map<std::string, OpenFile> open_;
  std::set<std::string> directories_;  // to fsync once every file in them is renamed
  std::vector<std::string> written_;
};

std::string NewWriteJobId() { return RandomUuid(); }

Status CheckWritableSchema(const type::Schema& schema, const std::string& format, const std::string& target) {
  if (schema.num_fields() == 0) return Status::Analysis("Cannot write rows without columns to " + target);
  std::set<std::string> seen;
  for (const auto& f : schema.fields()) {
    if (!seen.insert(base::ToLower(f.name)).second) {
      return Status::Analysis("Column '" + f.name + "' appears twice in " + target + ". Give the columns distinct names");
    }
    type::TypeId id = f.type->id();
    if (id == type::TypeId::kNull || id == type::TypeId::kInterval) {
      return Status::Analysis("Column '" + f.name + "' of type " + f.type->ToString() + " cannot be stored in " +
                              target + " (" + format + "). Cast it to a storable type");
    }
    if (format == "csv" && f.type->is_nested()) {
      return Status::NotSupported("CSV cannot hold nested column '" + f.name + "' of type " + f.type->ToString() +
                                  " (" + target + "). Use json or parquet");
    }
  }
  return Status::OK();
}

PartFileWriter::PartFileWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PartFileWriter::~PartFileWriter() = default;

Result<std::unique_ptr<PartFileWriter>> PartFileWriter::Make(io::FileSystem& fs, std::string directory,
                                                             const FileWriteSpec& spec, int task, std::string job_id) {
  auto impl = std::make_unique<Impl>(fs, std::move(directory), spec, task, std::move(job_id));
  RUNNEL_RETURN_NOT_OK(impl->Init());
  return std::unique_ptr<PartFileWriter>(new PartFileWriter(std::move(impl)));
}

Status PartFileWriter::Write(const vector::Batch& batch) {
  if (batch.num_rows() == 0) return Status::OK();
  return impl_->Write(batch);
}

Result<std::vector<std::string>> PartFileWriter::Finish(bool empty_file_if_none) {
  return impl_->Finish(empty_file_if_none);
}

bool IsPartFileName(const std::string& name) { return StartsWith(name, "part-") && !EndsWith(name, kTemporarySuffix); }

bool IsTemporaryPartFileName(const std::string& name) {
  return StartsWith(name, ".part-") && EndsWith(name, kTemporarySuffix);
}

Result<std::vector<std::string>> WriteFiles(io::FileSystem& fs, const std::string& directory,
                                            const FileWriteSpec& spec, vector::BatchStream& batches) {
  RUNNEL_ASSIGN_OR_RAISE(auto writer, PartFileWriter::Make(fs, directory, spec, 0, NewWriteJobId()));
  for (;;) {
    RUNNEL_ASSIGN_OR_RAISE(std::optional<vector::Batch> batch, batches.Next());
    if (!batch) break;
    RUNNEL_RETURN_NOT_OK(writer->Write(*batch));
  }
  return writer->Finish();
}

}  // namespace runnel::catalog
