// The records of a golden file. A record is a header line ("statement ok", "query IT rowsort")
// and the lines up to the next blank line. Each kind is a class that knows how to run itself;
// the parser finds a kind's parse function by the header's first word (see record_kinds.h),
// so new kinds (the `stream ...` steps) slot in without touching the parser or the runner.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "slt/engine.h"

namespace runnel::slt {

class RunContext;

// The raw text of one record, as the parser cut it out of the file.
struct RecordText {
  const std::vector<std::string>* lines = nullptr;  // every line of the file, no terminators
  int header_index = 0;                             // 0-based index of the header line
  int end_index = 0;                                // one past the record's last line
  std::vector<std::string> words;                   // the header split on whitespace

  const std::string& header() const { return (*lines)[header_index]; }
  // The header after its first `count` words, trimmed ("statement error <this text>").
  std::string HeaderRest(int count) const;
  int line_number() const { return header_index + 1; }
};

class Record {
 public:
  explicit Record(int header_index) : header_index_(header_index) {}
  virtual ~Record() = default;

  // "statement ok", "statement error", "query", "halt": for messages and tests.
  virtual std::string_view kind() const = 0;
  // Runs the record; mismatches are reported to the context, never returned.
  virtual void Run(RunContext& context) const = 0;

  int header_index() const { return header_index_; }
  int line_number() const { return header_index_ + 1; }

 private:
  int header_index_;
};

// statement ok / statement error <pattern>
class StatementRecord final : public Record {
 public:
  StatementRecord(int header_index, bool expect_error, std::string error_pattern, std::string sql)
      : Record(header_index),
        expect_error_(expect_error),
        error_pattern_(std::move(error_pattern)),
        sql_(std::move(sql)) {}

  std::string_view kind() const override {
    return expect_error_ ? "statement error" : "statement ok";
  }
  void Run(RunContext& context) const override;

  bool expect_error() const { return expect_error_; }
  // Empty: any error passes.
  const std::string& error_pattern() const { return error_pattern_; }
  const std::string& sql() const { return sql_; }

 private:
  bool expect_error_;
  std::string error_pattern_;
  std::string sql_;
};

enum class SortMode { kNoSort, kRowSort, kValueSort };

// One expected line of a query block and where it sits in the file (for messages).
struct ExpectedLine {
  std::string text;
  int line_number = 0;
};

// query <type letters> [nosort|rowsort|valuesort], and the streaming checks that compare rows
// the same way (stream check_output / check_all: `fetch` gets their rows; no type letters).
class QueryRecord final : public Record {
 public:
  struct Layout {
    int sql_end_index = 0;     // one past the last SQL line
    int separator_index = -1;  // the "----" line, or -1 when the block has none yet
    int results_begin = 0;     // first expected line (== results_end when none)
    int results_end = 0;       // one past the last expected line
  };

  using Fetch = std::function<Result<StatementResult>(RunContext&)>;

  QueryRecord(int header_index, std::string type_letters, SortMode sort_mode, std::string sql,
              std::vector<ExpectedLine> expected, Layout layout, Fetch fetch = nullptr,
              std::string kind = "query")
      : Record(header_index),
        type_letters_(std::move(type_letters)),
        sort_mode_(sort_mode),
        sql_(std::move(sql)),
        expected_(std::move(expected)),
        layout_(layout),
        fetch_(std::move(fetch)),
        kind_(std::move(kind)) {}

  std::string_view kind() const override { return kind_; }
  void Run(RunContext& context) const override;

  const std::string& type_letters() const { return type_letters_; }
  SortMode sort_mode() const { return sort_mode_; }
  const std::string& sql() const { return sql_; }
  const std::vector<ExpectedLine>& expected() const { return expected_; }
  const Layout& layout() const { return layout_; }

 private:
  // Queues the edits that make this block hold `actual` (rewrite mode).
  void RewriteBlock(RunContext& context, const std::string& letters,
                    const std::vector<std::string>& actual) const;

  std::string type_letters_;
  SortMode sort_mode_;
  std::string sql_;
  std::vector<ExpectedLine> expected_;
  Layout layout_;
  Fetch fetch_;  // null: run sql_ on the engine
  std::string kind_;
};

// halt: the records after it are parsed but not run (for bisecting a failing file).
class HaltRecord final : public Record {
 public:
  using Record::Record;
  std::string_view kind() const override { return "halt"; }
  void Run(RunContext& context) const override;
};

}  // namespace runnel::slt
