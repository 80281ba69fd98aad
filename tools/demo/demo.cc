// The main job for now: batch DataFrame queries over the bundled coffee-shop data in
// data/demo/, printed as Spark's show() prints them, and the sales saved as partitioned
// Parquet and read back. `make run` builds and runs it.
#include <cstdio>
#include <string>

#include "runnel/runnel.h"

using runnel::DataFrame;
using runnel::Status;
using namespace runnel::functions;

namespace {

void Title(const char* text) { std::printf("\n== %s\n", text); }

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
  return lines.groupBy("product").agg(sum(col("revenue"))).filter(col("product") != "mug").explain();
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
