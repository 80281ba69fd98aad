#include "format/line_splitter.h"

#include <cstring>

namespace runnel::format {

bool LineSplitter::Next(std::string_view* line) {
  if (pos_ >= data_.size()) return false;
  ++line_number_;
  size_t start = pos_;
  if (!line_sep_.empty()) {
    size_t end = data_.find(line_sep_, start);
    if (end == std::string_view::npos) end = data_.size();
    *line = data_.substr(start, end - start);
    pos_ = end == data_.size() ? end : end + line_sep_.size();
    return true;
  }
  const char* begin = data_.data() + start;
  size_t rest = data_.size() - start;
  const char* newline = static_cast<const char*>(std::memchr(begin, '\n', rest));
  size_t end = newline ? static_cast<size_t>(newline - data_.data()) : data_.size();
  // A lone \r ends a line too (rare, so only looked for when the line holds one).
  const char* carriage = static_cast<const char*>(std::memchr(begin, '\r', end - start));
  if (carriage && !(carriage + 1 == data_.data() + end && newline)) {
    end = static_cast<size_t>(carriage - data_.data());
    *line = data_.substr(start, end - start);
    pos_ = end + 1;
    return true;
  }
  size_t content_end = carriage ? end - 1 : end;  // drop the \r of \r\n
  *line = data_.substr(start, content_end - start);
  pos_ = newline ? end + 1 : end;
  return true;
}

}  // namespace runnel::format
