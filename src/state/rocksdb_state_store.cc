#include "state/rocksdb_state_store.h"

#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/checkpoint.h>
#include <rocksdb/write_batch.h>

#include <filesystem>
#include <mutex>
#include <sstream>

#include "base/hash.h"
#include "base/uuid.h"
#include "state/buffered_state_store.h"
#include "state/state_directory.h"
#include "state/state_file.h"
#include "state/versioned_provider.h"

namespace runnel::state {
namespace {

// Written last into <version>.checkpoint/: the directory counts only once it exists.
constexpr char kManifest[] = "runnel.manifest";

Status FromRocks(const rocksdb::Status& st, const std::string& what) {
  if (st.ok()) return Status::OK();
  std::string message = what + ": RocksDB says " + st.ToString();
  return st.IsCorruption() ? Status::Corruption(message) : Status::IOError(message);
}

class RocksIterator final : public StateIterator {
 public:
  RocksIterator(rocksdb::DB* db, std::string prefix) : prefix_(std::move(prefix)), it_(db->NewIterator({})) {
    it_->Seek(prefix_);
  }
  bool Valid() const override { return it_->Valid() && it_->key().starts_with(prefix_); }
  void Next() override { it_->Next(); }
  std::string_view key() const override { return {it_->key().data(), it_->key().size()}; }
  std::string_view value() const override { return {it_->value().data(), it_->value().size()}; }
  Status status() const override { return FromRocks(it_->status(), "Cannot scan the state"); }

 private:
  std::string prefix_;
  std::unique_ptr<rocksdb::Iterator> it_;
};

// The manifest of a checkpoint: "v1", then "version <v>", "num_keys <n>", and one
// "file <name> <size> <xxh3 hex>" line per file.
struct CheckpointManifest {
  int64_t version = 0;
  int64_t num_keys = 0;
  struct File {
    std::string name;
    int64_t size = 0;
    uint64_t hash = 0;
  };
  std::vector<File> files;

  std::string Serialize() const {
    std::ostringstream out;
    out << "v1\nversion " << version << "\nnum_keys " << num_keys << "\n";
    for (const auto& f : files) out << "file " << f.name << " " << f.size << " " << std::hex << f.hash << std::dec << "\n";
    return out.str();
  }

  static Result<CheckpointManifest> Parse(const std::string& text, const std::string& path) {
    std::istringstream in(text);
    std::string line;
    CheckpointManifest m;
    auto corrupt = [&] { return Status::Corruption("Checkpoint manifest '" + path + "' is corrupt at: '" + line + "'"); };
    if (!std::getline(in, line) || line != "v1") {
      return Status::NotSupported("Checkpoint manifest '" + path + "' does not start with 'v1'; it is corrupt or "
                                  "written by a newer Runnel");
    }
    bool has_version = false, has_keys = false;
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string tag;
      fields >> tag;
      if (tag == "version") {
        has_version = static_cast<bool>(fields >> m.version);
      } else if (tag == "num_keys") {
        has_keys = static_cast<bool>(fields >> m.num_keys);
      } else if (tag == "file") {
        File f;
        if (!(fields >> f.name >> f.size >> std::hex >> f.hash)) return corrupt();
        m.files.push_back(std::move(f));
      } else {
        return corrupt();
      }
    }
    if (!has_version || !has_keys) return Status::Corruption("Checkpoint manifest '" + path + "' is cut short");
    return m;
  }
};

class RocksDbProvider final : public VersionedProvider {
 public:
  RocksDbProvider(const StateStoreId& id, const StateStoreConfig& config, std::shared_ptr<io::FileSystem> fs)
      : VersionedProvider(id, config, std::move(fs), {"changelog", "checkpoint", kManifest}) {
    std::filesystem::path root = config.rocksdb_local_dir.empty() ? std::filesystem::temp_directory_path()
                                                                   : std::filesystem::path(config.rocksdb_local_dir);
    local_dir_ = (root / ("runnel-state-" + base::RandomUuid())).string();
  }
  ~RocksDbProvider() override {
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(local_dir_, ec);
  }

  // For RocksDbStore.
  rocksdb::DB* db() const { return db_.get(); }
  int64_t num_keys() const { return num_keys_; }
  Status CommitVersion(const BufferedChanges& changes, int64_t version, int64_t num_keys);

 private:
  std::string DbPath() const { return local_dir_ + "/db"; }
  Status OpenEmptyDb();
  Status RestoreCheckpoint(int64_t version);
  Status ReplayChangelog(int64_t version);
  Status LoadLocked(int64_t version) override;
  std::unique_ptr<StateStore> NewStoreLocked(int64_t version) override;
  Status WriteFullLocked() override;

