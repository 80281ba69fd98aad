// writeStream().toTable(): micro-batches appended to a warehouse table exactly once, across
// crashes on either side of the table's commit; and readStream().table() reading a table's
// commits as they come.
#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>

#include "catalog/warehouse.h"
#include "runnel/runnel.h"
#include "session/streaming_test_util.h"
#include "session/session_state.h"

namespace runnel {
namespace {

namespace fs = std::filesystem;
using type::Value;

using test_util::Render;

Row Event(const std::string& user, int64_t amount) {
  return Row({Value::String(user), Value::BigInt(amount)});
}

class ToTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("runnel-to-table-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    session_ = Session::Make();
    ASSERT_TRUE(session_->setConf("runnel.sql.warehouse.dir", Warehouse()).ok());
    input_ = *MemoryStream::Make(session_, "user STRING, amount BIGINT");
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Warehouse() const { return (dir_ / "warehouse").string(); }
  std::string Checkpoint() const { return (dir_ / "checkpoint").string(); }

  Result<StreamingQuery> Start() const {
    return input_->toDF()
        .writeStream()
        .option("checkpointLocation", Checkpoint())
        .toTable("events");
  }
  std::vector<std::string> Table() const {
    return Render(session_->sql("SELECT * FROM events")->collect());
  }
  // The stream commits the table's manifest records: query id -> last batch id.
  std::map<std::string, int64_t> StreamWrites() const {
    catalog::Warehouse warehouse(Warehouse());
    auto table = warehouse.GetTable("events");
    EXPECT_TRUE(table.ok()) << table.status().ToString();
    return table.ok() && table->manifest ? table->manifest->stream_writes
                                         : std::map<std::string, int64_t>{};
  }
  void InjectCrash(const std::string& point, int64_t batch, bool* armed) {
    test_util::InjectCrash(*session_, point, batch, armed);
  }

  std::shared_ptr<Session> session_;
  std::shared_ptr<MemoryStream> input_;
  fs::path dir_;
};

TEST_F(ToTableTest, CreatesTheTableAndAppendsEachBatch) {
  auto query = Start();
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  ASSERT_TRUE(input_->addData({Event("a", 1), Event("b", 2)}).ok());
  ASSERT_TRUE(query->processAllAvailable().ok());
  ASSERT_TRUE(input_->addData({Event("c", 3)}).ok());
  ASSERT_TRUE(query->processAllAvailable().ok());
  ASSERT_TRUE(query->stop().ok());
  EXPECT_EQ(Table(), (std::vector<std::string>{"[a,1]", "[b,2]", "[c,3]"}));
  auto schema = session_->sql("SELECT * FROM events")->schema();
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ(schema->ToString(), "user STRING, amount BIGINT");
  EXPECT_EQ(StreamWrites(), (std::map<std::string, int64_t>{{query->id(), 1}}));
}

// The crash the issue names: after the table's manifest commit, before commits/N. The re-run
// batch finds itself in the manifest and writes nothing.
TEST_F(ToTableTest, CrashAfterTheTableCommitSkipsTheBatchOnRestart) {
  bool armed = true;
  InjectCrash("commits write", 1, &armed);
  auto query = Start();
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  ASSERT_TRUE(input_->addData({Event("a", 1)}).ok());
  ASSERT_TRUE(query->processAllAvailable().ok());
  ASSERT_TRUE(input_->addData({Event("b", 2)}).ok());
  Status failed = query->awaitTermination();
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.message().find("injected crash before commits write"), std::string::npos)
      << failed.ToString();
  EXPECT_TRUE(fs::exists(Checkpoint() + "/offsets/1"));
  EXPECT_FALSE(fs::exists(Checkpoint() + "/commits/1"));
  EXPECT_EQ(Table(), (std::vector<std::string>{"[a,1]", "[b,2]"}));  // batch 1 is in the table

