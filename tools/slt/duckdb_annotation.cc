#include "slt/duckdb_annotation.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

namespace runnel::slt {
namespace {

constexpr std::string_view kPrefix = "# duckdb:";

std::string Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(" \t");
  return std::string(text.substr(begin, end - begin + 1));
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string Quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// The column list read_csv / read_json take: {'id': 'INTEGER', 'name': 'VARCHAR'}.
Result<std::string> ColumnsFromDescribe(const std::string& view, SltEngine& runnel) {
  RUNNEL_ASSIGN_OR_RAISE(StatementResult described, runnel.Execute("DESCRIBE " + view));
  std::string columns;
  for (const auto& row : described.rows) {
    if (row.size() < 2) {
      return Status::InvalidArgument("DESCRIBE " + view + " returned a row without a data type");
    }
    RUNNEL_ASSIGN_OR_RAISE(std::string type, DuckDbTypeName(row[1].ToString()));
    columns += (columns.empty() ? "" : ", ") + Quote(row[0].ToString()) + ": " + Quote(type);
  }
  return "{" + columns + "}";
}

}  // namespace

Result<DuckDbAnnotation> FindDuckDbAnnotation(const std::vector<std::string>& lines,
                                              int header_index) {
  int first = header_index;
  while (first > 0 && Trim(lines[first - 1]).starts_with("#")) --first;
  DuckDbAnnotation annotation;
  for (int i = first; i < header_index; ++i) {
    std::string line = Trim(lines[i]);
    if (!line.starts_with(kPrefix)) continue;
    std::string body = Trim(std::string_view(line).substr(kPrefix.size()));
    if (body == "skip" || body.starts_with("skip ")) {
      annotation.skip = true;
      annotation.skip_reason = Trim(std::string_view(body).substr(4));
      if (annotation.skip_reason.empty()) {
        return Status::Syntax("line " + std::to_string(i + 1) +
                              ": '# duckdb: skip' needs a reason: '# duckdb: skip <why>'");
      }
    } else {
      annotation.sql += (annotation.sql.empty() ? "" : "\n") + body;
    }
  }
  if (annotation.skip && !annotation.sql.empty()) {
    return Status::Syntax("line " + std::to_string(header_index) +
                          ": a record is either '# duckdb: skip <why>' or '# duckdb: <SQL>', "
                          "not both");
  }
  return annotation;
}

Result<std::optional<std::string>> TranslateDataSourceView(const std::string& sql,
                                                           SltEngine& runnel) {
  static const RE2 kView(
      R"((?is)\s*CREATE\s+(OR\s+REPLACE\s+)?TEMPORARY\s+VIEW\s+(\w+)\s+USING\s+(\w+)\s+)"
      R"(OPTIONS\s*\((.*)\)\s*;?\s*)");
  std::string replace, view, format, options;
  if (!RE2::FullMatch(sql, kView, &replace, &view, &format, &options)) return std::optional<std::string>();
  format = Lower(format);
  static const RE2 kOption(R"((\w+)\s+'([^']*)')");
  re2::StringPiece rest(options);
  std::string key, value, path;
  bool header = false;
  while (RE2::FindAndConsume(&rest, kOption, &key, &value)) {
    key = Lower(key);
    if (key == "path") path = value;
    if (key == "header") header = Lower(value) == "true";
  }
  if (path.empty()) {
    return Status::InvalidArgument("cannot translate the view for DuckDB: no path option; give the DuckDB "
                           "statement in a '# duckdb: <SQL>' line");
  }
  RUNNEL_ASSIGN_OR_RAISE(std::string columns, ColumnsFromDescribe(view, runnel));
  std::string reader;
  if (format == "csv") {
    reader = "read_csv(" + Quote(path) + ", header = " + (header ? "true" : "false") +
             ", columns = " + columns + ", auto_detect = false)";
  } else if (format == "json") {
    reader = "read_json(" + Quote(path) + ", format = 'newline_delimited', columns = " +
             columns + ")";
  } else {
    return Status::InvalidArgument("cannot translate a view USING " + format +
                           " for DuckDB; give the DuckDB statement in a '# duckdb: <SQL>' line");
  }
  return std::optional<std::string>("CREATE " + std::string(replace.empty() ? "" : "OR REPLACE ") +
                                     "TEMPORARY VIEW " + view + " AS SELECT * FROM " + reader);
}

Result<std::string> DuckDbTypeName(const std::string& spark_type) {
  std::string type = Lower(Trim(spark_type));
  if (type.starts_with("array<") && type.ends_with(">")) {
    RUNNEL_ASSIGN_OR_RAISE(std::string element,
                           DuckDbTypeName(type.substr(6, type.size() - 7)));
    return element + "[]";
  }
  if (type.starts_with("decimal")) {
    std::string upper = type;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return upper;
  }
  static const std::pair<const char*, const char*> kNames[] = {
      {"boolean", "BOOLEAN"}, {"tinyint", "TINYINT"}, {"smallint", "SMALLINT"},
      {"int", "INTEGER"},     {"bigint", "BIGINT"},   {"float", "FLOAT"},
      {"double", "DOUBLE"},   {"string", "VARCHAR"},  {"date", "DATE"},
      {"timestamp", "TIMESTAMP"}, {"binary", "BLOB"}};
  for (const auto& [spark, duckdb] : kNames) {
    if (type == spark) return std::string(duckdb);
  }
  return Status::NotSupported("no DuckDB type for Spark type '" + spark_type +
                                "'; give the DuckDB statement in a '# duckdb: <SQL>' line");
}

}  // namespace runnel::slt
