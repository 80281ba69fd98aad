// Splits CSV text into records and fields: separators, quoted fields (with the quote escaped by
// the escape character or doubled), quoted fields across lines (option multiLine), comments,
// blank lines (skipped, as Spark does) and line ends (\n, \r\n, \r or option lineSep).
// Fields are views into the input, or into a scratch buffer when unescaping changed them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "format/options.h"

namespace runnel::format {

struct CsvDialect {
  char sep = ',';
  char quote = '"';    // '\0': no quoting
  char escape = '\\';
  char comment = '\0';  // '\0': no comments
  char line_sep = '\0';  // '\0': any of \n, \r\n, \r
  bool multi_line = false;
  bool ignore_leading_white_space = false;
  bool ignore_trailing_white_space = false;

  // Options sep (alias delimiter), quote, escape, comment, lineSep, multiLine,
  // ignoreLeadingWhiteSpace, ignoreTrailingWhiteSpace.
  static Result<CsvDialect> FromOptions(const Options& options);
};

class CsvTokenizer {
 public:
  CsvTokenizer(std::string_view data, CsvDialect dialect)
      : data_(data), dialect_(dialect) {}

  // Moves to the next record; false at the end of the input.
  bool Next();

  const std::vector<std::string_view>& fields() const { return fields_; }
  // The 1-based physical line on which the current record starts.
  int64_t line_number() const { return record_line_; }
  // The record's text without its line end.
  std::string_view raw() const { return raw_; }
  // Empty, or why the record is malformed at the token level (an unterminated quote).
  std::string_view error() const { return error_; }

 private:
  struct Span {
    bool in_scratch;
    size_t begin;
    size_t size;
  };

  bool AtLineEnd(size_t p) const {
    char c = data_[p];
    return dialect_.line_sep ? c == dialect_.line_sep : (c == '\n' || c == '\r');
  }
  // Consumes the line end at pos_ (if any) and counts the line.
  void ConsumeLineEnd();
  void SkipBlankAndCommentLines();
  // Reads one field starting at pos_; leaves pos_ at the separator, a line end or the end.
  void ReadField();
  void ReadQuotedField(size_t start);
  // Counts the line ends in data_[from, to) (inside a multi-line quoted field).
  void CountLines(size_t from, size_t to);

  std::string_view data_;
  CsvDialect dialect_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  int64_t record_line_ = 0;
  std::string_view raw_;
  std::string_view error_;
  std::vector<Span> spans_;
  std::vector<std::string_view> fields_;
  std::string scratch_;
};

}  // namespace runnel::format
