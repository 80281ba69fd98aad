#include "vector/pretty_print.h"

#include <algorithm>

namespace runnel::vector {

namespace {
// Display width in code points, so UTF-8 text lines up.
size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
std::string Pad(const std::string& s, size_t width) {
  size_t w = Width(s);
  return w >= width ? s : std::string(width - w, ' ') + s;
}
}  // namespace

std::string FormatTable(const type::Schema& schema, const std::vector<Batch>& batches,
                        int64_t max_rows, int truncate) {
  std::vector<std::vector<std::string>> cells;
  int64_t total = 0;
  for (const auto& b : batches) total += b.num_rows();
  for (const auto& b : batches) {
    for (int64_t r = 0; r < b.num_rows() && static_cast<int64_t>(cells.size()) < max_rows; ++r) {
      std::vector<std::string> row;
      for (int c = 0; c < b.num_columns(); ++c) {
        std::string s = b.GetValue(r, c).ToString();
        if (truncate > 0 && Width(s) > static_cast<size_t>(truncate)) {
          s = truncate < 4 ? s.substr(0, truncate) : s.substr(0, truncate - 3) + "...";
        }
        row.push_back(std::move(s));
      }
      cells.push_back(std::move(row));
    }
  }
  std::vector<size_t> widths;
  for (const auto& f : schema.fields()) widths.push_back(std::max<size_t>(3, Width(f.name)));
  for (const auto& row : cells) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], Width(row[c]));
  }
  std::string sep = "+";
  for (size_t w : widths) sep += std::string(w, '-') + "+";
  sep += "\n";
  std::string out = sep + "|";
  for (size_t c = 0; c < widths.size(); ++c) out += Pad(schema.field(static_cast<int>(c)).name, widths[c]) + "|";
  out += "\n" + sep;
  for (const auto& row : cells) {
    out += "|";
    for (size_t c = 0; c < row.size(); ++c) out += Pad(row[c], widths[c]) + "|";
    out += "\n";
  }
  out += sep;
  if (total > static_cast<int64_t>(cells.size())) {
    out += "only showing top " + std::to_string(cells.size()) + " row" + (cells.size() == 1 ? "" : "s") + "\n";
  }
  return out;
}

}  // namespace runnel::vector
