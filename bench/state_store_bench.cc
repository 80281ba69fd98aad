// Micro benchmark of the state store providers on the local file system (real fsyncs): puts/s,
// gets/s, and the time to commit one version, for a state of 100k and 1M keys updated in
// batches of 10k and 100k keys (read-modify-write, as an aggregation does). A commit writes only
// the batch's changes (a delta or changelog file), so its time should follow the batch size and
// not the state size; the snapshot or checkpoint that maintenance writes every
// min_deltas_for_snapshot versions is what scales with the state, and is timed apart.
//
//   bench_state_store [--providers memory,rocksdb] [--keys 1000000] [--batch 10000] [--batches 10]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <unistd.h>
#include <string>
#include <vector>

#include "state/state_store.h"

namespace runnel::bench {
namespace {

double NowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string Key(uint64_t i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "key%012llu", static_cast<unsigned long long>(i));
  return buf;
}

std::string Value(uint64_t i) { return std::string(24, 'v') + std::to_string(i % 100000000); }

struct Figures {
  double puts_per_second = 0, gets_per_second = 0;
  double commit_ms_median = 0, commit_ms_max = 0;
  double maintenance_ms_max = 0;
};

// Grows the state to `num_keys` keys in commits of 100k new keys.
void Load(state::StateStoreProvider& provider, int64_t* version, int64_t from, int64_t num_keys) {
  for (int64_t start = from; start < num_keys; start += 100000) {
    auto store = std::move(provider.GetStore(*version)).ValueOrDie();
    for (int64_t i = start; i < std::min(num_keys, start + 100000); ++i) (void)store->Put(Key(i), Value(i));
    *version = std::move(store->Commit()).ValueOrDie();
    (void)provider.DoMaintenance();
  }
}

Figures Update(state::StateStoreProvider& provider, int64_t* version, int64_t num_keys, int batch, int batches) {
  std::mt19937_64 rng(*version);
  std::vector<double> commits;
  double get_seconds = 0, put_seconds = 0;
  Figures f;
  for (int b = 0; b < batches; ++b) {
    auto store = std::move(provider.GetStore(*version)).ValueOrDie();
    std::vector<std::string> keys;
    for (int i = 0; i < batch; ++i) keys.push_back(Key(rng() % num_keys));
    std::vector<std::string> values;
    values.reserve(keys.size());
    double t0 = NowSeconds();
    for (const auto& k : keys) values.push_back(std::move(store->Get(k)).ValueOrDie().value_or(""));
    double t1 = NowSeconds();
    for (size_t i = 0; i < keys.size(); ++i) (void)store->Put(keys[i], values[i] + "+");
    double t2 = NowSeconds();
    *version = std::move(store->Commit()).ValueOrDie();
    double t3 = NowSeconds();
    if (!provider.DoMaintenance().ok()) std::fprintf(stderr, "maintenance failed\n");
    double t4 = NowSeconds();
    get_seconds += t1 - t0;
    put_seconds += t2 - t1;
    commits.push_back((t3 - t2) * 1e3);
    f.maintenance_ms_max = std::max(f.maintenance_ms_max, (t4 - t3) * 1e3);
  }
  std::sort(commits.begin(), commits.end());
  f.gets_per_second = double(batch) * batches / get_seconds;
  f.puts_per_second = double(batch) * batches / put_seconds;
  f.commit_ms_median = commits[commits.size() / 2];
  f.commit_ms_max = commits.back();
  return f;
}

void Print(const std::string& provider, int64_t keys, int batch, const Figures& f) {
  std::printf("%-8s %9lld keys  batch %6d:  %6.2fM gets/s  %6.2fM puts/s  commit median %7.2f ms, max %7.2f ms  "
              "maintenance max %8.1f ms\n",
              provider.c_str(), static_cast<long long>(keys), batch, f.gets_per_second / 1e6,
              f.puts_per_second / 1e6, f.commit_ms_median, f.commit_ms_max, f.maintenance_ms_max);
  std::fflush(stdout);
}

void Run(const std::string& name, int64_t keys, int batch, int batches, const std::filesystem::path& root) {
  state::StateStoreConfig config;
  config.provider = name;
  config.maintenance_on_commit = false;  // timed apart
  config.rocksdb_local_dir = (root / "local").string();
  state::StateStoreId id{(root / name).string(), 0, 0, "default"};
  auto provider = std::move(state::StateStoreProvider::Open(id, config, io::FileSystem::Local())).ValueOrDie();
  int64_t version = 0;
  int64_t small = std::min<int64_t>(keys, 100000);
  double t0 = NowSeconds();
  Load(*provider, &version, 0, small);
  std::printf("%-8s load %lld keys: %.2fM puts/s including commits\n", name.c_str(), static_cast<long long>(small),
              small / (NowSeconds() - t0) / 1e6);
  Print(name, small, batch, Update(*provider, &version, small, batch, batches));
  t0 = NowSeconds();
  Load(*provider, &version, small, keys);
  std::printf("%-8s grow to %lld keys: %.2fM puts/s including commits\n", name.c_str(), static_cast<long long>(keys),
              (keys - small) / (NowSeconds() - t0) / 1e6);
  Print(name, keys, batch, Update(*provider, &version, keys, batch, batches));
  Print(name, keys, batch * 10, Update(*provider, &version, keys, batch * 10, std::max(2, batches / 2)));
}

}  // namespace
}  // namespace runnel::bench

int main(int argc, char** argv) {
  std::vector<std::string> providers{"memory", "rocksdb"};
  int64_t keys = 1000000;
  int batch = 10000, batches = 10;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--keys")) keys = std::atoll(argv[i + 1]);
    if (!std::strcmp(argv[i], "--batch")) batch = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--batches")) batches = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--providers")) {
      providers.clear();
      std::string list = argv[i + 1];
      for (size_t start = 0; start <= list.size();) {
        size_t comma = std::min(list.find(',', start), list.size());
        providers.push_back(list.substr(start, comma - start));
        start = comma + 1;
      }
    }
  }
  auto root = std::filesystem::temp_directory_path() / ("runnel_state_bench_" + std::to_string(::getpid()));
  std::printf("bench_state_store: %lld keys, batches of %d updates (get + put), commit without maintenance; "
              "files on the local disk in %s\n",
              static_cast<long long>(keys), batch, root.c_str());
  for (const auto& p : providers) runnel::bench::Run(p, keys, batch, batches, root);
  std::filesystem::remove_all(root);
  return 0;
}
