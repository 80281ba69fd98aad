#include "streaming/sinks/basic_sinks.h"

#include <charconv>

#include "base/spelling.h"
#include "format/json/json_writer.h"
#include "vector/pretty_print.h"

namespace runnel::streaming {

Status NoopSink::AddBatch(int64_t, BatchOutput& output) {
  RUNNEL_RETURN_NOT_OK(output.ForEachPartition([](int) { return Status::OK(); },
                                               [](int, vector::Batch) { return Status::OK(); }));
  return output.BeforeCommit();
}

Status MemorySink::Open(const type::SchemaPtr& schema, OutputMode mode) {
  std::lock_guard<std::mutex> lock(mutex_);
  schema_ = schema;
  mode_ = mode;
  return Status::OK();
}

Status MemorySink::AddBatch(int64_t batch_id, BatchOutput& output) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (batch_id <= last_batch_id_) return Status::OK();  // already holds this batch
  }
  RUNNEL_ASSIGN_OR_RAISE(auto batches, output.Collect());
  RUNNEL_RETURN_NOT_OK(output.BeforeCommit());
  std::lock_guard<std::mutex> lock(mutex_);
  if (mode_ == OutputMode::kComplete) rows_.clear();
  for (auto& b : batches) {
    if (b.num_rows() > 0) rows_.push_back(std::move(b));
  }
  last_batch_id_ = batch_id;
  return Status::OK();
}

std::vector<vector::Batch> MemorySink::Rows() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return rows_;
}

type::SchemaPtr MemorySink::schema() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return schema_;
}

Status RowRecordingSink::Open(const type::SchemaPtr& schema, OutputMode) {
  schema_ = schema;
  return Status::OK();
}

Status RowRecordingSink::AddBatch(int64_t batch_id, BatchOutput& output) {
  RUNNEL_ASSIGN_OR_RAISE(auto batches, output.Collect());
  RUNNEL_RETURN_NOT_OK(output.BeforeCommit());
  std::vector<Row> rows;
  for (const auto& b : batches) {
    for (int64_t r = 0; r < b.num_rows(); ++r) rows.emplace_back(b.GetRow(r));
  }
  (*batches_)[batch_id] = std::move(rows);
  if (on_commit_) on_commit_(batch_id);
  return Status::OK();
}

namespace {
// One partition holding whatever the sink has when the scan opens it.
class MemorySinkTable final : public plan::DataSource {
 public:
  explicit MemorySinkTable(std::shared_ptr<MemorySink> sink) : sink_(std::move(sink)) {}
  std::string Describe() const override { return sink_->Describe(); }
  Result<type::SchemaPtr> schema() override { return sink_->schema(); }
  int NumPartitions() const override { return 1; }
  Result<std::unique_ptr<vector::BatchStream>> Open(int, const std::vector<int>& projection,
                                                    const std::vector<expr::ExprPtr>&) override {
    std::vector<vector::Batch> out;
    type::SchemaPtr schema = sink_->schema();
    auto projected = plan::ProjectSchema(*schema, projection);
    for (const auto& b : sink_->Rows()) out.push_back(plan::ProjectColumns(b, projected, projection));
    return std::unique_ptr<vector::BatchStream>(new vector::VectorBatchStream(std::move(out)));
  }

 private:
  std::shared_ptr<MemorySink> sink_;
};

Result<int64_t> PositiveInteger(const std::string& key, const std::string& value) {
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || ptr != value.data() + value.size() || n <= 0) {
    return Status::InvalidArgument("Invalid value '" + value + "' for option '" + key + "': must be a positive integer");
  }
  return n;
}
}  // namespace

plan::DataSourcePtr MemorySink::AsTable() { return std::make_shared<MemorySinkTable>(shared_from_this()); }

Result<std::shared_ptr<ConsoleSink>> ConsoleSink::Make(const std::map<std::string, std::string>& options,
                                                       std::function<void(const std::string&)> out) {
  std::shared_ptr<ConsoleSink> sink(new ConsoleSink());
  for (const auto& [key, value] : options) {
    std::string k = base::ToLower(key);
    if (k == "numrows") {
      RUNNEL_ASSIGN_OR_RAISE(sink->num_rows_, PositiveInteger(key, value));
    } else if (k == "truncate") {
      std::string v = base::ToLower(value);
      if (v != "true" && v != "false") {
        return Status::InvalidArgument("Invalid value '" + value + "' for option 'truncate': must be true or false");
      }
      sink->truncate_ = v == "true" ? 20 : 0;
    } else if (k == "format") {
      std::string v = base::ToLower(value);
      if (v != "table" && v != "jsonl") {
        return Status::InvalidArgument("Invalid console format '" + value + "': use 'table' (the default) or 'jsonl'");
      }
      sink->jsonl_ = v == "jsonl";
    }
  }
  sink->out_ = out ? std::move(out) : [](const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
  };
  return sink;
}

Status ConsoleSink::AddBatch(int64_t batch_id, BatchOutput& output) {
  RUNNEL_ASSIGN_OR_RAISE(auto batches, output.Collect());
  std::string text;
  if (jsonl_) {
    // {"batch_id":N, ...the row's fields}: the JSON writer renders the row, batch_id goes first.
    RUNNEL_ASSIGN_OR_RAISE(auto writer, format::JsonWriter::Make(output.schema(), format::Options{}));
    for (const auto& b : batches) RUNNEL_RETURN_NOT_OK(writer->Write(b));
    RUNNEL_ASSIGN_OR_RAISE(std::string lines, writer->Finish());
    std::string prefix = "{\"batch_id\":" + std::to_string(batch_id);
    size_t start = 0;
    while (start < lines.size()) {
      size_t eol = lines.find('\n', start);
      if (eol == std::string::npos) eol = lines.size();
      std::string_view row(lines.data() + start, eol - start);  // "{...}"
      text += prefix + (row.size() > 2 ? "," + std::string(row.substr(1)) : std::string("}")) + "\n";
      start = eol + 1;
    }
  } else {
    text = "-------------------------------------------\nBatch: " + std::to_string(batch_id) +
           "\n-------------------------------------------\n" +
           vector::FormatTable(*output.schema(), batches, num_rows_, truncate_) + "\n";
  }
  out_(text);
  return output.BeforeCommit();
}

}  // namespace runnel::streaming
