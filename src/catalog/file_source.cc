#include "catalog/file_source.h"

#include <fmt/format.h>

#include "base/spelling.h"
#include "catalog/partitioning.h"
#include "catalog/sink_manifest.h"
#include "catalog/statistics_pruning.h"
#include "format/csv/csv_reader.h"
#include "format/json/json_reader.h"
#include "format/options.h"
#include "format/parquet/parquet_reader.h"
#include "format/text/text_reader.h"
#include "type/ddl.h"

namespace runnel::catalog {

namespace {

// A reader with Next() as a BatchStream of the columns `projection` picks (file columns).
template <typename Reader>
class ProjectingStream final : public vector::BatchStream {
 public:
  ProjectingStream(std::unique_ptr<Reader> reader, std::vector<int> projection, type::SchemaPtr schema)
      : reader_(std::move(reader)), projection_(std::move(projection)), schema_(std::move(schema)) {}
  Result<std::optional<vector::Batch>> Next() override {
    RUNNEL_ASSIGN_OR_RAISE(std::optional<vector::Batch> b, reader_->Next());
    if (!b) return b;
    return std::optional<vector::Batch>(plan::ProjectColumns(*b, schema_, projection_));
  }

 private:
  std::unique_ptr<Reader> reader_;
  std::vector<int> projection_;
  type::SchemaPtr schema_;
};

template <typename Reader>
Result<std::unique_ptr<vector::BatchStream>> OpenWith(std::shared_ptr<io::FileSystem> fs, const std::string& path,
                                                      const type::SchemaPtr& data_schema, const format::Options& options,
                                                      const std::vector<int>& file_projection) {
  RUNNEL_ASSIGN_OR_RAISE(std::unique_ptr<Reader> reader, Reader::Make(fs, path, data_schema, options));
  return std::unique_ptr<vector::BatchStream>(new ProjectingStream<Reader>(
      std::move(reader), file_projection, plan::ProjectSchema(*data_schema, file_projection)));
}

// Parquet: the file's columns found by name; a column the file lacks reads as NULLs (files of
// one table may differ, as Spark allows).
class ParquetStream final : public vector::BatchStream {
 public:
  // `sources[i]`: the reader's column for output column i, or -1 for NULLs.
  ParquetStream(std::unique_ptr<format::parquet::ParquetReader> reader, std::vector<int> sources,
                type::SchemaPtr schema)
      : reader_(std::move(reader)), sources_(std::move(sources)), schema_(std::move(schema)) {}
  Result<std::optional<vector::Batch>> Next() override {
    RUNNEL_ASSIGN_OR_RAISE(std::optional<vector::Batch> b, reader_->Next());
    if (!b) return b;
    std::vector<vector::ColumnPtr> columns;
    for (size_t i = 0; i < sources_.size(); ++i) {
      columns.push_back(sources_[i] >= 0 ? b->column(sources_[i])
                                         : vector::MakeNullColumn(schema_->field(static_cast<int>(i)).type, b->num_rows()));
    }
    return std::optional<vector::Batch>(vector::Batch(schema_, std::move(columns), b->num_rows()));
  }

 private:
  std::unique_ptr<format::parquet::ParquetReader> reader_;
  std::vector<int> sources_;
  type::SchemaPtr schema_;
};

// Adds a file's partition values as constant columns, in the order of the scan's projection.
class WithPartitionValues final : public vector::BatchStream {
 public:
  // `sources[i]` is, for output column i, the inner stream's column (>= 0) or -1 - k for
  // partition value k.
  WithPartitionValues(std::unique_ptr<vector::BatchStream> inner, std::vector<int> sources,
                      std::vector<type::Value> values, type::SchemaPtr schema)
      : inner_(std::move(inner)), sources_(std::move(sources)), values_(std::move(values)), schema_(std::move(schema)) {}

  Result<std::optional<vector::Batch>> Next() override {
    RUNNEL_ASSIGN_OR_RAISE(std::optional<vector::Batch> b, inner_->Next());
    if (!b) return b;
    std::vector<vector::ColumnPtr> columns;
    columns.reserve(sources_.size());
    for (int s : sources_) {
      columns.push_back(s >= 0 ? b->column(s) : vector::MakeConstantColumn(values_[-1 - s], b->num_rows()));
    }
    return std::optional<vector::Batch>(vector::Batch(schema_, std::move(columns), b->num_rows()));
  }

