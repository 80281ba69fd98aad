// Test-only: in-memory tables written as text, and rows rendered as text, so tests of the plan,
// optimizer and exec layers state their inputs and expected outputs compactly:
//   auto t = testing::MakeTable("k INT, v STRING", {{"1,a", "2,NULL"}, {"3,c"}});
// builds a two-partition InMemorySource (cells are CAST from text, "NULL" is NULL).
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "function/cast.h"
#include "plan/data_source.h"
#include "type/ddl.h"
#include "vector/batch.h"
#include "vector/column_builder.h"

namespace runnel::plan::testing {

inline std::vector<std::string> SplitCells(const std::string& row) {
  std::vector<std::string> cells;
  size_t start = 0;
  for (;;) {
    size_t comma = row.find(',', start);
    std::string cell = row.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!cell.empty() && cell.front() == ' ') cell.erase(cell.begin());
    while (!cell.empty() && cell.back() == ' ') cell.pop_back();
    cells.push_back(cell);
    if (comma == std::string::npos) return cells;
    start = comma + 1;
  }
}

// One batch from rows of comma-separated cells.
inline vector::Batch MakeBatch(const type::SchemaPtr& schema, const std::vector<std::string>& rows) {
  std::vector<vector::ColumnPtr> columns;
  for (int c = 0; c < schema->num_fields(); ++c) {
    vector::ColumnBuilder text(type::String());
    for (const auto& row : rows) {
      std::string cell = SplitCells(row).at(c);
      if (cell == "NULL") {
        text.AppendNull();
      } else {
        text.AppendString(cell);
      }
    }
    columns.push_back(function::CastColumn(text.Finish(), schema->field(c).type).ValueOrDie());
  }
  return vector::Batch(schema, std::move(columns), static_cast<int64_t>(rows.size()));
}

inline type::SchemaPtr MakeSchema(const std::string& ddl) {
  return std::make_shared<type::Schema>(type::ParseSchema(ddl).ValueOrDie());
}

// One partition per inner vector.
inline std::shared_ptr<InMemorySource> MakeTable(const std::string& ddl,
                                                 const std::vector<std::vector<std::string>>& partitions,
                                                 const std::string& name = "memory") {
  type::SchemaPtr schema = MakeSchema(ddl);
  std::vector<vector::Batch> batches;
  for (const auto& rows : partitions) {
    // An empty partition holds no batch (the source keeps none either), so any type works.
    if (!rows.empty()) batches.push_back(MakeBatch(schema, rows));
  }
  return std::make_shared<InMemorySource>(schema, std::move(batches), name);
}

// "1,a,NULL" per row, in output order.
inline std::vector<std::string> RowStrings(const std::vector<vector::Batch>& batches) {
  std::vector<std::string> out;
  for (const auto& b : batches) {
    for (int64_t r = 0; r < b.num_rows(); ++r) {
      std::string line;
      for (int c = 0; c < b.num_columns(); ++c) {
        if (c > 0) line += ",";
        line += b.GetValue(r, c).ToString();
      }
      out.push_back(line);
    }
  }
  return out;
}

inline std::vector<std::string> Sorted(std::vector<std::string> rows) {
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace runnel::plan::testing
