// One suite, run against both providers: the behaviour the streaming executor relies on.
#include "state/state_store.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "io/fault_injection_file_system.h"
#include "io/memory_file_system.h"

namespace runnel::state {
namespace {

using Model = std::map<std::string, std::string>;

Model ReadAll(StateStore& store, std::string_view prefix = {}) {
  Model out;
  auto it = store.Scan(prefix);
  for (; it->Valid(); it->Next()) out.emplace(std::string(it->key()), std::string(it->value()));
  EXPECT_TRUE(it->status().ok()) << it->status().ToString();
  return out;
}

class StateStoreProviderTest : public ::testing::TestWithParam<std::string> {
 protected:
  StateStoreProviderTest() {
    config_.provider = GetParam();
    config_.min_deltas_for_snapshot = 3;
    config_.min_versions_to_retain = 100;
    id_.checkpoint_root = "/ckpt/state";
    id_.operator_id = 1;
    id_.partition_id = 2;
  }

  std::unique_ptr<StateStoreProvider> Open(std::shared_ptr<io::FileSystem> fs = nullptr) {
    auto provider = StateStoreProvider::Open(id_, config_, fs ? fs : fs_);
    EXPECT_TRUE(provider.ok()) << provider.status().ToString();
    return std::move(provider).value();
  }

  std::unique_ptr<StateStore> Store(StateStoreProvider& provider, int64_t version) {
    auto store = provider.GetStore(version);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  // Commits `versions` versions of random puts and removes over a small key space; returns the
  // model of every version (index = version).
  std::vector<Model> CommitRandomVersions(StateStoreProvider& provider, int versions, uint32_t seed) {
    std::mt19937 rng(seed);
    std::vector<Model> models{Model{}};
    for (int v = 0; v < versions; ++v) {
      Model model = models.back();
      auto store = Store(provider, v);
      for (int op = 0; op < 20; ++op) {
        std::string key = "k" + std::to_string(rng() % 40);
        if (rng() % 3 == 0) {
          EXPECT_TRUE(store->Remove(key).ok());
          model.erase(key);
        } else {
          std::string value = "v" + std::to_string(v) + "-" + std::to_string(rng() % 1000);
          EXPECT_TRUE(store->Put(key, value).ok());
          model[key] = value;
        }
      }
      EXPECT_EQ(ReadAll(*store), model);
      auto committed = store->Commit();
      EXPECT_TRUE(committed.ok()) << committed.status().ToString();
      EXPECT_EQ(committed.ValueOr(-1), v + 1);
      models.push_back(std::move(model));
    }
    return models;
  }

  void ExpectVersion(StateStoreProvider& provider, int64_t version, const Model& model) {
    auto store = Store(provider, version);
    ASSERT_NE(store, nullptr) << "version " << version;
    EXPECT_EQ(ReadAll(*store), model) << "version " << version;
    EXPECT_EQ(store->metrics().num_keys, static_cast<int64_t>(model.size())) << "version " << version;
    store->Abort();
  }

  bool FileExists(const std::string& name) { return fs_->Exists(io::JoinPath(id_.Directory(), name)).ValueOr(false); }

  std::string IncrementalName(int64_t version) const {
    return std::to_string(version) + (GetParam() == "memory" ? ".delta" : ".changelog");
  }
  std::string FullName(int64_t version) const {
    return std::to_string(version) + (GetParam() == "memory" ? ".snapshot" : ".checkpoint");
  }

  std::shared_ptr<io::MemoryFileSystem> fs_ = io::MemoryFileSystem::Make();
  StateStoreConfig config_;
  StateStoreId id_;
};

TEST_P(StateStoreProviderTest, PutGetRemoveAndScan) {
  auto provider = Open();
  auto store = Store(*provider, 0);
  ASSERT_TRUE(store->Put("user/1", "a").ok());
  ASSERT_TRUE(store->Put("user/2", "b").ok());
  ASSERT_TRUE(store->Put("item/1", "c").ok());
  ASSERT_TRUE(store->Put("user/1", "a2").ok());
  ASSERT_TRUE(store->Remove("user/2").ok());
  ASSERT_TRUE(store->Remove("missing").ok());
  EXPECT_EQ(store->Get("user/1").ValueOr(std::nullopt), "a2");
  EXPECT_EQ(store->Get("user/2").ValueOr("x"), std::nullopt);
  EXPECT_EQ(ReadAll(*store, "user/"), (Model{{"user/1", "a2"}}));
  StateStoreMetrics m = store->metrics();
  EXPECT_EQ(m.num_keys, 2);
  EXPECT_EQ(m.num_updated, 2);
  EXPECT_EQ(m.num_removed, 0);  // user/2 never reached a committed version
  ASSERT_EQ(store->Commit().ValueOr(-1), 1);

  store = Store(*provider, 1);
  EXPECT_EQ(ReadAll(*store), (Model{{"item/1", "c"}, {"user/1", "a2"}}));
  ASSERT_TRUE(store->Remove("item/1").ok());
  ASSERT_TRUE(store->Put("user/3", "d").ok());
  // The scan merges the buffered updates with the committed entries, and survives updates.
  std::vector<std::string> seen;
  for (auto it = store->Scan(); it->Valid(); it->Next()) {
    seen.emplace_back(it->key());
    ASSERT_TRUE(store->Put(std::string(it->key()), "updated").ok());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"user/1", "user/3"}));
  m = store->metrics();
  EXPECT_EQ(m.num_keys, 2);
  EXPECT_EQ(m.num_removed, 1);
  EXPECT_GT(m.memory_bytes, 0);
  ASSERT_EQ(store->Commit().ValueOr(-1), 2);
  ExpectVersion(*provider, 2, Model{{"user/1", "updated"}, {"user/3", "updated"}});
}

TEST_P(StateStoreProviderTest, ReloadsEveryVersionAfterRandomUpdates) {
  auto provider = Open();
  std::vector<Model> models = CommitRandomVersions(*provider, 25, 42);
  // A new provider (a restarted query) loads each version from the files, in both directions.
  auto reopened = Open();
  for (int v = 0; v <= 25; ++v) ExpectVersion(*reopened, v, models[v]);
  for (int v = 25; v >= 0; --v) ExpectVersion(*reopened, v, models[v]);
}

TEST_P(StateStoreProviderTest, AbortLeavesTheVersionUnchanged) {
  auto provider = Open();
  std::vector<Model> models = CommitRandomVersions(*provider, 2, 7);
  auto store = Store(*provider, 2);
  ASSERT_TRUE(store->Put("k1", "aborted").ok());
  ASSERT_TRUE(store->Remove("k2").ok());
  store->Abort();
  EXPECT_FALSE(store->Put("k3", "x").ok());
  ExpectVersion(*provider, 2, models[2]);
  // A store dropped without commit is aborted too.
  { auto dropped = Store(*provider, 2); ASSERT_TRUE(dropped->Put("k1", "dropped").ok()); }
  ExpectVersion(*provider, 2, models[2]);
  EXPECT_FALSE(FileExists(IncrementalName(3)));
}

TEST_P(StateStoreProviderTest, OneStoreAtATime) {
  auto provider = Open();
  auto store = Store(*provider, 0);
  auto second = provider->GetStore(0);
  EXPECT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("still open"), std::string::npos);
}

