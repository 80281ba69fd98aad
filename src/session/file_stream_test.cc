// End-to-end tests of file streams through the public API: JSON files in, Parquet (or CSV)
// files out through the file sink's manifest, restarts, an injected crash between the part files
// and the commit, and the options' errors.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "runnel/runnel.h"
#include "session/streaming_test_util.h"
#include "session/session_state.h"

namespace runnel {
namespace {

namespace fs = std::filesystem;
using functions::col;

using test_util::Render;

class FileStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    session_ = Session::Make();
    dir_ = fs::temp_directory_path() /
           ("runnel-file-stream-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(In());
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string In() const { return (dir_ / "in").string(); }
  std::string Out() const { return (dir_ / "out").string(); }
  std::string Checkpoint() const { return (dir_ / "checkpoint").string(); }

  // A JSON file of events, written elsewhere and renamed in (files must appear whole), with
  // modification time `second` (seconds after an arbitrary base) so the order is known.
  void AddFile(const std::string& name, const std::vector<std::pair<std::string, int>>& events,
               int64_t second) {
    std::string staging = (dir_ / ("." + name)).string();
    {
      std::ofstream out(staging);
      for (const auto& [user, amount] : events)
        out << "{\"user\":\"" << user << "\",\"amount\":" << amount << "}\n";
    }
    struct timespec times[2];
    times[0].tv_sec = times[1].tv_sec = 1700000000 + second;
    times[0].tv_nsec = times[1].tv_nsec = 0;
    ASSERT_EQ(::utimensat(AT_FDCWD, staging.c_str(), times, 0), 0);
    fs::rename(staging, In() + "/" + name);
  }

  DataStreamReader Events() const {
    return session_->readStream().format("json").schema("user STRING, amount BIGINT");
  }
  Result<StreamingQuery> StartParquet(DataFrame df) const {
    return df.writeStream()
        .format("parquet")
        .option("checkpointLocation", Checkpoint())
        .start(Out());
  }
  std::vector<std::string> Output() const {
    return Render(session_->read().parquet(Out()).collect());
  }
  // Part files on disk, committed or not.
  size_t PartFilesOnDisk() const {
    size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(Out())) {
      if (e.path().filename().string().rfind("part-", 0) == 0) ++n;
    }
    return n;
  }
  void InjectCrash(const std::string& point, int64_t batch, bool* armed) {
    test_util::InjectCrash(*session_, point, batch, armed);
  }

  std::shared_ptr<Session> session_;
  fs::path dir_;
};

TEST_F(FileStreamTest, JsonToParquetOneBatchPerFileThenRestart) {
  AddFile("1.json", {{"a", 1}, {"b", 2}}, 1);
  AddFile("2.json", {{"c", 3}}, 2);
  AddFile("3.json", {{"d", 4}}, 3);
  DataFrame events = Events().option("maxFilesPerTrigger", "1").load(In());
  ASSERT_TRUE(events.isStreaming());
  auto query = StartParquet(events.filter(col("amount") > functions::lit(1)));
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  ASSERT_TRUE(query->processAllAvailable().ok());
  std::vector<int64_t> rows_per_batch;
  for (const auto& p : query->recentProgress()) rows_per_batch.push_back(p.numInputRows);
  EXPECT_EQ(rows_per_batch, (std::vector<int64_t>{2, 1, 1}));
  EXPECT_EQ(Output(), (std::vector<std::string>{"[b,2]", "[c,3]", "[d,4]"}));
  ASSERT_TRUE(query->stop().ok());
  for (const char* entry : {"/_runnel_metadata/0", "/_runnel_metadata/2"})
    EXPECT_TRUE(fs::exists(Out() + entry));
  std::ifstream manifest(Out() + "/_runnel_metadata/1");
  std::string version, line;
  std::getline(manifest, version);
  std::getline(manifest, line);
  EXPECT_EQ(version, "v1");
  EXPECT_EQ(line.rfind("{\"path\":\"part-00000-", 0), 0u) << line;
  EXPECT_NE(line.find(".c000.snappy.parquet\",\"size\":"), std::string::npos) << line;
  EXPECT_NE(line.find("\"isDir\":false,\"modificationTime\":"), std::string::npos) << line;
  EXPECT_NE(line.find("\"blockReplication\":1,\"blockSize\":33554432,\"action\":\"add\"}"),
            std::string::npos);

  // A restart takes only the new file, in batch 3.
  AddFile("4.json", {{"e", 5}}, 4);
  auto restarted = StartParquet(Events().option("maxFilesPerTrigger", "1").load(In()));
  ASSERT_TRUE(restarted.ok()) << restarted.status().ToString();
  ASSERT_TRUE(restarted->processAllAvailable().ok());
  ASSERT_EQ(restarted->recentProgress().size(), 1u);
  EXPECT_EQ(restarted->recentProgress()[0].batchId, 3);
  EXPECT_EQ(Output(), (std::vector<std::string>{"[b,2]", "[c,3]", "[d,4]", "[e,5]"}));
  ASSERT_TRUE(restarted->stop().ok());
  EXPECT_TRUE(fs::exists(Checkpoint() + "/sources/0/3"));
}

// A crash after the part files are written but before the manifest commits them: the files are
// on disk yet no reader sees them, and the re-run batch writes its rows exactly once.
TEST_F(FileStreamTest, CrashBeforeSinkCommitLeavesInvisibleFilesAndRecoversExactlyOnce) {
  AddFile("1.json", {{"a", 1}}, 1);
  AddFile("2.json", {{"b", 2}, {"c", 3}}, 2);
  bool armed = true;
  InjectCrash("sink commit", 1, &armed);
  auto query = StartParquet(Events().option("maxFilesPerTrigger", "1").load(In()));
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  Status failed = query->awaitTermination();
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.message().find("injected crash before sink commit"), std::string::npos);
  EXPECT_EQ(PartFilesOnDisk(), 2u);  // batch 0's and the failed attempt's
  EXPECT_FALSE(fs::exists(Out() + "/_runnel_metadata/1"));
  EXPECT_EQ(Output(), std::vector<std::string>{"[a,1]"});
  auto manifest_reader =
      session_->readStream().format("parquet").schema("user STRING, amount BIGINT").load(Out());
  EXPECT_TRUE(manifest_reader.isStreaming());

