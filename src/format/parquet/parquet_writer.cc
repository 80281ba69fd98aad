#include "format/parquet/parquet_writer.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/spelling.h"
#include "format/parquet/compression.h"

namespace runnel::format::parquet {

namespace {

constexpr char kMagic[] = "PAR1";
constexpr char kCreatedBy[] = "runnel version 0.1.0";

Result<Codec> CodecOption(const Options& options) {
  std::string name = options.GetString("compression", options.GetString("parquet.compression", "snappy"));
  return ParseCodecName(name);
}

// Bytes a row costs in the buffers, for cutting row groups by size.
int64_t BufferedBytes(const std::vector<LeafData>& leaves) {
  int64_t total = 0;
  for (const auto& d : leaves) {
    total += static_cast<int64_t>(d.i32.size() * 4 + d.i64.size() * 8 + d.f64.size() * 8 + d.bools.size() +
                                  d.fixed.size() + d.def.size() * 2 + d.rep.size() * 2 + d.bytes.size() * 4) +
             d.byte_array_bytes;
  }
  return total;
}

}  // namespace

Result<std::string> ParquetWriter::Extension(const Options& options) {
  RUNNEL_ASSIGN_OR_RAISE(Codec codec, CodecOption(options));
  switch (codec) {
    case Codec::kUncompressed: return std::string(".parquet");
    case Codec::kSnappy: return std::string(".snappy.parquet");
    case Codec::kGzip: return std::string(".gz.parquet");
    case Codec::kZstd: return std::string(".zstd.parquet");
    case Codec::kBrotli: return std::string(".br.parquet");
    case Codec::kLz4: return std::string(".lz4hadoop.parquet");
    case Codec::kLz4Raw: return std::string(".lz4raw.parquet");
    default: return std::string(".parquet");
  }
}

Result<std::unique_ptr<ParquetWriter>> ParquetWriter::Make(type::SchemaPtr schema, const Options& options) {
  std::unique_ptr<ParquetWriter> w(new ParquetWriter());
  RUNNEL_ASSIGN_OR_RAISE(w->schema_, WriteFileSchema(*schema, &w->elements_));
  RUNNEL_ASSIGN_OR_RAISE(Codec codec, CodecOption(options));
  w->column_options_.codec = codec;
  if (options.Has("compressionLevel")) {
    RUNNEL_ASSIGN_OR_RAISE(int64_t level, options.GetInt("compressionLevel", 0));
    w->column_options_.compression_level = static_cast<int>(level);
    std::string probe;
    RUNNEL_RETURN_NOT_OK(Compress(codec, "x", &probe, static_cast<int>(level)));  // rejects a bad level now
  }
  RUNNEL_ASSIGN_OR_RAISE(w->row_group_bytes_, options.GetInt("parquet.block.size", w->row_group_bytes_));
  RUNNEL_ASSIGN_OR_RAISE(w->row_group_rows_, options.GetInt("rowGroupSize", w->row_group_rows_));
  RUNNEL_ASSIGN_OR_RAISE(w->column_options_.data_page_size,
                         options.GetInt("parquet.page.size", w->column_options_.data_page_size));
  RUNNEL_ASSIGN_OR_RAISE(w->column_options_.dictionary_page_limit,
                         options.GetInt("parquet.dictionary.page.size", w->column_options_.dictionary_page_limit));
  RUNNEL_ASSIGN_OR_RAISE(w->column_options_.dictionary, options.GetBool("parquet.enable.dictionary", true));
  std::string version = base::ToLower(options.GetString("parquet.writer.version", "parquet_1_0"));
  if (version == "parquet_2_0" || version == "v2" || version == "2") {
    w->column_options_.data_page_v2 = true;
  } else if (version != "parquet_1_0" && version != "v1" && version != "1") {
    return Status::InvalidArgument("Option parquet.writer.version must be PARQUET_1_0 or PARQUET_2_0, not '" +
                                   options.GetString("parquet.writer.version", "") + "'");
  }
  if (w->row_group_bytes_ <= 0 || w->row_group_rows_ <= 0 || w->column_options_.data_page_size <= 0) {
    return Status::InvalidArgument("Parquet row-group and page sizes must be positive");
  }
  w->leaves_.resize(w->schema_.leaves.size());
  w->out_ = kMagic;
  return w;
}

Status ParquetWriter::Write(const vector::Batch& batch) {
  if (batch.num_columns() != schema_.schema->num_fields()) {
    return Status::InvalidArgument(fmt::format("Parquet writer expects {} columns, got a batch of {}",
                                               schema_.schema->num_fields(), batch.num_columns()));
  }
  // Cut the batch where row groups end, so each holds at most row_group_rows_ rows, and into
  // slices small enough that the byte size is checked often.
  constexpr int64_t kSliceRows = 1024;
  int64_t offset = 0;
  while (offset < batch.num_rows()) {
    int64_t take = std::min<int64_t>({batch.num_rows() - offset, row_group_rows_ - buffered_rows_, kSliceRows});
    RUNNEL_RETURN_NOT_OK(WriteRows(offset == 0 && take == batch.num_rows() ? batch : batch.Slice(offset, take)));
    offset += take;
  }
  return Status::OK();
}

Status ParquetWriter::WriteRows(const vector::Batch& batch) {
  for (int i = 0; i < batch.num_columns(); ++i) {
    RUNNEL_RETURN_NOT_OK(ShredColumn(schema_, i, batch.column(i), &leaves_));
  }
  buffered_rows_ += batch.num_rows();
  buffered_bytes_ = BufferedBytes(leaves_);
  if (buffered_rows_ >= row_group_rows_ || buffered_bytes_ >= row_group_bytes_) return FlushRowGroup();
  return Status::OK();
}

Status ParquetWriter::FlushRowGroup() {
  if (buffered_rows_ == 0) return Status::OK();
  RowGroup group;
  group.num_rows = buffered_rows_;
  group.file_offset = static_cast<int64_t>(out_.size());
  group.ordinal = static_cast<int16_t>(row_groups_.size());
  int64_t start = static_cast<int64_t>(out_.size());
  for (size_t l = 0; l < schema_.leaves.size(); ++l) {
    RUNNEL_ASSIGN_OR_RAISE(ColumnChunk chunk, WriteColumnChunk(schema_.leaves[l], leaves_[l], column_options_, 0, &out_));
    if (chunk.meta_data.has_value()) group.total_byte_size += chunk.meta_data.value().total_uncompressed_size;
    group.columns.push_back(std::move(chunk));
    leaves_[l].Clear();
  }
  group.total_compressed_size = static_cast<int64_t>(out_.size()) - start;
  num_rows_ += buffered_rows_;
  row_groups_.push_back(std::move(group));
  buffered_rows_ = 0;
  buffered_bytes_ = 0;
  return Status::OK();
}

Result<std::string> ParquetWriter::Finish() {
  RUNNEL_RETURN_NOT_OK(FlushRowGroup());
  FileMetaData meta;
  meta.version = 1;
  meta.schema = elements_;
  meta.num_rows = num_rows_;
  meta.row_groups = std::move(row_groups_);
  meta.created_by = kCreatedBy;
  meta.column_orders.assign(schema_.leaves.size(), ColumnOrder{});
  std::string footer = SerializeFileMetaData(meta);
  uint32_t length = static_cast<uint32_t>(footer.size());
  out_ += footer;
  out_.append(reinterpret_cast<const char*>(&length), 4);
  out_ += kMagic;
  std::string file = std::move(out_);
  out_ = kMagic;
  row_groups_.clear();
  num_rows_ = 0;
  return file;
}

}  // namespace runnel::format::parquet
