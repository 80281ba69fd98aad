#include "slt/file_records.h"

#include "slt/run_context.h"

namespace runnel::slt {
namespace {

class WriteFileRecord final : public Record {
 public:
  WriteFileRecord(int header_index, std::string path, std::string content)
      : Record(header_index), path_(std::move(path)), content_(std::move(content)) {}
  std::string_view kind() const override { return "write-file"; }
  void Run(RunContext& context) const override {
    Status st = context.engine().WriteTestFile(path_, content_);
    if (!st.ok())
      context.Fail(line_number(), "'write-file " + path_ + "' failed: " + st.ToString());
  }

 private:
  std::string path_;
  std::string content_;
};

Result<std::unique_ptr<Record>> ParseWriteFile(const RecordText& text) {
  if (text.words.size() != 2) {
    return Status::Syntax(
        "usage: write-file PATH (relative to __TEST_DIR__), then the file's lines; got '" +
        text.header() + "'");
  }
  const std::string& path = text.words[1];
  if (path[0] == '/' || path.find("..") != std::string::npos) {
    return Status::Syntax("write-file takes a path inside __TEST_DIR__, without '..': got '" +
                          path + "'");
  }
  std::string content;
  for (int i = text.header_index + 1; i < text.end_index; ++i) content += (*text.lines)[i] + "\n";
  return std::unique_ptr<Record>(
      std::make_unique<WriteFileRecord>(text.header_index, path, std::move(content)));
}

}  // namespace

void RegisterFileRecordKinds(RecordKindRegistry& registry) {
  registry.Register("write-file", ParseWriteFile);
}

}  // namespace runnel::slt