 private:
  std::unique_ptr<vector::BatchStream> inner_;
  std::vector<int> sources_;
  std::vector<type::Value> values_;
  type::SchemaPtr schema_;
};

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
  // A streaming file sink's output: its manifest says which files are committed output; the
  // rest (failed attempts) must stay invisible.
  RUNNEL_ASSIGN_OR_RAISE(bool sink_output, SinkManifest::IsSinkOutput(*fs_, path_));
  if (sink_output) {
    RUNNEL_ASSIGN_OR_RAISE(auto committed, SinkManifest(fs_, path_).ListFiles());
    for (const auto& f : committed) files_.push_back(f.path);
    root_ = path_;
    return Status::OK();
  }
  auto listed = fs_->ListFiles(path_);
  if (!listed.ok()) {
    return Status::Analysis("Path does not exist: " + path_ + " (" + listed.status().message() + ")");
  }
  for (const auto& f : *listed) files_.push_back(f.path);
  // Partitions are discovered below a directory, or below the basePath option (Spark's).
  format::Options options(options_);
  if (auto base = options.Get("basePath")) {
    root_ = *base;
  } else {
    auto info = fs_->Stat(path_);
    if (info.ok() && info->is_directory) root_ = path_;
  }
  return Status::OK();
}

Result<type::Schema> FileSource::InferDataSchema() {
  format::Options options(options_);
  if (format_ == "text") return *format::TextReader::DefaultSchema();
  if (files_.empty()) {
    return Status::Analysis("Unable to infer schema for " + format_ + " at '" + path_ +
                            "': it has no files. Give the schema explicitly");
  }
  if (format_ == "parquet") {
    // Spark without mergeSchema: the schema of one file stands for all.
    RUNNEL_RETURN_NOT_OK(PlanParquetSplits());
    return *parquet_files_[0]->schema();
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
  if (format_ != "csv" && format_ != "json" && format_ != "text" && format_ != "parquet") {
    return Status::NotSupported("Data source format '" + format_ + "' is not supported for reading '" + path_ +
                                "'. Supported: parquet, csv, json, text");
  }
  if (!files_given_) RUNNEL_RETURN_NOT_OK(ListInputFiles());
  std::optional<type::Schema> declared;
  if (!schema_ddl_.empty()) {
    RUNNEL_ASSIGN_OR_RAISE(type::Schema s, type::ParseSchema(schema_ddl_));
    declared = std::move(s);
  }
  RUNNEL_RETURN_NOT_OK(ResolvePartitions(declared ? &*declared : nullptr));
  if (format_ == "parquet") return PlanParquetSplits();
  for (size_t f = 0; f < files_.size(); ++f) splits_.push_back(Split{static_cast<int>(f), -1});
  return Status::OK();
}

Status FileSource::PlanParquetSplits() {
  if (!parquet_files_.empty() || files_.empty()) return Status::OK();
  for (const auto& f : files_) {
    RUNNEL_ASSIGN_OR_RAISE(auto file, format::parquet::ParquetFile::Open(fs_, f));
    parquet_files_.push_back(std::move(file));
  }
  for (size_t f = 0; f < files_.size(); ++f) {
    int groups = parquet_files_[f]->num_row_groups();
    // A file without row groups still has a schema and no rows: no split.
    for (int g = 0; g < groups; ++g) splits_.push_back(Split{static_cast<int>(f), g});
  }
  return Status::OK();
}

Result<type::SchemaPtr> FileSource::schema() {
  std::call_once(resolved_once_, [this] { resolve_status_ = Resolve(); });
  RUNNEL_RETURN_NOT_OK(resolve_status_);
  return schema_;
}

std::vector<std::string> FileSource::partition_columns() const {
  std::vector<std::string> names;
  if (!schema_ || !data_schema_) return names;
  for (int i = data_schema_->num_fields(); i < schema_->num_fields(); ++i) names.push_back(schema_->field(i).name);
  return names;
}

int FileSource::NumPartitions() const { return std::max<int>(1, static_cast<int>(splits_.size())); }

bool FileSource::FileMayMatch(int file, const std::vector<int>& projection,
                              const std::vector<expr::ExprPtr>& filters) const {
  if (filters.empty() || partition_values_.empty()) return true;
  const int num_data = data_schema_->num_fields();
  std::vector<std::optional<ColumnRange>> ranges(projection.size());
  for (size_t i = 0; i < projection.size(); ++i) {
    if (projection[i] >= num_data) ranges[i] = ColumnRange::Exactly(partition_values_[file][projection[i] - num_data]);
  }
  return AllMayMatch(filters, ranges);
}

Result<std::unique_ptr<vector::BatchStream>> FileSource::Open(int partition, const std::vector<int>& projection,
                                                              const std::vector<expr::ExprPtr>& filters) {
  RUNNEL_ASSIGN_OR_RAISE(type::SchemaPtr schema, this->schema());
  if (partition >= static_cast<int>(splits_.size()) || !FileMayMatch(splits_[partition].file, projection, filters)) {
    return std::unique_ptr<vector::BatchStream>(new vector::VectorBatchStream({}));
  }
  const int file_index = splits_[partition].file;
  const std::string& file = files_[file_index];
  const int num_data = data_schema_->num_fields();
  std::vector<int> file_projection, sources;
  std::vector<type::Value> values;
  for (int column : projection) {
    if (column < num_data) {
      sources.push_back(static_cast<int>(file_projection.size()));
      file_projection.push_back(column);
    } else {
      values.push_back(partition_values_[file_index][column - num_data]);
      sources.push_back(-static_cast<int>(values.size()));
    }
  }
  type::SchemaPtr output = plan::ProjectSchema(*schema, projection);
  format::Options options(options_);
  std::unique_ptr<vector::BatchStream> stream;
  if (format_ == "parquet") {
    RUNNEL_ASSIGN_OR_RAISE(stream, OpenParquet(partition, projection, file_projection, filters));
  } else if (format_ == "csv") {
    RUNNEL_ASSIGN_OR_RAISE(stream, OpenWith<format::CsvReader>(fs_, file, data_schema_, options, file_projection));
  } else if (format_ == "json") {
    RUNNEL_ASSIGN_OR_RAISE(stream, OpenWith<format::JsonReader>(fs_, file, data_schema_, options, file_projection));
  } else {
    RUNNEL_ASSIGN_OR_RAISE(stream, OpenWith<format::TextReader>(fs_, file, data_schema_, options, file_projection));
  }
  if (values.empty()) return stream;  // the file columns are the output
  return std::unique_ptr<vector::BatchStream>(
      new WithPartitionValues(std::move(stream), std::move(sources), std::move(values), std::move(output)));
}

Result<std::unique_ptr<vector::BatchStream>> FileSource::OpenParquet(int split, const std::vector<int>& projection,
                                                                     const std::vector<int>& file_projection,
                                                                     const std::vector<expr::ExprPtr>& filters) {
  const Split& s = splits_[split];
  const auto& file = parquet_files_[s.file];
  const type::Schema& file_schema = *file->schema();
  // The file's columns by name; the scan's types must match the file's.
  std::vector<int> fields, sources;
  for (int column : file_projection) {
    const type::Field& want = data_schema_->field(column);
    int index = file_schema.FieldIndex(want.name);
    if (index < 0) {
      sources.push_back(-1);
      continue;
    }
    const type::DataTypePtr& have = file_schema.field(index).type;
    if (!type::TypesEqual(have, want.type)) {
      return Status::Analysis("Parquet column '" + want.name + "' of " + file->path() + " has type " + have->ToString() +
                              ", but the scan reads it as " + want.type->ToString());
    }
    sources.push_back(static_cast<int>(fields.size()));
    fields.push_back(index);
  }
  // Row-group statistics against the filters: skip the group when no row can match.
  if (!filters.empty()) {
    const int num_data = data_schema_->num_fields();
    std::vector<std::optional<ColumnRange>> ranges(projection.size());
    for (size_t i = 0; i < projection.size(); ++i) {
      int column = projection[i];
      if (column >= num_data) {
        ranges[i] = ColumnRange::Exactly(partition_values_[s.file][column - num_data]);
        continue;
      }
      int index = file_schema.FieldIndex(data_schema_->field(column).name);
      if (index < 0) continue;
      auto stats = file->Statistics(s.row_group, index);
      if (!stats) continue;
      ColumnRange range;
      range.min = stats->min;
      range.max = stats->max;
      int64_t rows = file->metadata().row_groups[s.row_group].num_rows;
      if (stats->null_count) {
        range.may_have_nulls = *stats->null_count > 0;
        range.all_null = *stats->null_count >= rows && rows > 0;
      }
      ranges[i] = std::move(range);
    }
    if (!AllMayMatch(filters, ranges)) return std::unique_ptr<vector::BatchStream>(new vector::VectorBatchStream({}));
  }
  RUNNEL_ASSIGN_OR_RAISE(auto reader, format::parquet::ParquetReader::Make(file, fields, {s.row_group}));
  return std::unique_ptr<vector::BatchStream>(
      new ParquetStream(std::move(reader), std::move(sources), plan::ProjectSchema(*data_schema_, file_projection)));
}

}  // namespace runnel::catalog
