// Writes the seed corpus of parquet_reader_fuzz: small files from Runnel's own ParquetWriter that
// between them hold every type, nested columns, NULLs, dictionary and PLAIN pages, v1 and v2 data
// pages, several pages and row groups per chunk, and every codec; and one whose string and
// fixed-length columns are re-encoded as DELTA_BYTE_ARRAY, which the writer doesn't use.
// DuckDB's files (fuzz/corpus/README.md) add DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY
// and BYTE_STREAM_SPLIT. Regenerate with
//   cmake --build --preset fuzz --target parquet_seed_writer
//   build/fuzz/fuzz/parquet_seed_writer fuzz/corpus/parquet_reader
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "format/parquet/delta_byte_array.h"
#include "format/parquet/parquet_writer.h"
#include "type/ddl.h"

namespace {

using runnel::type::Value;
namespace type = runnel::type;

type::SchemaPtr Schema(const char* ddl) {
  return std::make_shared<type::Schema>(type::ParseSchema(ddl).ValueOrDie());
}

// Flat columns of every primitive type, with NULLs and repeated values (dictionaries).
runnel::vector::Batch FlatRows(int n) {
  auto schema = Schema(
      "i INT, b BIGINT, s STRING, d DOUBLE, p DECIMAL(10,2), w DECIMAL(30,5), day DATE, "
      "ts TIMESTAMP, f BOOLEAN, bin BINARY");
  std::vector<std::vector<Value>> rows;
  for (int r = 0; r < n; ++r) {
    auto null_or = [&](int every, Value v, int field) {
      return r % every == 0 ? Value::NullOf(schema->field(field).type) : std::move(v);
    };
    rows.push_back(
        {Value::Int(r % 5), null_or(4, Value::BigInt(r * 1000000007LL), 1),
         null_or(3, Value::String("name" + std::to_string(r % 3)), 2), Value::Double(r / 4.0),
         Value::Decimal(r * 125, 10, 2), null_or(5, Value::Decimal(-r * 1000003, 30, 5), 5),
         Value::Date(19000 + r), Value::Timestamp(1700000000000000LL + r * 1000000LL),
         Value::Boolean(r % 2 == 0), Value::Binary(std::string(r % 4, static_cast<char>(r)))});
  }
  return runnel::vector::Batch::FromRows(schema, rows);
}

// Lists, structs, maps and their nestings, with NULLs and empty lists at every level.
runnel::vector::Batch NestedRows(int n) {
  auto schema = Schema(
      "id INT, tags ARRAY<STRING>, point STRUCT<x: DOUBLE, y: INT>, attrs MAP<STRING, BIGINT>, "
      "items ARRAY<STRUCT<k: STRING, v: ARRAY<INT>>>");
  const auto& tags_t = schema->field(1).type;
  const auto& point_t = schema->field(2).type;
  const auto& attrs_t = schema->field(3).type;
  const auto& items_t = schema->field(4).type;
  const auto& item_t = items_t->element_type();
  std::vector<std::vector<Value>> rows;
  for (int r = 0; r < n; ++r) {
    std::vector<Value> tags;
    for (int k = 0; k < r % 4; ++k) {
      tags.push_back(k == 1 ? Value::NullOf(type::String())
                            : Value::String("t" + std::to_string(k)));
    }
    std::vector<Value> keys, values;
    for (int k = 0; k < r % 3; ++k) {
      keys.push_back(Value::String("k" + std::to_string(k)));
      values.push_back(k == 1 ? Value::NullOf(type::BigInt()) : Value::BigInt(r * k));
    }
    std::vector<Value> items;
    for (int k = 0; k < r % 3; ++k) {
      std::vector<Value> v;
      for (int j = 0; j < k; ++j) v.push_back(Value::Int(j));
      items.push_back(Value::Struct(item_t, {Value::String("i" + std::to_string(k)),
                                             k == 2 ? Value::NullOf(type::Array(type::Int()))
                                                    : Value::Array(type::Int(), v)}));
    }
    rows.push_back(
        {Value::Int(r), r % 5 == 4 ? Value::NullOf(tags_t) : Value::Array(type::String(), tags),
         r % 4 == 3 ? Value::NullOf(point_t)
                    : Value::Struct(point_t, {Value::Double(r * 0.5),
                                              r % 3 ? Value::Int(r) : Value::NullOf(type::Int())}),
         r % 6 == 5 ? Value::NullOf(attrs_t) : Value::Map(attrs_t, keys, values),
         r % 7 == 6 ? Value::NullOf(items_t) : Value::Array(item_t, items)});
  }
  return runnel::vector::Batch::FromRows(schema, rows);
}

runnel::Result<std::string> WriteFile(const runnel::vector::Batch& batch,
                                      const runnel::format::Options& options) {
  RUNNEL_ASSIGN_OR_RAISE(auto writer,
                         runnel::format::parquet::ParquetWriter::Make(batch.schema(), options));
  RUNNEL_RETURN_NOT_OK(writer->Write(batch));
  return writer->Finish();
}

bool WriteSeed(const std::string& dir, const std::string& name, const runnel::vector::Batch& batch,
               runnel::format::Options options) {
  auto bytes = WriteFile(batch, options);
  if (!bytes.ok()) {
    std::fprintf(stderr, "%s: %s\n", name.c_str(), bytes.status().ToString().c_str());
    return false;
  }
  std::ofstream(dir + "/" + name, std::ios::binary) << *bytes;
  std::printf("%s: %zu bytes\n", name.c_str(), bytes->size());
  return true;
}

// Re-encodes the PLAIN values of every BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY column of an
// uncompressed file of one row group, whose chunks are one v2 data page each, as DELTA_BYTE_ARRAY.
std::string ToDeltaByteArray(const std::string& file) {
  namespace pq = runnel::format::parquet;
  uint32_t footer_length;
  std::memcpy(&footer_length, file.data() + file.size() - 8, 4);
  pq::FileMetaData meta = pq::ParseFileMetaData(std::string_view(file).substr(
                                                    file.size() - 8 - footer_length, footer_length))
                              .ValueOrDie();
  std::string out = "PAR1";
  for (auto& chunk : meta.row_groups.at(0).columns) {
    pq::ColumnMetaData& m = *chunk.meta_data;
    std::string_view bytes =
        std::string_view(file).substr(m.data_page_offset, m.total_compressed_size);
    size_t header_length = 0;
    pq::PageHeader header = pq::ParsePageHeader(bytes, &header_length).ValueOrDie();
    std::string body(bytes.substr(header_length, header.compressed_page_size));
    const bool fixed = m.type == pq::Type::kFixedLenByteArray;
    if ((m.type == pq::Type::kByteArray || fixed) && header.data_page_header_v2) {
      pq::DataPageHeaderV2& v2 = *header.data_page_header_v2;
      size_t levels = v2.definition_levels_byte_length + v2.repetition_levels_byte_length;
      std::string_view plain = std::string_view(body).substr(levels);
      uint32_t width = fixed ? plain.size() / std::max(1, v2.num_values - v2.num_nulls) : 0;
      pq::DeltaByteArrayEncoder encoder;
      while (!plain.empty()) {
        uint32_t length = width;
        if (!fixed) {
          std::memcpy(&length, plain.data(), 4);
          plain.remove_prefix(4);
        }
        (void)encoder.Put(plain.substr(0, length));
        plain.remove_prefix(length);
      }
      std::string values;
      encoder.Flush(&values);
      body = body.substr(0, levels) + values;
      v2.encoding = pq::Encoding::kDeltaByteArray;
      header.compressed_page_size = header.uncompressed_page_size =
          static_cast<int32_t>(body.size());
      m.encodings = {pq::Encoding::kRle, pq::Encoding::kDeltaByteArray};
    }
    m.data_page_offset = static_cast<int64_t>(out.size());
    m.dictionary_page_offset.reset();
    pq::SerializePageHeader(header, &out);
    out += body;
    m.total_compressed_size = m.total_uncompressed_size =
        static_cast<int64_t>(out.size()) - m.data_page_offset;
  }
  std::string footer = pq::SerializeFileMetaData(meta);
  footer_length = static_cast<uint32_t>(footer.size());
  out += footer;
  out.append(reinterpret_cast<const char*>(&footer_length), 4);
  return out + "PAR1";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
    return 2;
  }
  std::string dir = argv[1];
  using Options = runnel::format::Options;
  bool ok = true;
  ok &= WriteSeed(dir, "flat_snappy_v1.parquet", FlatRows(12), Options{{"compression", "snappy"}});
  ok &= WriteSeed(dir, "flat_plain_gzip_pages.parquet", FlatRows(20),
                  Options{{"compression", "gzip"},
                          {"parquet.enable.dictionary", "false"},
                          {"parquet.page.size", "64"},
                          {"rowGroupSize", "8"}});
  ok &= WriteSeed(dir, "flat_zstd_v2.parquet", FlatRows(10),
                  Options{{"compression", "zstd"}, {"parquet.writer.version", "PARQUET_2_0"}});
  ok &= WriteSeed(dir, "flat_uncompressed.parquet", FlatRows(6), Options{{"compression", "none"}});
  ok &= WriteSeed(dir, "nested_snappy_v1.parquet", NestedRows(14),
                  Options{{"compression", "snappy"}});
  ok &= WriteSeed(dir, "nested_zstd_v2_groups.parquet", NestedRows(14),
                  Options{{"compression", "zstd"},
                          {"parquet.writer.version", "PARQUET_2_0"},
                          {"rowGroupSize", "5"}});
  ok &= WriteSeed(dir, "nested_uncompressed_plain.parquet", NestedRows(8),
                  Options{{"compression", "none"}, {"parquet.enable.dictionary", "false"}});
  ok &= WriteSeed(dir, "flat_lz4_raw.parquet", FlatRows(5), Options{{"compression", "lz4_raw"}});
  ok &= WriteSeed(dir, "flat_lz4_hadoop_v2.parquet", FlatRows(5),
                  Options{{"compression", "lz4"}, {"parquet.writer.version", "PARQUET_2_0"}});
  ok &= WriteSeed(dir, "flat_brotli.parquet", FlatRows(5), Options{{"compression", "brotli"}});
  auto plain = WriteFile(FlatRows(9), Options{{"compression", "none"},
                                              {"parquet.enable.dictionary", "false"},
                                              {"parquet.writer.version", "PARQUET_2_0"}});
  if (!plain.ok()) {
    std::fprintf(stderr, "delta_byte_array: %s\n", plain.status().ToString().c_str());
    return 1;
  }
  std::string delta = ToDeltaByteArray(*plain);
  std::ofstream(dir + "/flat_delta_byte_array_v2.parquet", std::ios::binary) << delta;
  std::printf("flat_delta_byte_array_v2.parquet: %zu bytes\n", delta.size());
  return ok ? 0 : 1;
}
