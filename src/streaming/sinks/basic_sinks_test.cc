#include "streaming/sinks/basic_sinks.h"

#include <gtest/gtest.h>

#include "type/value.h"

namespace runnel::streaming {
namespace {

// A BatchOutput over fixed rows.
class FixedOutput final : public BatchOutput {
 public:
  explicit FixedOutput(std::vector<vector::Batch> batches, type::SchemaPtr schema)
      : batches_(std::move(batches)), schema_(std::move(schema)) {}
  const type::SchemaPtr& schema() const override { return schema_; }
  Status BeforeCommit() override {
    ++commits;
    return Status::OK();
  }
  Result<std::vector<vector::Batch>> Collect() override { return batches_; }
  Status ForEachPartition(const std::function<Status(int)>& begin,
                          const std::function<Status(int, vector::Batch)>& sink) override {
    RUNNEL_RETURN_NOT_OK(begin(1));
    for (const auto& b : batches_) RUNNEL_RETURN_NOT_OK(sink(0, b));
    return Status::OK();
  }
  int commits = 0;

 private:
  std::vector<vector::Batch> batches_;
  type::SchemaPtr schema_;
};

type::SchemaPtr Schema() {
  return std::make_shared<type::Schema>(
      std::vector<type::Field>{{"user", type::String(), true}, {"n", type::BigInt(), true}});
}

FixedOutput Output(std::vector<std::vector<type::Value>> rows) {
  return FixedOutput({vector::Batch::FromRows(Schema(), rows)}, Schema());
}

TEST(ConsoleSinkTest, PrintsBatchTablesAndJsonLines) {
  std::string printed;
  auto table = ConsoleSink::Make({{"numRows", "1"}}, [&](const std::string& s) { printed += s; });
  ASSERT_TRUE(table.ok());
  auto out = Output({{type::Value::String("a"), type::Value::BigInt(1)}, {type::Value::String("b"), type::Value::BigInt(2)}});
  ASSERT_TRUE((*table)->AddBatch(3, out).ok());
  EXPECT_EQ(printed,
            "-------------------------------------------\nBatch: 3\n-------------------------------------------\n"
            "+----+---+\n|user|  n|\n+----+---+\n|   a|  1|\n+----+---+\nonly showing top 1 row\n\n");
  EXPECT_EQ(out.commits, 1);
  printed.clear();
  auto jsonl = ConsoleSink::Make({{"format", "jsonl"}}, [&](const std::string& s) { printed += s; });
  ASSERT_TRUE(jsonl.ok());
  auto nulls = Output({{type::Value::String("a"), type::Value::NullOf(type::BigInt())}});
  ASSERT_TRUE((*jsonl)->AddBatch(0, nulls).ok());
  EXPECT_EQ(printed, "{\"batch_id\":0,\"user\":\"a\"}\n");
  EXPECT_FALSE(ConsoleSink::Make({{"numRows", "0"}}).ok());
  EXPECT_FALSE(ConsoleSink::Make({{"truncate", "maybe"}}).ok());
  auto bad_format = ConsoleSink::Make({{"format", "xml"}});
  ASSERT_FALSE(bad_format.ok());
  EXPECT_NE(bad_format.status().message().find("'jsonl'"), std::string::npos);
}

TEST(MemorySinkTest, SkipsBatchesItHoldsAndReplacesInCompleteMode) {
  auto sink = std::make_shared<MemorySink>("t");
  ASSERT_TRUE(sink->Open(Schema(), OutputMode::kAppend).ok());
  auto first = Output({{type::Value::String("a"), type::Value::BigInt(1)}});
  ASSERT_TRUE(sink->AddBatch(0, first).ok());
  ASSERT_TRUE(sink->AddBatch(0, first).ok());  // a re-run batch: already held
  EXPECT_EQ(sink->Rows().size(), 1u);
  auto complete = std::make_shared<MemorySink>("c");
  ASSERT_TRUE(complete->Open(Schema(), OutputMode::kComplete).ok());
  ASSERT_TRUE(complete->AddBatch(0, first).ok());
  auto second = Output({{type::Value::String("b"), type::Value::BigInt(2)}});
  ASSERT_TRUE(complete->AddBatch(1, second).ok());
  ASSERT_EQ(complete->Rows().size(), 1u);
  EXPECT_EQ(complete->Rows()[0].GetRow(0)[0].string_value(), "b");
}

}  // namespace
}  // namespace runnel::streaming
