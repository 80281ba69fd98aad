#include "slt/canonical_cell.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace runnel::slt {
namespace {

constexpr int kSignificantDigits = 12;

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// A character before a number that makes it part of something else: a word, a date
// ("2024-01-02"), a time ("10:00:00.5") or another number.
bool JoinsPrevious(char c) { return IsWordChar(c) || c == ':' || c == '.' || c == '-'; }

// The length of the number starting at text[at] and whether it has a fraction or an exponent;
// 0 when no standalone number starts there.
size_t ScanNumber(std::string_view text, size_t at, bool& is_real) {
  size_t i = at;
  if (i < text.size() && text[i] == '-') ++i;
  const size_t digits_begin = i;
  while (i < text.size() && IsDigit(text[i])) ++i;
  if (i == digits_begin) return 0;
  is_real = false;
  if (i + 1 < text.size() && text[i] == '.' && IsDigit(text[i + 1])) {
    is_real = true;
    ++i;
    while (i < text.size() && IsDigit(text[i])) ++i;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    if (j < text.size() && IsDigit(text[j])) {
      is_real = true;
      i = j;
      while (i < text.size() && IsDigit(text[i])) ++i;
    }
  }
  // "10:00", "1.2.3" or "12abc" are not numbers of their own.
  if (i < text.size() && (IsWordChar(text[i]) || text[i] == ':' || text[i] == '.')) return 0;
  return i - at;
}

std::string CanonicalReal(double value) {
  if (value == 0) return "0";
  if (std::fabs(value) < 1e15 && value == std::trunc(value)) {
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%.0f", value);
    return buffer;
  }
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.*g", kSignificantDigits, value);
  std::string text = buffer;
  // Rounding to 12 digits can make a value integral again ("2.9999999999999996" -> "3").
  double rounded = std::strtod(buffer, nullptr);
  if (std::fabs(rounded) < 1e15 && rounded == std::trunc(rounded)) {
    std::snprintf(buffer, sizeof(buffer), "%.0f", rounded);
    return buffer;
  }
  return text;
}

std::vector<std::string> SplitCells(const std::string& line) {
  std::vector<std::string> cells;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    cells.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return cells;
}

}  // namespace

std::string CanonicalCell(std::string_view cell) {
  std::string out;
  size_t i = 0;
  while (i < cell.size()) {
    const bool can_start = IsDigit(cell[i]) || (cell[i] == '-' && i + 1 < cell.size());
    if (can_start && (i == 0 || !JoinsPrevious(cell[i - 1]))) {
      bool is_real = false;
      size_t length = ScanNumber(cell, i, is_real);
      if (length > 0) {
        std::string token(cell.substr(i, length));
        out += is_real ? CanonicalReal(std::strtod(token.c_str(), nullptr)) : token;
        i += length;
        continue;
      }
    }
    out += cell[i++];
  }
  return out;
}

std::vector<std::string> CanonicalLines(const std::vector<std::string>& lines, SortMode sort_mode) {
  std::vector<std::string> out;
  for (const auto& line : lines) {
    std::string joined;
    for (const auto& cell : SplitCells(line)) {
      std::string canonical = CanonicalCell(cell);
      if (sort_mode == SortMode::kValueSort) {
        out.push_back(std::move(canonical));
      } else {
        joined += canonical;
        joined += '\t';
      }
    }
    if (sort_mode != SortMode::kValueSort) {
      joined.pop_back();
      out.push_back(std::move(joined));
    }
  }
  if (sort_mode != SortMode::kNoSort) std::sort(out.begin(), out.end());
  return out;
}

}  // namespace runnel::slt
