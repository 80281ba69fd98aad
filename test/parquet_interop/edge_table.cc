#include "edge_table.h"

#include <cstdint>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>

#include "canonical_text.h"
#include "type/ddl.h"
#include "value_literal.h"

namespace runnel::interop {
namespace {

using type::DataTypePtr;
using type::Value;

// Edge values of the primitive types, as literals (value_literal.h).
const std::vector<std::string>& PrimitivePool(type::TypeId id) {
  static const std::map<type::TypeId, std::vector<std::string>> kPools = {
      {type::TypeId::kBoolean, {"true", "false"}},
      {type::TypeId::kInt, {"-2147483648", "2147483647", "0", "-1", "1", "42"}},
      {type::TypeId::kBigInt,
       {"-9223372036854775808", "9223372036854775807", "0", "-1", "9007199254740993",
        "-9007199254740993", "2147483648"}},
      {type::TypeId::kDouble,
       {"-0.0", "0.0", "nan", "inf", "-inf", "4.9406564584124654e-324", "2.2250738585072009e-308",
        "2.2250738585072014e-308", "1e308", "1.7976931348623157e308", "-1.7976931348623157e308",
        "0.1", "0.30000000000000004", "-1.5", "1e21", "1e-7", "123456789.125", "9007199254740993",
        "-1e-300"}},
      {type::TypeId::kString,
       {R"("")", R"("a")", R"("NULL")", R"("ü")", R"("日本語テキスト")", R"("😀🎉 emoji")",
        R"("tab\there")", R"("new\nline")", R"("cr\rlf")", R"("quote\" back\\slash")",
        R"("\x01\x1f\x7f ctrl")", R"("  padded  ")", R"("Ω≈ç√∫ é")", R"("a,b;c|d=>e")"}},
      {type::TypeId::kBinary,
       {R"("")", R"("\x00")", R"("\x00\xff\x80\x7f")", R"("abc")", R"("\xc3\x28")"}},
      {type::TypeId::kDate,
       {R"("0001-01-01")", R"("9999-12-31")", R"("1969-12-31")", R"("1970-01-01")",
        R"("1582-10-04")", R"("1582-10-15")", R"("1900-02-28")", R"("2000-02-29")",
        R"("2024-12-31")", R"("1000-06-15")"}},
      {type::TypeId::kTimestamp,
       {R"("1970-01-01 00:00:00")", R"("1969-12-31 23:59:59.999999")",
        R"("1970-01-01 00:00:00.000001")", R"("0001-01-01 00:00:00")",
        R"("9999-12-31 23:59:59.999999")", R"("1969-07-20 20:17:40.123456")",
        R"("2024-02-29 12:34:56.000001")", R"("1900-01-01 00:00:00.5")", R"("1582-10-15 00:00:00")",
        R"("1000-01-01 12:00:00.999999")"}},
  };
  return kPools.at(id);
}

type::int128_t Pow10(int n) {
  type::int128_t v = 1;
  while (n-- > 0) v *= 10;
  return v;
}

// Edge values of a type: the primitive pools; for DECIMAL the extremes of its precision, the
// smallest step and a few in between; long strings and every byte value.
std::vector<Value> EdgeValues(const DataTypePtr& t) {
  std::vector<Value> out;
  if (t->id() == type::TypeId::kDecimal) {
    const int p = t->precision(), s = t->scale();
    const type::int128_t max = Pow10(p) - 1;
    for (type::int128_t u : {max, -max, type::int128_t{0}, type::int128_t{1}, type::int128_t{-1},
                             max / 7, -(max / 3), -Pow10(p - 1)}) {
      out.push_back(Value::Decimal(u, p, s));
    }
    if (p > s) out.push_back(Value::Decimal(Pow10(s), p, s));  // 1, when it fits
    return out;
  }
  for (const auto& literal : PrimitivePool(t->id())) out.push_back(ParseLiteral(literal, t));
  if (t->id() == type::TypeId::kString) {
    std::string long_text;
    for (int i = 0; i < 300; ++i) long_text += "long-ü-" + std::to_string(i) + ";";
    out.push_back(Value::String(long_text));
  }
  if (t->id() == type::TypeId::kBinary) {
    std::string all_bytes;
    for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
    out.push_back(Value::Binary(all_bytes));
  }
  return out;
}

struct ColumnSpec {
  std::string name;
  std::string ddl_type;
  std::vector<std::string> edges;  // literals; empty: EdgeValues of the (primitive) type
};

// Nested columns list their edge shapes: NULL vs empty vs NULL elements, NULL struct vs struct
// of NULLs, maps with NULL values, and nesting of each inside the others.
const std::vector<ColumnSpec>& Columns() {
  static const std::vector<ColumnSpec> kColumns = {
      {"b", "BOOLEAN", {}},
      {"i", "INT", {}},
      {"l", "BIGINT", {}},
      {"d", "DOUBLE", {}},
      {"dec1", "DECIMAL(1,0)", {}},
      {"dec9", "DECIMAL(9,3)", {}},
      {"dec10", "DECIMAL(10,2)", {}},
      {"dec18", "DECIMAL(18,5)", {}},
      {"dec19", "DECIMAL(19,4)", {}},
      {"dec38", "DECIMAL(38,9)", {}},
      {"dec38_0", "DECIMAL(38,0)", {}},
      {"dec38_38", "DECIMAL(38,38)", {}},
      {"s", "STRING", {}},
      {"bin", "BINARY", {}},
      {"dt", "DATE", {}},
      {"ts", "TIMESTAMP", {}},
      {"a_int",
       "ARRAY<INT>",
       {"[]", "[NULL]", "[1, NULL, 3]", "[-2147483648, 2147483647]", "[NULL, NULL]",
        "[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,"
        "32]"}},
      {"a_str", "ARRAY<STRING>", {"[]", R"([""])", R"([NULL, ""])", R"(["日本", "😀", "NULL"])"}},
      {"a_dbl",
       "ARRAY<DOUBLE>",
       {"[]", "[nan, -0.0, inf, -inf]", "[NULL, 4.9406564584124654e-324]"}},
      {"a_a",
       "ARRAY<ARRAY<INT>>",
       {"[]", "[[]]", "[NULL]", "[[1, 2], [], NULL, [NULL]]", "[[-2147483648]]"}},
      {"a_st",
       "ARRAY<STRUCT<x: INT, y: STRING>>",
       {"[]", "[NULL]", "[{NULL, NULL}]", R"([{1, "a"}, NULL, {NULL, "b"}])"}},
      {"st",
       "STRUCT<p: INT, q: STRING, r: DOUBLE>",
       {"{NULL, NULL, NULL}", R"({1, "", -0.0})", R"({2147483647, "ü", nan})"}},
      {"st_nested",
       "STRUCT<inner: STRUCT<u: BIGINT, v: ARRAY<DATE>>, w: DECIMAL(20,3)>",
       {"{NULL, NULL}", "{{NULL, NULL}, 1.5}",
        R"({{-1, ["0001-01-01", NULL, "9999-12-31"]}, NULL})",
        "{{9223372036854775807, []}, -99999999999999999.999}"}},
      {"m",
       "MAP<STRING, INT>",
       {"{}", R"({"a" => NULL})", R"({"a" => 1, "b" => NULL, "" => -2147483648})",
        R"({"日本" => 2})"}},
      {"m_arr",
       "MAP<STRING, ARRAY<INT>>",
       {"{}", R"({"k" => NULL})", R"({"k" => []})", R"({"k" => [NULL, 1], "j" => [2]})"}},
      {"st_map",
       "STRUCT<k: BIGINT, mm: MAP<INT, STRING>>",
       {"{NULL, NULL}", "{1, {}}", R"({2, {1 => NULL, 2 => "x"}})"}},
      {"m_st",
       "MAP<INT, STRUCT<f: DOUBLE, g: TIMESTAMP>>",
       {"{1 => NULL}", "{2 => {NULL, NULL}}",
        R"({3 => {nan, "1969-12-31 23:59:59.999999"}, 4 => {1e308, NULL}})"}},
      {"a_m",
       "ARRAY<MAP<STRING, BIGINT>>",
       {"[]", "[NULL]", "[{}]", R"([{"a" => 1}, NULL, {"b" => NULL}])"}},
  };
  return kColumns;
}

class RandomValues {
 public:
  explicit RandomValues(uint64_t seed) : rng_(seed) {}

