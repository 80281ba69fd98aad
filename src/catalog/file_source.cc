#include "catalog/file_source.h"

#include <fmt/format.h>

#include "base/spelling.h"
#include "catalog/partitioning.h"
#include "catalog/statistics_pruning.h"
#include "format/csv/csv_reader.h"
#include "format/json/json_reader.h"
#include "format/options.h"
#include "format/text/text_reader.h"
#include "type/ddl.h"

namespace runnel::catalog {

namespace {

format::Options ToFormatOptions(const std::map<std::string, std::string>& options) {
  format::Options out;
  for (const auto& [k, v] : options) out.Set(k, v);
  return out;
}

// Adapts a reader with Next() to a BatchStream: keeps the projected file columns and adds the
// file's partition values as constant columns, in the order of the scan's projection.
template <typename Reader>
class ReaderStream final : public vector::BatchStream {
 public:
  // `sources[i]` is, for output column i, the index of a file column (>= 0) or -1 - k for
  // partition value k.
  ReaderStream(std::unique_ptr<Reader> reader, std::vector<int> file_projection, std::vector<int> sources,
               std::vector<type::Value> partition_values, type::SchemaPtr schema)
      : reader_(std::move(reader)),
        file_projection_(std::move(file_projection)),
        sources_(std::move(sources)),
        partition_values_(std::move(partition_values)),
        schema_(std::move(schema)) {}

  Result<std::optional<vector::Batch>> Next() override {
    RUNNEL_ASSIGN_OR_RAISE(std::optional<vector::Batch> b, reader_->Next());
    if (!b) return b;
    std::vector<vector::ColumnPtr> columns;
    columns.reserve(sources_.size());
    for (int s : sources_) {
      if (s >= 0) {
        columns.push_back(b->column(file_projection_[s]));
      } else {
        columns.push_back(vector::MakeConstantColumn(partition_values_[-1 - s], b->num_rows()));
      }
    }
    return std::optional<vector::Batch>(vector::Batch(schema_, std::move(columns), b->num_rows()));
  }

