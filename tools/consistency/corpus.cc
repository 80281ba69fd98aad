#include "consistency/corpus.h"

#include "consistency/session_model.h"
#include "runnel/functions.h"

namespace runnel::consistency {
namespace {

const char* kWatermark = "events WATERMARK ts DELAY OF INTERVAL 10 SECONDS";

// A window() aggregation: the stream groups by window(<window_args>) (and `key`), the batch
// reference assigns each row its window copies first and drops, per copy, those late at the
// row's arrival (a sliding window judges each copy alone, SPARK_SEMANTICS 2.2); append mode
// keeps only the windows the last batch's watermark closed (2.3). Complete mode drops nothing.
QueryCase WindowCase(std::string name, std::string mode, const std::string& window_args, const std::string& key,
                     const std::string& aggregates, const std::string& agg_names) {
  QueryCase c;
  c.name = std::move(name);
  c.mode = std::move(mode);
  std::string key_select = key.empty() ? "" : key + ", ";
  std::string key_group = key.empty() ? "" : ", " + key;
  c.stream_sql = "SELECT w.start AS start, w.end AS end, " + key_select + agg_names + " FROM (SELECT window(" +
                 window_args + ") AS w, " + key_select + aggregates + " FROM " + kWatermark + " GROUP BY window(" +
                 window_args + ")" + key_group + ")";
  std::string filter;
  if (c.mode != "complete") filter = " WHERE w.end > arrival_wm";
  if (c.mode == "append") filter += " AND w.end <= {final_wm}";
  c.batch_sql = "SELECT w.start AS start, w.end AS end, " + key_select + aggregates + " FROM (SELECT window(" +
                window_args + ") AS w, * FROM events)" + filter + " GROUP BY w.start, w.end" + key_group;
  c.fold = c.mode == "append" ? Fold::kUnion : c.mode == "update" ? Fold::kUpsert : Fold::kLastBatch;
  c.key_columns = key.empty() ? 2 : 3;
  c.delay_seconds = 10;
  return c;
}

QueryCase Stateless(std::string name, std::string mode, std::string sql) {
  QueryCase c;
  c.name = std::move(name);
  c.mode = std::move(mode);
  c.stream_sql = std::move(sql);
  c.fold = Fold::kUnion;  // update mode without aggregation is append (docs/streaming.md)
  return c;
}

QueryCase Grouped(std::string name, std::string mode, std::string sql, int key_columns) {
  QueryCase c;
  c.name = std::move(name);
  c.mode = std::move(mode);
  c.stream_sql = std::move(sql);
  c.fold = c.mode == "update" ? Fold::kUpsert : Fold::kLastBatch;
  c.key_columns = key_columns;
  return c;
}

QueryCase Rejected(std::string name, std::string mode, std::string sql, std::string error) {
  QueryCase c;
  c.name = std::move(name);
  c.mode = std::move(mode);
  c.stream_sql = std::move(sql);
  c.expected_error = std::move(error);
  return c;
}

std::vector<QueryCase> MakeCorpus() {
  std::vector<QueryCase> corpus;
  // Stateless: nothing is late (SPARK_SEMANTICS 2.2, last point), every row comes out once.
  corpus.push_back(Stateless("filter_project", "append",
                             "SELECT user, amount * 2 AS doubled, ts FROM events WHERE amount > 10"));
  corpus.push_back(Stateless("filter_project_update", "update",
                             "SELECT user, amount - 1 AS less FROM events WHERE amount IS NULL OR amount < 50"));
  corpus.push_back(Stateless("explode_tags", "append",
                             "SELECT user, ts, explode(split(tags, ',')) AS tag FROM events"));
  {
    QueryCase c = Stateless("union_of_streams", "append",
                            "SELECT user, amount FROM events WHERE amount > 20 "
                            "UNION ALL SELECT user, amount + 1000 AS amount FROM events2");
    c.second_source = true;
    corpus.push_back(c);
  }
  corpus.push_back(Stateless("stream_static_inner_join", "append",
                             "SELECT e.user, u.region, e.amount FROM events e JOIN users u ON e.user = u.user"));
  corpus.push_back(Stateless("stream_static_left_join", "append",
                             "SELECT e.user, u.region, e.ts FROM events e LEFT JOIN users u ON e.user = u.user"));
  corpus.push_back(Stateless("stream_static_left_anti_join", "append",
                             "SELECT e.user, e.amount FROM events e LEFT ANTI JOIN users u ON e.user = u.user"));
  {
    QueryCase c = Stateless("watermark_without_state", "append",
                            "SELECT user, ts FROM events WATERMARK ts DELAY OF INTERVAL 10 SECONDS WHERE amount > 30");
    c.delay_seconds = 10;  // moves the watermark, drops nothing
    corpus.push_back(c);
  }

  // Global aggregates and GROUP BY keys: no event-time key, so nothing is dropped.
  const std::string global = "SELECT count(*) AS c, count(amount) AS n, sum(amount) AS s, min(amount) AS mn, "
                             "max(amount) AS mx, avg(amount) AS a FROM events";
  corpus.push_back(Grouped("global_agg_complete", "complete", global, 0));
  corpus.push_back(Grouped("global_agg_update", "update", global, 0));
  const std::string by_user = "SELECT user, count(*) AS c, sum(amount) AS s, min(ts) AS first_ts, avg(amount) AS a "
                              "FROM events GROUP BY user";
  corpus.push_back(Grouped("group_by_user_update", "update", by_user, 1));
  corpus.push_back(Grouped("group_by_user_complete", "complete", by_user, 1));
  corpus.push_back(Grouped("group_by_two_keys_update", "update",
                           "SELECT user, amount % 3 AS bucket, count(*) AS c, max(ts) AS last_ts FROM events "
                           "GROUP BY user, amount % 3",
                           2));
  corpus.push_back(Grouped("distinct_users_update", "update", "SELECT DISTINCT user FROM events", 1));
  corpus.push_back(Grouped("join_then_group_update", "update",
                           "SELECT u.region, count(*) AS c, sum(e.amount) AS s FROM events e "
                           "JOIN users u ON e.user = u.user GROUP BY u.region",
                           1));
  corpus.push_back(Grouped("sorted_complete", "complete",
                           "SELECT user, count(*) AS c FROM events GROUP BY user ORDER BY c DESC", 1));
  {
    // A watermark the aggregation cannot use (its key has no event time): nothing is dropped
    // (SPARK_SEMANTICS 2.2, "Watermark is only honored ...").
    QueryCase c = Grouped("watermark_on_non_event_time_key_update", "update",
                          std::string("SELECT user, count(*) AS c FROM ") + kWatermark + " GROUP BY user", 1);
    c.delay_seconds = 10;
    corpus.push_back(c);
  }

  // An event-time key without window(): late when ts <= watermark.
  {
    QueryCase c;
    c.name = "event_time_key_append";
    c.mode = "append";
    c.stream_sql = std::string("SELECT ts, count(*) AS c, sum(amount) AS s FROM ") + kWatermark + " GROUP BY ts";
    c.batch_sql = "SELECT ts, count(*) AS c, sum(amount) AS s FROM events "
                  "WHERE ts > arrival_wm AND ts <= {final_wm} GROUP BY ts";
    c.fold = Fold::kUnion;
    c.delay_seconds = 10;
    corpus.push_back(c);
  }
  {
    QueryCase c;
    c.name = "event_time_and_user_key_update";
    c.mode = "update";
    c.stream_sql = std::string("SELECT ts, user, count(*) AS c FROM ") + kWatermark + " GROUP BY ts, user";
    c.batch_sql = "SELECT ts, user, count(*) AS c FROM events WHERE ts > arrival_wm GROUP BY ts, user";
    c.fold = Fold::kUpsert;
    c.key_columns = 2;
    c.delay_seconds = 10;
    corpus.push_back(c);
  }

  // Windows: tumbling and sliding, append, update and complete.
  const std::string all_aggs = "count(*) AS c, sum(amount) AS s, min(amount) AS mn, max(amount) AS mx, avg(amount) AS a";
  const std::string all_names = "c, s, mn, mx, a";
  corpus.push_back(WindowCase("tumbling_count_append", "append", "ts, '5 seconds'", "", "count(*) AS c", "c"));
  corpus.push_back(WindowCase("tumbling_aggs_append", "append", "ts, '5 seconds'", "user", all_aggs, all_names));
  corpus.push_back(WindowCase("tumbling_aggs_update", "update", "ts, '5 seconds'", "user", all_aggs, all_names));
  corpus.push_back(WindowCase("tumbling_aggs_complete", "complete", "ts, '5 seconds'", "user", all_aggs, all_names));
  corpus.push_back(
      WindowCase("sliding_count_append", "append", "ts, '10 seconds', '5 seconds'", "", "count(*) AS c, sum(amount) AS s", "c, s"));
  corpus.push_back(WindowCase("sliding_aggs_update", "update", "ts, '10 seconds', '5 seconds'", "user", all_aggs, all_names));
  corpus.push_back(WindowCase("sliding_three_copies_append", "append", "ts, '15 seconds', '5 seconds'", "user",
                              "count(*) AS c, max(amount) AS mx", "c, mx"));
  corpus.push_back(WindowCase("sliding_count_complete", "complete", "ts, '10 seconds', '5 seconds'", "", "count(*) AS c", "c"));
  corpus.push_back(WindowCase("window_with_start_offset_update", "update", "ts, '10 seconds', '5 seconds', '2 seconds'",
                              "", "count(*) AS c, min(amount) AS mn", "c, mn"));

  // Deduplication.
  {
    // dropDuplicates with the event time among the keys: each (user, ts) once; rows behind the
    // watermark are late (their key may have been forgotten, and they are dropped).
    QueryCase c;
    c.name = "dedup_event_time_append";
    c.mode = "append";
    c.build = [](const DataFrame& events) {
      return events.withWatermark("ts", "10 seconds").dropDuplicates({"user", "ts"}).select("user", "ts");
    };
    c.batch_sql = "SELECT DISTINCT user, ts FROM events WHERE ts > arrival_wm";
    c.delay_seconds = 10;
    corpus.push_back(c);
  }
  {
    // Without a watermark every key is kept forever: each user once.
    QueryCase c;
    c.name = "dedup_user_update";
    c.mode = "update";
    c.build = [](const DataFrame& events) { return events.dropDuplicates({"user"}).select("user"); };
    c.batch_sql = "SELECT DISTINCT user FROM events";
    corpus.push_back(c);
  }

  // Session windows in complete mode: nothing is dropped or evicted, so sessions merged across
  // random micro-batches, restarts and crashes must equal the batch's sessions over all rows.
  corpus.push_back(Grouped("session_complete", "complete",
                           "SELECT user, s.start AS start, s.end AS end, c, sm FROM (SELECT user, "
                           "session_window(ts, '5 seconds') AS s, count(*) AS c, sum(amount) AS sm FROM events "
                           "GROUP BY user, session_window(ts, '5 seconds'))",
                           3));
  corpus.push_back(Grouped("session_dynamic_gap_complete", "complete",
                           "SELECT user, s.start AS start, s.end AS end, c, mx FROM (SELECT user, "
                           "session_window(ts, CASE WHEN user = 'a' THEN '2 seconds' WHEN amount < 0 THEN NULL "
                           "ELSE '8 seconds' END) AS s, count(*) AS c, max(amount) AS mx FROM events "
                           "GROUP BY user, session_window(ts, CASE WHEN user = 'a' THEN '2 seconds' "
                           "WHEN amount < 0 THEN NULL ELSE '8 seconds' END))",
                           3));

  // Session windows in append mode: a session is emitted once the watermark passes its end and
  // then forgotten, so a later (not late) row touching it starts a new session, and which rows
  // merge depends on the micro-batch split. No batch query over all rows says that; the
  // reference is a model of the state store's merging and eviction (session_model.h).
  {
    QueryCase c;
    c.name = "session_append";
    c.mode = "append";
    c.stream_sql = std::string("SELECT user, s.start AS start, s.end AS end, c, sm FROM (SELECT user, "
                               "session_window(ts, '5 seconds') AS s, count(*) AS c, sum(amount) AS sm FROM ") +
                   kWatermark + " GROUP BY user, session_window(ts, '5 seconds'))";
    c.reference = [](const ReferenceInput& input) { return AppendSessionsByUser(input, 5); };
    c.fold = Fold::kUnion;
    c.delay_seconds = 10;
    corpus.push_back(c);
  }

  // Chained stateful operators in append mode: a window aggregation over the windows of another.
  // The first drops window copies late at arrival; what it closes is never late for the second,
  // and the second closes a window only after the first has emitted everything inside it.
  {
    QueryCase c;
    c.name = "window_of_windows_append";
    c.mode = "append";
    c.stream_sql = std::string("SELECT w10.start AS start, w10.end AS end, n, s FROM (SELECT window(w5, '10 seconds') "
                               "AS w10, count(*) AS n, sum(c) AS s FROM (SELECT window(ts, '5 seconds') AS w5, "
                               "count(*) AS c FROM ") +
                   kWatermark + " GROUP BY window(ts, '5 seconds')) GROUP BY window(w5, '10 seconds'))";
    c.batch_sql = "SELECT w10.start AS start, w10.end AS end, n, s FROM (SELECT window(w5, '10 seconds') AS w10, "
                  "count(*) AS n, sum(c) AS s FROM (SELECT w AS w5, count(*) AS c FROM (SELECT window(ts, "
                  "'5 seconds') AS w, * FROM events) WHERE w.end > arrival_wm GROUP BY w) "
                  "GROUP BY window(w5, '10 seconds')) WHERE w10.end <= {final_wm}";
    c.delay_seconds = 10;
    corpus.push_back(c);
  }
  {
    // dropDuplicates (event time among the keys), then windowed counts of the distinct rows.
    QueryCase c;
    c.name = "dedup_then_window_append";
    c.mode = "append";
    c.build = [](const DataFrame& events) {
      using namespace functions;
      DataFrame distinct = events.withWatermark("ts", "10 seconds").dropDuplicates({"user", "ts"});
      return distinct.groupBy({window(col("ts"), "5 seconds").alias("w")})
          .agg({count(lit(1)).alias("c")})
          .select({col("w.start").alias("start"), col("c")});
    };
    c.batch_sql = "SELECT w.start AS start, count(*) AS c FROM (SELECT window(ts, '5 seconds') AS w FROM "
                  "(SELECT DISTINCT user, ts FROM events WHERE ts > arrival_wm)) WHERE w.end <= {final_wm} "
                  "GROUP BY w.start";
    c.delay_seconds = 10;
    corpus.push_back(c);
  }

  corpus.push_back(Rejected("session_window_update_rejected", "update",
                            std::string("SELECT user, session_window(ts, '5 seconds') AS s, count(*) AS c FROM ") +
                                kWatermark + " GROUP BY user, session_window(ts, '5 seconds')",
                            "Update output mode not supported for session window"));
  corpus.push_back(Rejected("chained_aggregations_update_rejected", "update",
                            "SELECT c, count(*) AS n FROM (SELECT user, count(*) AS c FROM events GROUP BY user) "
                            "GROUP BY c",
                            "Multiple streaming aggregations are not supported with streaming DataFrames/Datasets"));
  corpus.push_back(Rejected("stream_stream_join_rejected", "append",
                            "SELECT a.user, b.amount FROM events a JOIN events2 b ON a.user = b.user",
                            "Join between two streaming DataFrames/Datasets"));
  return corpus;
}

}  // namespace

const std::vector<QueryCase>& Corpus() {
  static const std::vector<QueryCase> corpus = MakeCorpus();
  return corpus;
}

}  // namespace runnel::consistency
