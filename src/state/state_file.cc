#include "state/state_file.h"

#include <cstring>
#include <type_traits>

#include "base/hash.h"

namespace runnel::state {
namespace {

constexpr char kMagic[4] = {'R', 'N', 'S', 'T'};
constexpr uint32_t kEndMarker = 0xFFFFFFFFu;  // in place of a key length
constexpr int32_t kRemoved = -1;              // in place of a value length
constexpr size_t kHeaderSize = 4 + 4 + 1 + 8;
constexpr size_t kFooterSize = 8 + 8;  // num_keys, checksum

// Fixed-width little-endian integers: the files move between machines.
template <typename T>
void AppendFixed(std::string& out, T value) {
  auto u = static_cast<std::make_unsigned_t<T>>(value);
  for (size_t i = 0; i < sizeof(T); ++i) out.push_back(static_cast<char>((u >> (8 * i)) & 0xFF));
}

template <typename T>
T LoadFixed(const char* p) {
  std::make_unsigned_t<T> u = 0;
  for (size_t i = 0; i < sizeof(T); ++i) {
    u |= static_cast<std::make_unsigned_t<T>>(static_cast<unsigned char>(p[i])) << (8 * i);
  }
  return static_cast<T>(u);
}

}  // namespace

StateFileWriter::StateFileWriter(StateFileKind kind, int64_t version) {
  data_.append(kMagic, sizeof kMagic);
  AppendFixed<uint32_t>(data_, kStateFileFormatVersion);
  data_.push_back(static_cast<char>(kind));
  AppendFixed<int64_t>(data_, version);
}

void StateFileWriter::AppendKey(std::string_view key) {
  AppendFixed<uint32_t>(data_, static_cast<uint32_t>(key.size()));
  data_.append(key);
}

void StateFileWriter::Put(std::string_view key, std::string_view value) {
  AppendKey(key);
  AppendFixed<int32_t>(data_, static_cast<int32_t>(value.size()));
  data_.append(value);
}

void StateFileWriter::Remove(std::string_view key) {
  AppendKey(key);
  AppendFixed<int32_t>(data_, kRemoved);
}

std::string StateFileWriter::Finish(int64_t num_keys) {
  AppendFixed<uint32_t>(data_, kEndMarker);
  AppendFixed<int64_t>(data_, num_keys);
  AppendFixed<uint64_t>(data_, base::HashBytes(data_.data(), data_.size()));
  return std::move(data_);
}

Result<StateFileContents> ReadStateFile(
    std::string_view data, const std::string& path,
    const std::function<Status(std::string_view key, std::optional<std::string_view> value)>& visit) {
  auto corrupt = [&](const std::string& what) {
    return Status::Corruption("State file '" + path + "' is corrupt: " + what +
                              ". Restore the file or start the query from a new checkpoint location.");
  };
  if (data.size() < kHeaderSize + 4 + kFooterSize) {
    return corrupt("it is " + std::to_string(data.size()) + " bytes long, shorter than any complete file");
  }
  if (std::memcmp(data.data(), kMagic, sizeof kMagic) != 0) return corrupt("it does not start with 'RNST'");
  uint32_t format = LoadFixed<uint32_t>(data.data() + 4);
  if (format > kStateFileFormatVersion) {
    return Status::NotSupported("State file '" + path + "' has format version " + std::to_string(format) +
                                "; this build reads up to " + std::to_string(kStateFileFormatVersion) +
                                ". Use a newer Runnel.");
  }
  size_t body_end = data.size() - 8;
  uint64_t stored = LoadFixed<uint64_t>(data.data() + body_end);
  if (base::HashBytes(data.data(), body_end) != stored) {
    return corrupt("its checksum does not match (the file is truncated or damaged)");
  }
  StateFileContents contents;
  contents.kind = static_cast<StateFileKind>(data[8]);
  contents.version = LoadFixed<int64_t>(data.data() + 9);
  contents.num_keys = LoadFixed<int64_t>(data.data() + body_end - 8);
  size_t records_end = body_end - 8 - 4;  // the end marker
  if (LoadFixed<uint32_t>(data.data() + records_end) != kEndMarker) return corrupt("no end marker");
  size_t pos = kHeaderSize;
  while (pos < records_end) {
    if (records_end - pos < 4) return corrupt("a record is cut short at byte " + std::to_string(pos));
    uint32_t key_size = LoadFixed<uint32_t>(data.data() + pos);
    pos += 4;
    if (records_end - pos < static_cast<size_t>(key_size) + 4) {
      return corrupt("a key is cut short at byte " + std::to_string(pos));
    }
    std::string_view key = data.substr(pos, key_size);
    pos += key_size;
    int32_t value_size = LoadFixed<int32_t>(data.data() + pos);
    pos += 4;
    std::optional<std::string_view> value;
    if (value_size != kRemoved) {
      if (value_size < 0 || records_end - pos < static_cast<size_t>(value_size)) {
        return corrupt("a value is cut short at byte " + std::to_string(pos));
      }
      value = data.substr(pos, value_size);
      pos += value_size;
    }
    RUNNEL_RETURN_NOT_OK(visit(key, value));
  }
  return contents;
}

}  // namespace runnel::state
