#include "slt/stream_records.h"

#include <functional>

#include "function/scalar/window_duration.h"
#include "slt/error_match.h"
#include "slt/result_diff.h"
#include "slt/run_context.h"

namespace runnel::slt {
namespace {

using StepFunction = std::function<Status(StreamDriver&)>;

// One step: runs `step` on the engine's driver; with an error pattern the step must fail.
class StreamStepRecord final : public Record {
 public:
  StreamStepRecord(int header_index, std::string header, StepFunction step, std::optional<std::string> error)
      : Record(header_index), header_(std::move(header)), step_(std::move(step)), error_(std::move(error)) {}
  std::string_view kind() const override { return "stream"; }
  void Run(RunContext& context) const override {
    StreamDriver* driver = context.engine().streams();
    if (driver == nullptr) {
      context.Fail(line_number(), "this engine does not run streaming records");
      return;
    }
    Status st = step_(*driver);
    if (!error_) {
      if (!st.ok()) context.Fail(line_number(), "'" + header_ + "' failed: " + st.ToString());
      return;
    }
    if (st.ok()) {
      context.Fail(line_number(), "'" + header_ + "' succeeded, but an error matching '" + *error_ + "' was expected");
    } else if (!ErrorMatches(st.ToString(), *error_)) {
      context.Fail(line_number(), "'" + header_ + "' failed with a different error\n  expected: " + *error_ +
                                      "\n  actual:   " + st.ToString());
    }
  }

