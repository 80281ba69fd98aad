#include "runnel/functions.h"

#include "expr/expr.h"
#include "sql/expr_converter.h"

namespace runnel::functions {

namespace {
Column Call(const std::string& name, const std::vector<Column>& args, bool distinct = false) {
  std::vector<expr::ExprPtr> exprs;
  for (const auto& a : args) exprs.push_back(a.expr());
  return Column(expr::Call(name, std::move(exprs), distinct));
}
Column S(const std::string& s) { return lit(s); }
Column I(int v) { return lit(v); }
}  // namespace

Column col(const std::string& name) { return Column(name); }
Column column(const std::string& name) { return Column(name); }
Column lit(const type::Value& value) { return Column(expr::Literal(value)); }
Column lit(int32_t v) { return lit(type::Value::Int(v)); }
Column lit(int64_t v) { return lit(type::Value::BigInt(v)); }
Column lit(double v) { return lit(type::Value::Double(v)); }
Column lit(bool v) { return lit(type::Value::Boolean(v)); }
Column lit(const char* v) { return lit(type::Value::String(v)); }
Column lit(const std::string& v) { return lit(type::Value::String(v)); }
Column call_function(const std::string& name, const std::vector<Column>& args) { return Call(name, args); }
Column expr(const std::string& sql) {
  auto parsed = sql::ParseColumnExpression(sql);
  return Column(parsed.ok() ? *parsed : expr::Invalid(parsed.status().ToString()));
}

Column count(const Column& c) {
  if (c.expr()->kind == expr::ExprKind::kStar) return Column(expr::Call("count", {}));
  return Call("count", {c});
}
Column countDistinct(const std::vector<Column>& cs) { return Call("count", cs, true); }
Column count_distinct(const Column& c) { return Call("count", {c}, true); }
Column sum(const Column& c) { return Call("sum", {c}); }
Column sum_distinct(const Column& c) { return Call("sum", {c}, true); }
Column avg(const Column& c) { return Call("avg", {c}); }
Column mean(const Column& c) { return Call("avg", {c}); }
Column min(const Column& c) { return Call("min", {c}); }
Column max(const Column& c) { return Call("max", {c}); }
Column first(const Column& c, bool ignore_nulls) { return Call("first", {c, lit(ignore_nulls)}); }
Column last(const Column& c, bool ignore_nulls) { return Call("last", {c, lit(ignore_nulls)}); }
Column collect_list(const Column& c) { return Call("collect_list", {c}); }
Column collect_set(const Column& c) { return Call("collect_set", {c}); }
Column approx_count_distinct(const Column& c, double rsd) {
  return Call("approx_count_distinct", {c, lit(rsd)});
}
Column stddev(const Column& c) { return Call("stddev", {c}); }
Column stddev_pop(const Column& c) { return Call("stddev_pop", {c}); }
Column variance(const Column& c) { return Call("variance", {c}); }
Column var_pop(const Column& c) { return Call("var_pop", {c}); }

Column when(const Column& condition, const Column& value) { return Call("case_when", {condition, value}); }
Column coalesce(const std::vector<Column>& cs) { return Call("coalesce", cs); }
Column isnull(const Column& c) { return Call("isnull", {c}); }
Column isnan(const Column& c) { return Call("isnan", {c}); }

Column lower(const Column& c) { return Call("lower", {c}); }
Column upper(const Column& c) { return Call("upper", {c}); }
Column length(const Column& c) { return Call("length", {c}); }
Column substring(const Column& c, int pos, int len) { return Call("substring", {c, I(pos), I(len)}); }
Column concat(const std::vector<Column>& cs) { return Call("concat", cs); }
Column concat_ws(const std::string& sep, const std::vector<Column>& cs) {
  std::vector<Column> args{S(sep)};
  args.insert(args.end(), cs.begin(), cs.end());
  return Call("concat_ws", args);
}
Column trim(const Column& c) { return Call("trim", {c}); }
Column ltrim(const Column& c) { return Call("ltrim", {c}); }
Column rtrim(const Column& c) { return Call("rtrim", {c}); }
Column split(const Column& c, const std::string& pattern) { return Call("split", {c, S(pattern)}); }
Column regexp_extract(const Column& c, const std::string& pattern, int group) {
  return Call("regexp_extract", {c, S(pattern), I(group)});
}
Column regexp_replace(const Column& c, const std::string& pattern, const std::string& replacement) {
  return Call("regexp_replace", {c, S(pattern), S(replacement)});
}
Column instr(const Column& c, const std::string& substring) { return Call("instr", {c, S(substring)}); }
Column lpad(const Column& c, int len, const std::string& pad) { return Call("lpad", {c, I(len), S(pad)}); }
Column rpad(const Column& c, int len, const std::string& pad) { return Call("rpad", {c, I(len), S(pad)}); }
Column startswith(const Column& c, const Column& prefix) { return Call("startswith", {c, prefix}); }
Column endswith(const Column& c, const Column& suffix) { return Call("endswith", {c, suffix}); }

Column abs(const Column& c) { return Call("abs", {c}); }
Column round(const Column& c, int scale) { return Call("round", {c, I(scale)}); }
Column floor(const Column& c) { return Call("floor", {c}); }
Column ceil(const Column& c) { return Call("ceil", {c}); }
Column sqrt(const Column& c) { return Call("sqrt", {c}); }
Column pow(const Column& base, const Column& exponent) { return Call("pow", {base, exponent}); }
Column mod(const Column& a, const Column& b) { return Call("mod", {a, b}); }

Column current_timestamp() { return Call("current_timestamp", {}); }
Column current_date() { return Call("current_date", {}); }
Column to_timestamp(const Column& c) { return Call("to_timestamp", {c}); }
Column to_timestamp(const Column& c, const std::string& format) { return Call("to_timestamp", {c, S(format)}); }
Column to_date(const Column& c) { return Call("to_date", {c}); }
Column to_date(const Column& c, const std::string& format) { return Call("to_date", {c, S(format)}); }
Column date_format(const Column& c, const std::string& format) { return Call("date_format", {c, S(format)}); }
Column year(const Column& c) { return Call("year", {c}); }
Column month(const Column& c) { return Call("month", {c}); }
Column dayofmonth(const Column& c) { return Call("dayofmonth", {c}); }
Column hour(const Column& c) { return Call("hour", {c}); }
Column minute(const Column& c) { return Call("minute", {c}); }
Column second(const Column& c) { return Call("second", {c}); }
Column unix_timestamp(const Column& c) { return Call("unix_timestamp", {c}); }
Column unix_timestamp(const Column& c, const std::string& format) { return Call("unix_timestamp", {c, S(format)}); }
Column from_unixtime(const Column& c) { return Call("from_unixtime", {c}); }
Column from_unixtime(const Column& c, const std::string& format) { return Call("from_unixtime", {c, S(format)}); }
Column timestamp_seconds(const Column& c) { return Call("timestamp_seconds", {c}); }
Column date_add(const Column& c, int days) { return Call("date_add", {c, I(days)}); }
Column date_sub(const Column& c, int days) { return Call("date_sub", {c, I(days)}); }
Column datediff(const Column& end, const Column& start) { return Call("datediff", {end, start}); }
Column date_trunc(const std::string& unit, const Column& c) { return Call("date_trunc", {S(unit), c}); }

Column hash(const std::vector<Column>& cs) { return Call("hash", cs); }
Column struct_(const std::vector<Column>& cs) {
  // struct(a, b) keeps the columns' names, as Spark does: named_struct('a', a, 'b', b).
  std::vector<Column> args;
  int i = 1;
  for (const auto& c : cs) {
    args.push_back(S(c.expr()->kind == expr::ExprKind::kCall ? "col" + std::to_string(i)
                                                              : expr::OutputName(*c.expr())));
    args.push_back(c);
    ++i;
  }
  return Call("named_struct", args);
}
Column named_struct(const std::vector<Column>& names_and_values) { return Call("named_struct", names_and_values); }
Column array(const std::vector<Column>& cs) { return Call("array", cs); }
Column size(const Column& c) { return Call("size", {c}); }
Column element_at(const Column& c, const Column& key) { return Call("element_at", {c, key}); }

Column explode(const Column& c) { return Call("explode", {c}); }
Column explode_outer(const Column& c) { return Call("explode_outer", {c}); }
Column posexplode(const Column& c) { return Call("posexplode", {c}); }

Column window(const Column& time, const std::string& duration) {
  return Call("window", {time, lit(duration)});
}
Column window(const Column& time, const std::string& duration, const std::string& slide) {
  return Call("window", {time, lit(duration), lit(slide)});
}
Column window(const Column& time, const std::string& duration, const std::string& slide,
              const std::string& start) {
  return Call("window", {time, lit(duration), lit(slide), lit(start)});
}
Column session_window(const Column& time, const std::string& gap) {
  return Call("session_window", {time, lit(gap)});
}
Column session_window(const Column& time, const char* gap) {
  return Call("session_window", {time, lit(gap)});
}
Column session_window(const Column& time, const Column& gap) {
  return Call("session_window", {time, gap});
}
Column window_time(const Column& window) { return Call("window_time", {window}); }

}  // namespace runnel::functions
