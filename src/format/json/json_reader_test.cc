#include "format/json/json_reader.h"

#include <gtest/gtest.h>

#include "type/ddl.h"

namespace runnel::format {
namespace {

using Rows = std::vector<std::vector<std::string>>;

type::SchemaPtr Schema(std::string_view ddl) {
  return std::make_shared<type::Schema>(type::ParseSchema(ddl).ValueOrDie());
}

Result<Rows> ReadRows(JsonReader& reader) {
  Rows rows;
  while (true) {
    RUNNEL_ASSIGN_OR_RAISE(auto batch, reader.Next());
    if (!batch) break;
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      std::vector<std::string> row;
      for (const auto& v : batch->GetRow(r)) row.push_back(v.ToString());
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

Rows Read(std::string data, std::string_view ddl, const Options& options = {}) {
  auto reader = JsonReader::MakeFromBuffer(std::move(data), "data/a.json",
                                           ddl.empty() ? nullptr : Schema(ddl), options);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return {};
  auto rows = ReadRows(**reader);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return rows.ok() ? *rows : Rows{};
}

TEST(JsonReaderTest, ReadsScalarsIntoTheSchemaTypes) {
  Rows rows = Read(
      R"({"i": 1, "b": 9000000000, "d": 1.5, "m": 12.345, "f": true, "dt": "2024-01-31", "ts": "2024-01-31T10:00:00Z", "s": "hi"})"
      "\n"
      R"({"i": null, "d": 2, "m": "-0.5", "f": false, "ts": 1, "s": 42, "extra": [1]})"
      "\n",
      "i INT, b BIGINT, d DOUBLE, m DECIMAL(10,2), f BOOLEAN, dt DATE, ts TIMESTAMP, s STRING");
  EXPECT_EQ(rows, (Rows{{"1", "9000000000", "1.5", "12.35", "true", "2024-01-31",
                         "2024-01-31 10:00:00", "hi"},
                        {"NULL", "NULL", "2.0", "-0.50", "false", "NULL", "1970-01-01 00:00:01",
                         "42"}}));
}

TEST(JsonReaderTest, ReadsNestedStructsArraysAndMaps) {
  Rows rows = Read(
      R"({"user": {"name": "ann", "tags": ["a", null]}, "scores": [1, 2], "attrs": {"k": 1, "j": 2}})"
      "\n"
      R"({"user": {"name": "bob"}, "scores": [], "attrs": {}, "obj": {"x": [1, {"y": 2}]}})"
      "\n",
      "user STRUCT<name: STRING, tags: ARRAY<STRING>>, scores ARRAY<BIGINT>, "
      "attrs MAP<STRING, INT>, obj STRING");
  EXPECT_EQ(rows, (Rows{{"{ann, [a, NULL]}", "[1, 2]", "{k -> 1, j -> 2}", "NULL"},
                        {"{bob, NULL}", "[]", "{}", R"({"x":[1,{"y":2}]})"}}));
}

TEST(JsonReaderTest, FieldNamesAreCaseSensitive) {
  EXPECT_EQ(Read(R"({"A": 1, "a": 2})", "a INT"), (Rows{{"2"}}));
  EXPECT_EQ(Read(R"({"A": 1})", "a INT"), (Rows{{"NULL"}}));
}

TEST(JsonReaderTest, PermissiveKeepsPartialResultsAndTheRawLine) {
  std::string data =
      "{\"a\": 1, \"b\": \"x\"}\n"
      "{\"a\": \"oops\", \"b\": \"y\"}\n"
      "{\"a\": 3, \"b\n"
      "[1, 2]\n"
      "{\"a\": 4294967296, \"b\": \"z\"}\r\n";
  Rows rows = Read(data, "a INT, b STRING, _corrupt_record STRING");
  EXPECT_EQ(rows, (Rows{{"1", "x", "NULL"},
                        {"NULL", "y", "{\"a\": \"oops\", \"b\": \"y\"}"},
                        {"NULL", "NULL", "{\"a\": 3, \"b"},
                        {"NULL", "NULL", "[1, 2]"},
                        {"NULL", "z", "{\"a\": 4294967296, \"b\": \"z\"}"}}));
  EXPECT_EQ(Read(data, "a INT, b STRING").size(), 5u);
}

TEST(JsonReaderTest, DropMalformedSkipsTheWholeRecord) {
  Rows rows = Read("{\"a\": 1}\n{\"a\": [1]}\nnot json\n{\"a\": 2}\n", "a INT",
                   {{"mode", "DROPMALFORMED"}});
  EXPECT_EQ(rows, (Rows{{"1"}, {"2"}}));
}

TEST(JsonReaderTest, FailFastNamesFileAndLine) {
  auto reader = JsonReader::MakeFromBuffer("{\"a\": 1}\n\n{\"a\": 1.5}\n", "data/a.json",
                                           Schema("a INT"), {{"mode", "FAILFAST"}});
  ASSERT_TRUE(reader.ok());
  auto rows = ReadRows(**reader);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(rows.status().message(),
            "Malformed JSON record at data/a.json:3: cannot convert 1.5 to INT. Use mode "
            "PERMISSIVE or DROPMALFORMED to keep going.");
}

TEST(JsonReaderTest, BlankLinesEmptyFilesAndLineEnds) {
  EXPECT_TRUE(Read("", "a INT").empty());
  EXPECT_TRUE(Read("\n  \n", "a INT").empty());
  EXPECT_EQ(Read("{\"a\": 1}\r\n\r\n{\"a\": 2}", "a INT"), (Rows{{"1"}, {"2"}}));
  EXPECT_EQ(Read("{\"a\": 1}|{\"a\": 2}|", "a INT", {{"lineSep", "|"}}), (Rows{{"1"}, {"2"}}));
}

TEST(JsonReaderTest, TopLevelArraysAndMultiLineDocuments) {
  EXPECT_EQ(Read(R"([{"a": 1}, {"a": 2}])", "a INT"), (Rows{{"1"}, {"2"}}));
  EXPECT_EQ(Read("[\n  {\"a\": 1},\n  {\"a\": 2}\n]\n", "a INT", {{"multiLine", "true"}}),
            (Rows{{"1"}, {"2"}}));
}

TEST(JsonReaderTest, Utf8AndEscapes) {
  EXPECT_EQ(Read(R"({"s": "zürich \u00e9 \"q\" 🙂\n"})", "s STRING"),
            (Rows{{"zürich é \"q\" 🙂\n"}}));
}

TEST(JsonReaderTest, SpecialDoublesAndCustomFormats) {
  EXPECT_EQ(Read(R"({"d": "NaN"})" "\n" R"({"d": "-Infinity"})" "\n" R"({"d": "1.5"})", "d DOUBLE"),
            (Rows{{"NaN"}, {"-Infinity"}, {"NULL"}}));
  Options options{{"timestampFormat", "dd/MM/yyyy HH:mm"}, {"dateFormat", "dd/MM/yyyy"}};
  EXPECT_EQ(Read(R"({"ts": "31/01/2024 10:30", "d": "29/02/2024"})", "ts TIMESTAMP, d DATE",
                 options),
            (Rows{{"2024-01-31 10:30:00", "2024-02-29"}}));
}

TEST(JsonSchemaInferenceTest, UnionsSortsAndWidens) {
  auto schema = InferJsonSchemaFromBuffers(
      {"{\"b\": 1, \"a\": \"x\", \"n\": null, \"e\": []}\n"
       "{\"b\": 2.5, \"c\": {\"y\": 1, \"x\": true}, \"mix\": 1}\n",
       "{\"c\": {\"z\": [1, 2.0]}, \"mix\": \"s\", \"big\": 18446744073709551615, \"empty\": {}}\n"},
      {"a.json", "b.json"}, {});
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(schema->ToString(),
            "a STRING, b DOUBLE, big DECIMAL(20,0), c STRUCT<x: BOOLEAN, y: BIGINT, z: "
            "ARRAY<DOUBLE>>, e ARRAY<STRING>, mix STRING, n STRING");
}

TEST(JsonSchemaInferenceTest, ModesAndPrimitivesAsString) {
  std::string data = "{\"a\": 1}\nbroken\n";
  EXPECT_EQ(InferJsonSchemaFromBuffers({data}, {"a.json"}, {})->ToString(),
            "_corrupt_record STRING, a BIGINT");
  EXPECT_EQ(InferJsonSchemaFromBuffers({data}, {"a.json"}, {{"mode", "DROPMALFORMED"}})->ToString(),
            "a BIGINT");
  auto failed = InferJsonSchemaFromBuffers({data}, {"a.json"}, {{"mode", "FAILFAST"}});
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("a.json:2"), std::string::npos);
  EXPECT_EQ(InferJsonSchemaFromBuffers({"{\"a\": 1, \"b\": [true]}"}, {"a.json"},
                                       {{"primitivesAsString", "true"}})->ToString(),
            "a STRING, b ARRAY<STRING>");
}

TEST(JsonSchemaInferenceTest, InferredSchemaReadsBack) {
  auto reader = JsonReader::MakeFromBuffer("{\"b\": 1, \"a\": {\"x\": \"y\"}}\n{\"b\": 2}\n",
                                           "a.json", nullptr, {});
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->schema()->ToString(), "a STRUCT<x: STRING>, b BIGINT");
  EXPECT_EQ(*ReadRows(**reader), (Rows{{"{y}", "1"}, {"NULL", "2"}}));
}

}  // namespace
}  // namespace runnel::format