 private:
  std::string header_;
  StepFunction step_;
  std::optional<std::string> error_;
};

std::vector<std::string> Body(const RecordText& text) {
  return {text.lines->begin() + text.header_index + 1, text.lines->begin() + text.end_index};
}

std::string JoinBody(const RecordText& text) {
  std::string out;
  for (const auto& line : Body(text)) out += (out.empty() ? "" : "\n") + line;
  return out;
}

Result<std::unique_ptr<Record>> Step(const RecordText& text, StepFunction step, std::optional<std::string> error = std::nullopt) {
  return std::unique_ptr<Record>(std::make_unique<StreamStepRecord>(text.header_index, text.header(), std::move(step),
                                                                    std::move(error)));
}

Status Expect(const RecordText& text, size_t min_words, size_t max_words, const char* usage) {
  if (text.words.size() < min_words || text.words.size() > max_words) {
    return Status::Syntax(std::string("usage: ") + usage + ", got '" + text.header() + "'");
  }
  return Status::OK();
}

Result<SortMode> SortModeWord(const RecordText& text, size_t index) {
  if (text.words.size() <= index) return SortMode::kNoSort;
  const std::string& mode = text.words[index];
  if (mode == "nosort") return SortMode::kNoSort;
  if (mode == "rowsort") return SortMode::kRowSort;
  if (mode == "valuesort") return SortMode::kValueSort;
  return Status::Syntax("Unknown sort mode '" + mode + "'. Use nosort, rowsort or valuesort");
}

// check_output / check_all: compared (and rewritten) exactly as a query block.
Result<std::unique_ptr<Record>> ParseCheck(const RecordText& text, bool all) {
  RUNNEL_RETURN_NOT_OK(Expect(text, 3, 4, all ? "stream check_all QUERY [sort]" : "stream check_output QUERY [sort]"));
  RUNNEL_ASSIGN_OR_RAISE(SortMode sort, SortModeWord(text, 3));
  QueryRecord::Layout layout;
  layout.sql_end_index = text.header_index + 1;
  std::vector<ExpectedLine> expected;
  if (text.header_index + 1 < text.end_index && (*text.lines)[text.header_index + 1] == "----") {
    layout.separator_index = text.header_index + 1;
    layout.results_begin = text.header_index + 2;
    layout.results_end = text.end_index;
    for (int i = layout.results_begin; i < layout.results_end; ++i) expected.push_back({(*text.lines)[i], i + 1});
  } else if (text.header_index + 1 < text.end_index) {
    return Status::Syntax("'" + text.header() + "' takes a '----' block of expected rows only");
  } else {
    layout.results_begin = layout.results_end = layout.sql_end_index;
  }
  std::string query = text.words[2];
  QueryRecord::Fetch fetch = [query, all](RunContext& context) -> Result<StatementResult> {
    StreamDriver* driver = context.engine().streams();
    if (driver == nullptr) return Status::NotSupported("this engine does not run streaming records");
    return all ? driver->AllOutput(query) : driver->LastOutput(query);
  };
  return std::unique_ptr<Record>(std::make_unique<QueryRecord>(text.header_index, "", sort, text.header(),
                                                               std::move(expected), layout, std::move(fetch),
                                                               all ? "stream check_all" : "stream check_output"));
}

Result<std::unique_ptr<Record>> ParseStream(const RecordText& text) {
  const std::string step = text.words.size() > 1 ? text.words[1] : "";
  std::string name = text.words.size() > 2 ? text.words[2] : "";
  if (step == "source") {
    RUNNEL_RETURN_NOT_OK(Expect(text, 3, 3, "stream source NAME, then the DDL schema on the next line"));
    std::string ddl = JoinBody(text);
    if (ddl.empty()) return Status::Syntax("'stream source' needs a DDL schema on the next line");
    return Step(text, [name, ddl](StreamDriver& d) { return d.Source(name, ddl); });
  }
  if (step == "start") {
    RUNNEL_RETURN_NOT_OK(Expect(text, 3, 1000, "stream start QUERY [append|update|complete] [error <pattern>]"));
    std::string mode = text.words.size() > 3 && text.words[3] != "error" ? text.words[3] : "append";
    std::optional<std::string> error;
    size_t error_at = text.words.size() > 3 && text.words[3] == "error" ? 3 : 4;
    if (text.words.size() > error_at) {
      if (text.words[error_at] != "error") return Status::Syntax("expected 'error <pattern>' in '" + text.header() + "'");
      error = text.HeaderRest(static_cast<int>(error_at) + 1);
    }
    std::string sql = JoinBody(text);
    if (sql.empty()) return Status::Syntax("'stream start' needs the query's SQL on the next line");
    return Step(text, [name, mode, sql](StreamDriver& d) { return d.Start(name, mode, sql); }, error);
  }
  if (step == "add_data") {
    RUNNEL_RETURN_NOT_OK(Expect(text, 3, 3, "stream add_data SOURCE, then one JSON object per line"));
    auto lines = Body(text);
    return Step(text, [name, lines](StreamDriver& d) { return d.AddData(name, lines); });
  }
  if (step == "trigger") {
    RUNNEL_RETURN_NOT_OK(Expect(text, 3, 100, "stream trigger QUERY [error <pattern>]"));
    std::optional<std::string> error;
    if (text.words.size() > 3) {
      if (text.words[3] != "error") return Status::Syntax("expected 'error <pattern>' in '" + text.header() + "'");
      error = text.HeaderRest(4);
    }
    return Step(text, [name](StreamDriver& d) { return d.Trigger(name); }, error);
  }
  if (step == "check_output") return ParseCheck(text, false);
  if (step == "check_all") return ParseCheck(text, true);
  if (step == "check_watermark") {
    RUNNEL_RETURN_NOT_OK(Expect(text, 4, 5, "stream check_watermark QUERY TIMESTAMP (as 2024-01-01 00:00:05)"));
    std::string expected = text.HeaderRest(3);
    return Step(text, [name, expected](StreamDriver& d) -> Status {
      RUNNEL_ASSIGN_OR_RAISE(std::string actual, d.Watermark(name));
      if (actual != expected) {
        return Status::InvalidArgument("the watermark of " + name + " is " + actual + ", expected " + expected);
      }
      return Status::OK();
    });
  }
  if (step == "advance_clock") {
    RUNNEL_RETURN_NOT_OK(Expect(text, 3, 3, "stream advance_clock DURATION (500ms, 10s, '1 minute')"));
    auto micros = function::ParseDurationText(text.HeaderRest(2));
    if (!micros.ok() || !micros->has_value()) return Status::Syntax("Invalid duration in '" + text.header() + "'");
    int64_t amount = **micros;
    return Step(text, [amount](StreamDriver& d) { return d.AdvanceClock(amount); });
  }
  if (step == "crash") {
    RUNNEL_RETURN_NOT_OK(Expect(text, 5, 5, "stream crash QUERY before offsets_write|sink_write|sink_commit|commits_write"));
    if (text.words[3] != "before") return Status::Syntax("expected 'before' in '" + text.header() + "'");
    std::string point = text.words[4];
    return Step(text, [name, point](StreamDriver& d) { return d.ArmCrash(name, point); });
  }
  if (step == "restart") {
    RUNNEL_RETURN_NOT_OK(Expect(text, 3, 3, "stream restart QUERY"));
    return Step(text, [name](StreamDriver& d) { return d.Restart(name); });
  }
  if (step == "stop") {
    RUNNEL_RETURN_NOT_OK(Expect(text, 3, 3, "stream stop QUERY"));
    return Step(text, [name](StreamDriver& d) { return d.Stop(name); });
  }
  return Status::Syntax("Unknown stream step '" + step +
                        "'. Steps: source, start, add_data, trigger, check_output, check_all, check_watermark, advance_clock, crash, "
                        "restart, stop");
}

}  // namespace

void RegisterStreamRecordKinds(RecordKindRegistry& registry) { registry.Register("stream", ParseStream); }

}  // namespace runnel::slt