TEST_P(StateStoreProviderTest, RecommitAfterReloadingAnOlderVersionReplacesLaterVersions) {
  auto provider = Open();
  std::vector<Model> models = CommitRandomVersions(*provider, 5, 3);
  // Batch 3 runs again: it loads version 3 and commits 4 with different updates.
  auto store = Store(*provider, 3);
  ASSERT_TRUE(store->Put("rerun", "yes").ok());
  ASSERT_EQ(store->Commit().ValueOr(-1), 4);
  Model rerun = models[3];
  rerun["rerun"] = "yes";
  auto reopened = Open();
  ExpectVersion(*reopened, 4, rerun);
  ExpectVersion(*reopened, 3, models[3]);
  // Version 5 belonged to the abandoned run.
  EXPECT_FALSE(reopened->GetStore(5).ok());
}

TEST_P(StateStoreProviderTest, RecoversFromSnapshotPlusLaterDeltas) {
  auto provider = Open();
  std::vector<Model> models = CommitRandomVersions(*provider, 10, 11);
  for (int v : {3, 6, 9}) EXPECT_TRUE(FileExists(FullName(v))) << FullName(v);
  EXPECT_FALSE(FileExists(FullName(10)));
  // Versions 9 and 10 need only the snapshot of 9 and the delta of 10.
  for (int v = 1; v <= 9; ++v) ASSERT_TRUE(fs_->Delete(io::JoinPath(id_.Directory(), IncrementalName(v))).ok());
  auto reopened = Open();
  ExpectVersion(*reopened, 10, models[10]);
  ExpectVersion(*reopened, 9, models[9]);
  EXPECT_FALSE(reopened->GetStore(8).ok());
}

TEST_P(StateStoreProviderTest, MaintenanceCanRunApartFromCommits) {
  config_.maintenance_on_commit = false;
  auto provider = Open();
  std::vector<Model> models = CommitRandomVersions(*provider, 4, 5);
  EXPECT_FALSE(FileExists(FullName(3)));
  ASSERT_TRUE(provider->DoMaintenance().ok());
  EXPECT_TRUE(FileExists(FullName(4)));
  ExpectVersion(*Open(), 4, models[4]);
}