 private:
  std::unique_ptr<Reader> reader_;
  std::vector<int> file_projection_;
  std::vector<int> sources_;
  std::vector<type::Value> partition_values_;
  type::SchemaPtr schema_;
};

template <typename Reader>
Result<std::unique_ptr<vector::BatchStream>> OpenWith(std::shared_ptr<io::FileSystem> fs, const std::string& path,
                                                      const type::SchemaPtr& data_schema, const format::Options& options,
                                                      std::vector<int> file_projection, std::vector<int> sources,
                                                      std::vector<type::Value> partition_values,
                                                      type::SchemaPtr output_schema) {
  RUNNEL_ASSIGN_OR_RAISE(std::unique_ptr<Reader> reader, Reader::Make(fs, path, data_schema, options));
  return std::unique_ptr<vector::BatchStream>(new ReaderStream<Reader>(std::move(reader), std::move(file_projection),
                                                                       std::move(sources), std::move(partition_values),
                                                                       std::move(output_schema)));
}

// The path of `file` below `root`, or "" when it is not below it.
std::string RelativeTo(const std::string& root, const std::string& file) {
  std::string prefix = root;
  while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
  prefix += '/';
  if (file.rfind(prefix, 0) != 0) return "";
  return file.substr(prefix.size());
}

}  // namespace

FileSource::FileSource(std::string format, std::string path, std::string schema_ddl,
                       std::map<std::string, std::string> options, std::shared_ptr<io::FileSystem> fs)
    : format_(base::ToLower(format)), path_(std::move(path)), schema_ddl_(std::move(schema_ddl)),
      options_(std::move(options)), fs_(std::move(fs)) {}

std::shared_ptr<FileSource> FileSource::OverFiles(std::string format, std::string root,
                                                 std::vector<std::string> files, std::string schema_ddl,
                                                 std::map<std::string, std::string> options,
                                                 std::shared_ptr<io::FileSystem> fs,
                                                 std::vector<std::string> partition_columns) {
  auto source = std::make_shared<FileSource>(std::move(format), root, std::move(schema_ddl), std::move(options),
                                             std::move(fs));
  source->files_ = std::move(files);
  source->files_given_ = true;
  source->root_ = std::move(root);
  source->declared_partitions_ = std::move(partition_columns);
  return source;
}

std::string FileSource::Describe() const { return format_ + " " + path_; }

Status FileSource::ListInputFiles() {
  auto listed = fs_->ListFiles(path_);
  if (!listed.ok()) {
    return Status::Analysis("Path does not exist: " + path_ + " (" + listed.status().message() + ")");
  }
  for (const auto& f : *listed) files_.push_back(f.path);
  // Partitions are discovered below a directory, or below the basePath option (Spark's).
  format::Options options = ToFormatOptions(options_);
  if (auto base = options.Get("basePath")) {
    root_ = *base;
  } else {
    auto info = fs_->Stat(path_);
    if (info.ok() && info->is_directory) root_ = path_;
  }
  return Status::OK();
}

Result<type::Schema> FileSource::InferDataSchema() {
  format::Options options = ToFormatOptions(options_);
  if (format_ == "text") return *format::TextReader::DefaultSchema();
  if (files_.empty()) {
    return Status::Analysis("Unable to infer schema for " + format_ + " at '" + path_ +
                            "': it has no files. Give the schema explicitly");
  }
  if (format_ == "csv") return format::InferCsvSchema(fs_, files_, options);
  return format::InferJsonSchema(fs_, files_, options);
}

Status FileSource::ResolvePartitions(const type::Schema* declared) {
  std::vector<std::string> relative;
  if (!root_.empty()) {
    for (const auto& f : files_) relative.push_back(RelativeTo(root_, f));
  }
  std::vector<type::Field> partition_fields;
  if (files_given_) {
    // A table: the declared schema names the partition columns and their types.
    for (const auto& name : declared_partitions_) {
      int index = declared->FieldIndex(name);
      if (index < 0) return Status::Corruption("Partition column '" + name + "' is not in the table's schema");
      partition_fields.push_back(declared->field(index));
    }
    for (const auto& rel : relative) {
      std::vector<RawPartitionValue> raw = ParsePartitionPath(rel);
      std::vector<type::Value> values;
      for (const auto& field : partition_fields) {
        std::optional<std::string> text;
        for (const auto& [name, value] : raw) {
          if (base::ToLower(name) == base::ToLower(field.name)) text = value;
        }
        values.push_back(ParsePartitionValue(text, field.type));
      }
      partition_values_.push_back(std::move(values));
    }
  } else {
    RUNNEL_ASSIGN_OR_RAISE(DiscoveredPartitions found, DiscoverPartitions(root_, relative));
    partition_fields = found.schema.fields();
    // A declared type for a partition column replaces the inferred one.
    bool retyped = false;
    for (auto& field : partition_fields) {
      int index = declared ? declared->FieldIndex(field.name) : -1;
      if (index >= 0 && !type::TypesEqual(declared->field(index).type, field.type)) {
        field.type = declared->field(index).type;
        retyped = true;
      }
    }
    if (retyped) {
      for (const auto& rel : relative) {
        std::vector<RawPartitionValue> raw = ParsePartitionPath(rel);
        std::vector<type::Value> values;
        for (size_t c = 0; c < partition_fields.size(); ++c) {
          values.push_back(ParsePartitionValue(raw[c].second, partition_fields[c].type));
        }
        partition_values_.push_back(std::move(values));
      }
    } else {
      partition_values_ = std::move(found.values);
    }
  }
  // The file columns: the declared or inferred ones, minus the partition columns.
  type::Schema data;
  if (declared != nullptr) {
    data = *declared;
  } else {
    RUNNEL_ASSIGN_OR_RAISE(data, InferDataSchema());
  }
  std::vector<type::Field> data_fields;
  for (const auto& f : data.fields()) {
    bool is_partition = false;
    for (const auto& p : partition_fields) is_partition = is_partition || base::ToLower(p.name) == base::ToLower(f.name);
    if (!is_partition) data_fields.push_back(f);
  }
  std::vector<type::Field> all = data_fields;
  all.insert(all.end(), partition_fields.begin(), partition_fields.end());
  data_schema_ = std::make_shared<type::Schema>(std::move(data_fields));
  schema_ = std::make_shared<type::Schema>(std::move(all));
  return Status::OK();
}

Status FileSource::Resolve() {
  if (format_ != "csv" && format_ != "json" && format_ != "text") {
    return Status::NotSupported("Data source format '" + format_ + "' is not supported for reading '" + path_ +
                                "'. Supported: csv, json, text");
  }
  if (!files_given_) RUNNEL_RETURN_NOT_OK(ListInputFiles());
  std::optional<type::Schema> declared;
  if (!schema_ddl_.empty()) {
    RUNNEL_ASSIGN_OR_RAISE(type::Schema s, type::ParseSchema(schema_ddl_));
    declared = std::move(s);
  }
  return ResolvePartitions(declared ? &*declared : nullptr);
}

Result<type::SchemaPtr> FileSource::schema() {
  std::call_once(resolved_once_, [this] { resolve_status_ = Resolve(); });
  RUNNEL_RETURN_NOT_OK(resolve_status_);
  return schema_;
}

int FileSource::NumPartitions() const { return std::max<int>(1, static_cast<int>(files_.size())); }

bool FileSource::FileMayMatch(int file, const std::vector<int>& projection,
                              const std::vector<expr::ExprPtr>& filters) const {
  if (filters.empty() || partition_values_.empty()) return true;
  const int num_data = data_schema_->num_fields();
  std::vector<std::optional<ColumnRange>> ranges(projection.size());
  for (size_t i = 0; i < projection.size(); ++i) {
    if (projection[i] >= num_data) ranges[i] = ColumnRange::Exactly(partition_values_[file][projection[i] - num_data]);
  }
  RangeLookup lookup = [&](int column) -> const ColumnRange* {
    if (column < 0 || column >= static_cast<int>(ranges.size()) || !ranges[column]) return nullptr;
    return &*ranges[column];
  };
  for (const auto& f : filters) {
    if (!MayMatch(*f, lookup)) return false;
  }
  return true;
}

Result<std::unique_ptr<vector::BatchStream>> FileSource::Open(int partition, const std::vector<int>& projection,
                                                              const std::vector<expr::ExprPtr>& filters) {
  RUNNEL_ASSIGN_OR_RAISE(type::SchemaPtr schema, this->schema());
  if (partition >= static_cast<int>(files_.size()) || !FileMayMatch(partition, projection, filters)) {
    return std::unique_ptr<vector::BatchStream>(new vector::VectorBatchStream({}));
  }
  const std::string& file = files_[partition];
  const int num_data = data_schema_->num_fields();
  std::vector<int> file_projection, sources;
  std::vector<type::Value> values;
  for (int column : projection) {
    if (column < num_data) {
      sources.push_back(static_cast<int>(file_projection.size()));
      file_projection.push_back(column);
    } else {
      values.push_back(partition_values_[partition][column - num_data]);
      sources.push_back(-static_cast<int>(values.size()));
    }
  }
  type::SchemaPtr output = plan::ProjectSchema(*schema, projection);
  format::Options options = ToFormatOptions(options_);
  if (format_ == "csv") {
    return OpenWith<format::CsvReader>(fs_, file, data_schema_, options, file_projection, sources, values, output);
  }
  if (format_ == "json") {
    return OpenWith<format::JsonReader>(fs_, file, data_schema_, options, file_projection, sources, values, output);
  }
  return OpenWith<format::TextReader>(fs_, file, data_schema_, options, file_projection, sources, values, output);
}

}  // namespace runnel::catalog