  armed = false;
  auto recovered = StartParquet(Events().option("maxFilesPerTrigger", "1").load(In()));
  ASSERT_TRUE(recovered.ok()) << recovered.status().ToString();
  ASSERT_TRUE(recovered->processAllAvailable().ok());
  EXPECT_EQ(Output(), (std::vector<std::string>{"[a,1]", "[b,2]", "[c,3]"}));
  EXPECT_EQ(PartFilesOnDisk(), 3u);
  ASSERT_TRUE(recovered->stop().ok());
}

// A crash after the manifest commit but before commits/N: the re-run batch is skipped.
TEST_F(FileStreamTest, CrashAfterSinkCommitSkipsTheCommittedBatch) {
  AddFile("1.json", {{"a", 1}}, 1);
  bool armed = true;
  InjectCrash("commits write", 0, &armed);
  auto query = StartParquet(Events().load(In()));
  ASSERT_TRUE(query.ok());
  ASSERT_FALSE(query->awaitTermination().ok());
  armed = false;
  auto recovered = StartParquet(Events().load(In()));
  ASSERT_TRUE(recovered.ok()) << recovered.status().ToString();
  ASSERT_TRUE(recovered->processAllAvailable().ok());
  EXPECT_EQ(Output(), std::vector<std::string>{"[a,1]"});
  EXPECT_EQ(PartFilesOnDisk(), 1u);
  EXPECT_TRUE(fs::exists(Checkpoint() + "/commits/0"));
  ASSERT_TRUE(recovered->stop().ok());
}

TEST_F(FileStreamTest, PartitionedCsvSinkCompactsItsManifest) {
  ASSERT_TRUE(session_->setConf("runnel.sql.streaming.fileSink.log.compactInterval", "2").ok());
  for (int i = 0; i < 3; ++i)
    AddFile(std::to_string(i) + ".json", {{i % 2 ? "odd" : "even", i}}, i);
  auto query = Events()
                   .option("maxFilesPerTrigger", "1")
                   .load(In())
                   .writeStream()
                   .format("csv")
                   .option("header", "true")
                   .partitionBy({"user"})
                   .option("checkpointLocation", Checkpoint())
                   .start(Out());
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  ASSERT_TRUE(query->processAllAvailable().ok());
  ASSERT_TRUE(query->stop().ok());
  EXPECT_TRUE(fs::exists(Out() + "/_runnel_metadata/1.compact"));
  EXPECT_FALSE(fs::exists(Out() + "/_runnel_metadata/0"));
  EXPECT_TRUE(fs::exists(Out() + "/_runnel_metadata/2"));
  EXPECT_TRUE(fs::is_directory(Out() + "/user=even"));
  auto rows = session_->read()
                  .format("csv")
                  .option("header", "true")
                  .schema("amount BIGINT")
                  .load(Out())
                  .collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{"[0,even]", "[1,odd]", "[2,even]"}));
}

