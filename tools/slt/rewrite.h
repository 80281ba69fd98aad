// Rewrite mode: replaces whole lines of a golden file and leaves every other byte alone.
#pragma once

#include <string>
#include <vector>

#include "runnel/status.h"

namespace runnel::slt {

// Replace lines [begin, end) (0-based) with `new_lines`; begin == end inserts before `begin`.
struct LineEdit {
  int begin = 0;
  int end = 0;
  std::vector<std::string> new_lines;  // without terminators
};

// The file's text with `edits` applied. New lines end like the file's lines do ("\r\n" when
// the file uses it, else "\n"). Edits must not overlap: an InvalidArgument error says which do.
Result<std::string> ApplyEdits(const std::vector<std::string>& raw_lines,
                               std::vector<LineEdit> edits);

// Writes `content` to a temporary file beside `path`, then renames it over `path`, so an
// interrupted rewrite never leaves half a file.
Status ReplaceFileContent(const std::string& path, const std::string& content);

}  // namespace runnel::slt
