#include "consistency/reference_model.h"

#include <algorithm>
#include <map>

#include "runnel/session.h"
#include "runnel/value.h"

namespace runnel::consistency {

std::vector<int64_t> DataBatchWatermarks(const Scenario& scenario, const StreamRun& run, int64_t delay_ms) {
  int num_batches = 0;
  for (int b : run.chunk_batch) num_batches = std::max(num_batches, b + 1);
  // The largest event time each data batch read from `events` (none: no candidate).
  std::vector<std::optional<int64_t>> batch_max(num_batches);
  for (size_t c = 0; c < scenario.chunks.size(); ++c) {
    const Chunk& chunk = scenario.chunks[c];
    if (chunk.source != 0 || run.chunk_batch[c] < 0) continue;
    auto& m = batch_max[run.chunk_batch[c]];
    for (const auto& row : chunk.rows) m = std::max(m.value_or(EventTimeMs(row)), EventTimeMs(row));
  }
  std::vector<int64_t> watermarks;
  int64_t watermark = 0;  // the first batch runs with 0 (2.1.4)
  for (int j = 0; j < num_batches; ++j) {
    watermarks.push_back(watermark);
    // max - delay at the end of batch j; a batch without rows keeps the value; never down (2.1.2-3).
    if (batch_max[j]) watermark = std::max(watermark, *batch_max[j] - delay_ms);
  }
  watermarks.push_back(watermark);
  return watermarks;
}

int64_t LateWatermarkMs(const std::vector<int64_t>& watermarks, const StreamRun& run, int batch) {
  bool after_no_data = batch < static_cast<int>(run.no_data_before.size()) && run.no_data_before[batch];
  return batch == 0 || after_no_data ? watermarks[batch] : watermarks[batch - 1];
}

namespace {

std::string TimestampLiteral(int64_t ms) {
  return "TIMESTAMP '" + type::Value::Timestamp(ms * 1000).ToString() + "'";
}

std::vector<std::string> Sorted(std::vector<std::string> rows) {
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace

Result<std::vector<std::string>> Reference(const QueryCase& query, const Scenario& scenario, const StreamRun& run) {
  if (!query.reference) return BatchReference(query, scenario, run);
  for (size_t c = 0; c < scenario.chunks.size(); ++c) {
    if (run.chunk_batch[c] < 0) return Status::Internal("chunk #" + std::to_string(c) + " was never read by a batch");
  }
  ReferenceInput input{scenario, run, DataBatchWatermarks(scenario, run, query.delay_seconds * 1000LL), {}};
  for (int j = 0; j + 1 < static_cast<int>(input.watermarks.size()); ++j) {
    input.late_watermarks.push_back(LateWatermarkMs(input.watermarks, run, j));
  }
  RUNNEL_ASSIGN_OR_RAISE(auto rows, query.reference(input));
  return Sorted(std::move(rows));
}

Result<std::vector<std::string>> BatchReference(const QueryCase& query, const Scenario& scenario,
                                                const StreamRun& run) {
  auto watermarks = DataBatchWatermarks(scenario, run, query.delay_seconds * 1000LL);
  auto session = Session::Make();
  std::vector<Row> events, events2;
  for (size_t c = 0; c < scenario.chunks.size(); ++c) {
    const Chunk& chunk = scenario.chunks[c];
    int batch = run.chunk_batch[c];
    if (batch < 0) return Status::Internal("chunk #" + std::to_string(c) + " was never read by a batch");
    for (const auto& row : chunk.rows) {
      if (chunk.source == 1) {
        events2.push_back(row);
        continue;
      }
      std::vector<type::Value> values = row.values();
      values.push_back(type::Value::Timestamp(LateWatermarkMs(watermarks, run, batch) * 1000));
      events.emplace_back(std::move(values));
    }
  }
  RUNNEL_RETURN_NOT_OK(session->createDataFrame(events, std::string(kEventsSchema) + ", arrival_wm TIMESTAMP")
                           .createOrReplaceTempView("events"));
  RUNNEL_RETURN_NOT_OK(session->createDataFrame(events2, kEventsSchema).createOrReplaceTempView("events2"));
  RUNNEL_RETURN_NOT_OK(session
                           ->createDataFrame({Row({type::Value::String("a"), type::Value::String("north")}),
                                              Row({type::Value::String("b"), type::Value::String("south")}),
                                              Row({type::Value::String("c"), type::Value::String("north")})},
                                             "user STRING, region STRING")
                           .createOrReplaceTempView("users"));
  std::string sql = query.batch_sql.empty() ? query.stream_sql : query.batch_sql;
  // Append mode has emitted what the watermark of the last batch that ran had closed (2.3).
  size_t at = sql.find("{final_wm}");
  if (at != std::string::npos) {
    int64_t closed = 0;
    if (run.data_batches_before_last_run < static_cast<int>(watermarks.size())) {
      closed = watermarks[run.data_batches_before_last_run];
    }
    sql.replace(at, 10, TimestampLiteral(closed));
  }
  RUNNEL_ASSIGN_OR_RAISE(DataFrame df, session->sql(sql));
  RUNNEL_ASSIGN_OR_RAISE(auto rows, df.collect());
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.ToString());
  return Sorted(std::move(out));
}

std::vector<std::string> FoldOutput(const QueryCase& query, const StreamRun& run) {
  std::vector<std::string> out;
  switch (query.fold) {
    case Fold::kUnion:
      for (const auto& [id, rows] : run.batches) out.insert(out.end(), rows.begin(), rows.end());
      break;
    case Fold::kLastBatch:
      if (!run.batches.empty()) out = run.batches.rbegin()->second;
      break;
    case Fold::kUpsert: {
      // Batches in id order; a group's later row replaces its earlier one.
      std::map<std::string, std::string> by_key;
      for (const auto& [id, rows] : run.batch_rows) {
        for (const auto& row : rows) {
          std::string key;
          for (int k = 0; k < query.key_columns; ++k) key += row.get(k).ToString() + '\x1f';
          by_key[key] = row.ToString();
        }
      }
      for (auto& [key, row] : by_key) out.push_back(row);
      break;
    }
  }
  return Sorted(std::move(out));
}

}  // namespace runnel::consistency
