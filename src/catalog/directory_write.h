// A write of files into a plain directory (df.write().save(path)), committed the way Spark's
// FileOutputCommitter does: every task writes under <path>/_temporary/<job id>/, which readers
// skip; the commit moves the files into place (after deleting the old ones, for overwrite) and
// writes an empty _SUCCESS marker. A crash before the commit leaves the directory as it was
// (the staging directory is removed by the next write); only a crash inside the commit, a
// handful of renames, can leave part of the new files visible.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "catalog/file_write_job.h"
#include "io/file_system.h"

namespace runnel::catalog {

// Spark's SaveMode.
enum class SaveMode { kAppend, kOverwrite, kErrorIfExists, kIgnore };
// "append", "overwrite", "error", "errorifexists", "default", "ignore" (any case).
Result<SaveMode> ParseSaveMode(std::string_view text);

inline constexpr char kSuccessMarker[] = "_SUCCESS";
inline constexpr char kStagingDirectory[] = "_temporary";

class DirectoryWrite {
 public:
  // Checks the mode against what is at `path`. With kIgnore and an existing path, or
  // kErrorIfExists (an error then), nothing is to be written: skipped() is true.
  static Result<std::unique_ptr<DirectoryWrite>> Begin(std::shared_ptr<io::FileSystem> fs, std::string path,
                                                       FileWriteSpec spec, SaveMode mode, int num_tasks);
  bool skipped() const { return skipped_; }
  // Task i's writer; tasks may write in parallel.
  PartFileWriter& task(int i) { return *tasks_[i]; }
  // Finishes every task, then moves their files into place.
  Status Commit();
  // Drops the staged files (after a failed task).
  void Abort();

 private:
  DirectoryWrite() = default;

  std::shared_ptr<io::FileSystem> fs_;
  std::string path_, staging_;
  FileWriteSpec spec_;
  SaveMode mode_ = SaveMode::kErrorIfExists;
  bool skipped_ = false;
  std::vector<std::unique_ptr<PartFileWriter>> tasks_;
};

}  // namespace runnel::catalog
