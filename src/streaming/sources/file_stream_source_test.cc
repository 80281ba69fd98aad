// The file stream source on its own: option checks, which files each batch takes and in what
// order, the seen-file log (restart, replay, compaction), cleanSource and AvailableNow.
#include "streaming/sources/file_stream_source.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "catalog/sink_manifest.h"
#include "streaming/source_provider.h"
#include "vector/batch_stream.h"

namespace runnel::streaming {
namespace {

namespace fs = std::filesystem;
constexpr int64_t kDayMs = 24LL * 3600 * 1000;
constexpr int64_t kBaseMs = 1700000000000;

class FileStreamSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = (fs::temp_directory_path() /
             ("runnel-file-stream-source-test-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                .string();
    fs::remove_all(root_);
    fs::create_directories(In());
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string In() const { return root_ + "/in"; }
  std::string Meta() const { return root_ + "/checkpoint/sources/0"; }

  // A JSON file of one row {"v": value}, modified at kBaseMs + `time_ms`.
  std::string AddFile(const std::string& relative, int64_t value, int64_t time_ms) {
    std::string path = In() + "/" + relative;
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path) << "{\"v\":" << value << "}\n";
    int64_t ms = kBaseMs + time_ms;
    struct timespec times[2];
    times[0].tv_sec = times[1].tv_sec = ms / 1000;
    times[0].tv_nsec = times[1].tv_nsec = (ms % 1000) * 1000000;
    EXPECT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
    return path;
  }

  Result<ResolvedSource> Resolve(std::map<std::string, std::string> options,
                                 std::string format = "json", std::string schema = "v BIGINT") {
    options["path"] = In();
    return ResolveSource(StreamSpec{format, options, schema, false}, fs_);
  }
  std::shared_ptr<FileStreamSource> Open(std::map<std::string, std::string> options = {}) {
    auto resolved = Resolve(std::move(options));
    EXPECT_TRUE(resolved.ok()) << resolved.status().ToString();
    auto source = resolved->factory(SourceContext{fs_, nullptr, Meta()});
    EXPECT_TRUE(source.ok()) << source.status().ToString();
    return std::dynamic_pointer_cast<FileStreamSource>(*source);
  }

  // Runs one trigger from `*offset`: the values of the batch (empty when nothing new) and the
  // offset moved on.
  std::vector<std::string> Next(FileStreamSource& source, std::optional<std::string>* offset,
                                ReadLimit limit = ReadLimit::All()) {
    auto end = source.LatestOffset(*offset, limit);
    EXPECT_TRUE(end.ok()) << end.status().ToString();
    if (!end.ok() || *end == *offset) return {};
    auto values = Values(source, *offset, **end);
    *offset = *end;
    return values;
  }
  std::vector<std::string> Values(FileStreamSource& source, const std::optional<std::string>& start,
                                  const std::string& end) {
    auto data = source.GetBatch(start, end);
    EXPECT_TRUE(data.ok()) << data.status().ToString();
    std::vector<std::string> out;
    if (!data.ok()) return out;
    auto schema = (*data)->schema();
    EXPECT_TRUE(schema.ok()) << schema.status().ToString();
    std::vector<int> all;
    for (int i = 0; i < (*schema)->num_fields(); ++i) all.push_back(i);
    for (int p = 0; p < (*data)->NumPartitions(); ++p) {
      auto stream = (*data)->Open(p, all, {});
      EXPECT_TRUE(stream.ok()) << stream.status().ToString();
      for (const auto& b : vector::DrainStream(**stream).ValueOrDie()) {
        for (int64_t r = 0; r < b.num_rows(); ++r) {
          std::string row;
          for (size_t c = 0; c < all.size(); ++c)
            row += (c ? "," : "") + b.GetValue(r, c).ToString();
          out.push_back(row);
        }
      }
    }
    return out;
  }
  std::vector<std::string> LogNames() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(Meta())) names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

