// Which header keyword makes which record. The parser looks a record's first word up here;
// each family of records registers its keywords explicitly (no static initializers):
// RegisterSqlRecordKinds, RegisterStreamRecordKinds, RegisterFileRecordKinds.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runnel/status.h"
#include "slt/record.h"

namespace runnel::slt {

// Builds a record from its text; a Syntax error's message is prefixed with file:line by the
// parser.
using RecordParser = std::function<Result<std::unique_ptr<Record>>(const RecordText&)>;

class RecordKindRegistry {
 public:
  // The registry with every kind the runner supports today.
  static RecordKindRegistry Default();

  void Register(std::string keyword, RecordParser parser);
  // nullptr when no kind starts with `keyword`.
  const RecordParser* Find(const std::string& keyword) const;
  std::vector<std::string> Keywords() const;

 private:
  std::map<std::string, RecordParser> parsers_;
};

// statement, query, halt.
void RegisterSqlRecordKinds(RecordKindRegistry& registry);

}  // namespace runnel::slt
