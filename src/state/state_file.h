// The record file of the state stores: a memory provider's <version>.delta and
// <version>.snapshot and a RocksDB provider's <version>.changelog share one binary format
// (docs/formats/state-store.md): a header with the format version, length-prefixed put and
// remove records, an end marker, the number of keys after the version, and a checksum. The
// checksum is checked before any record is handed out, so a torn or corrupt file never
// half-applies.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace runnel::state {

enum class StateFileKind : uint8_t { kDelta = 1, kSnapshot = 2, kChangelog = 3 };

inline constexpr uint32_t kStateFileFormatVersion = 1;

class StateFileWriter {
 public:
  StateFileWriter(StateFileKind kind, int64_t version);

  void Put(std::string_view key, std::string_view value);
  void Remove(std::string_view key);
  // The file's bytes; `num_keys` is the number of keys in the state after this version.
  std::string Finish(int64_t num_keys);

 private:
  void AppendKey(std::string_view key);
  std::string data_;
};

struct StateFileContents {
  StateFileKind kind;
  int64_t version = 0;
  int64_t num_keys = 0;
};

// Checks `data` (read from `path`, named in errors) and calls `visit` for each record in file
// order; a removal has no value. Errors are kCorruption and name the file.
Result<StateFileContents> ReadStateFile(
    std::string_view data, const std::string& path,
    const std::function<Status(std::string_view key, std::optional<std::string_view> value)>& visit);

}  // namespace runnel::state
