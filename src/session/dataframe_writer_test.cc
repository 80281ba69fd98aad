// df.write(): formats, save modes, partitionBy and reading the partitions back, saveAsTable and
// insertInto, and a write killed mid-way leaving the directory as it was.
#include "runnel/dataframe_writer.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "runnel/runnel.h"
#include "session/sql_table_statements.h"

namespace runnel {
namespace {

namespace fs = std::filesystem;
using type::Value;
using functions::col;
using functions::count;
using functions::lit;

fs::path TestDirectory() {
  return fs::temp_directory_path() / ("runnel-writer-test-" + std::to_string(::getpid()) + "-" +
                                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
}

std::vector<std::string> Sorted(const Result<std::vector<Row>>& rows) {
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  std::vector<std::string> out;
  if (!rows.ok()) return out;
  for (const auto& r : *rows) out.push_back(r.ToString());
  std::sort(out.begin(), out.end());
  return out;
}

class DataFrameWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = TestDirectory();
    fs::remove_all(root_);
    fs::create_directories(root_);
    session_ = Session::Make();
    ASSERT_TRUE(session_->setConf(kWarehouseDirConf, (root_ / "warehouse").string()).ok());
  }
  void TearDown() override { fs::remove_all(root_); }

  DataFrame Sales() const {
    return session_->createDataFrame(
        {Row({Value::Int(1), Value::String("eu"), Value::Date(19723)}),
         Row({Value::Int(2), Value::String("us"), Value::Date(19723)}),
         Row({Value::Int(3), Value::String("eu"), Value::Date(19724)}),
         Row({Value::Int(4), Value::NullOf(type::String()), Value::Date(19724)})},
        "amount INT, region STRING, day DATE");
  }
  std::string Path(const std::string& name) const { return (root_ / name).string(); }

