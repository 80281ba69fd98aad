#include "streaming/sources/memory_source.h"

#include <gtest/gtest.h>

#include "type/value.h"

namespace runnel::streaming {
namespace {

type::SchemaPtr Schema() { return std::make_shared<type::Schema>(std::vector<type::Field>{{"n", type::BigInt(), true}}); }
vector::Batch Rows(int64_t n) { return vector::Batch::FromRows(Schema(), {{type::Value::BigInt(n)}}); }

TEST(MemorySourceTest, OffsetsCountAddDataCallsAndCommitDropsRows) {
  MemorySource source(Schema(), "m");
  EXPECT_EQ(*source.LatestOffset(std::nullopt, ReadLimit::All()), std::nullopt);
  EXPECT_EQ(source.AddData(Rows(1)), 1);
  EXPECT_EQ(source.AddData(Rows(2)), 2);
  EXPECT_EQ(**source.LatestOffset(std::nullopt, ReadLimit::All()), "2");
  auto batch = source.GetBatch(std::string("1"), "2");
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ((*batch)->NumPartitions(), 1);
  ASSERT_TRUE(source.Commit("1").ok());
  auto gone = source.GetBatch(std::nullopt, "2");
  ASSERT_FALSE(gone.ok());
  EXPECT_NE(gone.status().message().find("committed and dropped"), std::string::npos);
  EXPECT_TRUE(source.GetBatch(std::string("1"), "2").ok());
  auto beyond = source.GetBatch(std::string("1"), "5");
  ASSERT_FALSE(beyond.ok());
  EXPECT_NE(beyond.status().message().find("no offset 5"), std::string::npos);
  EXPECT_FALSE(source.GetBatch(std::string("x"), "2").ok());
}

TEST(MemorySourceTest, AvailableNowFreezesTheLatestOffsetUntilTheNextQuery) {
  MemorySource source(Schema(), "m");
  source.AddData(Rows(1));
  ASSERT_TRUE(source.PrepareForAvailableNow().ok());
  source.AddData(Rows(2));
  EXPECT_EQ(**source.LatestOffset(std::nullopt, ReadLimit::All()), "1");
  source.ResetForNewQuery();
  EXPECT_EQ(**source.LatestOffset(std::nullopt, ReadLimit::All()), "2");
}

}  // namespace
}  // namespace runnel::streaming