  uint64_t Next() { return rng_(); }
  // Uniform enough in [0, n) for a test.
  int64_t Below(int64_t n) { return static_cast<int64_t>(Next() % static_cast<uint64_t>(n)); }

  Value Of(const DataTypePtr& t, int depth) {
    if (Below(8) == 0) return Value::NullOf(t);
    switch (t->id()) {
      case type::TypeId::kArray: {
        std::vector<Value> elements;
        for (int64_t n = Below(depth > 1 ? 3 : 6); n > 0; --n)
          elements.push_back(Of(t->element_type(), depth + 1));
        return Value::Array(t->element_type(), std::move(elements));
      }
      case type::TypeId::kStruct: {
        std::vector<Value> fields;
        for (const auto& f : t->fields()) fields.push_back(Of(f.type, depth + 1));
        return Value::Struct(t, std::move(fields));
      }
      case type::TypeId::kMap: {
        std::vector<Value> keys, values;
        std::set<std::string> seen;
        for (int64_t n = Below(5); n > 0; --n) {
          Value key = Of(t->key_type(), depth + 1);
          if (key.is_null() || !seen.insert(CanonicalValue(key)).second)
            continue;  // keys: non-NULL, unique
          keys.push_back(key);
          values.push_back(Of(t->value_type(), depth + 1));
        }
        return Value::Map(t, std::move(keys), std::move(values));
      }
      default:
        break;
    }
    if (Below(3) == 0) {
      std::vector<Value> edges = EdgeValues(t);
      return edges[Below(static_cast<int64_t>(edges.size()))];
    }
    return Primitive(t);
  }

