#include "slt/result_format.h"

#include <algorithm>

namespace runnel::slt {
namespace {

std::string Escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> cells;
  size_t start = 0;
  while (true) {
    size_t end = line.find('\t', start);
    cells.push_back(line.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos) return cells;
    start = end + 1;
  }
}

}  // namespace

std::string FormatCell(const type::Value& value) {
  std::string text = value.ToString();
  return text.empty() ? "(empty)" : Escape(text);
}

std::string FormatRow(const Row& row) {
  std::string line;
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) line += '\t';
    line += FormatCell(row[i]);
  }
  return line;
}

std::vector<std::string> FormatResultLines(const std::vector<Row>& rows, SortMode sort_mode) {
  std::vector<std::string> lines;
  for (const Row& row : rows) {
    if (sort_mode == SortMode::kValueSort) {
      for (const auto& value : row.values()) lines.push_back(FormatCell(value));
    } else {
      lines.push_back(FormatRow(row));
    }
  }
  if (sort_mode != SortMode::kNoSort) std::sort(lines.begin(), lines.end());
  return lines;
}

std::vector<ExpectedLine> NormalizeExpected(const std::vector<ExpectedLine>& expected,
                                            SortMode sort_mode) {
  std::vector<ExpectedLine> lines;
  for (const auto& line : expected) {
    if (sort_mode == SortMode::kValueSort) {
      for (auto& cell : SplitTabs(line.text)) lines.push_back({std::move(cell), line.line_number});
    } else {
      lines.push_back(line);
    }
  }
  if (sort_mode != SortMode::kNoSort) {
    // Stable, so equal lines keep their file order and messages point at the first of them.
    std::stable_sort(lines.begin(), lines.end(),
                     [](const ExpectedLine& a, const ExpectedLine& b) { return a.text < b.text; });
  }
  return lines;
}

char TypeLetter(const type::DataType& type) {
  switch (type.id()) {
    case type::TypeId::kInt:
    case type::TypeId::kBigInt:
      return 'I';
    case type::TypeId::kDouble:
    case type::TypeId::kDecimal:
      return 'R';
    default:
      return 'T';
  }
}

std::string TypeLetters(const type::Schema& schema) {
  std::string letters;
  for (const auto& field : schema.fields()) letters += TypeLetter(*field.type);
  return letters;
}

}  // namespace runnel::slt
