#include "slt/runnel_engine.h"

#include <stdlib.h>

#include <filesystem>
#include <string>

#include "io/file_system.h"
#include "runnel/dataframe.h"
#include "slt/runnel_stream_driver.h"

namespace runnel::slt {
namespace {

class RunnelEngine final : public SltEngine {
 public:
  // Each file gets a warehouse of its own in a fresh temporary directory, so tables never leak
  // from one file (or one run) into another.
  explicit RunnelEngine(std::shared_ptr<Session> session) : session_(std::move(session)) {
    std::string pattern = (std::filesystem::temp_directory_path() / "runnel-slt-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) {
      warehouse_ = pattern;
      (void)session_->setConf("runnel.sql.warehouse.dir", warehouse_);
    }
    streams_ = MakeRunnelStreamDriver(session_, warehouse_.empty() ? "." : warehouse_ + "/_stream_tests");
  }
  ~RunnelEngine() override {
    streams_.reset();  // stops the queries before their checkpoints go
    std::error_code ignored;
    if (!warehouse_.empty()) std::filesystem::remove_all(warehouse_, ignored);
  }

  // Runs the statement through Session::sql and collects every row: commands run when sql()
  // returns, queries when they are collected. __TEST_DIR__ names the file's test directory.
  Result<StatementResult> Execute(std::string_view sql) override {
    std::string text(sql);
    for (size_t at = text.find(kTestDir); at != std::string::npos; at = text.find(kTestDir, at)) {
      text.replace(at, std::string_view(kTestDir).size(), TestDirectory());
    }
    RUNNEL_ASSIGN_OR_RAISE(DataFrame df, session_->sql(text));
    StatementResult result;
    RUNNEL_ASSIGN_OR_RAISE(result.schema, df.schema());
    RUNNEL_ASSIGN_OR_RAISE(result.rows, df.collect());
    return result;
  }

  StreamDriver* streams() override { return streams_.get(); }

  Status WriteTestFile(const std::string& relative_path, const std::string& content) override {
    if (warehouse_.empty()) return Status::IOError("no temporary directory for this test file");
    std::string path = io::JoinPath(TestDirectory(), relative_path);
    auto fs = io::FileSystem::Local();
    RUNNEL_RETURN_NOT_OK(fs->CreateDirectories(io::ParentPath(path)));
    return fs->WriteFileAtomic(path, content);
  }

 private:
  static constexpr char kTestDir[] = "__TEST_DIR__";
  // Beside the tables, in the same temporary directory (so it goes with it).
  std::string TestDirectory() const { return warehouse_ + "/_test_files"; }

  std::shared_ptr<Session> session_;
  std::string warehouse_;
  std::unique_ptr<StreamDriver> streams_;
};

}  // namespace

std::unique_ptr<SltEngine> MakeRunnelEngine(std::shared_ptr<Session> session) {
  return std::make_unique<RunnelEngine>(std::move(session));
}

}  // namespace runnel::slt
