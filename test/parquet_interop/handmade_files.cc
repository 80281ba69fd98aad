#include "handmade_files.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <set>
#include <stdexcept>
#include <vector>

#include "canonical_text.h"
#include "format/parquet/byte_stream_split.h"
#include "format/parquet/compression.h"
#include "format/parquet/delta_byte_array.h"
#include "format/parquet/delta_encoding.h"
#include "format/parquet/level_encoding.h"
#include "format/parquet/parquet_metadata.h"
#include "format/parquet/rle_encoding.h"
#include "runnel/row.h"
#include "value_literal.h"

namespace runnel::interop {
namespace {

namespace pq = format::parquet;
using type::Value;

void Check(const Status& status) {
  if (!status.ok()) throw std::runtime_error(status.ToString());
}

// One data page of a flat column: its definition levels (empty for a REQUIRED column) and its
// non-NULL values already encoded.
struct Page {
  bool v2 = false;
  pq::Encoding encoding = pq::Encoding::kPlain;
  std::vector<int16_t> def;
  int32_t num_entries = 0;
  std::string values;
};

// A file of one row group whose columns are top-level leaves.
class HandmadeFile {
 public:
  explicit HandmadeFile(pq::CompressionCodec codec) : codec_(codec) {
    pq::SchemaElement root;
    root.name = "handmade";
    root.num_children = 0;
    schema_.push_back(root);
  }

  void AddColumn(pq::SchemaElement element, const std::vector<Page>& pages,
                 std::optional<std::string> dictionary = {}, int32_t dictionary_size = 0) {
    const bool optional = element.repetition_type == pq::FieldRepetitionType::kOptional;
    ++*schema_[0].num_children;
    pq::ColumnMetaData meta;
    meta.type = *element.type;
    meta.path_in_schema = {element.name};
    meta.codec = codec_;
    std::set<pq::Encoding> encodings = {pq::Encoding::kRle};
    const int64_t start = static_cast<int64_t>(out_.size());
    int64_t uncompressed = 0;
    if (dictionary) {
      meta.dictionary_page_offset = start;
      pq::PageHeader header;
      header.type = pq::PageType::kDictionaryPage;
      header.dictionary_page_header =
          pq::DictionaryPageHeader{dictionary_size, pq::Encoding::kPlain, {}};
      uncompressed += Emit(header, *dictionary, "");
      encodings.insert(pq::Encoding::kPlain);
    }
    int64_t num_values = 0;
    meta.data_page_offset = static_cast<int64_t>(out_.size());
    for (const Page& page : pages) {
      encodings.insert(page.encoding);
      num_values += page.num_entries;
      std::string levels;
      pq::PageHeader header;
      if (page.v2) {
        if (optional) pq::AppendLevelsV2(page.def.data(), page.num_entries, 1, &levels);
        int32_t nulls = 0;
        for (int16_t d : page.def) nulls += d == 0;
        header.type = pq::PageType::kDataPageV2;
        header.data_page_header_v2 =
            pq::DataPageHeaderV2{page.num_entries,
                                 nulls,
                                 page.num_entries,
                                 page.encoding,
                                 static_cast<int32_t>(levels.size()),
                                 0,
                                 codec_ != pq::CompressionCodec::kUncompressed,
                                 {}};
        uncompressed += Emit(header, page.values, levels);
      } else {
        if (optional) pq::AppendLevelsV1(page.def.data(), page.num_entries, 1, &levels);
        header.type = pq::PageType::kDataPage;
        header.data_page_header = pq::DataPageHeader{
            page.num_entries, page.encoding, pq::Encoding::kRle, pq::Encoding::kRle, {}};
        uncompressed += Emit(header, levels + page.values, "");
      }
    }
    meta.encodings.assign(encodings.begin(), encodings.end());
    meta.num_values = num_values;
    meta.total_compressed_size = static_cast<int64_t>(out_.size()) - start;
    meta.total_uncompressed_size = uncompressed;
    pq::ColumnChunk chunk;
    chunk.file_offset = start;
    chunk.meta_data = meta;
    group_.columns.push_back(chunk);
    group_.total_byte_size += uncompressed;
    schema_.push_back(std::move(element));
  }

  std::string Finish(int64_t num_rows) {
    group_.num_rows = num_rows;
    pq::FileMetaData meta;
    meta.schema = schema_;
    meta.num_rows = num_rows;
    meta.row_groups = {group_};
    meta.created_by = "runnel parquet interop test (hand-made)";
    std::string footer = pq::SerializeFileMetaData(meta);
    std::string file = out_ + footer;
    const uint32_t length = static_cast<uint32_t>(footer.size());
    for (int i = 0; i < 4; ++i) file.push_back(static_cast<char>((length >> (8 * i)) & 0xff));
    return file + "PAR1";
  }

