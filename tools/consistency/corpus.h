// The consistency harness's corpus: streaming queries over the MemoryStream views `events` and
// `events2` (user STRING, ts TIMESTAMP, amount BIGINT, tags STRING) and the static view `users`
// (user STRING, region STRING), each with the reference its folded stream output must equal: a
// batch query, or a model in C++ where no batch query can say what the stream emits. See
// docs/testing-streaming.md.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "runnel/dataframe.h"
#include "runnel/session.h"
#include "runnel/status.h"

namespace runnel::consistency {

struct ReferenceInput;  // reference_model.h: the scenario, the run and its watermarks

// How the harness folds a stream's output batches into one result.
enum class Fold {
  kUnion,     // append mode, and stateless queries in update mode: every batch's rows
  kUpsert,    // update mode: upsert by the first `key_columns` columns, last write wins
  kLastBatch  // complete mode: the last batch's rows
};

struct QueryCase {
  std::string name;
  std::string mode;  // "append", "update", "complete"
  // The streaming query, in SQL; `build`, when set, builds it with the DataFrame API instead.
  std::string stream_sql;
  std::function<DataFrame(const DataFrame& events)> build;
  // The reference, run as a batch over `events` with one more column, `arrival_wm` (TIMESTAMP):
  // the late-events watermark of the micro-batch in which the row arrived (the watermark the
  // batch before it ran with, SPARK_SEMANTICS 2.1.7). It drops what the semantics drop
  // as late (SPARK_SEMANTICS 2.2); `{final_wm}` is replaced by the watermark of the last batch
  // that ran (append mode emits only what it closed, 2.3). Empty: the stream query itself.
  std::string batch_sql;
  // When set, the reference instead of `batch_sql`: a model of what the stream emits, computed
  // from the input and from how the run split it into micro-batches, as row strings (any order).
  // For semantics a batch query over all rows cannot express, such as append-mode session
  // windows, which forget what they emitted (a later row touching a closed session starts anew).
  std::function<Result<std::vector<std::string>>(const ReferenceInput&)> reference;
  Fold fold = Fold::kUnion;
  int key_columns = 0;    // kUpsert only
  int delay_seconds = 0;  // the watermark delay on events.ts; 0 when the query has none
  bool second_source = false;  // also feeds events2
  // Not empty: start() must fail with a message containing this (the engine rejects the query
  // today; when it learns to run it, turn the case into a checked one).
  std::string expected_error;
  // Not empty: a known engine bug makes the case fail; it is skipped unless asked for by name.
  std::string known_bug;
};

const std::vector<QueryCase>& Corpus();

}  // namespace runnel::consistency
