// CSV and JSON writers, and round trips writer -> reader.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "format/csv/csv_reader.h"
#include "format/csv/csv_writer.h"
#include "format/json/json_reader.h"
#include "format/json/json_writer.h"
#include "type/ddl.h"

namespace runnel::format {
namespace {

using type::Value;

type::SchemaPtr Schema(std::string_view ddl) {
  return std::make_shared<type::Schema>(type::ParseSchema(ddl).ValueOrDie());
}

const char kScalarDdl[] =
    "i INT, b BIGINT, d DOUBLE, m DECIMAL(10,2), f BOOLEAN, dt DATE, ts TIMESTAMP, s STRING";

vector::Batch ScalarBatch() {
  return vector::Batch::FromRows(
      Schema(kScalarDdl),
      {{Value::Int(1), Value::BigInt(-9000000000), Value::Double(1e10), Value::Decimal(1235, 10, 2),
        Value::Boolean(true), Value::Date(19723), Value::Timestamp(1704103200123456),
        Value::String("plain")},
       {Value::NullOf(type::Int()), Value::BigInt(0), Value::Double(0.5),
        Value::Decimal(-5, 10, 2), Value::Boolean(false), Value::NullOf(type::Date()),
        Value::NullOf(type::Timestamp()), Value::String("a,b \"q\" back\\slash\nnext")},
       {Value::Int(3), Value::NullOf(type::BigInt()), Value::Double(-2.25),
        Value::NullOf(type::Decimal(10, 2)), Value::NullOf(type::Boolean()), Value::Date(0),
        Value::Timestamp(0), Value::String("")}});
}

std::string WriteCsv(const vector::Batch& batch, const Options& options) {
  auto writer = CsvWriter::Make(batch.schema(), options);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  EXPECT_TRUE((*writer)->Write(batch).ok());
  return (*writer)->Finish().ValueOrDie();
}

std::string WriteJson(const vector::Batch& batch, const Options& options = {}) {
  auto writer = JsonWriter::Make(batch.schema(), options);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  EXPECT_TRUE((*writer)->Write(batch).ok());
  return (*writer)->Finish().ValueOrDie();
}

TEST(CsvWriterTest, WritesSparkForms) {
  EXPECT_EQ(WriteCsv(ScalarBatch(), {{"header", "true"}}),
            "i,b,d,m,f,dt,ts,s\n"
            "1,-9000000000,1.0E10,12.35,true,2024-01-01,2024-01-01T10:00:00.123Z,plain\n"
            ",0,0.5,-0.05,false,,,\"a,b \\\"q\\\" back\\\\slash\nnext\"\n"
            "3,,-2.25,,,1970-01-01,1970-01-01T00:00:00.000Z,\"\"\n");
}

TEST(CsvWriterTest, OptionsChangeSeparatorNullsAndQuoting) {
  auto batch = vector::Batch::FromRows(Schema("a STRING, b INT"),
                                       {{Value::String("x|y"), Value::NullOf(type::Int())}});
  EXPECT_EQ(WriteCsv(batch, {{"sep", "|"}, {"nullValue", "NA"}}), "\"x|y\"|NA\n");
  EXPECT_EQ(WriteCsv(batch, {{"quoteAll", "true"}, {"lineSep", "\r\n"}}), "\"x|y\",\r\n");
  auto empty = CsvWriter::Make(Schema("a STRING"), {{"header", "true"}});
  EXPECT_EQ((*empty)->Finish().ValueOrDie(), "a\n");
  auto nested = CsvWriter::Make(Schema("a ARRAY<INT>"), {});
  EXPECT_EQ(nested.status().code(), StatusCode::kNotSupported);
}

TEST(CsvWriterTest, RoundTripsThroughTheReader) {
  vector::Batch batch = ScalarBatch();
  std::string bytes = WriteCsv(batch, {{"header", "true"}});
  auto reader = CsvReader::MakeFromBuffer(bytes, "out.csv", batch.schema(),
                                          {{"header", "true"}, {"multiLine", "true"},
                                           {"mode", "FAILFAST"}});
  ASSERT_TRUE(reader.ok());
  auto read = (*reader)->Next().ValueOrDie();
  ASSERT_TRUE(read.has_value());
  ASSERT_EQ(read->num_rows(), 3);
  for (int64_t r = 0; r < 3; ++r) {
    std::vector<Value> expected = batch.GetRow(r);
    // Timestamps keep milliseconds, and the empty string reads back as NULL, as in Spark.
    if (r == 0) expected[6] = Value::Timestamp(1704103200123000);
    if (r == 2) expected[7] = Value::NullOf(type::String());
    EXPECT_EQ(read->GetRow(r), expected) << "row " << r;
  }
}

TEST(JsonWriterTest, WritesSparkForms) {
  EXPECT_EQ(WriteJson(ScalarBatch()),
            R"({"i":1,"b":-9000000000,"d":1.0E10,"m":12.35,"f":true,"dt":"2024-01-01","ts":"2024-01-01T10:00:00.123Z","s":"plain"})"
            "\n"
            R"({"b":0,"d":0.5,"m":-0.05,"f":false,"s":"a,b \"q\" back\\slash\nnext"})"
            "\n"
            R"({"i":3,"d":-2.25,"dt":"1970-01-01","ts":"1970-01-01T00:00:00.000Z","s":""})"
            "\n");
}

