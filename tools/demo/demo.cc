// The main job: batch DataFrame queries over the bundled coffee-shop data in data/demo/,
// printed as Spark's show() prints them, the sales saved as partitioned Parquet and read back,
// and the same logic run as a stream over files arriving one day at a time. `make run` builds
// and runs it.
#include <cstdio>
#include <filesystem>
#include <string>

#include "runnel/runnel.h"

using runnel::DataFrame;
using runnel::Status;
using namespace runnel::functions;

namespace {

// The demo reruns from scratch: its streaming output and checkpoint go first.
void RemoveTree(const std::string& path) {
  std::error_code ignored;
  std::filesystem::remove_all(path, ignored);
}

void Title(const char* text) { std::printf("\n== %s\n", text); }

// The same business logic as a stream: the sales arrive as one CSV file per day, a streaming
// query turns each new file into a micro-batch and appends the priced lines to a Parquet
// directory, exactly once; a batch read of that directory then equals the batch query.
Status RunStream(runnel::Session& session, const DataFrame& sales, const std::string& out_dir) {
  Title("Streaming: the sales arrive one file per day; the same query runs as a stream");
  RUNNEL_RETURN_NOT_OK(sales.withColumn("day", to_date(col("ordered_at")))
                           .write()
                           .mode("overwrite")
                           .partitionBy({"day"})
                           .option("header", true)
                           .csv(out_dir + "/arriving-sales"));
  auto priced = [](const DataFrame& df) {
    return df.filter(col("unit_price").isNotNull())
        .withColumn("revenue", col("quantity") * col("unit_price"))
        .select("order_id", "day", "product", "revenue");
  };
  DataFrame arriving = session.readStream()
                           .format("csv")
                           .option("header", true)
                           .option("maxFilesPerTrigger", "1")  // each day's file is its own micro-batch
                           .schema("order_id INT, customer_id INT, product STRING, quantity INT, "
                                   "unit_price DECIMAL(10,2), ordered_at TIMESTAMP, day DATE")
                           .load(out_dir + "/arriving-sales");
  std::printf("isStreaming: %s\n", arriving.isStreaming() ? "true" : "false");
  RemoveTree(out_dir + "/priced-stream");
  RemoveTree(out_dir + "/checkpoints/priced");
  RUNNEL_ASSIGN_OR_RAISE(runnel::StreamingQuery query,
                         priced(arriving).writeStream()
                             .format("parquet")
                             .queryName("priced")
                             .option("checkpointLocation", out_dir + "/checkpoints/priced")
                             .trigger(runnel::Trigger::AvailableNow())
                             .start(out_dir + "/priced-stream"));
  RUNNEL_RETURN_NOT_OK(query.awaitTermination());
  for (const auto& p : query.recentProgress()) {
    if (p.numInputRows == 0) continue;
    std::printf("batch %lld: %lld rows in, %lld rows out, file source offset %s\n", static_cast<long long>(p.batchId),
                static_cast<long long>(p.numInputRows), static_cast<long long>(p.sink.numOutputRows),
                p.sources[0].endOffset.c_str());
  }
  std::printf("last progress:\n%s\n", query.lastProgress()->prettyJson().c_str());
  DataFrame streamed = session.read().parquet(out_dir + "/priced-stream");
  DataFrame batch = priced(sales.withColumn("day", to_date(col("ordered_at"))));
  RUNNEL_ASSIGN_OR_RAISE(int64_t streamed_rows, streamed.count());
  RUNNEL_ASSIGN_OR_RAISE(int64_t same_rows, streamed.join(batch, {"order_id", "day", "product", "revenue"}).count());
  RUNNEL_ASSIGN_OR_RAISE(int64_t batch_rows, batch.count());
  std::printf("stream wrote %lld rows; the batch query gives %lld; %lld match: %s\n",
              static_cast<long long>(streamed_rows), static_cast<long long>(batch_rows),
              static_cast<long long>(same_rows),
              streamed_rows == batch_rows && same_rows == batch_rows ? "the same answer" : "DIFFERENT");
  RUNNEL_RETURN_NOT_OK(
      streamed.groupBy("day").agg(count(col("*")).alias("orders"), sum(col("revenue")).alias("revenue")).orderBy("day").show());

  Title("Streaming aggregation: revenue per product, kept in the state store (complete mode)");
  RemoveTree(out_dir + "/checkpoints/revenue");
  RUNNEL_ASSIGN_OR_RAISE(runnel::StreamingQuery totals,
                         priced(arriving).groupBy("product")
                             .agg(count(col("*")).alias("orders"), sum(col("revenue")).alias("revenue"))
                             .writeStream()
                             .outputMode("complete")
                             .format("memory")
                             .queryName("revenue_per_product")
                             .option("checkpointLocation", out_dir + "/checkpoints/revenue")
                             .trigger(runnel::Trigger::AvailableNow())
                             .start());
  RUNNEL_RETURN_NOT_OK(totals.awaitTermination());
  const auto state = totals.lastProgress()->stateOperators.at(0);
  std::printf("%lld batches; state: %lld groups in the store\n", static_cast<long long>(totals.recentProgress().size()),
              static_cast<long long>(state.numRowsTotal));
  RUNNEL_ASSIGN_OR_RAISE(DataFrame table, session.sql("SELECT * FROM revenue_per_product ORDER BY revenue DESC"));
  return table.show();
}

Status Run(const std::string& data_dir, const std::string& out_dir) {
  auto session = runnel::Session::Make();
  DataFrame sales = session->read()
                        .option("header", true)
                        .schema("order_id INT, customer_id INT, product STRING, quantity INT, "
                                "unit_price DECIMAL(10,2), ordered_at TIMESTAMP")
                        .csv(data_dir + "/sales.csv");
  DataFrame customers = session->read().json(data_dir + "/customers.json");

  Title("Schemas");
  RUNNEL_RETURN_NOT_OK(sales.printSchema());
  RUNNEL_RETURN_NOT_OK(customers.printSchema());

  Title("Revenue per product (filter, withColumn, groupBy, orderBy)");
  DataFrame lines = sales.filter(col("unit_price").isNotNull())
                        .withColumn("revenue", col("quantity") * col("unit_price"));
  RUNNEL_RETURN_NOT_OK(lines.groupBy("product")
                           .agg(count(col("*")).alias("orders"), sum(col("quantity")).alias("units"),
                                sum(col("revenue")).alias("revenue"))
                           .orderBy(col("revenue").desc())
                           .show());

  Title("Spend per city (join with JSON customers, several aggregates)");
  RUNNEL_RETURN_NOT_OK(lines.join(customers.withColumnRenamed("id", "customer_id"), "customer_id")
                           .groupBy("city")
                           .agg(count_distinct(col("customer_id")).alias("customers"),
                                round(avg(col("revenue")), 2).alias("avg_order"),
                                max(col("ordered_at")).alias("last_order"))
                           .orderBy("city")
                           .show());

  Title("Orders per day (date functions)");
  RUNNEL_RETURN_NOT_OK(sales.groupBy(date_format(col("ordered_at"), "yyyy-MM-dd").alias("day"))
                           .agg(count(col("*")).alias("orders"), collect_set(col("product")).alias("products"))
                           .orderBy("day")
                           .show(20, false));

  Title("Customers without orders (left anti join) and tags (explode)");
  RUNNEL_RETURN_NOT_OK(customers.join(sales.withColumnRenamed("customer_id", "id"), "id", "left_anti")
                           .select("id", "name")
                           .show());
  RUNNEL_RETURN_NOT_OK(customers.select(col("name"), explode(col("tags")).alias("tag"))
                           .groupBy("tag")
                           .agg(collect_list(col("name")).alias("who"))
                           .orderBy("tag")
                           .show());

  Title("Saved as Parquet, one directory per day; read back, pruned to one day");
  RUNNEL_RETURN_NOT_OK(sales.withColumn("day", to_date(col("ordered_at")))
                           .write()
                           .mode("overwrite")
                           .partitionBy({"day"})
                           .parquet(out_dir + "/sales"));
  DataFrame saved = session->read().parquet(out_dir + "/sales");
  RUNNEL_RETURN_NOT_OK(saved.printSchema());
  DataFrame first_day = saved.filter("day = DATE '2024-03-01'").groupBy("day").agg(count(col("*")).alias("orders"));
  RUNNEL_RETURN_NOT_OK(first_day.show());
  RUNNEL_RETURN_NOT_OK(first_day.explain());

  Title("Query plan of the revenue query");
  RUNNEL_RETURN_NOT_OK(lines.groupBy("product").agg(sum(col("revenue"))).filter(col("product") != "mug").explain());
  return RunStream(*session, sales, out_dir);
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir = argc > 1 ? argv[1] : RUNNEL_DEMO_DATA_DIR;
  // Where the demo saves its Parquet output (`make run` uses build/demo-output).
  std::string out_dir = argc > 2 ? argv[2] : "runnel-demo-output";
  Status st = Run(data_dir, out_dir);
  if (!st.ok()) {
    std::fprintf(stderr, "runnel demo: %s\n", st.ToString().c_str());
    return 1;
  }
  return 0;
}
