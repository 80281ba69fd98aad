#include <gtest/gtest.h>

#include "type/ddl.h"
#include "vector/batch.h"
#include "vector/column_builder.h"
#include "vector/pretty_print.h"
#include "vector/selection.h"

namespace runnel::vector {
namespace {

using type::Value;

TEST(ColumnTest, BuildsEveryTypeAndReadsBack) {
  auto schema = std::make_shared<type::Schema>(
      *type::ParseSchema("b BOOLEAN, i INT, s STRING, d DECIMAL(5,2), a ARRAY<INT>, "
                         "st STRUCT<x: INT, y: STRING>, m MAP<STRING, BIGINT>"));
  std::vector<std::vector<Value>> rows;
  auto st_type = schema->field(5).type;
  auto m_type = schema->field(6).type;
  rows.push_back({Value::Boolean(true), Value::Int(1), Value::String("a"),
                  Value::Decimal(125, 5, 2), Value::Array(type::Int(), {Value::Int(1), Value::Int(2)}),
                  Value::Struct(st_type, {Value::Int(7), Value::String("q")}),
                  Value::Map(m_type, {Value::String("k")}, {Value::BigInt(9)})});
  std::vector<Value> nulls;
  for (const auto& f : schema->fields()) nulls.push_back(Value::NullOf(f.type));
  rows.push_back(nulls);
  Batch batch = Batch::FromRows(schema, rows);
  ASSERT_EQ(batch.num_rows(), 2);
  for (int c = 0; c < batch.num_columns(); ++c) {
    EXPECT_TRUE(batch.GetValue(0, c).Equals(rows[0][c])) << c << ": " << batch.GetValue(0, c).ToString();
    EXPECT_TRUE(batch.GetValue(1, c).is_null()) << c;
  }
  EXPECT_EQ(batch.GetValue(0, 4).ToString(), "[1, 2]");
  EXPECT_EQ(batch.GetValue(0, 5).ToString(), "{7, q}");
  EXPECT_EQ(batch.GetValue(0, 6).ToString(), "{k -> 9}");
}

TEST(ColumnTest, SliceTakeAndConcatenate) {
  ColumnBuilder b(type::String());
  for (int i = 0; i < 10; ++i) {
    if (i % 3 == 0) {
      b.AppendNull();
    } else {
      b.AppendString("v" + std::to_string(i));
    }
  }
  ColumnPtr col = b.Finish();
  EXPECT_EQ(col->null_count(), 4);
  ColumnPtr slice = col->Slice(2, 5);  // v2 NULL v4 v5 NULL
  EXPECT_EQ(slice->null_count(), 2);
  EXPECT_EQ(slice->GetValue(0).ToString(), "v2");
  EXPECT_TRUE(slice->IsNull(1));
  std::vector<int32_t> idx{4, -1, 0};
  ColumnPtr taken = Take(*slice, idx.data(), 3);
  EXPECT_TRUE(taken->IsNull(0));
  EXPECT_TRUE(taken->IsNull(1));
  EXPECT_EQ(taken->GetValue(2).ToString(), "v2");
  ColumnPtr both = Concatenate({slice, taken}, type::String());
  EXPECT_EQ(both->length(), 8);
  EXPECT_EQ(both->GetValue(7).ToString(), "v2");
}

TEST(PrettyPrintTest, MatchesSparkShow) {
  auto schema = std::make_shared<type::Schema>(*type::ParseSchema("name STRING, n BIGINT"));
  Batch batch = Batch::FromRows(schema, {{Value::String("alice"), Value::BigInt(3)},
                                         {Value::String("b"), Value::NullOf(type::BigInt())}});
  EXPECT_EQ(FormatTable(*schema, {batch}, 20),
            "+-----+----+\n"
            "| name|   n|\n"
            "+-----+----+\n"
            "|alice|   3|\n"
            "|    b|NULL|\n"
            "+-----+----+\n");
  EXPECT_NE(FormatTable(*schema, {batch}, 1).find("only showing top 1 row"), std::string::npos);
}

}  // namespace
}  // namespace runnel::vector
