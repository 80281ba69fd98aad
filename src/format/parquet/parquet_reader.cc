#include "format/parquet/parquet_reader.h"

#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "format/parquet/column_reader.h"
#include "format/parquet/record_assembly.h"

namespace runnel::format::parquet {

namespace {

constexpr char kMagic[] = "PAR1";
constexpr char kEncryptedMagic[] = "PARE";
constexpr int64_t kTailBytes = 64 * 1024;  // one read usually gets the whole footer

template <typename T>
std::optional<T> LoadLE(const std::string& bytes) {
  if (bytes.size() != sizeof(T)) return std::nullopt;
  T v;
  std::memcpy(&v, bytes.data(), sizeof(T));
  return v;
}

// UINT64 (read as DECIMAL(20, 0)): a logical INTEGER(64, unsigned), or only the converted type
// UINT_64, as DuckDB writes it. Its statistics are ordered and stored unsigned.
bool IsUnsigned64(const SchemaElement& e) {
  if (e.logical_type) {
    return e.logical_type->kind == LogicalType::Kind::kInteger && !e.logical_type->is_signed;
  }
  return e.converted_type == ConvertedType::kUint64;
}

// A statistics value (PLAIN, without length prefix) as the column's Runnel type.
std::optional<type::Value> DecodeStatistic(const LeafColumn& leaf, const std::string& bytes) {
  const Type physical = *leaf.element.type;
  const type::DataTypePtr& t = leaf.type;
  const LogicalType* logical = leaf.element.logical_type ? &*leaf.element.logical_type : nullptr;
  switch (t->id()) {
    case type::TypeId::kBoolean:
      if (bytes.size() != 1) return std::nullopt;
      return type::Value::Boolean(bytes[0] != 0);
    case type::TypeId::kInt:
      if (auto v = LoadLE<int32_t>(bytes)) return type::Value::Int(*v);
      return std::nullopt;
    case type::TypeId::kDate:
      if (auto v = LoadLE<int32_t>(bytes)) return type::Value::Date(*v);
      return std::nullopt;
    case type::TypeId::kBigInt:
      if (physical == Type::kInt32) {
        if (auto v = LoadLE<uint32_t>(bytes)) return type::Value::BigInt(*v);
        return std::nullopt;
      }
      if (auto v = LoadLE<int64_t>(bytes)) return type::Value::BigInt(*v);
      return std::nullopt;
    case type::TypeId::kDouble:
      if (physical == Type::kFloat) {
        if (auto v = LoadLE<float>(bytes)) return type::Value::Double(*v);
        return std::nullopt;
      }
      if (physical != Type::kDouble) return std::nullopt;
      if (auto v = LoadLE<double>(bytes)) return type::Value::Double(*v);
      return std::nullopt;
    case type::TypeId::kTimestamp: {
      if (physical != Type::kInt64) return std::nullopt;  // INT96 statistics are unordered
      auto v = LoadLE<int64_t>(bytes);
      if (!v) return std::nullopt;
      TimeUnit unit = logical && logical->kind == LogicalType::Kind::kTimestamp ? logical->unit
                      : leaf.element.converted_type == ConvertedType::kTimestampMillis ? TimeUnit::kMillis
                                                                                        : TimeUnit::kMicros;
      // Nanoseconds round down, as the column reader rounds the values (a truncated negative
      // min would lie above the values it bounds); milliseconds that overflow give no bound.
      int64_t micros = unit == TimeUnit::kNanos ? *v / 1000 - (*v % 1000 < 0 ? 1 : 0) : *v;
      if (unit == TimeUnit::kMillis && __builtin_mul_overflow(*v, 1000, &micros)) return std::nullopt;
      return type::Value::Timestamp(micros);
    }
    case type::TypeId::kString:
      if (physical != Type::kByteArray) return std::nullopt;
      return type::Value::String(bytes);
    case type::TypeId::kBinary:
      if (physical != Type::kByteArray) return std::nullopt;
      return type::Value::Binary(bytes);
    case type::TypeId::kDecimal: {
      type::int128_t x = 0;
      if (physical == Type::kInt32) {
        auto v = LoadLE<int32_t>(bytes);
        if (!v) return std::nullopt;
        x = *v;
      } else if (physical == Type::kInt64) {
        auto v = LoadLE<int64_t>(bytes);
        if (!v) return std::nullopt;
        bool unsigned64 = IsUnsigned64(leaf.element);
        x = unsigned64 ? static_cast<type::int128_t>(static_cast<uint64_t>(*v)) : *v;
      } else {
        if (bytes.empty() || bytes.size() > 16) return std::nullopt;
        x = (static_cast<uint8_t>(bytes[0]) & 0x80) ? -1 : 0;
        for (char c : bytes) x = static_cast<type::int128_t>((static_cast<unsigned __int128>(x) << 8) | static_cast<uint8_t>(c));
      }
      return type::Value::Decimal(x, t->precision(), t->scale());
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

Result<std::shared_ptr<ParquetFile>> ParquetFile::Open(std::shared_ptr<io::FileSystem> fs, const std::string& path) {
  std::shared_ptr<ParquetFile> file(new ParquetFile());
  file->fs_ = std::move(fs);
  file->path_ = path;
  RUNNEL_ASSIGN_OR_RAISE(io::FileInfo info, file->fs_->Stat(path));
  file->file_size_ = info.size;
  if (info.size < 12) {
    return Status::Corruption(fmt::format("Parquet file {} is {} bytes, too small to be Parquet", path, info.size));
  }
  RUNNEL_ASSIGN_OR_RAISE(std::string head, file->fs_->ReadRange(path, 0, 4));
  if (head != kMagic) {
    return Status::Corruption("File " + path + " is not Parquet: it does not start with PAR1");
  }
  int64_t tail_length = std::min(info.size, kTailBytes);
  RUNNEL_ASSIGN_OR_RAISE(std::string tail, file->fs_->ReadRange(path, info.size - tail_length, tail_length));
  RUNNEL_RETURN_NOT_OK(file->Init(tail, info.size));
  return file;
}

Result<std::shared_ptr<ParquetFile>> ParquetFile::FromBuffer(std::string bytes, const std::string& name) {
  std::shared_ptr<ParquetFile> file(new ParquetFile());
  file->path_ = name;
  file->buffer_ = std::move(bytes);
  file->in_memory_ = true;
  file->file_size_ = static_cast<int64_t>(file->buffer_.size());
  if (file->file_size_ < 12) {
    return Status::Corruption(fmt::format("Parquet file {} is {} bytes, too small to be Parquet", name, file->file_size_));
  }
  if (file->buffer_.compare(0, 4, kMagic) != 0) {
    return Status::Corruption("File " + name + " is not Parquet: it does not start with PAR1");
  }
  RUNNEL_RETURN_NOT_OK(file->Init(file->buffer_, file->file_size_));
  return file;
}

Status ParquetFile::Init(std::string_view tail, int64_t file_size) {
  std::string_view magic = tail.substr(tail.size() - 4);
  if (magic == kEncryptedMagic) {
    return Status::NotSupported("Parquet file " + path_ + " is encrypted; Runnel cannot read encrypted Parquet");
  }
  if (magic != kMagic) {
    return Status::Corruption("Parquet file " + path_ + " does not end with PAR1: it is cut short or not Parquet");
  }
  uint32_t footer_length;
  std::memcpy(&footer_length, tail.data() + tail.size() - 8, 4);
  if (static_cast<int64_t>(footer_length) > file_size - 12) {
    return Status::Corruption(fmt::format("Parquet file {}: its footer claims {} bytes, more than the file's {}", path_,
                                          footer_length, file_size));
  }
  std::string footer;
  if (footer_length + 8 <= tail.size()) {
    footer.assign(tail.substr(tail.size() - 8 - footer_length, footer_length));
  } else {
    RUNNEL_ASSIGN_OR_RAISE(footer, ReadRange(file_size - 8 - footer_length, footer_length));
  }
  auto parsed = ParseFileMetaData(footer);
  if (!parsed.ok()) return Status(parsed.status().code(), "Parquet file " + path_ + ": " + parsed.status().message());
  metadata_ = std::move(*parsed);
  RUNNEL_ASSIGN_OR_RAISE(schema_, ReadFileSchema(metadata_.schema, path_));
  int64_t rows = 0;
  for (size_t g = 0; g < metadata_.row_groups.size(); ++g) {
    const RowGroup& group = metadata_.row_groups[g];
    if (group.columns.size() != schema_.leaves.size()) {
      return Status::Corruption(fmt::format("Parquet file {}: row group {} has {} column chunks for {} leaf columns",
                                            path_, g, group.columns.size(), schema_.leaves.size()));
    }
    if (group.num_rows < 0) return Status::Corruption(fmt::format("Parquet file {}: row group {} has negative rows", path_, g));
    for (const auto& chunk : group.columns) {
      if (!chunk.meta_data) return Status::Corruption("Parquet file " + path_ + ": a column chunk without metadata");
      if (chunk.file_path) {
        return Status::NotSupported("Parquet file " + path_ + " keeps column chunks in other files, which Runnel cannot read");
      }
    }
    rows += group.num_rows;
  }
  (void)rows;  // num_rows in the footer is informative; row groups are what is read
  return Status::OK();
}

Result<std::string> ParquetFile::ReadRange(int64_t offset, int64_t length) const {
  if (offset < 0 || length < 0 || offset > file_size_ || length > file_size_ - offset) {
    return Status::Corruption(fmt::format("Parquet file {}: a range of {} bytes at {} lies outside its {} bytes", path_,
                                          length, offset, file_size_));
  }
  if (in_memory_) return buffer_.substr(offset, length);
  return fs_->ReadRange(path_, offset, length);
}

std::optional<ColumnStatistics> ParquetFile::Statistics(int row_group, int field) const {
  if (row_group < 0 || row_group >= num_row_groups() || field < 0 || field >= static_cast<int>(schema_.fields.size())) {
    return std::nullopt;
  }
  const SchemaNode& node = schema_.fields[field];
  if (node.kind != SchemaNode::Kind::kPrimitive) return std::nullopt;
  const LeafColumn& leaf = schema_.leaves[node.leaf];
  const ColumnMetaData& meta = *metadata_.row_groups[row_group].columns[node.leaf].meta_data;
  if (!meta.statistics) return std::nullopt;
  const parquet::Statistics& s = *meta.statistics;
  ColumnStatistics out;
  out.null_count = s.null_count;
  const std::optional<std::string>* min = &s.min_value;
  const std::optional<std::string>* max = &s.max_value;
  if (!s.min_value || !s.max_value) {
    // The deprecated min/max are signed comparisons: right for numbers, not for byte arrays or
    // unsigned integers.
    const SchemaElement& e = leaf.element;
    const bool unsigned_type =
        e.logical_type ? e.logical_type->kind == LogicalType::Kind::kInteger && !e.logical_type->is_signed
                       : e.converted_type == ConvertedType::kUint32 || e.converted_type == ConvertedType::kUint64;
    bool signed_ok = leaf.type->id() != type::TypeId::kString && leaf.type->id() != type::TypeId::kBinary &&
                     leaf.type->id() != type::TypeId::kDecimal && leaf.type->id() != type::TypeId::kBoolean &&
                     !unsigned_type;
    if (!signed_ok) return out;
    min = &s.min;
    max = &s.max;
  }
  if (*min && *max) {
    out.min = DecodeStatistic(leaf, **min);
    out.max = DecodeStatistic(leaf, **max);
    if (!out.min || !out.max) {
      out.min.reset();
      out.max.reset();
    } else if (leaf.type->id() == type::TypeId::kDouble) {
      // Writers leave NaN out of min and max (the spec asks them to), so a row group may hold
      // NaNs whatever its max says; NaN sorts above every double in Runnel, so it is the upper
      // bound. A NaN min says nothing.
      if (std::isnan(out.min->double_value())) {
        out.min.reset();
        out.max.reset();
      } else {
        out.max = type::Value::Double(std::numeric_limits<double>::quiet_NaN());
      }
    }
  }
  return out;
}

Result<std::unique_ptr<ParquetReader>> ParquetReader::Make(std::shared_ptr<ParquetFile> file, std::vector<int> fields,
                                                           std::vector<int> row_groups, int64_t batch_size) {
  std::unique_ptr<ParquetReader> r(new ParquetReader());
  std::vector<type::Field> out;
  for (int f : fields) {
    if (f < 0 || f >= file->schema()->num_fields()) {
      return Status::InvalidArgument(fmt::format("Parquet file {} has no column {}", file->path(), f));
    }
    out.push_back(file->schema()->field(f));
  }
  for (int g : row_groups) {
    if (g < 0 || g >= file->num_row_groups()) {
      return Status::InvalidArgument(fmt::format("Parquet file {} has no row group {}", file->path(), g));
    }
  }
  r->file_ = std::move(file);
  r->fields_ = std::move(fields);
  r->row_groups_ = std::move(row_groups);
  r->batch_size_ = batch_size > 0 ? batch_size : kDefaultBatchSize;
  r->schema_ = std::make_shared<type::Schema>(std::move(out));
  return r;
}

Status ParquetReader::LoadRowGroup(int row_group) {
  const RowGroup& group = file_->metadata().row_groups[row_group];
  const FileSchema& schema = file_->file_schema();
  std::vector<DecodedLeaf> leaves(schema.leaves.size());
  columns_.clear();
  for (int field : fields_) {
    for (int l : schema.field_leaves[field]) {
      const ColumnMetaData& meta = *group.columns[l].meta_data;
      int64_t start = meta.data_page_offset;
      if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 && *meta.dictionary_page_offset < start) {
        start = *meta.dictionary_page_offset;
      }
      std::string where = fmt::format("{} (row group {}, column '{}')", file_->path(), row_group,
                                      fmt::join(schema.leaves[l].path, "."));
      // A flat column has one level entry per row, a nested one at least one: checked before
      // decoding, so a chunk can't make the reader allocate for values its row group lacks.
      if (schema.leaves[l].max_rep == 0 ? meta.num_values != group.num_rows
                                        : meta.num_values < group.num_rows) {
        return Status::Corruption(
            fmt::format("Parquet file {}: the column chunk holds {} values for {} rows", where,
                        meta.num_values, group.num_rows));
      }
      auto bytes = file_->ReadRange(start, meta.total_compressed_size);
      if (!bytes.ok()) return Status(bytes.status().code(), bytes.status().message() + " in column chunk " + where);
      RUNNEL_ASSIGN_OR_RAISE(leaves[l], DecodeColumnChunk(schema.leaves[l], meta, *bytes, where));
    }
    RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr column,
                           AssembleField(schema, field, leaves, group.num_rows,
                                         fmt::format("{} (row group {})", file_->path(), row_group)));
    columns_.push_back(std::move(column));
    for (int l : schema.field_leaves[field]) leaves[l] = DecodedLeaf{};
  }
  group_rows_ = group.num_rows;
  group_offset_ = 0;
  return Status::OK();
}

Result<std::optional<vector::Batch>> ParquetReader::Next() {
  while (group_offset_ >= group_rows_) {
    if (next_group_ >= row_groups_.size()) return std::optional<vector::Batch>();
    RUNNEL_RETURN_NOT_OK(LoadRowGroup(row_groups_[next_group_++]));
  }
  int64_t n = std::min(batch_size_, group_rows_ - group_offset_);
  std::vector<vector::ColumnPtr> columns;
  columns.reserve(columns_.size());
  for (const auto& c : columns_) columns.push_back(n == group_rows_ ? c : c->Slice(group_offset_, n));
  group_offset_ += n;
  return std::optional<vector::Batch>(vector::Batch(schema_, std::move(columns), n));
}

}  // namespace runnel::format::parquet
