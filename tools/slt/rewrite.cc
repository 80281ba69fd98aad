#include "slt/rewrite.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace runnel::slt {
namespace {

std::string LineTerminator(const std::vector<std::string>& raw_lines) {
  for (const auto& line : raw_lines) {
    if (line.size() >= 2 && line.compare(line.size() - 2, 2, "\r\n") == 0) return "\r\n";
  }
  return "\n";
}

bool HasTerminator(const std::string& raw_line) {
  return !raw_line.empty() && raw_line.back() == '\n';
}

}  // namespace

Result<std::string> ApplyEdits(const std::vector<std::string>& raw_lines,
                               std::vector<LineEdit> edits) {
  std::sort(edits.begin(), edits.end(), [](const LineEdit& a, const LineEdit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  const int num_lines = static_cast<int>(raw_lines.size());
  for (size_t i = 0; i < edits.size(); ++i) {
    const LineEdit& edit = edits[i];
    if (edit.begin < 0 || edit.end < edit.begin || edit.end > num_lines) {
      return Status::InvalidArgument("Line edit [" + std::to_string(edit.begin) + ", " +
                                     std::to_string(edit.end) + ") is outside the file's " +
                                     std::to_string(num_lines) + " lines");
    }
    if (i > 0 && edits[i - 1].end > edit.begin) {
      return Status::InvalidArgument("Line edits overlap at line " +
                                     std::to_string(edit.begin + 1));
    }
  }
  const std::string terminator = LineTerminator(raw_lines);
  std::string out;
  int next = 0;  // first raw line not yet copied
  for (const LineEdit& edit : edits) {
    for (; next < edit.begin; ++next) out += raw_lines[next];
    // Text inserted after a last line that had no terminator must not join onto it.
    if (!edit.new_lines.empty() && !out.empty() && out.back() != '\n') out += terminator;
    for (const auto& line : edit.new_lines) out += line + terminator;
    next = edit.end;
  }
  for (; next < num_lines; ++next) out += raw_lines[next];
  // Keep a file that ended without a final newline that way when its last line was replaced.
  if (num_lines > 0 && !HasTerminator(raw_lines.back()) && !edits.empty() &&
      edits.back().end == num_lines && !edits.back().new_lines.empty()) {
    out.resize(out.size() - terminator.size());
  }
  return out;
}

Status ReplaceFileContent(const std::string& path, const std::string& content) {
  const std::string temp = path + ".rewrite.tmp";
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    file << content;
    file.flush();
    if (!file) return Status::IOError("Cannot write '" + temp + "': " + std::strerror(errno));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::string error = std::strerror(errno);
    std::remove(temp.c_str());
    return Status::IOError("Cannot replace '" + path + "' with its rewritten text: " + error);
  }
  return Status::OK();
}

}  // namespace runnel::slt