TEST(JsonWriterTest, WritesNestedValuesAndSpecialDoubles) {
  auto schema = Schema("s STRUCT<x: INT, y: STRING>, a ARRAY<DOUBLE>, m MAP<STRING, INT>");
  const auto& s_type = schema->field(0).type;
  auto batch = vector::Batch::FromRows(
      schema, {{Value::Struct(s_type, {Value::Int(1), Value::NullOf(type::String())}),
                Value::Array(type::Double(),
                             {Value::Double(std::numeric_limits<double>::quiet_NaN()),
                              Value::NullOf(type::Double()), Value::Double(1)}),
                Value::Map(schema->field(2).type, {Value::String("k")},
                           {Value::NullOf(type::Int())})}});
  std::string bytes = WriteJson(batch);
  EXPECT_EQ(bytes, R"({"s":{"x":1},"a":["NaN",null,1.0],"m":{"k":null}})" "\n");
  EXPECT_EQ(WriteJson(batch, {{"ignoreNullFields", "false"}}),
            R"({"s":{"x":1,"y":null},"a":["NaN",null,1.0],"m":{"k":null}})" "\n");
  // And back.
  auto reader = JsonReader::MakeFromBuffer(bytes, "out.json", schema, {{"mode", "FAILFAST"}});
  ASSERT_TRUE(reader.ok());
  auto read = (*reader)->Next().ValueOrDie();
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->GetRow(0), batch.GetRow(0));
}

TEST(JsonWriterTest, RoundTripsScalarsThroughTheReader) {
  vector::Batch batch = ScalarBatch();
  auto reader = JsonReader::MakeFromBuffer(WriteJson(batch), "out.json", batch.schema(),
                                           {{"mode", "FAILFAST"}});
  ASSERT_TRUE(reader.ok());
  auto read = (*reader)->Next().ValueOrDie();
  ASSERT_TRUE(read.has_value());
  for (int64_t r = 0; r < 3; ++r) {
    std::vector<Value> expected = batch.GetRow(r);
    if (r == 0) expected[6] = Value::Timestamp(1704103200123000);
    EXPECT_EQ(read->GetRow(r), expected) << "row " << r;
  }
}

TEST(JsonWriterTest, EscapesControlCharacters) {
  std::string out;
  AppendJsonString(std::string("a\x01\t\xc3\xbc", 5), &out);
  EXPECT_EQ(out, "\"a\\u0001\\t\xc3\xbc\"");
}

}  // namespace
}  // namespace runnel::format
