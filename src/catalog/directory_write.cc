#include "catalog/directory_write.h"

#include <set>

#include "base/spelling.h"

namespace runnel::catalog {

Result<SaveMode> ParseSaveMode(std::string_view text) {
  std::string mode = base::ToLower(std::string(text));
  if (mode == "append") return SaveMode::kAppend;
  if (mode == "overwrite") return SaveMode::kOverwrite;
  if (mode == "error" || mode == "errorifexists" || mode == "default") return SaveMode::kErrorIfExists;
  if (mode == "ignore") return SaveMode::kIgnore;
  return Status::InvalidArgument("Unknown save mode: '" + std::string(text) +
                                 "'. Accepted save modes are 'overwrite', 'append', 'ignore', 'error', 'errorifexists', "
                                 "'default'");
}

Result<std::unique_ptr<DirectoryWrite>> DirectoryWrite::Begin(std::shared_ptr<io::FileSystem> fs, std::string path,
                                                              FileWriteSpec spec, SaveMode mode, int num_tasks) {
  std::unique_ptr<DirectoryWrite> write(new DirectoryWrite());
  RUNNEL_ASSIGN_OR_RAISE(bool exists, fs->Exists(path));
  if (exists) {
    RUNNEL_ASSIGN_OR_RAISE(io::FileInfo info, fs->Stat(path));
    if (!info.is_directory) {
      if (mode == SaveMode::kIgnore) {
        write->skipped_ = true;
        return write;
      }
      return Status::Analysis("Cannot write to '" + path + "': it is a file, and a write makes a directory of files");
    }
    if (mode == SaveMode::kErrorIfExists) {
      return Status::Analysis("Path " + path +
                              " already exists. Set mode as \"overwrite\" to overwrite the existing path, or "
                              "\"append\" to add to it");
    }
    if (mode == SaveMode::kIgnore) {
      write->skipped_ = true;
      return write;
    }
  }
  std::string job = NewWriteJobId();
  write->fs_ = std::move(fs);
  write->path_ = std::move(path);
  write->staging_ = io::JoinPath(io::JoinPath(write->path_, kStagingDirectory), job);
  write->spec_ = std::move(spec);
  write->mode_ = mode;
  // Whatever a crashed write staged is garbage now.
  RUNNEL_RETURN_NOT_OK(write->fs_->DeleteRecursively(io::JoinPath(write->path_, kStagingDirectory)));
  RUNNEL_RETURN_NOT_OK(write->fs_->CreateDirectories(write->staging_));
  for (int t = 0; t < std::max(1, num_tasks); ++t) {
    RUNNEL_ASSIGN_OR_RAISE(auto task, PartFileWriter::Make(*write->fs_, write->staging_, write->spec_, t, job));
    write->tasks_.push_back(std::move(task));
  }
  return write;
}

Status DirectoryWrite::Commit() {
  if (skipped_) return Status::OK();
  std::vector<std::string> staged;
  bool any = false;
  for (size_t t = 0; t < tasks_.size(); ++t) {
    // Spark writes one file even for no rows, so the schema survives; one task is enough.
    RUNNEL_ASSIGN_OR_RAISE(std::vector<std::string> files, tasks_[t]->Finish(false));
    any = any || !files.empty();
    staged.insert(staged.end(), files.begin(), files.end());
  }
  if (!any && spec_.partition_columns.empty()) {
    RUNNEL_ASSIGN_OR_RAISE(std::vector<std::string> files, tasks_[0]->Finish(true));
    staged.insert(staged.end(), files.begin(), files.end());
  }
  if (mode_ == SaveMode::kOverwrite) {
    RUNNEL_ASSIGN_OR_RAISE(std::vector<io::FileInfo> entries, fs_->ListDirectory(path_));
    for (const auto& entry : entries) {
      if (io::BaseName(entry.path) == kStagingDirectory) continue;
      RUNNEL_RETURN_NOT_OK(entry.is_directory ? fs_->DeleteRecursively(entry.path) : fs_->Delete(entry.path));
    }
  } else {
    // An append's commit is a new one: the old marker goes until the files are in place.
    (void)fs_->Delete(io::JoinPath(path_, kSuccessMarker));
  }
  std::set<std::string> directories{path_};
  for (const auto& relative : staged) {
    std::string target = io::JoinPath(path_, relative);
    std::string dir = io::ParentPath(target);
    if (directories.insert(dir).second) RUNNEL_RETURN_NOT_OK(fs_->CreateDirectories(dir));
    RUNNEL_RETURN_NOT_OK(fs_->Rename(io::JoinPath(staging_, relative), target));
  }
  for (const auto& dir : directories) RUNNEL_RETURN_NOT_OK(fs_->SyncDirectory(dir));
  RUNNEL_RETURN_NOT_OK(fs_->DeleteRecursively(io::JoinPath(path_, kStagingDirectory)));
  return fs_->WriteFileAtomic(io::JoinPath(path_, kSuccessMarker), "");
}

void DirectoryWrite::Abort() {
  if (skipped_ || fs_ == nullptr) return;
  (void)fs_->DeleteRecursively(io::JoinPath(path_, kStagingDirectory));
}

}  // namespace runnel::catalog
