#include "slt/result_diff.h"

#include <algorithm>
#include <cstddef>

namespace runnel::slt {
namespace {

constexpr size_t kMaxCells = 4'000'000;

std::string Whole(const std::vector<ExpectedLine>& expected, const std::vector<std::string>& actual,
                  const std::string& indent) {
  std::string out;
  for (const auto& line : expected) out += indent + "- " + line.text + "\n";
  for (const auto& line : actual) out += indent + "+ " + line + "\n";
  return out;
}

}  // namespace

std::string DiffLines(const std::vector<ExpectedLine>& expected,
                      const std::vector<std::string>& actual, const std::string& indent) {
  const size_t n = expected.size();
  const size_t m = actual.size();
  if ((n + 1) * (m + 1) > kMaxCells) return Whole(expected, actual, indent);
  // common[i][j]: length of the longest common subsequence of expected[i..] and actual[j..].
  std::vector<std::vector<int>> common(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      common[i][j] = expected[i].text == actual[j] ? common[i + 1][j + 1] + 1
                                                   : std::max(common[i + 1][j], common[i][j + 1]);
    }
  }
  std::string out;
  size_t i = 0;
  size_t j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i].text == actual[j]) {
      out += indent + "  " + actual[j++] + "\n";
      ++i;
    } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
      out += indent + "- " + expected[i++].text + "\n";
    } else {
      out += indent + "+ " + actual[j++] + "\n";
    }
  }
  return out;
}

int FirstDifference(const std::vector<ExpectedLine>& expected,
                    const std::vector<std::string>& actual) {
  size_t common = std::min(expected.size(), actual.size());
  for (size_t i = 0; i < common; ++i) {
    if (expected[i].text != actual[i]) return static_cast<int>(i);
  }
  return expected.size() == actual.size() ? -1 : static_cast<int>(common);
}

std::string IndentSql(const std::string& sql) {
  std::string out = "    ";
  for (char c : sql) {
    out += c;
    if (c == '\n') out += "    ";
  }
  return out;
}

}  // namespace runnel::slt
