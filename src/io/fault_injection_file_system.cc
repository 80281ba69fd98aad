#include "io/fault_injection_file_system.h"

#include "io/memory_file_system.h"

namespace runnel::io {
namespace {
const char* OpName(FaultInjectionFileSystem::Op op) {
  switch (op) {
    case FaultInjectionFileSystem::Op::kWrite: return "write";
    case FaultInjectionFileSystem::Op::kSync: return "sync";
    case FaultInjectionFileSystem::Op::kRename: return "rename";
    case FaultInjectionFileSystem::Op::kDelete: return "delete";
  }
  return "?";
}
bool IsBelow(const std::string& path, const std::string& dir) {
  return path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/';
}
}  // namespace

void FaultInjectionFileSystem::FailNext(Op op) {
  std::lock_guard lock(mutex_);
  ++fail_next_[op];
}

void FaultInjectionFileSystem::FailAfter(int64_t n) {
  std::lock_guard lock(mutex_);
  fail_after_ = num_operations_ + n;
}

void FaultInjectionFileSystem::ClearFaults() {
  std::lock_guard lock(mutex_);
  fail_next_.clear();
  fail_after_.reset();
}

int64_t FaultInjectionFileSystem::num_operations() const {
  std::lock_guard lock(mutex_);
  return num_operations_;
}

Status FaultInjectionFileSystem::MaybeFail(Op op, const std::string& path) {
  bool fail = fail_after_ && num_operations_ >= *fail_after_;
  ++num_operations_;
  auto it = fail_next_.find(op);
  if (it != fail_next_.end() && it->second > 0) {
    --it->second;
    fail = true;
  }
  if (!fail) return Status::OK();
  return Status::IOError(std::string("Injected ") + OpName(op) + " fault at '" + path + "'");
}

FaultInjectionFileSystem::Tracked& FaultInjectionFileSystem::TrackLocked(const std::string& path) {
  auto it = tracked_.find(path);
  if (it != tracked_.end()) return it->second;
  Tracked t;
  auto existing = base_->ReadFile(path);
  if (existing.ok()) t.durable = std::move(*existing);
  return tracked_.emplace(path, std::move(t)).first->second;
}

Status FaultInjectionFileSystem::WriteFile(const std::string& path, std::string_view data, bool sync) {
  std::lock_guard lock(mutex_);
  std::string p = NormalizePath(path);
  Tracked& t = TrackLocked(p);
  if (Status st = MaybeFail(Op::kWrite, p); !st.ok()) {
    (void)base_->WriteFile(p, data.substr(0, data.size() / 2), false);
    t.content_synced = false;
    return st;
  }
  RUNNEL_RETURN_NOT_OK(base_->WriteFile(p, data, false));
  t.content_synced = false;
  if (!sync) return Status::OK();
  RUNNEL_RETURN_NOT_OK(MaybeFail(Op::kSync, p));
  t.content_synced = true;
  // The name was durable already, so the synced content is what a crash leaves.
  if (t.durable) t.durable = std::string(data);
  return Status::OK();
}

Status FaultInjectionFileSystem::Rename(const std::string& from, const std::string& to) {
  std::lock_guard lock(mutex_);
  std::string src = NormalizePath(from), dst = NormalizePath(to);
  Tracked& s = TrackLocked(src);
  Tracked& d = TrackLocked(dst);
  RUNNEL_RETURN_NOT_OK(MaybeFail(Op::kRename, src));
  RUNNEL_RETURN_NOT_OK(base_->Rename(src, dst));
  d.content_synced = s.content_synced;
  s.content_synced = true;
  return Status::OK();
}

Status FaultInjectionFileSystem::Delete(const std::string& path) {
  std::lock_guard lock(mutex_);
  std::string p = NormalizePath(path);
  TrackLocked(p);
  RUNNEL_RETURN_NOT_OK(MaybeFail(Op::kDelete, p));
  return base_->Delete(p);
}

Status FaultInjectionFileSystem::DeleteRecursively(const std::string& path) {
  std::lock_guard lock(mutex_);
  std::string p = NormalizePath(path);
  RUNNEL_RETURN_NOT_OK(MaybeFail(Op::kDelete, p));
  for (auto& [name, t] : tracked_) {
    if (name == p || IsBelow(name, p)) t = Tracked{std::nullopt, true};
  }
  return base_->DeleteRecursively(p);
}

Status FaultInjectionFileSystem::SyncDirectory(const std::string& path) {
  std::lock_guard lock(mutex_);
  std::string dir = NormalizePath(path);
  RUNNEL_RETURN_NOT_OK(MaybeFail(Op::kSync, dir));
  // Every name in the directory now survives as it is; content that was never synced does not.
  for (auto& [name, t] : tracked_) {
    if (ParentPath(name) != dir) continue;
    auto live = base_->ReadFile(name);
    if (!live.ok()) {
      t.durable.reset();
    } else {
      t.durable = t.content_synced ? std::move(*live) : std::string();
    }
  }
  return Status::OK();
}

Status FaultInjectionFileSystem::Crash() {
  std::lock_guard lock(mutex_);
  for (auto& [name, t] : tracked_) {
    if (t.durable) {
      RUNNEL_RETURN_NOT_OK(base_->WriteFile(name, *t.durable, true));
    } else {
      RUNNEL_RETURN_NOT_OK(base_->Delete(name));
    }
    t.content_synced = true;
  }
  fail_next_.clear();
  fail_after_.reset();
  return Status::OK();
}

}  // namespace runnel::io
