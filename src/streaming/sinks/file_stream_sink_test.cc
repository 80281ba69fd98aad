// The file sink on its own, fed by a scripted BatchOutput: output modes, the skip of committed
// batches, and what an attempt that fails leaves behind.
#include "streaming/sinks/file_stream_sink.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "type/ddl.h"

namespace runnel::streaming {
namespace {

namespace fs = std::filesystem;
using type::Value;

// Two partitions of rows; optionally fails a write or the commit point.
class ScriptedOutput final : public BatchOutput {
 public:
  explicit ScriptedOutput(type::SchemaPtr schema) : schema_(std::move(schema)) {}
  Status BeforeCommit() override { return commit_status; }
  const type::SchemaPtr& schema() const override { return schema_; }
  Result<std::vector<vector::Batch>> Collect() override { return Status::NotSupported("not used"); }
  Status ForEachPartition(const std::function<Status(int)>& begin,
                          const std::function<Status(int, vector::Batch)>& sink) override {
    ++runs;
    RUNNEL_RETURN_NOT_OK(begin(2));
    for (int p = 0; p < 2; ++p) {
      RUNNEL_RETURN_NOT_OK(
          sink(p, vector::Batch::FromRows(schema_, {{Value::BigInt(p), Value::String("x")}})));
    }
    return fail_after_writing;
  }

  Status commit_status;
  Status fail_after_writing;
  int runs = 0;

 private:
  type::SchemaPtr schema_;
};

class FileStreamSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    out_ = (fs::temp_directory_path() /
            ("runnel-file-stream-sink-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name()))
               .string();
    fs::remove_all(out_);
  }
  void TearDown() override { fs::remove_all(out_); }

  std::shared_ptr<FileStreamSink> Make(std::string format = "parquet") {
    FileSinkOptions options;
    options.path = out_;
    options.format = std::move(format);
    auto sink = FileStreamSink::Make(fs_, options);
    EXPECT_TRUE(sink.ok()) << sink.status().ToString();
    EXPECT_TRUE((*sink)->Open(schema_, OutputMode::kAppend).ok());
    return *sink;
  }
  size_t PartFiles() const {
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(out_))
      n += e.path().filename().string().rfind("part-", 0) == 0;
    return n;
  }

  std::shared_ptr<io::FileSystem> fs_ = io::FileSystem::Local();
  type::SchemaPtr schema_ =
      std::make_shared<type::Schema>(*type::ParseSchema("id BIGINT, tag STRING"));
  std::string out_;
};

TEST_F(FileStreamSinkTest, AppendOnly) {
  auto sink = Make();
  EXPECT_TRUE(sink->CheckOutputMode(OutputMode::kAppend).ok());
  Status update = sink->CheckOutputMode(OutputMode::kUpdate);
  EXPECT_EQ(update.message(), "Data source parquet does not support Update output mode");
  EXPECT_EQ(Make("csv")->CheckOutputMode(OutputMode::kComplete).message(),
            "Data source csv does not support Complete output mode");
  FileSinkOptions text;
  text.path = out_;
  text.format = "text";
  EXPECT_FALSE(FileStreamSink::Make(fs_, text).ok());
  EXPECT_EQ(sink->Describe(), "FileSink[" + out_ + "]");
}

TEST_F(FileStreamSinkTest, CommitsOnceAndSkipsACommittedBatch) {
  auto sink = Make("json");
  ScriptedOutput output(schema_);
  ASSERT_TRUE(sink->AddBatch(0, output).ok());
  EXPECT_EQ(PartFiles(), 2u);
  ASSERT_TRUE(sink->AddBatch(0, output).ok());  // re-run after a crash before commits/0
  EXPECT_EQ(output.runs, 1);
  EXPECT_EQ(PartFiles(), 2u);
  auto files = catalog::SinkManifest(fs_, out_).Files();
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].path.rfind("part-00000-", 0), 0u);
  EXPECT_NE((*files)[0].path.find(".c000.json"), std::string::npos) << (*files)[0].path;
  EXPECT_GT((*files)[0].size, 0);
}

TEST_F(FileStreamSinkTest, FailedAttemptsLeaveNothingVisible) {
  auto sink = Make();
  ScriptedOutput failing(schema_);
  failing.fail_after_writing = Status::IOError("task lost");
  EXPECT_FALSE(sink->AddBatch(0, failing).ok());
  EXPECT_EQ(PartFiles(), 0u);  // a failed write deletes its files
  ScriptedOutput crashing(schema_);
  crashing.commit_status = Status::IOError("crash");
  EXPECT_FALSE(sink->AddBatch(0, crashing).ok());
  EXPECT_EQ(PartFiles(), 2u);  // a crash at the commit point leaves them, unlisted
  EXPECT_EQ(*catalog::SinkManifest(fs_, out_).LatestBatchId(), std::nullopt);
  ScriptedOutput ok(schema_);
  ASSERT_TRUE(sink->AddBatch(0, ok).ok());
  EXPECT_EQ(catalog::SinkManifest(fs_, out_).Files()->size(), 2u);
}

}  // namespace
}  // namespace runnel::streaming
