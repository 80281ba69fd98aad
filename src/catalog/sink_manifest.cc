#include "catalog/sink_manifest.h"

#include <map>
#include <nlohmann/json.hpp>

namespace runnel::catalog {

namespace {

Status Corrupt(const std::string& file, const std::string& problem, std::string_view line) {
  return Status::Corruption("The file sink manifest file " + file + " is corrupt: " + problem +
                            " in line '" + std::string(line.substr(0, 120)) +
                            "'. Restore it, or write the query's output to a new directory");
}

}  // namespace

std::string EncodeSinkFileStatus(const SinkFileStatus& s) {
  // Spark's field order, so the lines read the same as _spark_metadata's.
  nlohmann::ordered_json line = {{"path", s.path},
                                 {"size", s.size},
                                 {"isDir", s.is_dir},
                                 {"modificationTime", s.modification_time_ms},
                                 {"blockReplication", s.block_replication},
                                 {"blockSize", s.block_size},
                                 {"action", s.action}};
  return line.dump();
}

Result<SinkFileStatus> DecodeSinkFileStatus(std::string_view line, const std::string& file) {
  nlohmann::json doc = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return Corrupt(file, "not a JSON object", line);
  SinkFileStatus s;
  if (!doc.contains("path") || !doc["path"].is_string() || doc["path"].get<std::string>().empty()) {
    return Corrupt(file, "no \"path\" string", line);
  }
  s.path = doc["path"].get<std::string>();
  for (auto [key, target] :
       {std::pair{"size", &s.size}, std::pair{"modificationTime", &s.modification_time_ms},
        std::pair{"blockReplication", &s.block_replication},
        std::pair{"blockSize", &s.block_size}}) {
    if (!doc.contains(key)) continue;
    if (!doc[key].is_number_integer())
      return Corrupt(file, std::string("\"") + key + "\" is not an integer", line);
    *target = doc[key].get<int64_t>();
  }
  if (doc.contains("isDir")) {
    if (!doc["isDir"].is_boolean()) return Corrupt(file, "\"isDir\" is not true or false", line);
    s.is_dir = doc["isDir"].get<bool>();
  }
  if (doc.contains("action")) {
    if (!doc["action"].is_string()) return Corrupt(file, "\"action\" is not a string", line);
    s.action = doc["action"].get<std::string>();
  }
  if (s.action != "add" && s.action != "delete") {
    return Corrupt(file, "unknown action '" + s.action + "' (expected add or delete)", line);
  }
  return s;
}

SinkManifest::SinkManifest(std::shared_ptr<io::FileSystem> fs, std::string output_dir,
                           int64_t compact_interval)
    : output_dir_(output_dir),
      log_(std::move(fs), io::JoinPath(output_dir, kSinkManifestDirectory), "file sink manifest",
           compact_interval, kSinkManifestVersion) {}

Result<bool> SinkManifest::IsSinkOutput(io::FileSystem& fs, const std::string& path) {
  // A glob or a file never is: Spark reads the manifest only for a plain directory path.
  if (path.find_first_of("*?[") != std::string::npos) return false;
  RUNNEL_ASSIGN_OR_RAISE(bool exists, fs.Exists(io::JoinPath(path, kSinkManifestDirectory)));
  if (!exists) return false;
  RUNNEL_ASSIGN_OR_RAISE(io::FileInfo info, fs.Stat(io::JoinPath(path, kSinkManifestDirectory)));
  return info.is_directory;
}

Status SinkManifest::AddBatch(int64_t batch_id, const std::vector<SinkFileStatus>& files) {
  std::vector<std::string> lines;
  lines.reserve(files.size());
  for (const auto& f : files) lines.push_back(EncodeSinkFileStatus(f));
  return log_.Add(batch_id, lines);
}

Result<std::vector<SinkFileStatus>> SinkManifest::Files() const {
  std::vector<SinkFileStatus> files;
  std::map<std::string, size_t> index;  // path -> position in files
  RUNNEL_RETURN_NOT_OK(log_.ReadAll([&](const std::string& file, std::string line) -> Status {
    RUNNEL_ASSIGN_OR_RAISE(SinkFileStatus s, DecodeSinkFileStatus(line, file));
    auto found = index.find(s.path);
    if (s.action == "delete") {
      if (found != index.end()) files[found->second].action = "delete";
      return Status::OK();
    }
    if (found == index.end()) {
      index.emplace(s.path, files.size());
      files.push_back(std::move(s));
    } else if (files[found->second].action == "delete") {  // added again after a delete
      files[found->second] = std::move(s);
    }
    return Status::OK();
  }));
  std::erase_if(files, [](const SinkFileStatus& s) { return s.action == "delete"; });
  return files;
}

Result<std::vector<io::FileInfo>> SinkManifest::ListFiles() const {
  RUNNEL_ASSIGN_OR_RAISE(auto files, Files());
  std::vector<io::FileInfo> out;
  out.reserve(files.size());
  for (const auto& f : files) {
    if (f.is_dir) continue;
    out.push_back(io::FileInfo{io::JoinPath(output_dir_, f.path), f.size,
                               f.modification_time_ms * 1000, false});
  }
  return out;
}

}  // namespace runnel::catalog
