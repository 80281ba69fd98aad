// Built-in functions by their Spark names (org.apache.spark.sql.functions). Every function in
// the registry is also reachable by name through call_function("name", ...).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runnel/column.h"

namespace runnel::functions {

Column col(const std::string& name);
Column column(const std::string& name);
Column lit(const type::Value& value);
Column lit(int32_t v);
Column lit(int64_t v);
Column lit(double v);
Column lit(bool v);
Column lit(const char* v);
Column lit(const std::string& v);
Column call_function(const std::string& name, const std::vector<Column>& args);
// A SQL expression: expr("amount * 2 + 1"), expr("CASE WHEN a > 0 THEN 'pos' END"). A syntax
// error surfaces, with a caret under its position, when the DataFrame is used.
Column expr(const std::string& sql);

// Aggregates.
Column count(const Column& c);  // count(lit(1)) or count("*") counts rows
Column countDistinct(const std::vector<Column>& cs);
Column count_distinct(const Column& c);
Column sum(const Column& c);
Column sum_distinct(const Column& c);
Column avg(const Column& c);
Column mean(const Column& c);
Column min(const Column& c);
Column max(const Column& c);
Column first(const Column& c, bool ignore_nulls = false);
Column last(const Column& c, bool ignore_nulls = false);
Column collect_list(const Column& c);
Column collect_set(const Column& c);
Column approx_count_distinct(const Column& c, double rsd = 0.05);
Column stddev(const Column& c);
Column stddev_pop(const Column& c);
Column variance(const Column& c);
Column var_pop(const Column& c);

// Conditionals and NULLs.
Column when(const Column& condition, const Column& value);
Column coalesce(const std::vector<Column>& cs);
Column isnull(const Column& c);
Column isnan(const Column& c);

// Strings.
Column lower(const Column& c);
Column upper(const Column& c);
Column length(const Column& c);
Column substring(const Column& c, int pos, int len);
Column concat(const std::vector<Column>& cs);
Column concat_ws(const std::string& sep, const std::vector<Column>& cs);
Column trim(const Column& c);
Column ltrim(const Column& c);
Column rtrim(const Column& c);
Column split(const Column& c, const std::string& pattern);
Column regexp_extract(const Column& c, const std::string& pattern, int group);
Column regexp_replace(const Column& c, const std::string& pattern, const std::string& replacement);
Column instr(const Column& c, const std::string& substring);
Column lpad(const Column& c, int len, const std::string& pad);
Column rpad(const Column& c, int len, const std::string& pad);
Column startswith(const Column& c, const Column& prefix);
Column endswith(const Column& c, const Column& suffix);

// Math.
Column abs(const Column& c);
Column round(const Column& c, int scale = 0);
Column floor(const Column& c);
Column ceil(const Column& c);
Column sqrt(const Column& c);
Column pow(const Column& base, const Column& exponent);
Column mod(const Column& a, const Column& b);

// Date and time (UTC).
Column current_timestamp();
Column current_date();
Column to_timestamp(const Column& c);
Column to_timestamp(const Column& c, const std::string& format);
Column to_date(const Column& c);
Column to_date(const Column& c, const std::string& format);
Column date_format(const Column& c, const std::string& format);
Column year(const Column& c);
Column month(const Column& c);
Column dayofmonth(const Column& c);
Column hour(const Column& c);
Column minute(const Column& c);
Column second(const Column& c);
Column unix_timestamp(const Column& c);
Column unix_timestamp(const Column& c, const std::string& format);
Column from_unixtime(const Column& c);
Column from_unixtime(const Column& c, const std::string& format);
Column timestamp_seconds(const Column& c);
Column date_add(const Column& c, int days);
Column date_sub(const Column& c, int days);
Column datediff(const Column& end, const Column& start);
Column date_trunc(const std::string& unit, const Column& c);

// Hashing and complex types.
Column hash(const std::vector<Column>& cs);
Column struct_(const std::vector<Column>& cs);
Column named_struct(const std::vector<Column>& names_and_values);
Column array(const std::vector<Column>& cs);
Column size(const Column& c);
Column element_at(const Column& c, const Column& key);

// Generators.
Column explode(const Column& c);
Column explode_outer(const Column& c);
Column posexplode(const Column& c);

// Event-time windows (Spark's names). Durations are interval text: "10 minutes",
// "1 hour 30 minutes", "500 milliseconds". The result is a STRUCT<start, end> column named
// "window" / "session_window"; [start, end) is half-open.
Column window(const Column& time, const std::string& duration);
Column window(const Column& time, const std::string& duration, const std::string& slide);
Column window(const Column& time, const std::string& duration, const std::string& slide,
              const std::string& start);
// Sessions per grouping key: events closer than `gap` share one window [first, last + gap).
// Only valid in groupBy(). The Column form takes a per-row gap (STRING or INTERVAL).
Column session_window(const Column& time, const std::string& gap);
Column session_window(const Column& time, const char* gap);
Column session_window(const Column& time, const Column& gap);
// A window's event time: end - 1 microsecond.
Column window_time(const Column& window);

}  // namespace runnel::functions
