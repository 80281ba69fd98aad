// Cuts a golden file into records. Records are separated by blank lines; a line starting with
// '#' where a record could start is a comment. The file's raw lines are kept so rewrite mode
// can put back every byte it does not change.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runnel/status.h"
#include "slt/record.h"
#include "slt/record_kinds.h"

namespace runnel::slt {

struct TestFile {
  std::string path;
  std::vector<std::string> raw_lines;  // with their terminators ("\n", "\r\n", or none at EOF)
  std::vector<std::string> lines;      // the same lines without terminators
  std::vector<std::unique_ptr<Record>> records;
};

// A Syntax error names the file and line: "a.test:7: Unknown record kind 'qurey'. ...".
Result<TestFile> ParseTestFile(std::string path, std::string_view text,
                               const RecordKindRegistry& registry);

// Splits `text` after each '\n'; the last line may lack a terminator.
std::vector<std::string> SplitRawLines(std::string_view text);

}  // namespace runnel::slt
