// Runs a corpus query as a stream over a scenario, synchronously (MicroBatchExecution on a
// manual clock, as tools/slt's stream driver does), with its restarts and crashes, and records
// what the sink got per batch id and which micro-batch each input chunk arrived in.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "consistency/corpus.h"
#include "consistency/scenario.h"
#include "runnel/status.h"

namespace runnel::consistency {

struct StreamRun {
  // The sink's rows per batch id; a batch re-run after a crash replaced its own entry.
  std::map<int64_t, std::vector<std::string>> batches;
  std::map<int64_t, std::vector<Row>> batch_rows;
  // Per chunk, the ordinal of the data micro-batch (one that read new rows) that read it.
  std::vector<int> chunk_batch;
  // Per data micro-batch, whether a no-data batch ran between it and the data batch before:
  // then its late-events watermark (the one the previous batch ran with) is its own.
  std::vector<bool> no_data_before;
  // Data micro-batches that had committed when the last batch ran: that batch's watermark is
  // computed from them (the reference for what append mode has closed).
  int data_batches_before_last_run = 0;
  int64_t engine_watermark_ms = 0;  // what the engine says the next batch would run with
  std::string log;                  // one line per trigger: batch id, what it read, outcome
};

// The start() error of a query the engine rejects, or OK.
Status StartError(const QueryCase& query, const std::string& checkpoint_dir);

Result<StreamRun> RunAsStream(const QueryCase& query, const Scenario& scenario, const std::string& checkpoint_dir);

}  // namespace runnel::consistency
