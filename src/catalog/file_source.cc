#include "catalog/file_source.h"

#include "base/spelling.h"
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

// Adapts a reader with Next() to a BatchStream that keeps only the projected columns.
template <typename Reader>
class ReaderStream final : public vector::BatchStream {
 public:
  ReaderStream(std::unique_ptr<Reader> reader, std::vector<int> projection, type::SchemaPtr schema)
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
                                                      const type::SchemaPtr& schema, const format::Options& options,
                                                      const std::vector<int>& projection) {
  RUNNEL_ASSIGN_OR_RAISE(std::unique_ptr<Reader> reader, Reader::Make(fs, path, schema, options));
  return std::unique_ptr<vector::BatchStream>(
      new ReaderStream<Reader>(std::move(reader), projection, plan::ProjectSchema(*schema, projection)));
}

}  // namespace

FileSource::FileSource(std::string format, std::string path, std::string schema_ddl,
                       std::map<std::string, std::string> options, std::shared_ptr<io::FileSystem> fs)
    : format_(base::ToLower(format)), path_(std::move(path)), schema_ddl_(std::move(schema_ddl)),
      options_(std::move(options)), fs_(std::move(fs)) {}

std::shared_ptr<FileSource> FileSource::OverFiles(std::string format, std::string name,
                                                 std::vector<std::string> files, std::string schema_ddl,
                                                 std::map<std::string, std::string> options,
                                                 std::shared_ptr<io::FileSystem> fs) {
  auto source = std::make_shared<FileSource>(std::move(format), std::move(name), std::move(schema_ddl),
                                             std::move(options), std::move(fs));
  source->files_ = std::move(files);
  source->files_given_ = true;
  return source;
}

std::string FileSource::Describe() const { return format_ + " " + path_; }

Status FileSource::Resolve() {
  if (format_ != "csv" && format_ != "json" && format_ != "text") {
    return Status::NotSupported("Data source format '" + format_ + "' is not supported for reading '" + path_ +
                                "'. Supported: csv, json, text");
  }
  if (!files_given_) {
    auto listed = fs_->ListFiles(path_);
    if (!listed.ok()) {
      return Status::Analysis("Path does not exist: " + path_ + " (" + listed.status().message() + ")");
    }
    for (const auto& f : *listed) files_.push_back(f.path);
  }
  format::Options options = ToFormatOptions(options_);
  if (!schema_ddl_.empty()) {
    RUNNEL_ASSIGN_OR_RAISE(type::Schema s, type::ParseSchema(schema_ddl_));
    schema_ = std::make_shared<type::Schema>(std::move(s));
  } else if (format_ == "text") {
    schema_ = format::TextReader::DefaultSchema();
  } else if (files_.empty()) {
    return Status::Analysis("Unable to infer schema for " + format_ + " at '" + path_ +
                            "': it has no files. Give the schema explicitly");
  } else if (format_ == "csv") {
    RUNNEL_ASSIGN_OR_RAISE(type::Schema s, format::InferCsvSchema(fs_, files_, options));
    schema_ = std::make_shared<type::Schema>(std::move(s));
  } else {
    RUNNEL_ASSIGN_OR_RAISE(type::Schema s, format::InferJsonSchema(fs_, files_, options));
    schema_ = std::make_shared<type::Schema>(std::move(s));
  }
  return Status::OK();
}

Result<type::SchemaPtr> FileSource::schema() {
  std::call_once(resolved_once_, [this] { resolve_status_ = Resolve(); });
  RUNNEL_RETURN_NOT_OK(resolve_status_);
  return schema_;
}

int FileSource::NumPartitions() const { return std::max<int>(1, static_cast<int>(files_.size())); }

Result<std::unique_ptr<vector::BatchStream>> FileSource::Open(int partition, const std::vector<int>& projection) {
  RUNNEL_ASSIGN_OR_RAISE(type::SchemaPtr schema, this->schema());
  if (partition >= static_cast<int>(files_.size())) {
    return std::unique_ptr<vector::BatchStream>(new vector::VectorBatchStream({}));
  }
  const std::string& file = files_[partition];
  format::Options options = ToFormatOptions(options_);
  if (format_ == "csv") return OpenWith<format::CsvReader>(fs_, file, schema, options, projection);
  if (format_ == "json") return OpenWith<format::JsonReader>(fs_, file, schema, options, projection);
  return OpenWith<format::TextReader>(fs_, file, schema, options, projection);
}

}  // namespace runnel::catalog
