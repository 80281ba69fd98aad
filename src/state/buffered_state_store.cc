#include "state/buffered_state_store.h"

namespace runnel::state {
namespace {

// The buffered changes laid over the committed entries, both in key order. std::map iterators
// survive inserts, so Put and Remove during a scan are safe.
class MergingIterator final : public StateIterator {
 public:
  MergingIterator(const BufferedChanges& changes, std::string prefix, std::unique_ptr<StateIterator> committed)
      : changes_(changes), prefix_(std::move(prefix)), committed_(std::move(committed)) {
    change_ = changes_.lower_bound(prefix_);
    Settle();
  }

  bool Valid() const override { return use_change_ || committed_->Valid(); }
  void Next() override {
    if (use_change_) {
      if (committed_->Valid() && committed_->key() == change_->first) committed_->Next();
      ++change_;
    } else {
      committed_->Next();
    }
    Settle();
  }
  std::string_view key() const override { return use_change_ ? std::string_view(change_->first) : committed_->key(); }
  std::string_view value() const override {
    return use_change_ ? std::string_view(*change_->second.value) : committed_->value();
  }
  Status status() const override { return committed_->status(); }

 private:
  bool ChangeInRange() const {
    return change_ != changes_.end() && std::string_view(change_->first).starts_with(prefix_);
  }
  // Positions on the next visible entry: the smaller key of the two sides, the buffered change
  // winning a tie, removals skipped.
  void Settle() {
    for (;;) {
      bool has_change = ChangeInRange();
      bool has_committed = committed_->Valid();
      if (!has_change) {
        use_change_ = false;
        return;
      }
      if (has_committed && committed_->key() < std::string_view(change_->first)) {
        use_change_ = false;
        return;
      }
      if (change_->second.value) {
        use_change_ = true;
        return;
      }
      // A removal hides the committed entry with the same key.
      if (has_committed && committed_->key() == change_->first) committed_->Next();
      ++change_;
    }
  }

  const BufferedChanges& changes_;
  std::string prefix_;
  std::unique_ptr<StateIterator> committed_;
  BufferedChanges::const_iterator change_;
  bool use_change_ = false;
};

}  // namespace

Status BufferedStateStore::CheckUpdating(const char* what) const {
  if (state_ == State::kUpdating) return Status::OK();
  return Status::Internal(std::string("Cannot ") + what + " a state store at version " + std::to_string(version_) +
                          " that was already " + (state_ == State::kCommitted ? "committed" : "aborted"));
}

Result<std::optional<std::string>> BufferedStateStore::Get(std::string_view key) {
  RUNNEL_RETURN_NOT_OK(CheckUpdating("read"));
  auto it = changes_.find(key);
  if (it != changes_.end()) return it->second.value;
  return GetCommitted(key);
}

Status BufferedStateStore::Put(std::string_view key, std::string_view value) {
  RUNNEL_RETURN_NOT_OK(CheckUpdating("update"));
  auto it = changes_.find(key);
  bool was_present;
  if (it == changes_.end()) {
    RUNNEL_ASSIGN_OR_RAISE(bool existed, ContainsCommitted(key));
    it = changes_.emplace(std::string(key), BufferedChange{std::nullopt, existed}).first;
    was_present = existed;
  } else {
    was_present = it->second.value.has_value();
  }
  if (!was_present) ++num_keys_delta_;
  it->second.value = std::string(value);
  return Status::OK();
}

Status BufferedStateStore::Remove(std::string_view key) {
  RUNNEL_RETURN_NOT_OK(CheckUpdating("update"));
  auto it = changes_.find(key);
  if (it == changes_.end()) {
    RUNNEL_ASSIGN_OR_RAISE(bool existed, ContainsCommitted(key));
    if (!existed) return Status::OK();  // nothing to remove, nothing to record
    changes_.emplace(std::string(key), BufferedChange{std::nullopt, true});
    --num_keys_delta_;
    return Status::OK();
  }
  if (it->second.value) --num_keys_delta_;
  it->second.value.reset();
  return Status::OK();
}

std::unique_ptr<StateIterator> BufferedStateStore::Scan(std::string_view prefix) {
  return std::make_unique<MergingIterator>(changes_, std::string(prefix), ScanCommitted(prefix));
}

Result<int64_t> BufferedStateStore::Commit() {
  RUNNEL_RETURN_NOT_OK(CheckUpdating("commit"));
  // A failed commit leaves the store aborted: the batch is run again from a fresh store.
  state_ = State::kAborted;
  Status st = CommitChanges(changes_, version_ + 1, committed_num_keys_ + num_keys_delta_);
  Release();
  RUNNEL_RETURN_NOT_OK(st);
  state_ = State::kCommitted;
  return version_ + 1;
}

void BufferedStateStore::Abort() {
  if (state_ != State::kUpdating) return;
  state_ = State::kAborted;
  changes_.clear();
  Release();
}

StateStoreMetrics BufferedStateStore::metrics() const {
  StateStoreMetrics m;
  m.num_keys = committed_num_keys_ + num_keys_delta_;
  for (const auto& [key, change] : changes_) {
    if (change.value) {
      ++m.num_updated;
      m.memory_bytes += static_cast<int64_t>(key.size() + change.value->size());
    } else if (change.existed) {
      ++m.num_removed;
    }
  }
  m.memory_bytes += CommittedBytes();
  return m;
}

}  // namespace runnel::state