  armed = false;
  auto recovered = Start();
  ASSERT_TRUE(recovered.ok()) << recovered.status().ToString();
  ASSERT_TRUE(recovered->processAllAvailable().ok());
  EXPECT_TRUE(fs::exists(Checkpoint() + "/commits/1"));
  EXPECT_EQ(Table(), (std::vector<std::string>{"[a,1]", "[b,2]"}));  // not twice
  ASSERT_TRUE(input_->addData({Event("c", 3)}).ok());
  ASSERT_TRUE(recovered->processAllAvailable().ok());
  ASSERT_TRUE(recovered->stop().ok());
  EXPECT_EQ(Table(), (std::vector<std::string>{"[a,1]", "[b,2]", "[c,3]"}));
  EXPECT_EQ(recovered->id(), query->id());
  EXPECT_EQ(StreamWrites(), (std::map<std::string, int64_t>{{query->id(), 2}}));
}

// A crash after the data files are written but before the manifest commit: the table does not
// show them, and the re-run batch writes its rows once.
TEST_F(ToTableTest, CrashBeforeTheTableCommitWritesTheBatchOnRestart) {
  bool armed = true;
  InjectCrash("sink commit", 0, &armed);
  auto query = Start();
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  ASSERT_TRUE(input_->addData({Event("a", 1)}).ok());
  ASSERT_FALSE(query->awaitTermination().ok());
  EXPECT_EQ(Table(), std::vector<std::string>{});
  armed = false;
  auto recovered = Start();
  ASSERT_TRUE(recovered.ok()) << recovered.status().ToString();
  ASSERT_TRUE(recovered->processAllAvailable().ok());
  ASSERT_TRUE(recovered->stop().ok());
  EXPECT_EQ(Table(), std::vector<std::string>{"[a,1]"});
}

// A new checkpoint is a new query: its batch 0 is not mistaken for the old query's.
TEST_F(ToTableTest, ANewCheckpointIsANewWriter) {
  auto first = Start();
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(input_->addData({Event("a", 1)}).ok());
  ASSERT_TRUE(first->processAllAvailable().ok());
  ASSERT_TRUE(first->stop().ok());
  fs::remove_all(Checkpoint());
  auto second = Start();
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(second->processAllAvailable().ok());
  ASSERT_TRUE(second->stop().ok());
  EXPECT_NE(first->id(), second->id());
  // MemoryStream replays its whole history to a new query, which appends it again.
  EXPECT_EQ(Table(), (std::vector<std::string>{"[a,1]", "[a,1]"}));
}

TEST_F(ToTableTest, AppendOnlyAndColumnsByName) {
  ASSERT_TRUE(session_->sql("CREATE TABLE events (amount BIGINT, note STRING, user STRING)").ok());
  auto update = input_->toDF()
                    .writeStream()
                    .outputMode("update")
                    .option("checkpointLocation", Checkpoint())
                    .toTable("events");
  ASSERT_FALSE(update.ok());
  EXPECT_NE(update.status().message().find("accepts appends only"), std::string::npos)
      << update.status().ToString();
  auto query = Start();  // an existing table: the query's columns by name, NULL for the others
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  ASSERT_TRUE(input_->addData({Event("a", 1)}).ok());
  ASSERT_TRUE(query->processAllAvailable().ok());
  ASSERT_TRUE(query->stop().ok());
  EXPECT_EQ(Table(), std::vector<std::string>{"[1,NULL,a]"});
  auto no_checkpoint = input_->toDF().writeStream().toTable("events");
  EXPECT_FALSE(no_checkpoint.ok());
}

// readStream().table(): the commits of a table, each read once; an overwrite ends the stream.
TEST_F(ToTableTest, ReadStreamTableReadsCommitsAsTheyCome) {
  ASSERT_TRUE(session_->sql("CREATE TABLE src (n INT)").ok());
  ASSERT_TRUE(session_->sql("INSERT INTO src VALUES (1), (2)").ok());
  auto query =
      session_->readStream().table("src").writeStream().format("memory").queryName("copy").start();
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  ASSERT_TRUE(query->processAllAvailable().ok());
  ASSERT_TRUE(session_->sql("INSERT INTO src VALUES (3)").ok());
  ASSERT_TRUE(query->processAllAvailable().ok());
  EXPECT_EQ(Render(session_->sql("SELECT * FROM copy")->collect()),
            (std::vector<std::string>{"[1]", "[2]", "[3]"}));
  ASSERT_TRUE(session_->sql("INSERT OVERWRITE src VALUES (9)").ok());
  Status failed = query->processAllAvailable();
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.message().find("Table src was overwritten at version"), std::string::npos)
      << failed.ToString();
  auto missing = session_->readStream().table("nope").writeStream().format("noop").start();
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("'nope' not found"), std::string::npos)
      << missing.status().ToString();
}

}  // namespace
}  // namespace runnel