TEST_P(StateStoreProviderTest, CleanupKeepsWhatRetainedVersionsNeed) {
  config_.min_versions_to_retain = 5;
  auto provider = Open();
  std::vector<Model> models = CommitRandomVersions(*provider, 30, 13);
  auto reopened = Open();
  for (int v = 26; v <= 30; ++v) ExpectVersion(*reopened, v, models[v]);
  // Retained versions 26..30 start from snapshot 24: nothing older is kept.
  EXPECT_TRUE(FileExists(FullName(24)));
  EXPECT_FALSE(FileExists(FullName(21)));
  EXPECT_FALSE(FileExists(IncrementalName(24)));
  EXPECT_TRUE(FileExists(IncrementalName(25)));
  EXPECT_FALSE(reopened->GetStore(20).ok());
}

TEST_P(StateStoreProviderTest, CorruptOrTruncatedFileIsAnErrorNamingIt) {
  auto provider = Open();
  CommitRandomVersions(*provider, 2, 17);
  std::string path = io::JoinPath(id_.Directory(), IncrementalName(2));
  std::string data = fs_->ReadFile(path).ValueOrDie();
  for (std::string damaged : {data.substr(0, data.size() / 2), data.substr(0, 3), std::string()}) {
    ASSERT_TRUE(fs_->WriteFile(path, damaged, false).ok());
    auto store = Open()->GetStore(2);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), StatusCode::kCorruption) << store.status().ToString();
    EXPECT_NE(store.status().message().find(path), std::string::npos) << store.status().ToString();
  }
  data[data.size() / 2] ^= 0x40;
  ASSERT_TRUE(fs_->WriteFile(path, data, false).ok());
  auto store = Open()->GetStore(2);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("checksum"), std::string::npos) << store.status().ToString();
}

TEST_P(StateStoreProviderTest, UnknownProviderIsAnError) {
  config_.provider = "hdfs";
  auto provider = StateStoreProvider::Open(id_, config_, fs_);
  ASSERT_FALSE(provider.ok());
  EXPECT_NE(provider.status().message().find("memory, rocksdb"), std::string::npos);
}

// A failure or crash at every write, rename and sync of a commit (and of the snapshot and
// cleanup that follow it) never damages a committed version. Versions 1..3 are committed
// cleanly; committing version 4 writes a snapshot (min_deltas_for_snapshot = 2 with the last
// one at 2) and cleans up (min_versions_to_retain = 2).
TEST_P(StateStoreProviderTest, FaultsAtEveryStepNeverCorruptACommittedVersion) {
  config_.min_deltas_for_snapshot = 2;
  config_.min_versions_to_retain = 2;
  for (int crash = 0; crash <= 1; ++crash) {
    for (int64_t step = 0;; ++step) {
      SCOPED_TRACE("crash " + std::to_string(crash) + ", fault after " + std::to_string(step) + " operations");
      fs_ = io::MemoryFileSystem::Make();
      auto faulty = io::FaultInjectionFileSystem::Make(fs_);
      auto provider = Open(faulty);
      std::vector<Model> models = CommitRandomVersions(*provider, 3, 23);
      auto store = Store(*provider, 3);
      ASSERT_TRUE(store->Put("k1", "new").ok());
      ASSERT_TRUE(store->Remove("k2").ok());
      Model next = models[3];
      next["k1"] = "new";
      next.erase("k2");
      int64_t before = faulty->num_operations();
      faulty->FailAfter(step);
      auto committed = store->Commit();
      bool reached_the_end = faulty->num_operations() - before <= step;
      if (crash) {
        ASSERT_TRUE(faulty->Crash().ok());
      } else {
        faulty->ClearFaults();
      }
      auto reopened = Open(faulty);
      ExpectVersion(*reopened, 3, models[3]);
      if (committed.ok()) {
        ExpectVersion(*reopened, 4, next);
      } else if (auto later = reopened->GetStore(4); later.ok()) {
        // A commit that failed after its file became durable may have taken effect.
        EXPECT_EQ(ReadAll(**later), next);
      }
      // The batch runs again after the failure and commits.
      if (!committed.ok()) {
        auto again = Store(*reopened, 3);
        ASSERT_TRUE(again->Put("k1", "new").ok());
        ASSERT_TRUE(again->Remove("k2").ok());
        ASSERT_EQ(again->Commit().ValueOr(-1), 4);
        ExpectVersion(*Open(faulty), 4, next);
      }
      if (reached_the_end) {
        EXPECT_TRUE(committed.ok()) << committed.status().ToString();
        // A delta and a snapshot are a write, a sync, a rename and a directory sync each.
        EXPECT_GE(step, 8);
        break;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Providers, StateStoreProviderTest, ::testing::Values("memory", "rocksdb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace runnel::state