  std::shared_ptr<io::FileSystem> fs_ = io::FileSystem::Local();
  std::string root_;
};

TEST_F(FileStreamSourceTest, BadOptionsFailNamingTheOption) {
  for (const char* bad : {"not-a-integer", "-1", "0", "10.1"}) {
    auto resolved = Resolve({{"maxFilesPerTrigger", bad}});
    ASSERT_FALSE(resolved.ok()) << bad;
    EXPECT_EQ(resolved.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(resolved.status().message().find("maxFilesPerTrigger"), std::string::npos);
    EXPECT_NE(resolved.status().message().find("positive integer"), std::string::npos);
  }
  auto both = Resolve({{"maxFilesPerTrigger", "1"}, {"maxBytesPerTrigger", "100"}});
  ASSERT_FALSE(both.ok());
  EXPECT_NE(both.status().message().find("can't be both set"), std::string::npos);
  for (auto [key, value, expected] : {std::tuple{"maxBytesPerTrigger", "0", "positive integer"},
                                      std::tuple{"latestFirst", "yes", "true or false"},
                                      std::tuple{"maxFileAge", "soon", "maxFileAge"},
                                      std::tuple{"cleanSource", "shred", "off, archive, delete"},
                                      std::tuple{"cleanSource", "archive", "sourceArchiveDir"}}) {
    auto resolved = Resolve({{key, value}});
    ASSERT_FALSE(resolved.ok()) << key;
    EXPECT_NE(resolved.status().message().find(expected), std::string::npos)
        << resolved.status().ToString();
  }
  auto inside = Resolve({{"cleanSource", "archive"}, {"sourceArchiveDir", In() + "/archive"}});
  ASSERT_FALSE(inside.ok());
  EXPECT_NE(inside.status().message().find("inside the source path"), std::string::npos);
  auto no_schema = Resolve({}, "json", "");
  ASSERT_FALSE(no_schema.ok());
  EXPECT_NE(no_schema.status().message().find(
                "Schema must be specified when creating a streaming source"),
            std::string::npos);
  EXPECT_TRUE(Resolve({}, "text", "").ok());  // text has a fixed schema
  auto missing =
      ResolveSource(StreamSpec{"json", {{"path", root_ + "/nope"}}, "v BIGINT", false}, fs_);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("Path does not exist"), std::string::npos);
  EXPECT_EQ(*ParseTimeStringMs("7d"), 7 * kDayMs);
  EXPECT_EQ(*ParseTimeStringMs("1500ms"), 1500);
  EXPECT_EQ(*ParseTimeStringMs("2 hours"), 2 * 3600 * 1000);
}

TEST_F(FileStreamSourceTest, InferredSchemaAndPartitionColumns) {
  AddFile("dt=1/a.json", 1, 0);
  auto resolved = ResolveSource(StreamSpec{"json", {{"path", In()}}, "", true}, fs_);
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  EXPECT_EQ(resolved->schema->ToString(), "v BIGINT, dt INT");
  auto source = Open();
  std::optional<std::string> offset;
  AddFile("dt=2/b.json", 2, 10);
  EXPECT_EQ(Next(*source, &offset), (std::vector<std::string>{"1,1", "2,2"}));
}

TEST_F(FileStreamSourceTest, OldestFirstTiesByPathOneFilePerTrigger) {
  AddFile("b.json", 2, 2000);
  AddFile("a.json", 1, 2000);
  AddFile("c.json", 3, 1000);
  auto source = Open({{"maxFilesPerTrigger", "1"}});
  EXPECT_EQ(source->DefaultReadLimit().max_files, 1);
  std::optional<std::string> offset;
  EXPECT_EQ(Next(*source, &offset, source->DefaultReadLimit()), std::vector<std::string>{"3"});
  EXPECT_EQ(offset, std::optional<std::string>("{\"logOffset\":0}"));
  EXPECT_EQ(Next(*source, &offset, source->DefaultReadLimit()), std::vector<std::string>{"1"});
  EXPECT_EQ(Next(*source, &offset, source->DefaultReadLimit()), std::vector<std::string>{"2"});
  // Nothing new: the offset stays, so the engine runs no batch.
  auto same = source->LatestOffset(offset, source->DefaultReadLimit());
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, offset);
  AddFile("d.json", 4, 500);  // older than the others but never seen, and within maxFileAge
  EXPECT_EQ(Next(*source, &offset, source->DefaultReadLimit()), std::vector<std::string>{"4"});
}