 private:
  // Appends a page: `raw_prefix` (v2 levels) stays uncompressed before the compressed `body`.
  int64_t Emit(pq::PageHeader header, const std::string& body, const std::string& raw_prefix) {
    std::string compressed = raw_prefix;
    Check(pq::Compress(static_cast<pq::Codec>(codec_), body, &compressed));
    header.uncompressed_page_size = static_cast<int32_t>(raw_prefix.size() + body.size());
    header.compressed_page_size = static_cast<int32_t>(compressed.size());
    std::string bytes;
    pq::SerializePageHeader(header, &bytes);
    out_ += bytes + compressed;
    return static_cast<int64_t>(bytes.size()) + header.uncompressed_page_size;
  }

  pq::CompressionCodec codec_;
  std::string out_ = "PAR1";
  std::vector<pq::SchemaElement> schema_;
  pq::RowGroup group_;
};

pq::SchemaElement Leaf(const std::string& name, pq::Type type, bool optional) {
  pq::SchemaElement e;
  e.name = name;
  e.type = type;
  e.repetition_type =
      optional ? pq::FieldRepetitionType::kOptional : pq::FieldRepetitionType::kRequired;
  return e;
}

void WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

template <typename T>
void AppendLittleEndian(T v, std::string* out) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &v, sizeof(T));
  out->append(bytes, sizeof(T));
}

// INT96 timestamps as Impala and old Spark wrote them: 8 bytes of nanoseconds within the day,
// then 4 bytes of Julian day number, both little-endian. Runnel keeps microseconds (rounding
// the nanoseconds down), as DuckDB does.
void WriteInt96File(const std::filesystem::path& dir) {
  constexpr int64_t kJulianDayOfEpoch = 2440588;
  constexpr int64_t kNanosPerDay = 86400LL * 1000000000;
  struct Instant {
    std::string date;  // a literal for DaysFromCivil
    int64_t nanos;     // within the day
  };
  const std::vector<std::optional<Instant>> instants = {
      Instant{"1970-01-01", 0},
      Instant{"1969-12-31", kNanosPerDay - 1},
      std::nullopt,
      Instant{"0001-01-01", 0},
      Instant{"9999-12-31", kNanosPerDay - 1},
      Instant{"2024-02-29", 45296123456789},
      Instant{"1582-10-15", 1000},
      Instant{"1900-01-01", 999},
      std::nullopt,
      Instant{"1969-07-20", 73060123456000},
  };
  std::string plain, dictionary;
  std::vector<int16_t> def;
  std::vector<Row> rows;
  pq::RleEncoder indices(4);
  int32_t dictionary_size = 0;
  for (size_t i = 0; i < instants.size(); ++i) {
    Value ts = Value::NullOf(type::Timestamp());
    def.push_back(instants[i] ? 1 : 0);
    if (instants[i]) {
      int year, month, day;
      std::sscanf(instants[i]->date.c_str(), "%d-%d-%d", &year, &month, &day);
      const int64_t days = DaysFromCivil(year, month, day);
      std::string value;
      AppendLittleEndian<int64_t>(instants[i]->nanos, &value);
      AppendLittleEndian<int32_t>(static_cast<int32_t>(days + kJulianDayOfEpoch), &value);
      plain += value;
      dictionary += value;  // every value distinct: index i-th entry
      indices.Put(static_cast<uint64_t>(dictionary_size++));
      ts = Value::Timestamp(days * 86400LL * 1000000 + instants[i]->nanos / 1000);
    }
    rows.emplace_back(std::vector<Value>{Value::Int(static_cast<int32_t>(i)), ts, ts});
  }
  std::string id_values;
  for (size_t i = 0; i < instants.size(); ++i)
    AppendLittleEndian<int32_t>(static_cast<int32_t>(i), &id_values);
  std::string index_values(1, static_cast<char>(4));  // the bit width, then the RLE runs
  indices.Flush(&index_values);
  const int32_t n = static_cast<int32_t>(instants.size());

  HandmadeFile file(pq::CompressionCodec::kSnappy);
  file.AddColumn(Leaf("id", pq::Type::kInt32, false),
                 {Page{false, pq::Encoding::kPlain, {}, n, id_values}});
  file.AddColumn(Leaf("ts", pq::Type::kInt96, true),
                 {Page{false, pq::Encoding::kPlain, def, n, plain}});
  file.AddColumn(Leaf("ts_dict", pq::Type::kInt96, true),
                 {Page{false, pq::Encoding::kRleDictionary, def, n, index_values}}, dictionary,
                 dictionary_size);
  WriteFile(dir / "int96.parquet", file.Finish(n));
  type::Schema schema({{"id", type::Int(), true},
                       {"ts", type::Timestamp(), true},
                       {"ts_dict", type::Timestamp(), true}});
  WriteFile(dir / "int96.expected.txt", CanonicalTable(schema, rows));
}

