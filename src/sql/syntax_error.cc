#include "sql/syntax_error.h"

#include <algorithm>
#include <string>

namespace runnel::sql {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The caret line: the line's own tabs are kept so the caret lines up in a terminal.
std::string CaretLine(std::string_view line, uint32_t column) {
  std::string out;
  uint32_t seen = 1;
  for (size_t i = 0; i < line.size() && seen < column; ++i) {
    if (IsContinuationByte(line[i])) continue;
    out += line[i] == '\t' ? '\t' : ' ';
    ++seen;
  }
  while (seen++ < column) out += ' ';
  return out + '^';
}

}  // namespace

SourcePosition PositionAt(std::string_view source, size_t offset) {
  SourcePosition p;
  if (offset > source.size()) offset = source.size();
  p.offset = static_cast<uint32_t>(offset);
  for (size_t i = 0; i < offset; ++i) {
    if (source[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else if (!IsContinuationByte(source[i])) {
      ++p.column;
    }
  }
  return p;
}

Status MakeSyntaxError(std::string_view source, SourcePosition position, std::string_view problem,
                       StatusCode code) {
  size_t offset = std::min<size_t>(position.offset, source.size());
  size_t line_start = 0;
  if (offset > 0) {
    size_t newline = source.rfind('\n', offset - 1);
    if (newline != std::string_view::npos) line_start = newline + 1;
  }
  size_t line_end = source.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = source.size();
  std::string_view line = source.substr(line_start, line_end - line_start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string message = "Syntax error at line " + std::to_string(position.line) + ", column " +
                        std::to_string(position.column) + ": " + std::string(problem) + ".\n" +
                        std::string(line) + "\n" + CaretLine(line, position.column);
  if (code == StatusCode::kNotSupported) {
    message = "Not supported at line" + message.substr(std::string("Syntax error at line").size());
  }
  return Status(code, std::move(message));
}

}  // namespace runnel::sql