 private:
  Value Primitive(const DataTypePtr& t) {
    switch (t->id()) {
      case type::TypeId::kBoolean:
        return Value::Boolean(Next() & 1);
      case type::TypeId::kInt:
        return Value::Int(static_cast<int32_t>(Below(4) ? Below(2000) - 1000 : Next()));
      case type::TypeId::kBigInt:
        return Value::BigInt(Below(4) ? Below(2000000) - 1000000 : static_cast<int64_t>(Next()));
      case type::TypeId::kDouble: {
        if (Below(2)) return Value::Double(static_cast<double>(Below(200000) - 100000) / 64);
        uint64_t bits = Next();
        double v;
        std::memcpy(&v, &bits, sizeof(v));
        return Value::Double(v);
      }
      case type::TypeId::kDecimal: {
        type::int128_t bound = Pow10(t->precision());
        type::int128_t u =
            ((static_cast<type::int128_t>(Next() >> 1) << 63) | (Next() >> 1)) % bound;
        if (Below(3) == 0) u %= 100000;
        return Value::Decimal(Below(2) ? u : -u, t->precision(), t->scale());
      }
      case type::TypeId::kString: {
        static const std::vector<std::string> kPieces = {"a", "b", "xyz", "ü", "日",
                                                         "😀", " ", "-",   "0", "Ω"};
        if (Below(2))
          return Value::String("common-" + std::to_string(Below(12)));  // dictionary material
        std::string s;
        for (int64_t n = Below(12); n > 0; --n)
          s += kPieces[Below(static_cast<int64_t>(kPieces.size()))];
        return Value::String(s);
      }
      case type::TypeId::kBinary: {
        std::string s;
        for (int64_t n = Below(16); n > 0; --n) s.push_back(static_cast<char>(Next()));
        return Value::Binary(s);
      }
      case type::TypeId::kDate:
        return Value::Date(static_cast<int32_t>(Below(2932896 + 719162 + 1) - 719162));
      case type::TypeId::kTimestamp: {
        const int64_t min = -62135596800000000LL, max = 253402300799999999LL;
        return Value::Timestamp(
            min + static_cast<int64_t>(Next() % static_cast<uint64_t>(max - min + 1)));
      }
      default:
        return Value::NullOf(t);
    }
  }

  std::mt19937_64 rng_;
};

}  // namespace

EdgeTable MakeEdgeTable(int num_rows) {
  std::vector<type::Field> fields = {{"id", type::Int(), true}};
  std::vector<std::vector<Value>> edges;
  for (const auto& c : Columns()) {
    auto schema = type::ParseSchema("x " + c.ddl_type);
    if (!schema.ok()) throw std::invalid_argument(c.name + ": " + schema.status().ToString());
    const DataTypePtr& t = schema->field(0).type;
    fields.push_back({c.name, t, true});
    std::vector<Value> values;
    if (c.edges.empty()) {
      values = EdgeValues(t);
    } else {
      for (const auto& literal : c.edges) values.push_back(ParseLiteral(literal, t));
    }
    edges.push_back(std::move(values));
  }
  size_t num_edge_rows = 0;
  for (const auto& e : edges) num_edge_rows = std::max(num_edge_rows, e.size());

  EdgeTable table{type::Schema(fields), {}};
  auto push = [&](std::vector<Value> values) {
    values.insert(values.begin(), Value::Int(static_cast<int32_t>(table.rows.size())));
    table.rows.emplace_back(std::move(values));
  };
  for (size_t r = 0; r < num_edge_rows; ++r) {
    std::vector<Value> row;
    for (const auto& e : edges) row.push_back(e[r % e.size()]);
    push(std::move(row));
  }
  std::vector<Value> nulls;
  for (size_t c = 1; c < fields.size(); ++c) nulls.push_back(Value::NullOf(fields[c].type));
  push(nulls);
  RandomValues random(20240229);
  while (static_cast<int>(table.rows.size()) < num_rows) {
    std::vector<Value> row;
    for (size_t c = 1; c < fields.size(); ++c) {
      const auto& e = edges[c - 1];
      row.push_back(random.Below(4) == 0 ? e[random.Below(static_cast<int64_t>(e.size()))]
                                         : random.Of(fields[c].type, 0));
    }
    push(std::move(row));
  }
  return table;
}

}  // namespace runnel::interop