// A column's values split in two pages, the first a v1 page, the second a v2 page (a chunk may
// mix them); `encode` encodes a page's non-NULL values.
template <typename T, typename Encode>
std::vector<Page> TwoPages(const std::vector<std::optional<T>>& values, pq::Encoding encoding,
                           bool optional, Encode encode) {
  std::vector<Page> pages;
  const size_t half = values.size() / 2;
  for (auto [begin, end] : {std::pair<size_t, size_t>{0, half}, {half, values.size()}}) {
    Page page;
    page.v2 = begin != 0;
    page.encoding = encoding;
    page.num_entries = static_cast<int32_t>(end - begin);
    std::vector<T> present;
    for (size_t i = begin; i < end; ++i) {
      if (optional) page.def.push_back(values[i] ? 1 : 0);
      if (values[i]) present.push_back(*values[i]);
    }
    page.values = encode(present);
    pages.push_back(std::move(page));
  }
  return pages;
}

template <typename T>
std::string DeltaBinaryPacked(const std::vector<T>& values) {
  pq::DeltaBinaryPackedEncoder<T> encoder;
  encoder.Put(values.data(), static_cast<int64_t>(values.size()));
  std::string out;
  encoder.Flush(&out);
  return out;
}

template <typename Encoder>
std::string DeltaBytes(const std::vector<std::string>& values) {
  Encoder encoder;
  for (const auto& v : values) Check(encoder.Put(v));
  std::string out;
  encoder.Flush(&out);
  return out;
}

template <typename T>
std::string ByteStreamSplit(const std::vector<T>& values) {
  std::string out;
  pq::AppendByteStreamSplit(reinterpret_cast<const uint8_t*>(values.data()),
                            static_cast<int64_t>(values.size()), sizeof(T), &out);
  return out;
}

// 16 bytes, big-endian two's complement: a DECIMAL(38, 0) as FIXED_LEN_BYTE_ARRAY stores it.
std::string BigEndian128(type::int128_t v) {
  std::string out(16, '\0');
  auto u = static_cast<unsigned __int128>(v);
  for (int i = 15; i >= 0; --i, u >>= 8) out[i] = static_cast<char>(u & 0xff);
  return out;
}

// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY (on BYTE_ARRAY and on
// FIXED_LEN_BYTE_ARRAY) and BYTE_STREAM_SPLIT, each column in a v1 and a v2 page, ZSTD.
void WriteDeltaFile(const std::filesystem::path& dir) {
  constexpr int kRows = 300;
  std::vector<std::optional<int32_t>> id, i32;
  std::vector<std::optional<int64_t>> i64;
  std::vector<std::optional<std::string>> text, bytes, text_dlba, decimal;
  std::vector<std::optional<double>> doubles;
  std::vector<type::int128_t> decimal_values;
  const type::int128_t max38 = type::PowerOfTen(38) - 1;
  for (int r = 0; r < kRows; ++r) {
    id.push_back(r);
    const int32_t ints[] = {INT32_MIN, INT32_MAX, 0, -1, static_cast<int32_t>(r * 1000003u)};
    i32.push_back(r % 5 == 0 ? std::nullopt : std::optional<int32_t>(ints[r % 5]));
    const int64_t longs[] = {INT64_MIN, INT64_MAX, 0, -1,
                             static_cast<int64_t>(r * 0x9E3779B97F4A7C15ull)};
    i64.push_back(r % 6 == 0 ? std::nullopt : std::optional<int64_t>(longs[r % 5]));
    std::string t = r % 11 == 0 ? ""
                                : "shared/prefix/" + std::string(r % 3 == 0 ? "日本/" : "") +
                                      std::to_string(r / 4);
    if (r % 13 == 0) t = "😀 completely different " + std::to_string(r);
    text.push_back(r % 7 == 0 ? std::nullopt : std::optional<std::string>(t));
    std::string b(static_cast<size_t>(r % 5), '\xff');
    b.push_back(static_cast<char>(r));
    b += std::string(static_cast<size_t>(r % 3), '\0');
    bytes.push_back(r % 9 == 4 ? std::nullopt : std::optional<std::string>(b));
    text_dlba.push_back(r % 8 == 1 ? std::nullopt
                                   : std::optional<std::string>(t + "|" + std::to_string(r * r)));
    const type::int128_t decimals[] = {
        max38, -max38, 0, static_cast<type::int128_t>(r) * 12345678901234567LL,
        -static_cast<type::int128_t>(r) * 1000000007 * 1000000007 * 1000000007};
    decimal_values.push_back(decimals[r % 5]);
    decimal.push_back(r % 10 == 3 ? std::nullopt
                                  : std::optional<std::string>(BigEndian128(decimals[r % 5])));
    const double ds[] = {r * 0.1,      -0.0,   std::numeric_limits<double>::infinity(),
                         std::nan(""), 5e-324, -1e308};
    doubles.push_back(r % 12 == 5 ? std::nullopt : std::optional<double>(ds[r % 6]));
  }

  HandmadeFile file(pq::CompressionCodec::kZstd);
  file.AddColumn(Leaf("id", pq::Type::kInt32, false),
                 TwoPages(id, pq::Encoding::kDeltaBinaryPacked, false, DeltaBinaryPacked<int32_t>));
  file.AddColumn(Leaf("i", pq::Type::kInt32, true),
                 TwoPages(i32, pq::Encoding::kDeltaBinaryPacked, true, DeltaBinaryPacked<int32_t>));
  file.AddColumn(Leaf("l", pq::Type::kInt64, true),
                 TwoPages(i64, pq::Encoding::kDeltaBinaryPacked, true, DeltaBinaryPacked<int64_t>));
  pq::SchemaElement s = Leaf("s", pq::Type::kByteArray, true);
  s.converted_type = pq::ConvertedType::kUtf8;
  s.logical_type = pq::LogicalType::Of(pq::LogicalType::Kind::kString);
  file.AddColumn(s, TwoPages(text, pq::Encoding::kDeltaByteArray, true,
                             DeltaBytes<pq::DeltaByteArrayEncoder>));
  file.AddColumn(
      Leaf("bin", pq::Type::kByteArray, true),
      TwoPages(bytes, pq::Encoding::kDeltaByteArray, true, DeltaBytes<pq::DeltaByteArrayEncoder>));
  s.name = "s_dlba";
  file.AddColumn(s, TwoPages(text_dlba, pq::Encoding::kDeltaLengthByteArray, true,
                             DeltaBytes<pq::DeltaLengthByteArrayEncoder>));
  pq::SchemaElement dec = Leaf("dec", pq::Type::kFixedLenByteArray, true);
  dec.type_length = 16;
  dec.converted_type = pq::ConvertedType::kDecimal;
  dec.precision = 38;
  dec.scale = 0;
  dec.logical_type = pq::LogicalType::Decimal(0, 38);
  file.AddColumn(dec, TwoPages(decimal, pq::Encoding::kDeltaByteArray, true,
                               DeltaBytes<pq::DeltaByteArrayEncoder>));
  file.AddColumn(
      Leaf("dbl", pq::Type::kDouble, true),
      TwoPages(doubles, pq::Encoding::kByteStreamSplit, true, [](const std::vector<double>& v) {
        std::string out;
        pq::AppendByteStreamSplit(reinterpret_cast<const uint8_t*>(v.data()),
                                  static_cast<int64_t>(v.size()), 8, &out);
        return out;
      }));
  WriteFile(dir / "delta.parquet", file.Finish(kRows));

  type::Schema schema({{"id", type::Int(), true},
                       {"i", type::Int(), true},
                       {"l", type::BigInt(), true},
                       {"s", type::String(), true},
                       {"bin", type::Binary(), true},
                       {"s_dlba", type::String(), true},
                       {"dec", type::Decimal(38, 0), true},
                       {"dbl", type::Double(), true}});
  auto or_null = [](const auto& v, const type::DataTypePtr& t, auto make) {
    return v ? make(*v) : Value::NullOf(t);
  };
  std::vector<Row> rows;
  for (int r = 0; r < kRows; ++r) {
    rows.emplace_back(std::vector<Value>{
        Value::Int(r),
        or_null(i32[r], type::Int(), [](int32_t v) { return Value::Int(v); }),
        or_null(i64[r], type::BigInt(), [](int64_t v) { return Value::BigInt(v); }),
        or_null(text[r], type::String(), [](const std::string& v) { return Value::String(v); }),
        or_null(bytes[r], type::Binary(), [](const std::string& v) { return Value::Binary(v); }),
        or_null(text_dlba[r], type::String(),
                [](const std::string& v) { return Value::String(v); }),
        or_null(decimal[r], type::Decimal(38, 0),
                [&](const std::string&) { return Value::Decimal(decimal_values[r], 38, 0); }),
        or_null(doubles[r], type::Double(), [](double v) { return Value::Double(v); }),
    });
  }
  WriteFile(dir / "delta.expected.txt", CanonicalTable(schema, rows));
}

