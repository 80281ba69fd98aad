// Fuzzes the JSON reader and JSON schema inference. The first byte picks options and whether
// the schema is given or inferred; the rest is the file.
#include <cstddef>
#include <cstdint>
#include <string>

#include "format/json/json_reader.h"
#include "type/ddl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace runnel;
  if (size == 0) return 0;
  uint8_t flags = data[0];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  format::Options options;
  options.Set("multiLine", flags & 1 ? "true" : "false");
  static const char* kModes[] = {"PERMISSIVE", "DROPMALFORMED", "FAILFAST", "PERMISSIVE"};
  options.Set("mode", kModes[(flags >> 1) & 3]);
  options.Set("primitivesAsString", flags & 8 ? "true" : "false");
  options.Set("batchSize", "5");
  static const type::SchemaPtr kSchema = std::make_shared<type::Schema>(
      type::ParseSchema("a INT, b STRING, c DOUBLE, d TIMESTAMP, e DECIMAL(10,2), f DATE, "
                        "g BOOLEAN, h BIGINT, s STRUCT<x: INT, y: ARRAY<STRING>>, "
                        "l ARRAY<STRUCT<z: DOUBLE>>, m MAP<STRING, BIGINT>, "
                        "_corrupt_record STRING")
          .ValueOrDie());
  type::SchemaPtr schema = flags & 16 ? nullptr : kSchema;
  auto reader = format::JsonReader::MakeFromBuffer(std::move(text), "fuzz.json", schema, options);
  if (!reader.ok()) return 0;
  while (true) {
    auto batch = (*reader)->Next();
    if (!batch.ok() || !batch->has_value()) break;
    for (int64_t r = 0; r < (*batch)->num_rows(); ++r) (void)(*batch)->GetRow(r);
  }
  return 0;
}