  std::string local_dir_;
  std::unique_ptr<rocksdb::DB> db_;  // the working database, holding loaded_version_
  int64_t num_keys_ = 0;
};

class RocksDbStore final : public BufferedStateStore {
 public:
  RocksDbStore(RocksDbProvider* provider, int64_t version)
      : BufferedStateStore(version, provider->num_keys()), provider_(provider) {}
  ~RocksDbStore() override { Abort(); }

 protected:
  Result<std::optional<std::string>> GetCommitted(std::string_view key) override {
    std::string value;
    rocksdb::Status st = provider_->db()->Get({}, rocksdb::Slice(key.data(), key.size()), &value);
    if (st.IsNotFound()) return std::optional<std::string>();
    RUNNEL_RETURN_NOT_OK(FromRocks(st, "Cannot read the state"));
    return std::optional<std::string>(std::move(value));
  }
  Result<bool> ContainsCommitted(std::string_view key) override {
    std::string ignored;
    // The Bloom filters answer most misses without reading a block.
    if (!provider_->db()->KeyMayExist({}, rocksdb::Slice(key.data(), key.size()), &ignored)) return false;
    RUNNEL_ASSIGN_OR_RAISE(auto value, GetCommitted(key));
    return value.has_value();
  }
  std::unique_ptr<StateIterator> ScanCommitted(std::string_view prefix) override {
    return std::make_unique<RocksIterator>(provider_->db(), std::string(prefix));
  }
  Status CommitChanges(const BufferedChanges& changes, int64_t new_version, int64_t num_keys) override {
    return provider_->CommitVersion(changes, new_version, num_keys);
  }
  void Release() override { provider_->ReleaseStore(); }
  int64_t CommittedBytes() const override {
    uint64_t memtables = 0, ssts = 0;
    provider_->db()->GetIntProperty(rocksdb::DB::Properties::kCurSizeAllMemTables, &memtables);
    provider_->db()->GetIntProperty(rocksdb::DB::Properties::kLiveSstFilesSize, &ssts);
    return static_cast<int64_t>(memtables + ssts);
  }

