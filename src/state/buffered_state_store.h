// The part both providers' stores share: updates are buffered in a sorted map until Commit()
// hands them to the provider, so Abort() costs nothing, the committed version stays readable
// underneath, and a commit's work is proportional to the number of keys the batch touched.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "state/state_store.h"

namespace runnel::state {

struct BufferedChange {
  std::optional<std::string> value;  // nullopt: removed
  bool existed = false;              // the key is in the committed version underneath
};
using BufferedChanges = std::map<std::string, BufferedChange, std::less<>>;

class BufferedStateStore : public StateStore {
 public:
  int64_t version() const final { return version_; }
  Result<std::optional<std::string>> Get(std::string_view key) final;
  Status Put(std::string_view key, std::string_view value) final;
  Status Remove(std::string_view key) final;
  std::unique_ptr<StateIterator> Scan(std::string_view prefix) final;
  Result<int64_t> Commit() final;
  void Abort() final;
  StateStoreMetrics metrics() const final;

 protected:
  BufferedStateStore(int64_t version, int64_t committed_num_keys)
      : version_(version), committed_num_keys_(committed_num_keys) {}

  // Reads of the committed version underneath.
  virtual Result<std::optional<std::string>> GetCommitted(std::string_view key) = 0;
  virtual Result<bool> ContainsCommitted(std::string_view key) = 0;
  virtual std::unique_ptr<StateIterator> ScanCommitted(std::string_view prefix) = 0;
  // Makes `changes` durable as `new_version`, with `num_keys` keys in total.
  virtual Status CommitChanges(const BufferedChanges& changes, int64_t new_version, int64_t num_keys) = 0;
  // The store is finished (committed or aborted): the provider may hand out the next one.
  // Subclasses call Abort() in their destructor, so an abandoned store is released.
  virtual void Release() = 0;
  virtual int64_t CommittedBytes() const = 0;

 private:
  enum class State { kUpdating, kCommitted, kAborted };
  Status CheckUpdating(const char* what) const;

  int64_t version_;
  int64_t committed_num_keys_;
  int64_t num_keys_delta_ = 0;
  BufferedChanges changes_;
  State state_ = State::kUpdating;
};

}  // namespace runnel::state
