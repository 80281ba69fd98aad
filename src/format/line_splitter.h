// Splits text into lines for the line-based formats (JSON Lines, text). By default \n, \r\n and
// \r each end a line, as Spark's default lineSep; a custom separator may be any string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace runnel::format {

class LineSplitter {
 public:
  // An empty `line_sep` means any of \n, \r\n, \r.
  LineSplitter(std::string_view data, std::string line_sep)
      : data_(data), line_sep_(std::move(line_sep)) {}

  // The next line without its end; false at the end. A line end at the very end of the data
  // does not start another (empty) line.
  bool Next(std::string_view* line);
  // The 1-based number of the line last returned.
  int64_t line_number() const { return line_number_; }

 private:
  std::string_view data_;
  std::string line_sep_;
  size_t pos_ = 0;
  int64_t line_number_ = 0;
};

}  // namespace runnel::format
