// The differential test's queries built with Runnel's DataFrame API: the same names and meaning
// as queries.mjs (which DuckDB runs). Writes one canonical result file per query (format in
// canonical.mjs); a query that fails writes "#error" and its message, so the comparer reports it.
//
//   runnel_differential_queries <data_dir> <out_dir>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "runnel/runnel.h"

namespace runnel::differential {
namespace {

using functions::col;
using functions::lit;
namespace f = functions;

// Same rule as FormatDouble in canonical.mjs: 9 significant digits, positional between 1e-5 and
// 1e15 with at least one fractional digit, scientific outside.
std::string FormatDouble(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return "0.0";
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.8e", std::fabs(v));
  std::string text(buffer);
  size_t e = text.find('e');
  int exponent = std::stoi(text.substr(e + 1));
  std::string digits = text.substr(0, 1) + text.substr(2, e - 2);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string sign = v < 0 ? "-" : "";
  if (exponent < -5 || exponent >= 15) {
    std::string rest = digits.size() > 1 ? "." + digits.substr(1) : "";
    return sign + digits.substr(0, 1) + rest + "e" + std::to_string(exponent);
  }
  if (exponent < 0) return sign + "0." + std::string(-exponent - 1, '0') + digits;
  std::string whole = digits.substr(0, std::min<size_t>(digits.size(), exponent + 1));
  whole.append(exponent + 1 - whole.size(), '0');
  std::string fraction = digits.size() > static_cast<size_t>(exponent + 1) ? digits.substr(exponent + 1) : "0";
  return sign + whole + "." + fraction;
}

std::string TypeClass(const type::DataType& t) {
  switch (t.id()) {
    case type::TypeId::kInt:
    case type::TypeId::kBigInt: return "int";
    case type::TypeId::kDouble:
    case type::TypeId::kDecimal: return "double";
    case type::TypeId::kString: return "string";
    case type::TypeId::kDate: return "date";
    case type::TypeId::kBoolean: return "boolean";
    default: return "other";
  }
}

std::string FormatValue(const type::Value& v) {
  if (v.is_null()) return "NULL";
  switch (v.type()->id()) {
    case type::TypeId::kDouble:
    case type::TypeId::kDecimal: return FormatDouble(v.AsDouble());
    case type::TypeId::kInt:
    case type::TypeId::kBigInt: return std::to_string(v.AsInt64());
    case type::TypeId::kString: return v.string_value();
    case type::TypeId::kBoolean: return v.bool_value() ? "true" : "false";
    default: return v.ToString();
  }
}

std::string ResultText(const DataFrame& df) {
  auto schema = df.schema();
  if (!schema.ok()) return "#error\t" + schema.status().ToString() + "\n";
  auto rows = df.collect();
  if (!rows.ok()) return "#error\t" + rows.status().ToString() + "\n";
  std::string out = "#types";
  for (const auto& field : schema->fields()) out += "\t" + TypeClass(*field.type);
  out += "\n";
  for (const Row& row : *rows) {
    for (size_t i = 0; i < row.size(); ++i) out += (i ? "\t" : "") + FormatValue(row[i]);
    out += "\n";
  }
  return out;
}

struct Tables {
  DataFrame sales;
  DataFrame customers;
};

struct Query {
  std::string name;
  std::function<DataFrame(const Tables&)> build;
};

Column Count() { return f::count(lit(1)); }

std::vector<Query> AggregateQueries() {
  return {
      {"agg_by_region", [](const Tables& t) {
         return t.sales.groupBy("region").agg(Count(), f::count(col("quantity")), f::sum(col("quantity")),
                                              f::avg(col("amount")), f::min(col("amount")), f::max(col("amount")));
       }},
      {"agg_by_region_product", [](const Tables& t) {
         return t.sales.groupBy("region", "product")
             .agg(Count(), f::sum(col("amount")), f::min(col("sale_date")), f::max(col("sale_date")));
       }},
      {"agg_count_distinct", [](const Tables& t) {
         return t.sales.groupBy("region").agg(f::count_distinct(col("customer_id")),
                                              f::count_distinct(col("product")));
       }},
      {"agg_count_distinct_two_columns", [](const Tables& t) {
         return t.sales.agg({f::countDistinct({col("region"), col("product")})});
       }},
      {"agg_global", [](const Tables& t) {
         return t.sales.agg({Count(), f::count(col("customer_id")), f::sum(col("big")), f::avg(col("quantity")),
                             f::min(col("big")), f::max(col("big")), f::min(col("product")),
                             f::max(col("product")), f::min(col("sale_date")), f::max(col("sale_date"))});
       }},
      {"agg_global_empty_input", [](const Tables& t) {
         return t.sales.filter(col("quantity") > 1000)
             .agg({Count(), f::sum(col("quantity")), f::avg(col("amount")), f::max(col("product"))});
       }},
      {"agg_grouped_empty_input", [](const Tables& t) {
         return t.sales.filter(col("quantity") > 1000).groupBy("region").agg(Count());
       }},
      {"agg_sum_distinct", [](const Tables& t) {
         return t.sales.groupBy("region").agg(f::sum_distinct(col("quantity")));
       }},
      {"agg_by_date", [](const Tables& t) {
         return t.sales.groupBy("sale_date").agg(Count(), f::sum(col("quantity")));
       }},
      {"agg_by_customer", [](const Tables& t) {
         return t.sales.groupBy("customer_id")
             .agg(Count(), f::sum(col("amount")), f::avg(col("discount")), f::max(col("big")));
       }},
      {"agg_having", [](const Tables& t) {
         return t.sales.groupBy("customer_id").agg(f::sum(col("amount")).alias("total")).filter(col("total") > 90000);
       }},
      {"agg_by_year", [](const Tables& t) {
         return t.sales.groupBy(f::year(col("sale_date")).alias("y"))
             .agg(f::min(col("product")), f::max(col("product")), Count());
       }},
      {"agg_stddev_variance", [](const Tables& t) {
         return t.sales.groupBy("region").agg(f::stddev(col("amount")), f::variance(col("quantity")));
       }},
      {"agg_expression_key", [](const Tables& t) {
         return t.sales.groupBy((col("quantity") % 3).alias("m")).agg(Count(), f::sum(col("big")));
       }},
      {"agg_expression_key_unaliased", [](const Tables& t) {
         return t.sales.groupBy(col("quantity") % 3).agg(Count(), f::sum(col("big")));
       }},
      {"agg_case_inside", [](const Tables& t) {
         return t.sales.groupBy("region").agg(f::sum(f::when(col("quantity") > 10, lit(1)).otherwise(lit(0))),
                                              f::count(f::when(col("amount") < 0, lit(1))));
       }},
      {"agg_of_arithmetic", [](const Tables& t) {
         return t.sales.groupBy("region").agg(
             f::sum(col("amount") * (lit(1.0) - f::coalesce({col("discount"), lit(0.0)}))));
       }},
  };
}

std::vector<Query> FilterAndArithmeticQueries() {
  return {
      {"filter_and_or", [](const Tables& t) {
         return t.sales
             .filter((col("quantity") > 10 && col("region") == "north") ||
                     (col("amount") < 0 && col("product").isNotNull()))
             .select("sale_id", "quantity", "region", "amount");
       }},
      {"filter_null_checks", [](const Tables& t) {
         return t.sales
             .filter(col("customer_id").isNull() || (col("discount").isNull() && col("region").isNotNull()))
             .select("sale_id", "customer_id", "region", "discount");
       }},
      {"filter_not_three_valued", [](const Tables& t) {
         return t.sales.filter(!(col("quantity") > 10)).select("sale_id", "quantity");
       }},
      {"filter_in_between", [](const Tables& t) {
         return t.sales
             .filter(col("region").isin(std::vector<Column>{lit("north"), lit("east")}) &&
                     col("quantity").between(lit(1), lit(5)))
             .select("sale_id", "region", "quantity");
       }},
      {"filter_empty_string", [](const Tables& t) {
         return t.sales.filter(col("product") == "").select("sale_id", "product", "region");
       }},
      {"filter_date_vs_string", [](const Tables& t) {
         // Spark casts the string to DATE to compare it with a DATE column.
         return t.sales.filter(col("sale_date") >= "2022-06-01" && col("sale_date") < "2022-07-01")
             .select("sale_id", "sale_date");
       }},
      {"arith_basic", [](const Tables& t) {
         return t.sales.select(col("sale_id"), col("quantity") * 2 + 1, col("amount") - col("discount"),
                               col("amount") * col("quantity"), col("big") + col("quantity"), -col("amount"));
       }},
      {"arith_division", [](const Tables& t) {
         // Spark: `/` is DOUBLE division and x / 0 and x % 0 are NULL.
         return t.sales.select(col("sale_id"), col("amount") / col("quantity"), col("quantity") / 4,
                               col("big") / 1000, lit(100) % col("quantity"));
       }},
      {"arith_round_half_up", [](const Tables& t) {
         return t.sales.select(col("sale_id"), f::round(col("amount") * 1.1, 1), f::round(col("amount") / 3, 2));
       }},
  };
}

std::vector<Query> JoinQueries() {
  auto keyed = [](const Tables& t) {
    return std::make_pair(t.sales.alias("s"), t.customers.alias("c"));
  };
  return {
      {"join_inner", [](const Tables& t) {
         return t.sales.join(t.customers, "customer_id").select("sale_id", "customer_id", "name", "amount");
       }},
      {"join_left", [](const Tables& t) {
         return t.sales.join(t.customers, "customer_id", "left").select("sale_id", "customer_id", "name", "segment");
       }},
      {"join_right", [](const Tables& t) {
         return t.sales.join(t.customers, "customer_id", "right").select("customer_id", "sale_id", "name");
       }},
      {"join_full", [](const Tables& t) {
         return t.sales.join(t.customers, "customer_id", "full").select("customer_id", "sale_id", "name");
       }},
      {"join_semi", [](const Tables& t) { return t.customers.join(t.sales, "customer_id", "left_semi"); }},
      {"join_anti", [](const Tables& t) { return t.customers.join(t.sales, "customer_id", "left_anti"); }},
      {"join_anti_null_keys", [](const Tables& t) {
         return t.sales.join(t.customers, "customer_id", "left_anti").select("sale_id", "customer_id");
       }},
      {"join_two_keys", [](const Tables& t) {
         return t.sales.join(t.customers, std::vector<std::string>{"customer_id", "region"})
             .select("customer_id", "region", "sale_id", "name");
       }},
      {"join_two_keys_left", [](const Tables& t) {
         return t.sales.join(t.customers, std::vector<std::string>{"customer_id", "region"}, "left")
             .select("customer_id", "region", "sale_id", "name");
       }},
      {"join_two_keys_full", [](const Tables& t) {
         return t.sales.join(t.customers, std::vector<std::string>{"customer_id", "region"}, "full")
             .select("customer_id", "region", "sale_id", "name");
       }},
      {"join_residual_inner", [keyed](const Tables& t) {
         auto [s, c] = keyed(t);
         return s.join(c, col("s.customer_id") == col("c.customer_id") && col("s.sale_date") >= col("c.signup_date"))
             .select("s.sale_id", "c.name", "s.sale_date", "c.signup_date");
       }},
      {"join_residual_left", [keyed](const Tables& t) {
         auto [s, c] = keyed(t);
         return s.join(c, col("s.customer_id") == col("c.customer_id") && col("c.credit") > col("s.amount"), "left")
             .select("s.sale_id", "c.name", "c.credit");
       }},
      {"join_residual_full", [keyed](const Tables& t) {
         auto [s, c] = keyed(t);
         return s
             .join(c, col("s.customer_id") == col("c.customer_id") && col("c.credit") > col("s.amount") * 20, "full")
             .select("s.sale_id", "c.customer_id", "c.credit");
       }},
      {"join_semi_residual", [keyed](const Tables& t) {
         auto [s, c] = keyed(t);
         return c.join(s, col("c.customer_id") == col("s.customer_id") && col("s.amount") > 4900, "left_semi");
       }},
      {"join_then_aggregate", [](const Tables& t) {
         return t.sales.join(t.customers, "customer_id")
             .groupBy("segment")
             .agg(Count(), f::sum(col("amount")), f::count_distinct(col("customer_id")));
       }},
  };
}

std::vector<Query> SetOrderStringQueries() {
  return {
      {"union_distinct", [](const Tables& t) {
         return t.sales.select("region").union_(t.customers.select("region")).distinct();
       }},
      {"union_all_aggregate", [](const Tables& t) {
         return t.sales.select("customer_id", "region")
             .union_(t.customers.select("customer_id", "region"))
             .groupBy("region")
             .agg(Count());
       }},
      {"distinct_two_columns", [](const Tables& t) { return t.sales.select("region", "product").distinct(); }},
      {"order_asc_nulls_first_limit", [](const Tables& t) {
         return t.sales.select("sale_id", "amount").orderBy("amount", "sale_id").limit(25);
       }},
      {"order_desc_nulls_last_limit", [](const Tables& t) {
         return t.sales.select("sale_id", "quantity").orderBy(col("quantity").desc(), col("sale_id").desc()).limit(30);
       }},
      {"order_multi_key_limit", [](const Tables& t) {
         return t.sales.select("region", "amount", "sale_id")
             .orderBy(col("region"), col("amount").desc(), col("sale_id"))
             .limit(40);
       }},
      {"order_aggregate_limit", [](const Tables& t) {
         return t.sales.groupBy("customer_id")
             .agg(f::sum(col("amount")).alias("total"))
             .orderBy(col("total").desc(), col("customer_id"))
             .limit(10);
       }},
      {"order_string_limit", [](const Tables& t) {
         return t.sales.select("product", "sale_id").orderBy("product", "sale_id").limit(30);
       }},
      {"order_offset", [](const Tables& t) {
         return t.sales.select("sale_id", "product").orderBy("sale_id").offset(19990).limit(10);
       }},
      {"string_functions", [](const Tables& t) {
         Column p = col("product");
         return t.sales.select(col("sale_id"), f::lower(p), f::upper(p), f::length(p), f::substring(p, 2, 3),
                               f::concat({p, lit("-"), col("region")}));
       }},
      {"string_functions_customers", [](const Tables& t) {
         Column n = col("name");
         return t.customers.select(col("customer_id"), f::upper(n), f::length(n), f::substring(n, 1, 3),
                                   f::concat({n, col("segment")}));
       }},
      {"string_group_by_lower", [](const Tables& t) {
         return t.sales.groupBy(f::lower(col("product"))).agg(Count(), f::sum(col("quantity")));
       }},
      {"case_when", [](const Tables& t) {
         return t.sales.select(
             col("sale_id"),
             f::when(col("quantity") > 20, lit("big")).when(col("quantity") > 0, lit("small")).otherwise(lit("none")),
             f::when(col("amount") < 0, -col("amount")));
       }},
      {"coalesce", [](const Tables& t) {
         return t.sales.select(col("sale_id"), f::coalesce({col("customer_id"), lit(-1)}),
                               f::coalesce({col("product"), col("region"), lit("?")}),
                               f::coalesce({col("discount"), lit(0.0)}));
       }},
  };
}

int Run(const std::string& data_dir, const std::string& out_dir) {
  auto session = Session::Make();
  auto read = [&](const std::string& file, const std::string& schema) {
    // std::string: a string literal would pick DataFrameReader::option(key, bool) and set "true".
    return session->read()
        .option("header", true)
        .option("nullValue", std::string("NULL"))
        .schema(schema)
        .csv(data_dir + "/" + file);
  };
  Tables tables{read("sales.csv",
                     "sale_id INT, customer_id INT, product STRING, region STRING, quantity INT, amount DOUBLE, "
                     "big BIGINT, sale_date DATE, discount DOUBLE"),
                read("customers.csv",
                     "customer_id INT, name STRING, segment STRING, region STRING, signup_date DATE, credit BIGINT")};
  std::filesystem::create_directories(out_dir);
  std::vector<Query> queries;
  for (auto group : {AggregateQueries(), FilterAndArithmeticQueries(), JoinQueries(), SetOrderStringQueries()}) {
    queries.insert(queries.end(), group.begin(), group.end());
  }
  for (const Query& q : queries) {
    std::ofstream(out_dir + "/" + q.name + ".txt") << ResultText(q.build(tables));
  }
  std::cout << "runnel: ran " << queries.size() << " queries into " << out_dir << "\n";
  return 0;
}

}  // namespace
}  // namespace runnel::differential

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: runnel_differential_queries <data_dir> <out_dir>\n";
    return 2;
  }
  return runnel::differential::Run(argv[1], argv[2]);
}
