// ParquetFile::Statistics: what a row group's min and max say, read the way the values are read
// (unsigned 64-bit integers, nanoseconds rounded down) and with NaN possible in any DOUBLE row
// group (writers leave it out of min and max).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "format/parquet/parquet_metadata.h"
#include "format/parquet/parquet_reader.h"

namespace runnel::format::parquet {
namespace {

template <typename T>
std::string LittleEndian(T v) {
  std::string out(sizeof(T), '\0');
  std::memcpy(out.data(), &v, sizeof(T));
  return out;
}

// A file of one row group whose only column is `leaf`, with `statistics`; no pages (reading the
// statistics needs only the footer).
std::shared_ptr<ParquetFile> FileWithStatistics(SchemaElement leaf, Statistics statistics) {
  FileMetaData meta;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 1;
  leaf.name = "c";
  leaf.repetition_type = FieldRepetitionType::kOptional;
  meta.schema = {root, leaf};
  meta.num_rows = 10;
  ColumnMetaData column;
  column.type = *leaf.type;
  column.path_in_schema = {"c"};
  column.num_values = 10;
  column.data_page_offset = 4;
  column.statistics = statistics;
  ColumnChunk chunk;
  chunk.meta_data = column;
  RowGroup group;
  group.columns = {chunk};
  group.num_rows = 10;
  meta.row_groups = {group};
  std::string footer = SerializeFileMetaData(meta);
  std::string file =
      "PAR1" + footer + LittleEndian<uint32_t>(static_cast<uint32_t>(footer.size())) + "PAR1";
  auto parsed = ParquetFile::FromBuffer(file, "statistics.parquet");
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() ? *parsed : nullptr;
}

SchemaElement Physical(Type type) {
  SchemaElement e;
  e.type = type;
  return e;
}

Statistics MinMax(std::string min, std::string max) {
  Statistics s;
  s.min_value = std::move(min);
  s.max_value = std::move(max);
  s.null_count = 0;
  return s;
}

TEST(ParquetStatisticsTest, DoubleMaxIsNaNBecauseNaNsAreLeftOut) {
  auto file =
      FileWithStatistics(Physical(Type::kDouble), MinMax(LittleEndian(1.5), LittleEndian(2.5)));
  ASSERT_NE(file, nullptr);
  auto stats = file->Statistics(0, 0);
  ASSERT_TRUE(stats.has_value());
  ASSERT_TRUE(stats->min && stats->max);
  EXPECT_EQ(stats->min->double_value(), 1.5);
  EXPECT_TRUE(std::isnan(stats->max->double_value()));

  auto floats =
      FileWithStatistics(Physical(Type::kFloat), MinMax(LittleEndian(-1.0f), LittleEndian(3.0f)));
  ASSERT_NE(floats, nullptr);
  stats = floats->Statistics(0, 0);
  ASSERT_TRUE(stats && stats->min && stats->max);
  EXPECT_EQ(stats->min->double_value(), -1.0);
  EXPECT_TRUE(std::isnan(stats->max->double_value()));
}

TEST(ParquetStatisticsTest, DoubleNaNMinSaysNothing) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  auto file =
      FileWithStatistics(Physical(Type::kDouble), MinMax(LittleEndian(nan), LittleEndian(2.5)));
  ASSERT_NE(file, nullptr);
  auto stats = file->Statistics(0, 0);
  ASSERT_TRUE(stats.has_value());
  EXPECT_FALSE(stats->min.has_value());
  EXPECT_FALSE(stats->max.has_value());
  EXPECT_EQ(stats->null_count, 0);
}

TEST(ParquetStatisticsTest, Uint64FromTheConvertedTypeAloneIsUnsigned) {
  // DuckDB writes UBIGINT as INT64 with converted type UINT_64 and no logical type.
  SchemaElement e = Physical(Type::kInt64);
  e.converted_type = ConvertedType::kUint64;
  auto file = FileWithStatistics(
      e, MinMax(LittleEndian<uint64_t>(0), LittleEndian<uint64_t>(~uint64_t{0})));
  ASSERT_NE(file, nullptr);
  auto stats = file->Statistics(0, 0);
  ASSERT_TRUE(stats && stats->min && stats->max);
  EXPECT_EQ(stats->min->decimal_value(), 0);
  EXPECT_EQ(stats->max->decimal_value(), static_cast<type::int128_t>(~uint64_t{0}));

  // The deprecated min and max were compared signed: useless for unsigned values.
  Statistics old;
  old.min = LittleEndian<int64_t>(-1);
  old.max = LittleEndian<int64_t>(5);
  file = FileWithStatistics(e, old);
  ASSERT_NE(file, nullptr);
  stats = file->Statistics(0, 0);
  ASSERT_TRUE(stats.has_value());
  EXPECT_FALSE(stats->min.has_value());
  EXPECT_FALSE(stats->max.has_value());
}

TEST(ParquetStatisticsTest, NanosecondsRoundDownLikeTheValues) {
  SchemaElement e = Physical(Type::kInt64);
  e.logical_type = LogicalType::Timestamp(false, TimeUnit::kNanos);
  for (auto [nanos, micros] :
       {std::pair<int64_t, int64_t>{-1, -1}, {-1000, -1}, {-1001, -2}, {999, 0}, {1999, 1}}) {
    auto file = FileWithStatistics(e, MinMax(LittleEndian(nanos), LittleEndian(nanos)));
    ASSERT_NE(file, nullptr);
    auto stats = file->Statistics(0, 0);
    ASSERT_TRUE(stats && stats->min && stats->max);
    EXPECT_EQ(stats->min->bigint_value(), micros) << nanos;
    EXPECT_EQ(stats->max->bigint_value(), micros) << nanos;
  }
}

}  // namespace
}  // namespace runnel::format::parquet