TEST_F(FileStreamTest, LatestFirstMaxFileAgeAndCleanSource) {
  AddFile("old.json", {{"old", 1}}, 0);
  AddFile("new.json", {{"new", 2}}, 10 * 86400);
  std::string archive = (dir_ / "archive").string();
  auto query = Events()
                   .option("latestFirst", "true")
                   .option("maxFilesPerTrigger", "1")
                   .option("cleanSource", "archive")
                   .option("sourceArchiveDir", archive)
                   .load(In())
                   .writeStream()
                   .format("memory")
                   .queryName("latest")
                   .option("checkpointLocation", Checkpoint())
                   .start();
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  ASSERT_TRUE(query->processAllAvailable().ok());
  auto progress = query->recentProgress();
  ASSERT_EQ(progress.size(), 2u);
  EXPECT_NE(progress[0].sources[0].endOffset.find("logOffset"), std::string::npos);
  EXPECT_EQ(Render(session_->sql("SELECT user FROM latest")->collect()),
            (std::vector<std::string>{"[new]", "[old]"}));
  // Batch 0's file is archived when batch 1 starts (its commit is then durable).
  EXPECT_FALSE(fs::exists(In() + "/new.json"));
  EXPECT_TRUE(fs::exists(archive + In() + "/new.json"));
  ASSERT_TRUE(query->stop().ok());

  // maxFileAge: after the first batch, files older than a day behind the newest are skipped.
  fs::remove_all(dir_);
  fs::create_directories(In());
  AddFile("a.json", {{"a", 1}}, 5 * 86400);
  auto aged = Events()
                  .option("maxFileAge", "1d")
                  .option("cleanSource", "delete")
                  .load(In())
                  .writeStream()
                  .format("memory")
                  .queryName("aged")
                  .option("checkpointLocation", Checkpoint())
                  .start();
  ASSERT_TRUE(aged.ok()) << aged.status().ToString();
  ASSERT_TRUE(aged->processAllAvailable().ok());
  AddFile("stale.json", {{"stale", 2}}, 2 * 86400);
  AddFile("fresh.json", {{"fresh", 3}}, 5 * 86400 - 3600);
  ASSERT_TRUE(aged->processAllAvailable().ok());
  EXPECT_EQ(Render(session_->sql("SELECT user FROM aged")->collect()),
            (std::vector<std::string>{"[a]", "[fresh]"}));
  EXPECT_FALSE(fs::exists(In() + "/a.json"));  // deleted once batch 1 made batch 0 durable
  EXPECT_TRUE(fs::exists(In() + "/stale.json"));
  ASSERT_TRUE(aged->stop().ok());
}

TEST_F(FileStreamTest, BadOptionsAndModesFailAtStartWithClearErrors) {
  AddFile("1.json", {{"a", 1}}, 1);
  auto bad_max = StartParquet(Events().option("maxFilesPerTrigger", "10.1").load(In()));
  ASSERT_FALSE(bad_max.ok());
  EXPECT_EQ(bad_max.status().message(),
            "Invalid value '10.1' for option 'maxFilesPerTrigger', must be a positive integer");
  auto no_schema = StartParquet(session_->readStream().format("json").load(In()));
  ASSERT_FALSE(no_schema.ok());
  EXPECT_NE(no_schema.status().message().find("Schema must be specified"), std::string::npos);
  ASSERT_TRUE(session_->setConf("runnel.sql.streaming.schemaInference", "true").ok());
  // (DataFrame::schema() refuses streaming plans for now, so the inferred columns show in rows.)
  auto inferred = session_->readStream()
                      .format("json")
                      .load(In())
                      .writeStream()
                      .format("memory")
                      .queryName("inferred")
                      .start();
  ASSERT_TRUE(inferred.ok()) << inferred.status().ToString();
  ASSERT_TRUE(inferred->processAllAvailable().ok());
  EXPECT_EQ(Render(session_->sql("SELECT * FROM inferred")->collect()),
            std::vector<std::string>{"[1,a]"});
  ASSERT_TRUE(inferred->stop().ok());
  auto update = Events()
                    .load(In())
                    .writeStream()
                    .format("parquet")
                    .outputMode("update")
                    .option("checkpointLocation", Checkpoint())
                    .start(Out());
  ASSERT_FALSE(update.ok());
  EXPECT_NE(
      update.status().message().find("Data source parquet does not support Update output mode"),
      std::string::npos)
      << update.status().ToString();
  auto no_checkpoint = Events().load(In()).writeStream().format("parquet").start(Out());
  ASSERT_FALSE(no_checkpoint.ok());
  EXPECT_NE(no_checkpoint.status().message().find("checkpointLocation must be specified"),
            std::string::npos);
  auto bad_partition = Events()
                           .load(In())
                           .writeStream()
                           .format("parquet")
                           .partitionBy({"nope"})
                           .option("checkpointLocation", Checkpoint())
                           .start(Out());
  ASSERT_FALSE(bad_partition.ok());
  EXPECT_NE(bad_partition.status().message().find("Partition column 'nope'"), std::string::npos);
}

TEST_F(FileStreamTest, CorruptManifestFileIsNamedInTheError) {
  AddFile("1.json", {{"a", 1}}, 1);
  auto query = StartParquet(Events().load(In()));
  ASSERT_TRUE(query.ok());
  ASSERT_TRUE(query->processAllAvailable().ok());
  ASSERT_TRUE(query->stop().ok());
  std::string entry = Out() + "/_runnel_metadata/0";
  std::ofstream(entry, std::ios::trunc) << "v1\n{\"path\": 42}\n";
  auto rows = session_->read().parquet(Out()).collect();
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find(entry), std::string::npos) << rows.status().ToString();
  AddFile("2.json", {{"b", 2}}, 2);
  auto restarted = StartParquet(Events().load(In()));
  ASSERT_TRUE(restarted.ok()) << restarted.status().ToString();
  std::ofstream(entry, std::ios::trunc) << "";
  auto empty = session_->read().parquet(Out()).collect();
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find(entry), std::string::npos) << empty.status().ToString();
  ASSERT_TRUE(restarted->stop().ok());
}

}  // namespace
}  // namespace runnel
