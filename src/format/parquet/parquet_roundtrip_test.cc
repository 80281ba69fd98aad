// ParquetWriter then ParquetReader: every type, NULLs at every nesting level, each codec, v1
// and v2 pages, dictionary on and off, many pages and row groups; statistics.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "format/parquet/parquet_reader.h"
#include "format/parquet/parquet_writer.h"
#include "type/ddl.h"
#include "vector/column_builder.h"

namespace runnel::format::parquet {
namespace {

using type::Value;

type::SchemaPtr Schema(std::string_view ddl) {
  return std::make_shared<type::Schema>(type::ParseSchema(ddl).ValueOrDie());
}

const char kDdl[] =
    "b BOOLEAN, i INT, l BIGINT, d DOUBLE, s STRING, bin BINARY, dt DATE, ts TIMESTAMP, m9 DECIMAL(9,2), "
    "m18 DECIMAL(18,4), m38 DECIMAL(38,10), arr ARRAY<INT>, nested ARRAY<ARRAY<STRING>>, "
    "st STRUCT<x: INT, y: STRUCT<z: STRING>>, mp MAP<STRING, ARRAY<BIGINT>>, aos ARRAY<STRUCT<a: INT, b: STRING>>";

// Row r of a table whose values vary with r and are NULL at different rows per column.
std::vector<Value> MakeRow(const type::Schema& schema, int r) {
  auto t = [&](int i) { return schema.field(i).type; };
  auto null_every = [&](int k) { return r % k == k - 1; };
  std::vector<Value> row;
  row.push_back(null_every(5) ? Value::NullOf(t(0)) : Value::Boolean(r % 2 == 0));
  row.push_back(null_every(7) ? Value::NullOf(t(1)) : Value::Int(r % 3 == 0 ? std::numeric_limits<int32_t>::min() + r : r * 31));
  row.push_back(null_every(11) ? Value::NullOf(t(2)) : Value::BigInt(r % 4 == 0 ? std::numeric_limits<int64_t>::max() - r : -r));
  double d = r % 6 == 0 ? -0.0 : r % 6 == 1 ? std::numeric_limits<double>::infinity() : r * 0.25;
  row.push_back(null_every(13) ? Value::NullOf(t(3)) : Value::Double(d));
  row.push_back(null_every(3) ? Value::NullOf(t(4)) : Value::String(r % 10 == 0 ? "" : "s\xc3\xa9-" + std::to_string(r % 17)));
  row.push_back(null_every(4) ? Value::NullOf(t(5)) : Value::Binary(std::string("\0\xff", 2) + std::to_string(r)));
  row.push_back(null_every(6) ? Value::NullOf(t(6)) : Value::Date(-719162 + r * 1000));
  row.push_back(null_every(8) ? Value::NullOf(t(7)) : Value::Timestamp(-62135596800000000LL + r * 123456789LL));
  row.push_back(null_every(9) ? Value::NullOf(t(8)) : Value::Decimal(r % 2 ? 999999999 : -r, 9, 2));
  row.push_back(null_every(10) ? Value::NullOf(t(9)) : Value::Decimal(r % 2 ? 999999999999999999LL : -r * 7, 18, 4));
  type::int128_t big = 1;
  for (int k = 0; k < 38; ++k) big *= 10;
  row.push_back(null_every(12) ? Value::NullOf(t(10)) : Value::Decimal(r % 2 ? big - 1 : -(big - 1) + r, 38, 10));
  // arr: NULL, empty, [NULL], [r, NULL, r+1]
  switch (r % 4) {
    case 0: row.push_back(Value::NullOf(t(11))); break;
    case 1: row.push_back(Value::Array(type::Int(), {})); break;
    case 2: row.push_back(Value::Array(type::Int(), {Value::NullOf(type::Int())})); break;
    default: row.push_back(Value::Array(type::Int(), {Value::Int(r), Value::NullOf(type::Int()), Value::Int(r + 1)}));
  }
  auto strings = type::Array(type::String());
  switch (r % 5) {
    case 0: row.push_back(Value::NullOf(t(12))); break;
    case 1: row.push_back(Value::Array(strings, {})); break;
    case 2: row.push_back(Value::Array(strings, {Value::NullOf(strings), Value::Array(type::String(), {})})); break;
    default:
      row.push_back(Value::Array(strings, {Value::Array(type::String(), {Value::String("a"), Value::NullOf(type::String())}),
                                           Value::Array(type::String(), {Value::String(std::to_string(r))})}));
  }
  auto inner = t(13)->fields()[1].type;
  switch (r % 3) {
    case 0: row.push_back(Value::NullOf(t(13))); break;
    case 1: row.push_back(Value::Struct(t(13), {Value::NullOf(type::Int()), Value::NullOf(inner)})); break;
    default: row.push_back(Value::Struct(t(13), {Value::Int(r), Value::Struct(inner, {Value::String("z" + std::to_string(r))})}));
  }
  auto longs = type::Array(type::BigInt());
  switch (r % 3) {
    case 0: row.push_back(Value::NullOf(t(14))); break;
    case 1: row.push_back(Value::Map(t(14), {}, {})); break;
    default:
      row.push_back(Value::Map(t(14), {Value::String("k"), Value::String("n")},
                               {Value::Array(type::BigInt(), {Value::BigInt(r)}), Value::NullOf(longs)}));
  }
  auto elem = t(15)->element_type();
  if (r % 2) {
    row.push_back(Value::Array(elem, {Value::Struct(elem, {Value::Int(r), Value::NullOf(type::String())}), Value::NullOf(elem)}));
  } else {
    row.push_back(Value::NullOf(t(15)));
  }
  return row;
}

std::vector<std::vector<Value>> ReadAll(const std::string& bytes, std::vector<int> fields = {}) {
  auto file = ParquetFile::FromBuffer(bytes, "test.parquet");
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  if (fields.empty()) {
    for (int i = 0; i < (*file)->schema()->num_fields(); ++i) fields.push_back(i);
  }
  std::vector<int> groups;
  for (int g = 0; g < (*file)->num_row_groups(); ++g) groups.push_back(g);
  auto reader = ParquetReader::Make(*file, fields, groups, 5).ValueOrDie();
  std::vector<std::vector<Value>> rows;
  for (;;) {
    auto batch = reader->Next();
    EXPECT_TRUE(batch.ok()) << batch.status().ToString();
    if (!batch.ok() || !*batch) break;
    for (int64_t r = 0; r < (*batch)->num_rows(); ++r) rows.push_back((*batch)->GetRow(r));
  }
  return rows;
}

std::string Write(const type::SchemaPtr& schema, const std::vector<std::vector<Value>>& rows, const Options& options) {
  auto writer = ParquetWriter::Make(schema, options);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  // In several batches, so row groups and pages straddle them.
  for (size_t at = 0; at < rows.size(); at += 37) {
    std::vector<std::vector<Value>> part(rows.begin() + at, rows.begin() + std::min(rows.size(), at + 37));
    Status st = (*writer)->Write(vector::Batch::FromRows(schema, part));
    EXPECT_TRUE(st.ok()) << st.ToString();
  }
  return (*writer)->Finish().ValueOrDie();
}

void ExpectSameRows(const std::vector<std::vector<Value>>& want, const std::vector<std::vector<Value>>& got) {
  ASSERT_EQ(want.size(), got.size());
  for (size_t r = 0; r < want.size(); ++r) {
    ASSERT_EQ(want[r].size(), got[r].size());
    for (size_t c = 0; c < want[r].size(); ++c) {
      EXPECT_TRUE(want[r][c].Equals(got[r][c]))
          << "row " << r << " column " << c << ": want " << want[r][c].ToString() << " got " << got[r][c].ToString();
    }
  }
}

class RoundTrip : public ::testing::TestWithParam<std::vector<std::pair<std::string, std::string>>> {};

TEST_P(RoundTrip, EveryTypeAndNull) {
  type::SchemaPtr schema = Schema(kDdl);
  std::vector<std::vector<Value>> rows;
  for (int r = 0; r < 300; ++r) rows.push_back(MakeRow(*schema, r));
  Options options;
  for (const auto& [k, v] : GetParam()) options.Set(k, v);
  std::string bytes = Write(schema, rows, options);
  auto file = ParquetFile::FromBuffer(bytes, "test.parquet").ValueOrDie();
  EXPECT_EQ(file->schema()->ToString(), schema->ToString());
  EXPECT_EQ(file->num_rows(), 300);
  ExpectSameRows(rows, ReadAll(bytes));
  // A projection reads only some columns, in the order asked.
  auto projected = ReadAll(bytes, {13, 2});
  ASSERT_EQ(projected.size(), rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    EXPECT_TRUE(projected[r][0].Equals(rows[r][13]));
    EXPECT_TRUE(projected[r][1].Equals(rows[r][2]));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Options, RoundTrip,
    ::testing::Values(std::vector<std::pair<std::string, std::string>>{},
                      std::vector<std::pair<std::string, std::string>>{{"compression", "none"}},
                      std::vector<std::pair<std::string, std::string>>{{"compression", "zstd"}, {"compressionLevel", "9"}},
                      std::vector<std::pair<std::string, std::string>>{{"compression", "gzip"}},
                      std::vector<std::pair<std::string, std::string>>{{"compression", "lz4_raw"}},
                      std::vector<std::pair<std::string, std::string>>{{"compression", "brotli"}},
                      std::vector<std::pair<std::string, std::string>>{{"parquet.writer.version", "PARQUET_2_0"}},
                      std::vector<std::pair<std::string, std::string>>{{"parquet.enable.dictionary", "false"}},
                      // Many row groups and pages; a dictionary that overflows and falls back to PLAIN.
                      std::vector<std::pair<std::string, std::string>>{{"rowGroupSize", "23"},
                                                                       {"parquet.page.size", "16"},
                                                                       {"parquet.dictionary.page.size", "40"}},
                      std::vector<std::pair<std::string, std::string>>{{"rowGroupSize", "1"},
                                                                       {"parquet.writer.version", "PARQUET_2_0"}}));

TEST(ParquetWriter, RowGroupsAndStatistics) {
  type::SchemaPtr schema = Schema("id BIGINT, name STRING, x DOUBLE, n INT");
  std::vector<std::vector<Value>> rows;
  for (int r = 0; r < 100; ++r) {
    rows.push_back({Value::BigInt(r), Value::String(r < 50 ? "apple" : "pear"),
                    r == 3 ? Value::Double(std::nan("")) : Value::Double(r * 0.5), Value::NullOf(type::Int())});
  }
  Options options;
  options.Set("rowGroupSize", "50");
  std::string bytes = Write(schema, rows, options);
  auto file = ParquetFile::FromBuffer(bytes, "test.parquet").ValueOrDie();
  ASSERT_EQ(file->num_row_groups(), 2);
  auto id = file->Statistics(1, 0).value();
  EXPECT_EQ(id.min->ToString(), "50");
  EXPECT_EQ(id.max->ToString(), "99");
  EXPECT_EQ(*id.null_count, 0);
  auto name = file->Statistics(0, 1).value();
  EXPECT_EQ(name.min->ToString(), "apple");
  EXPECT_EQ(name.max->ToString(), "apple");
  // Writers leave NaN out of min/max, so a reader can't bound a double from above: NaN sorts
  // above every number in Runnel.
  auto x = file->Statistics(0, 2).value();
  EXPECT_EQ(x.min->ToString(), "-0.0");
  EXPECT_EQ(x.max->ToString(), "NaN");
  auto n = file->Statistics(0, 3).value();
  EXPECT_EQ(*n.null_count, 50);
  EXPECT_FALSE(n.min.has_value());
}

TEST(ParquetWriter, RejectsBadOptionsAndTypes) {
  type::SchemaPtr schema = Schema("x INT");
  Options bad_codec;
  bad_codec.Set("compression", "zip");
  EXPECT_EQ(ParquetWriter::Make(schema, bad_codec).status().code(), StatusCode::kInvalidArgument);
  Options bad_version;
  bad_version.Set("parquet.writer.version", "3");
  EXPECT_EQ(ParquetWriter::Make(schema, bad_version).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParquetWriter::Make(Schema("x INTERVAL DAY TO SECOND"), Options()).status().code(),
            StatusCode::kNotSupported);
}

TEST(ParquetWriter, EmptyFileHasSchemaAndNoRowGroups) {
  type::SchemaPtr schema = Schema("a STRING, b ARRAY<INT>");
  auto writer = ParquetWriter::Make(schema, Options()).ValueOrDie();
  std::string bytes = writer->Finish().ValueOrDie();
  auto file = ParquetFile::FromBuffer(bytes, "empty.parquet").ValueOrDie();
  EXPECT_EQ(file->schema()->ToString(), "a STRING, b ARRAY<INT>");
  EXPECT_EQ(file->num_row_groups(), 0);
  EXPECT_TRUE(ReadAll(bytes).empty());
}

}  // namespace
}  // namespace runnel::format::parquet
