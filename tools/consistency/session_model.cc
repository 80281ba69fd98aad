#include "consistency/session_model.h"

#include <algorithm>
#include <map>
#include <optional>

#include "runnel/row.h"
#include "runnel/value.h"

namespace runnel::consistency {
namespace {

using type::Value;

// One open session of a key, in microseconds, with its aggregates.
struct OpenSession {
  int64_t start = 0, end = 0;
  int64_t count = 0;
  std::optional<int64_t> sum;  // sum(amount): NULL until a non-NULL amount
};

// The grouping key: the user, NULL a key of its own (as GROUP BY treats NULL).
using Key = std::optional<std::string>;

class SessionModel {
 public:
  // A data batch's non-late rows join their key's open sessions: each row is a session
  // [ts, ts + gap); sessions that overlap or touch (next.start <= end) merge, as the state
  // store's MergingSessions does, whichever batch they came from.
  void Add(const std::map<Key, std::vector<OpenSession>>& batch) {
    for (const auto& [key, sessions] : batch) {
      std::vector<OpenSession>& open = open_[key];
      open.insert(open.end(), sessions.begin(), sessions.end());
      std::sort(open.begin(), open.end(),
                [](const OpenSession& a, const OpenSession& b) { return a.start < b.start; });
      std::vector<OpenSession> merged;
      for (const auto& s : open) {
        if (merged.empty() || s.start > merged.back().end) {
          merged.push_back(s);
          continue;
        }
        OpenSession& m = merged.back();
        m.end = std::max(m.end, s.end);
        m.count += s.count;
        if (s.sum) m.sum = m.sum.value_or(0) + *s.sum;
      }
      open = std::move(merged);
    }
  }

  // The end of a batch that ran with watermark `watermark_ms`: every open session ending at or
  // before it is emitted and forgotten (append mode evicts what it emits).
  void Close(int64_t watermark_ms) {
    const int64_t horizon = watermark_ms * 1000;
    for (auto& [key, open] : open_) {
      std::vector<OpenSession> kept;
      for (const auto& s : open) {
        if (s.end > horizon) {
          kept.push_back(s);
          continue;
        }
        emitted_.push_back(Row({key ? Value::String(*key) : Value::NullOf(type::String()), Value::Timestamp(s.start),
                                Value::Timestamp(s.end), Value::BigInt(s.count),
                                s.sum ? Value::BigInt(*s.sum) : Value::NullOf(type::BigInt())})
                                .ToString());
      }
      open = std::move(kept);
    }
  }

  std::vector<std::string> TakeEmitted() { return std::move(emitted_); }

 private:
  std::map<Key, std::vector<OpenSession>> open_;  // per key, sorted, none touching another
  std::vector<std::string> emitted_;
};

}  // namespace

Result<std::vector<std::string>> AppendSessionsByUser(const ReferenceInput& input, int64_t gap_seconds) {
  const Scenario& scenario = input.scenario;
  const StreamRun& run = input.run;
  const int64_t gap_micros = gap_seconds * 1000 * 1000;
  const int num_batches = static_cast<int>(input.late_watermarks.size());
  if (input.watermarks.size() != static_cast<size_t>(num_batches) + 1) {
    return Status::Internal("the model needs a watermark per data batch and the final one");
  }
  // Per data batch, its rows' sessions by key, in the order the chunks were added.
  std::vector<std::map<Key, std::vector<OpenSession>>> batches(num_batches);
  for (size_t c = 0; c < scenario.chunks.size(); ++c) {
    const Chunk& chunk = scenario.chunks[c];
    if (chunk.source != 0) continue;
    const int j = run.chunk_batch[c];
    if (j < 0 || j >= num_batches) return Status::Internal("chunk #" + std::to_string(c) + " has no data batch");
    for (const Row& row : chunk.rows) {
      const Value& ts = row.get(kTsColumn);
      if (ts.is_null()) continue;  // no session: such rows are filtered out
      OpenSession s{ts.bigint_value(), ts.bigint_value() + gap_micros, 1, std::nullopt};
      // Late: the session ends at or behind the late-events watermark of the batch it arrived in.
      if (s.end <= input.late_watermarks[j] * 1000) continue;
      if (!row.get(2).is_null()) s.sum = row.get(2).bigint_value();
      const Value& user = row.get(0);
      batches[j][user.is_null() ? Key() : Key(user.string_value())].push_back(s);
    }
  }
  SessionModel model;
  for (int j = 0; j < num_batches; ++j) {
    model.Add(batches[j]);
    // Data batch j ran with watermarks[j] and evicts by it at its end.
    model.Close(input.watermarks[j]);
    // A no-data batch after it runs with the watermark batch j's rows moved to, watermarks[j + 1]
    // (only data moves the watermark, so every no-data batch before batch j + 1 runs with it, and
    // one is enough). Between data batches it ran if the schedule triggered with no new data
    // (no_data_before). After the last one the harness triggers until no batch runs, and the
    // engine runs a no-data batch whenever the watermark is ahead of the one the last batch ran
    // with (MicroBatchExecution::NeedsNoDataBatch), so the final watermark always closes; when it
    // did not move, closing by it again changes nothing. (Predicted rather than read from
    // run.data_batches_before_last_run, so an engine that skipped that batch would show up as
    // sessions missing from the stream.)
    bool no_data_after = j + 1 < num_batches ? run.no_data_before[j + 1] : true;
    if (no_data_after) model.Close(input.watermarks[j + 1]);
  }
  return model.TakeEmitted();
}

}  // namespace runnel::consistency
