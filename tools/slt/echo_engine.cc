#include "slt/echo_engine.h"

#include <charconv>
#include <string>
#include <vector>

#include "runnel/value.h"

namespace runnel::slt {
namespace {

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

std::vector<std::string_view> Split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = s.find(separator, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

bool IsInteger(std::string_view s) {
  int64_t v;
  auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), v);
  return error == std::errc() && end == s.data() + s.size();
}

bool IsNumber(std::string_view s) {
  double v;
  auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && error == std::errc() && end == s.data() + s.size();
}

// The narrowest of BIGINT, DOUBLE, STRING that holds every non-null cell of a column.
type::DataTypePtr ColumnType(const std::vector<std::vector<std::string_view>>& rows,
                             size_t column) {
  bool all_integers = true;
  bool all_numbers = true;
  for (const auto& row : rows) {
    if (row[column] == "NULL") continue;
    all_integers = all_integers && IsInteger(row[column]);
    all_numbers = all_numbers && IsNumber(row[column]);
  }
  if (all_integers) return type::BigInt();
  if (all_numbers) return type::Double();
  return type::String();
}

type::Value CellValue(std::string_view cell, const type::DataTypePtr& type) {
  if (cell == "NULL") return type::Value::NullOf(type);
  switch (type->id()) {
    case type::TypeId::kBigInt: {
      int64_t v = 0;
      std::from_chars(cell.data(), cell.data() + cell.size(), v);
      return type::Value::BigInt(v);
    }
    case type::TypeId::kDouble: {
      double v = 0;
      std::from_chars(cell.data(), cell.data() + cell.size(), v);
      return type::Value::Double(v);
    }
    default:
      return type::Value::String(cell == "''" ? std::string() : std::string(cell));
  }
}

class EchoEngine final : public SltEngine {
 public:
  Result<StatementResult> Execute(std::string_view sql) override {
    sql = Trim(sql);
    if (sql.starts_with("ERROR ")) return Status::Analysis(std::string(Trim(sql.substr(6))));
    StatementResult result;
    if (sql.empty()) return result;
    std::vector<std::vector<std::string_view>> cells;
    for (std::string_view line : Split(sql, '\n')) {
      std::vector<std::string_view> row = Split(line, '|');
      for (auto& cell : row) cell = Trim(cell);
      if (!cells.empty() && row.size() != cells[0].size()) {
        return Status::InvalidArgument("Echo rows must all have the same number of cells: '" +
                                       std::string(line) + "' has " + std::to_string(row.size()) +
                                       ", the first row has " + std::to_string(cells[0].size()));
      }
      cells.push_back(std::move(row));
    }
    std::vector<type::Field> fields;
    for (size_t c = 0; c < cells[0].size(); ++c) {
      fields.push_back({"c" + std::to_string(c + 1), ColumnType(cells, c), true});
    }
    result.schema = type::Schema(fields);
    for (const auto& row : cells) {
      std::vector<type::Value> values;
      for (size_t c = 0; c < row.size(); ++c) values.push_back(CellValue(row[c], fields[c].type));
      result.rows.emplace_back(std::move(values));
    }
    return result;
  }
};

}  // namespace

std::unique_ptr<SltEngine> MakeEchoEngine() { return std::make_unique<EchoEngine>(); }

}  // namespace runnel::slt