// BYTE_STREAM_SPLIT over INT32, INT64 and FIXED_LEN_BYTE_ARRAY (allowed since format 2.11),
// which DuckDB 1.5 does not read ("only supported for FLOAT or DOUBLE"): checked against the
// values it was made from only. The encoder is the one whose DOUBLE pages DuckDB reads.
void WriteByteStreamSplitFile(const std::filesystem::path& dir) {
  constexpr int kRows = 100;
  std::vector<std::optional<int32_t>> id, i32;
  std::vector<std::optional<int64_t>> i64;
  std::vector<std::optional<std::string>> decimal;
  std::vector<type::int128_t> decimal_values;
  const type::int128_t max38 = type::PowerOfTen(38) - 1;
  for (int r = 0; r < kRows; ++r) {
    id.push_back(r);
    const int32_t ints[] = {INT32_MIN, INT32_MAX, 0, -1, static_cast<int32_t>(r * 1000003u)};
    i32.push_back(r % 7 == 3 ? std::nullopt : std::optional<int32_t>(ints[r % 5]));
    const int64_t longs[] = {INT64_MIN, INT64_MAX, 0, -1,
                             static_cast<int64_t>(r * 0x9E3779B97F4A7C15ull)};
    i64.push_back(r % 6 == 2 ? std::nullopt : std::optional<int64_t>(longs[r % 5]));
    const type::int128_t decimals[] = {max38, -max38, 0, -1,
                                       static_cast<type::int128_t>(r) * 12345678901234567LL};
    decimal_values.push_back(decimals[r % 5]);
    decimal.push_back(r % 9 == 1 ? std::nullopt
                                 : std::optional<std::string>(BigEndian128(decimals[r % 5])));
  }
  HandmadeFile file(pq::CompressionCodec::kSnappy);
  file.AddColumn(Leaf("id", pq::Type::kInt32, false),
                 TwoPages(id, pq::Encoding::kByteStreamSplit, false, ByteStreamSplit<int32_t>));
  file.AddColumn(Leaf("i", pq::Type::kInt32, true),
                 TwoPages(i32, pq::Encoding::kByteStreamSplit, true, ByteStreamSplit<int32_t>));
  file.AddColumn(Leaf("l", pq::Type::kInt64, true),
                 TwoPages(i64, pq::Encoding::kByteStreamSplit, true, ByteStreamSplit<int64_t>));
  pq::SchemaElement dec = Leaf("dec", pq::Type::kFixedLenByteArray, true);
  dec.type_length = 16;
  dec.converted_type = pq::ConvertedType::kDecimal;
  dec.precision = 38;
  dec.scale = 0;
  dec.logical_type = pq::LogicalType::Decimal(0, 38);
  file.AddColumn(dec, TwoPages(decimal, pq::Encoding::kByteStreamSplit, true,
                               [](const std::vector<std::string>& v) {
                                 std::string joined;
                                 for (const auto& x : v) joined += x;
                                 std::string out;
                                 pq::AppendByteStreamSplit(
                                     reinterpret_cast<const uint8_t*>(joined.data()),
                                     static_cast<int64_t>(v.size()), 16, &out);
                                 return out;
                               }));
  WriteFile(dir / "byte_stream_split.parquet", file.Finish(kRows));
  type::Schema schema({{"id", type::Int(), true},
                       {"i", type::Int(), true},
                       {"l", type::BigInt(), true},
                       {"dec", type::Decimal(38, 0), true}});
  std::vector<Row> rows;
  for (int r = 0; r < kRows; ++r) {
    rows.emplace_back(
        std::vector<Value>{Value::Int(r), i32[r] ? Value::Int(*i32[r]) : Value::NullOf(type::Int()),
                           i64[r] ? Value::BigInt(*i64[r]) : Value::NullOf(type::BigInt()),
                           decimal[r] ? Value::Decimal(decimal_values[r], 38, 0)
                                      : Value::NullOf(type::Decimal(38, 0))});
  }
  WriteFile(dir / "byte_stream_split.expected.txt", CanonicalTable(schema, rows));
}

}  // namespace

int WriteHandmadeFiles(const std::string& out_dir) {
  std::filesystem::create_directories(out_dir);
  WriteInt96File(out_dir);
  WriteDeltaFile(out_dir);
  WriteByteStreamSplitFile(out_dir);
  return 0;
}

}  // namespace runnel::interop