 private:
  RocksDbProvider* provider_;
};

Status RocksDbProvider::OpenEmptyDb() {
  RUNNEL_RETURN_NOT_OK(io::FileSystem::Local()->CreateDirectories(local_dir_));
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  rocksdb::DB* db = nullptr;
  RUNNEL_RETURN_NOT_OK(FromRocks(rocksdb::DB::Open(options, DbPath(), &db), "Cannot open the working database"));
  db_.reset(db);
  return Status::OK();
}

Status RocksDbProvider::RestoreCheckpoint(int64_t version) {
  std::string dir = dir_.FullPath(version);
  std::string manifest_path = io::JoinPath(dir, kManifest);
  RUNNEL_ASSIGN_OR_RAISE(std::string text, dir_.fs().ReadFile(manifest_path));
  RUNNEL_ASSIGN_OR_RAISE(CheckpointManifest manifest, CheckpointManifest::Parse(text, manifest_path));
  auto local = io::FileSystem::Local();
  RUNNEL_RETURN_NOT_OK(local->CreateDirectories(DbPath()));
  for (const auto& file : manifest.files) {
    std::string path = io::JoinPath(dir, file.name);
    RUNNEL_ASSIGN_OR_RAISE(std::string data, dir_.fs().ReadFile(path));
    if (static_cast<int64_t>(data.size()) != file.size || base::HashString(data) != file.hash) {
      return Status::Corruption("Checkpoint file '" + path + "' does not match its manifest (truncated or damaged)");
    }
    RUNNEL_RETURN_NOT_OK(local->WriteFile(io::JoinPath(DbPath(), file.name), data, false));
  }
  RUNNEL_RETURN_NOT_OK(OpenEmptyDb());
  num_keys_ = manifest.num_keys;
  return Status::OK();
}

Status RocksDbProvider::ReplayChangelog(int64_t version) {
  std::string path = dir_.IncrementalPath(version);
  RUNNEL_ASSIGN_OR_RAISE(std::string data, dir_.fs().ReadFile(path));
  rocksdb::WriteBatch batch;
  RUNNEL_ASSIGN_OR_RAISE(StateFileContents contents,
                         ReadStateFile(data, path, [&](std::string_view key, std::optional<std::string_view> value) {
                           rocksdb::Slice k(key.data(), key.size());
                           return FromRocks(value ? batch.Put(k, rocksdb::Slice(value->data(), value->size()))
                                                  : batch.Delete(k),
                                            "Cannot replay '" + path + "'");
                         }));
  if (contents.kind != StateFileKind::kChangelog || contents.version != version) {
    return Status::Corruption("State file '" + path + "' holds version " + std::to_string(contents.version) +
                              " of another kind of file; it was renamed or copied by hand");
  }
  rocksdb::WriteOptions options;
  options.disableWAL = true;
  RUNNEL_RETURN_NOT_OK(FromRocks(db_->Write(options, &batch), "Cannot replay '" + path + "'"));
  num_keys_ = contents.num_keys;
  return Status::OK();
}

Status RocksDbProvider::LoadLocked(int64_t version) {
  loaded_version_ = -1;
  db_.reset();
  std::error_code ec;
  std::filesystem::remove_all(DbPath(), ec);
  if (ec) return Status::IOError("Cannot clear the working database '" + DbPath() + "': " + ec.message());
  RUNNEL_ASSIGN_OR_RAISE(int64_t base, dir_.PlanLoad(version));
  num_keys_ = 0;
  if (base > 0) {
    RUNNEL_RETURN_NOT_OK(RestoreCheckpoint(base));
  } else {
    RUNNEL_RETURN_NOT_OK(OpenEmptyDb());
  }
  for (int64_t v = base + 1; v <= version; ++v) RUNNEL_RETURN_NOT_OK(ReplayChangelog(v));
  loaded_version_ = version;
  return Status::OK();
}

std::unique_ptr<StateStore> RocksDbProvider::NewStoreLocked(int64_t version) {
  return std::make_unique<RocksDbStore>(this, version);
}

Status RocksDbProvider::CommitVersion(const BufferedChanges& changes, int64_t version, int64_t num_keys) {
  std::lock_guard lock(mutex_);
  StateFileWriter writer(StateFileKind::kChangelog, version);
  rocksdb::WriteBatch batch;
  for (const auto& [key, change] : changes) {
    rocksdb::Slice k(key.data(), key.size());
    if (change.value) {
      writer.Put(key, *change.value);
      RUNNEL_RETURN_NOT_OK(FromRocks(batch.Put(k, *change.value), "Cannot commit"));
    } else if (change.existed) {
      writer.Remove(key);
      RUNNEL_RETURN_NOT_OK(FromRocks(batch.Delete(k), "Cannot commit"));
    }
  }
  std::string context = "committing version " + std::to_string(version) + " of " + id_.ToString();
  if (Status st = dir_.WriteIncremental(version, writer.Finish(num_keys)); !st.ok()) {
    listed_ = false;
    return st.WithContext(context);
  }
  rocksdb::WriteOptions options;
  options.disableWAL = true;  // the changelog just written is the log
  if (Status st = FromRocks(db_->Write(options, &batch), "Cannot apply the batch"); !st.ok()) {
    loaded_version_ = -1;  // the working database is in an unknown state: reload it
    return st.WithContext(context);
  }
  loaded_version_ = version;
  num_keys_ = num_keys;
  MaintainAfterCommitLocked();
  return Status::OK();
}

// A RocksDB checkpoint (hard links of the SST files) copied to <version>.checkpoint/, its
// manifest written last.
Status RocksDbProvider::WriteFullLocked() {
  auto local = io::FileSystem::Local();
  std::string staging = local_dir_ + "/checkpoint";
  RUNNEL_RETURN_NOT_OK(local->DeleteRecursively(staging));
  rocksdb::Checkpoint* raw = nullptr;
  RUNNEL_RETURN_NOT_OK(FromRocks(rocksdb::Checkpoint::Create(db_.get(), &raw), "Cannot checkpoint the state"));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  RUNNEL_RETURN_NOT_OK(FromRocks(checkpoint->CreateCheckpoint(staging), "Cannot checkpoint the state"));

  std::string target = dir_.FullPath(loaded_version_);
  RUNNEL_RETURN_NOT_OK(dir_.fs().DeleteRecursively(target));
  RUNNEL_RETURN_NOT_OK(dir_.fs().CreateDirectories(target));
  CheckpointManifest manifest;
  manifest.version = loaded_version_;
  manifest.num_keys = num_keys_;
  RUNNEL_ASSIGN_OR_RAISE(auto files, local->ListDirectory(staging));
  for (const auto& file : files) {
    RUNNEL_ASSIGN_OR_RAISE(std::string data, local->ReadFile(file.path));
    std::string name = io::BaseName(file.path);
    RUNNEL_RETURN_NOT_OK(dir_.fs().WriteFile(io::JoinPath(target, name), data, /*sync=*/true));
    manifest.files.push_back({name, static_cast<int64_t>(data.size()), base::HashString(data)});
  }
  RUNNEL_RETURN_NOT_OK(dir_.fs().SyncDirectory(target));
  RUNNEL_RETURN_NOT_OK(dir_.fs().WriteFileAtomic(io::JoinPath(target, kManifest), manifest.Serialize()));
  RUNNEL_RETURN_NOT_OK(dir_.fs().SyncDirectory(dir_.path()));
  dir_.AddFull(loaded_version_);
  return local->DeleteRecursively(staging);
}

}  // namespace

std::unique_ptr<StateStoreProvider> MakeRocksDbStateStoreProvider(const StateStoreId& id,
                                                                  const StateStoreConfig& config,
                                                                  std::shared_ptr<io::FileSystem> fs) {
  return std::make_unique<RocksDbProvider>(id, config, std::move(fs));
}

}  // namespace runnel::state