  fs::path root_;
  std::shared_ptr<Session> session_;
};

TEST_F(DataFrameWriterTest, JsonAndCsvRoundTrip) {
  ASSERT_TRUE(Sales().write().format("json").save(Path("j")).ok());
  EXPECT_TRUE(fs::exists(root_ / "j" / "_SUCCESS"));
  EXPECT_FALSE(fs::exists(root_ / "j" / "_temporary"));
  EXPECT_EQ(Sorted(session_->read().schema("amount INT, region STRING, day DATE").json(Path("j")).collect()),
            (std::vector<std::string>{"[1,eu,2024-01-01]", "[2,us,2024-01-01]", "[3,eu,2024-01-02]",
                                      "[4,NULL,2024-01-02]"}));
  ASSERT_TRUE(Sales().write().option("header", true).csv(Path("c")).ok());
  auto back = session_->read().option("header", true).option("inferSchema", true).csv(Path("c"));
  EXPECT_EQ(back.schema().ValueOrDie().ToString(), "amount INT, region STRING, day DATE");
  EXPECT_EQ(back.count().ValueOrDie(), 4);
}

TEST_F(DataFrameWriterTest, SaveModes) {
  std::string path = Path("out");
  ASSERT_TRUE(Sales().write().format("json").save(path).ok());
  Status again = Sales().write().format("json").save(path);
  EXPECT_EQ(again.code(), StatusCode::kAnalysis);
  EXPECT_NE(again.message().find("already exists"), std::string::npos) << again.message();
  ASSERT_TRUE(Sales().write().format("json").mode("ignore").save(path).ok());
  ASSERT_TRUE(Sales().write().format("json").mode("append").save(path).ok());
  auto read = [&] { return session_->read().schema("amount INT, region STRING, day DATE").json(path); };
  EXPECT_EQ(read().count().ValueOrDie(), 8);
  ASSERT_TRUE(Sales().limit(1).write().format("json").mode("overwrite").save(path).ok());
  EXPECT_EQ(read().count().ValueOrDie(), 1);
  EXPECT_EQ(Sales().write().mode("sideways").save(path).code(), StatusCode::kInvalidArgument);
}

TEST_F(DataFrameWriterTest, PartitionByWritesDirectoriesThatReadBack) {
  std::string path = Path("p");
  ASSERT_TRUE(Sales().write().format("json").partitionBy({"day", "region"}).save(path).ok());
  EXPECT_TRUE(fs::is_directory(root_ / "p" / "day=2024-01-01" / "region=eu"));
  EXPECT_TRUE(fs::is_directory(root_ / "p" / "day=2024-01-02" / "region=__HIVE_DEFAULT_PARTITION__"));
  // Discovery: partition columns come last, their types inferred from the directory names.
  DataFrame back = session_->read().json(path);
  EXPECT_EQ(back.schema().ValueOrDie().ToString(), "amount BIGINT, day DATE, region STRING");
  EXPECT_EQ(Sorted(back.collect()), (std::vector<std::string>{"[1,2024-01-01,eu]", "[2,2024-01-01,us]",
                                                               "[3,2024-01-02,eu]", "[4,2024-01-02,NULL]"}));
  EXPECT_EQ(Sorted(back.filter("region = 'eu' AND day > DATE '2024-01-01'").collect()),
            (std::vector<std::string>{"[3,2024-01-02,eu]"}));
  EXPECT_EQ(back.filter("region IS NULL").count().ValueOrDie(), 1);
  // A partition column must be a column; all-partition rows have nothing to store.
  EXPECT_EQ(Sales().write().format("json").partitionBy({"nope"}).save(Path("q")).code(), StatusCode::kAnalysis);
}

TEST_F(DataFrameWriterTest, PartitionTypeInferenceFollowsSpark) {
  for (const char* dir : {"a=1/b=x/c=2024-01-01/d=1.5", "a=2/b=7/c=2024-01-02/d=3"}) {
    fs::create_directories(root_ / "t" / dir);
    std::ofstream(root_ / "t" / dir / "part-0.json") << "{\"v\": 1}\n";
  }
  DataFrame df = session_->read().json(Path("t"));
  EXPECT_EQ(df.schema().ValueOrDie().ToString(), "v BIGINT, a INT, b STRING, c DATE, d DOUBLE");
  // Different column sets under one root are an error.
  fs::create_directories(root_ / "t" / "z=1");
  std::ofstream(root_ / "t" / "z=1" / "part-0.json") << "{\"v\": 1}\n";
  Status conflicting = session_->read().json(Path("t")).schema().status();
  EXPECT_NE(conflicting.message().find("Conflicting directory structures"), std::string::npos)
      << conflicting.ToString();
}

TEST_F(DataFrameWriterTest, EmptyDataFrameKeepsAFile) {
  ASSERT_TRUE(Sales().filter("amount > 100").write().format("json").save(Path("e")).ok());
  int files = 0;
  for (const auto& e : fs::directory_iterator(root_ / "e")) files += e.path().filename().string().rfind("part-", 0) == 0;
  EXPECT_EQ(files, 1);
}

TEST_F(DataFrameWriterTest, SaveAsTableAndInsertInto) {
  ASSERT_TRUE(Sales().write().format("json").partitionBy({"day"}).saveAsTable("sales").ok());
  auto table = [&] { return session_->sql("SELECT * FROM sales").ValueOrDie(); };
  EXPECT_EQ(table().schema().ValueOrDie().ToString(), "amount INT, region STRING, day DATE");
  EXPECT_EQ(Sales().write().saveAsTable("sales").code(), StatusCode::kAnalysis);
  ASSERT_TRUE(Sales().write().mode("ignore").saveAsTable("sales").ok());
  // Append matches columns by name.
  ASSERT_TRUE(Sales().select({col("day"), col("amount"), col("region")}).write().mode("append").saveAsTable("sales").ok());
  EXPECT_EQ(table().count().ValueOrDie(), 8);
  ASSERT_TRUE(Sales().limit(1).write().mode("overwrite").insertInto("sales").ok());
  EXPECT_EQ(Sorted(table().collect()), (std::vector<std::string>{"[1,eu,2024-01-01]"}));
  ASSERT_TRUE(Sales().write().mode("overwrite").format("json").saveAsTable("sales").ok());
  EXPECT_EQ(table().count().ValueOrDie(), 4);
  EXPECT_EQ(Sales().write().partitionBy({"day"}).insertInto("sales").code(), StatusCode::kAnalysis);
}

// The child side of KilledWriteLeavesTheDirectoryAsItWas: overwrites the directory named by the
// environment with many small files, forever, until killed.
TEST(DataFrameWriterCrashChild, OverwriteForever) {
  const char* path = std::getenv("RUNNEL_WRITER_CRASH_PATH");
  if (path == nullptr) GTEST_SKIP() << "runs only as the child of KilledWriteLeavesTheDirectoryAsItWas";
  auto session = Session::Make();
  for (int round = 1;; ++round) {
    DataFrame df = session->range(0, 20000).selectExpr({"id", std::to_string(round) + " AS round"});
    Status st = df.write().format("json").option("maxRecordsPerFile", int64_t{50}).mode("overwrite").save(path);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
}

TEST_F(DataFrameWriterTest, KilledWriteLeavesTheDirectoryAsItWas) {
  std::string path = Path("crash");
  ASSERT_TRUE(session_->range(0, 20000).selectExpr({"id", "0 AS round"}).write().format("json").save(path).ok());
  auto rounds = [&] {
    return Sorted(session_->read().json(path).groupBy(col("round")).agg(count(lit(1))).collect());
  };
  for (int attempt = 0; attempt < 3; ++attempt) {
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::setenv("RUNNEL_WRITER_CRASH_PATH", path.c_str(), 1);
      ::execl("/proc/self/exe", "writer-crash-child", "--gtest_filter=DataFrameWriterCrashChild.OverwriteForever",
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // Kill it while it is staging files (after it has begun a write, before that write commits).
    fs::path staging = fs::path(path) / "_temporary";
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    bool staging_seen = false;
    while (std::chrono::steady_clock::now() < deadline && !staging_seen) {
      std::error_code ec;
      for (const auto& job : fs::directory_iterator(staging, ec)) {
        int files = 0;
        for (auto it = fs::directory_iterator(job.path(), ec); !ec && it != fs::directory_iterator(); it.increment(ec)) ++files;
        staging_seen = staging_seen || files >= 3 + 20 * attempt;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(staging_seen) << "the child never started writing";
    // Exactly one whole round is visible: 20000 rows of the same round.
    std::vector<std::string> seen = rounds();
    ASSERT_EQ(seen.size(), 1u) << ::testing::PrintToString(seen);
    EXPECT_NE(seen[0].find(",20000]"), std::string::npos) << seen[0];
  }
  // The next write clears what the killed one staged.
  ASSERT_TRUE(session_->range(0, 10).selectExpr({"id", "9 AS round"}).write().mode("overwrite").format("json").save(path).ok());
  EXPECT_FALSE(fs::exists(fs::path(path) / "_temporary"));
  EXPECT_EQ(rounds(), std::vector<std::string>{"[9,10]"});
}

}  // namespace
}  // namespace runnel