TEST_F(FileStreamSourceTest, LatestFirstAndMaxBytes) {
  AddFile("a.json", 1, 1000);
  AddFile("b.json", 2, 2000);
  AddFile("c.json", 3, 3000);
  auto latest = Open({{"latestFirst", "true"}, {"maxFilesPerTrigger", "2"}});
  std::optional<std::string> offset;
  EXPECT_EQ(Next(*latest, &offset, latest->DefaultReadLimit()),
            (std::vector<std::string>{"3", "2"}));
  EXPECT_EQ(Next(*latest, &offset, latest->DefaultReadLimit()), std::vector<std::string>{"1"});
  fs::remove_all(root_ + "/checkpoint");
  // Each file is 8 bytes: 20 bytes take two; 1 byte still takes one.
  auto bytes = Open({{"maxBytesPerTrigger", "20"}});
  offset.reset();
  EXPECT_EQ(Next(*bytes, &offset, bytes->DefaultReadLimit()), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(Next(*bytes, &offset, ReadLimit{-1, 1, -1}), std::vector<std::string>{"3"});
}

TEST_F(FileStreamSourceTest, MaxFileAgeIsMeasuredFromTheNewestFile) {
  AddFile("old.json", 1, 0);
  AddFile("new.json", 2, 10 * kDayMs);
  auto source = Open();
  std::optional<std::string> offset;
  // The first batch takes files of any age.
  EXPECT_EQ(Next(*source, &offset), (std::vector<std::string>{"1", "2"}));
  AddFile("stale.json", 3, 2 * kDayMs);   // 8 days older than the newest: skipped
  AddFile("recent.json", 4, 5 * kDayMs);  // 5 days older: read
  EXPECT_EQ(Next(*source, &offset), std::vector<std::string>{"4"});
  // With latestFirst and a per-trigger maximum the age is not applied.
  fs::remove_all(root_ + "/checkpoint");
  auto latest = Open({{"latestFirst", "true"}, {"maxFilesPerTrigger", "1"}, {"maxFileAge", "1d"}});
  offset.reset();
  std::vector<std::string> all;
  for (int i = 0; i < 4; ++i) {
    auto values = Next(*latest, &offset, latest->DefaultReadLimit());
    all.insert(all.end(), values.begin(), values.end());
  }
  EXPECT_EQ(all, (std::vector<std::string>{"2", "4", "3", "1"}));
}

TEST_F(FileStreamSourceTest, RestartReplaysBatchesAndNeverTakesAFileTwice) {
  AddFile("a.json", 1, 1000);
  AddFile("b.json", 2, 2000);
  std::optional<std::string> offset;
  {
    auto source = Open({{"maxFilesPerTrigger", "1"}});
    EXPECT_EQ(Next(*source, &offset, source->DefaultReadLimit()), std::vector<std::string>{"1"});
    // A batch logged by a run that then died before offsets/N was written.
    ASSERT_TRUE(source->LatestOffset(offset, source->DefaultReadLimit()).ok());
  }
  auto restarted = Open({{"maxFilesPerTrigger", "1"}});
  EXPECT_EQ(Values(*restarted, std::nullopt, *offset),
            std::vector<std::string>{"1"});  // replay of batch 0
  AddFile("c.json", 3, 3000);
  // The logged batch comes first, with exactly its file.
  EXPECT_EQ(Next(*restarted, &offset, restarted->DefaultReadLimit()),
            std::vector<std::string>{"2"});
  EXPECT_EQ(Next(*restarted, &offset, restarted->DefaultReadLimit()),
            std::vector<std::string>{"3"});
  EXPECT_EQ(Next(*restarted, &offset, restarted->DefaultReadLimit()), std::vector<std::string>{});
  std::string log0 = *fs_->ReadFile(Meta() + "/0");
  EXPECT_EQ(log0, "v1\n{\"path\":\"" + In() + "/a.json\",\"timestamp\":" +
                      std::to_string(kBaseMs + 1000) + ",\"batchId\":0}\n");
}

TEST_F(FileStreamSourceTest, LogCompactsEveryTenBatchesAndStillReplays) {
  for (int i = 0; i < 12; ++i) AddFile("f" + std::to_string(100 + i) + ".json", i, i * 1000);
  std::optional<std::string> offset;
  {
    auto source = Open({{"maxFilesPerTrigger", "1"}});
    for (int i = 0; i < 12; ++i) {
      EXPECT_EQ(Next(*source, &offset, source->DefaultReadLimit()),
                std::vector<std::string>{std::to_string(i)});
    }
  }
  EXPECT_EQ(LogNames(), (std::vector<std::string>{"10", "11", "9.compact"}));
  auto restarted = Open({{"maxFilesPerTrigger", "1"}});
  EXPECT_EQ(Values(*restarted, FileStreamSource::OffsetText(2), FileStreamSource::OffsetText(3)),
            std::vector<std::string>{"3"});
  EXPECT_EQ(Values(*restarted, FileStreamSource::OffsetText(8), FileStreamSource::OffsetText(10)),
            (std::vector<std::string>{"9", "10"}));
  EXPECT_EQ(Next(*restarted, &offset), std::vector<std::string>{});
  std::ofstream(Meta() + "/9.compact", std::ios::trunc) << "v1\n{\"path\":1}\n";
  auto corrupt = Resolve({})->factory(SourceContext{fs_, nullptr, Meta()});
  ASSERT_FALSE(corrupt.ok());
  EXPECT_NE(corrupt.status().message().find(Meta() + "/9.compact"), std::string::npos)
      << corrupt.status().ToString();
}

TEST_F(FileStreamSourceTest, FileNameOnlyAndAvailableNow) {
  AddFile("x/data.json", 1, 1000);
  auto by_name = Open({{"fileNameOnly", "true"}});
  std::optional<std::string> offset;
  EXPECT_EQ(Next(*by_name, &offset), std::vector<std::string>{"1"});
  AddFile("y/data.json", 2, 2000);  // the same name: the same file
  EXPECT_EQ(Next(*by_name, &offset), std::vector<std::string>{});
  fs::remove_all(root_ + "/checkpoint");
  auto now = Open({{"maxFilesPerTrigger", "1"}});
  ASSERT_TRUE(now->PrepareForAvailableNow().ok());
  AddFile("z.json", 3, 3000);  // after the snapshot: not part of this run
  offset.reset();
  EXPECT_EQ(Next(*now, &offset, now->DefaultReadLimit()), std::vector<std::string>{"1"});
  EXPECT_EQ(Next(*now, &offset, now->DefaultReadLimit()), std::vector<std::string>{"2"});
  EXPECT_EQ(Next(*now, &offset, now->DefaultReadLimit()), std::vector<std::string>{});
}

TEST_F(FileStreamSourceTest, ReadsAFileSinkOutputThroughItsManifest) {
  AddFile("part-0.json", 1, 1000);
  AddFile("part-failed.json", 9, 2000);
  catalog::SinkManifest manifest(fs_, In());
  catalog::SinkFileStatus committed;
  committed.path = "part-0.json";
  ASSERT_TRUE(manifest.AddBatch(0, {committed}).ok());
  auto source = Open();
  std::optional<std::string> offset;
  EXPECT_EQ(Next(*source, &offset), std::vector<std::string>{"1"});
  auto cleaning = Resolve({{"cleanSource", "delete"}});
  ASSERT_FALSE(cleaning.ok());
  EXPECT_NE(
      cleaning.status().message().find("not supported when reading from the output directory"),
      std::string::npos);
}

TEST_F(FileStreamSourceTest, CleanSourceActsOnCommittedBatchesOnly) {
  std::string a = AddFile("a.json", 1, 1000);
  std::string b = AddFile("b.json", 2, 2000);
  std::string archive = root_ + "/archive";
  auto source = Open(
      {{"maxFilesPerTrigger", "1"}, {"cleanSource", "archive"}, {"sourceArchiveDir", archive}});
  std::optional<std::string> offset;
  EXPECT_EQ(Next(*source, &offset, source->DefaultReadLimit()), std::vector<std::string>{"1"});
  EXPECT_EQ(Next(*source, &offset, source->DefaultReadLimit()), std::vector<std::string>{"2"});
  ASSERT_TRUE(source->Commit(FileStreamSource::OffsetText(0)).ok());
  EXPECT_FALSE(fs::exists(a));
  EXPECT_TRUE(fs::exists(archive + a));
  EXPECT_TRUE(fs::exists(b));
  fs::remove_all(root_ + "/checkpoint");
  auto deleting = Open({{"cleanSource", "delete"}});
  offset.reset();
  EXPECT_EQ(Next(*deleting, &offset), std::vector<std::string>{"2"});
  ASSERT_TRUE(deleting->Commit(*offset).ok());
  EXPECT_FALSE(fs::exists(b));
}

}  // namespace
}  // namespace runnel::streaming
