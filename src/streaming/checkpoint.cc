#include "streaming/checkpoint.h"

#include <nlohmann/json.hpp>

namespace runnel::streaming {

Checkpoint::Checkpoint(std::shared_ptr<io::FileSystem> fs, std::string root)
    : fs_(fs),
      root_(root),
      offsets_(fs, io::JoinPath(root, "offsets"), "offset log"),
      commits_(fs, io::JoinPath(root, "commits"), "commit log") {}

Result<std::shared_ptr<Checkpoint>> Checkpoint::Open(std::shared_ptr<io::FileSystem> fs, std::string root,
                                                     const std::string& new_id) {
  std::shared_ptr<Checkpoint> cp(new Checkpoint(fs, root));
  RUNNEL_RETURN_NOT_OK(fs->CreateDirectories(root));
  std::string path = io::JoinPath(root, "metadata");
  RUNNEL_ASSIGN_OR_RAISE(bool exists, fs->Exists(path));
  if (!exists) {
    RUNNEL_ASSIGN_OR_RAISE(auto latest, cp->offsets_.LatestId());
    if (latest) {
      return Status::Corruption("The checkpoint " + root + " has offsets up to batch " + std::to_string(*latest) +
                                " but no metadata file: the query's id is lost. Restore " + path +
                                " or start from a new checkpoint location");
    }
    cp->query_id_ = new_id;
    RUNNEL_RETURN_NOT_OK(fs->WriteFileAtomic(path, nlohmann::json{{"id", new_id}}.dump() + "\n"));
    return cp;
  }
  RUNNEL_ASSIGN_OR_RAISE(std::string text, fs->ReadFile(path));
  nlohmann::json meta = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!meta.is_object() || !meta.contains("id") || !meta["id"].is_string()) {
    return Status::Corruption("The checkpoint metadata file " + path + " is not {\"id\": \"<query id>\"}: '" +
                              text.substr(0, 80) + "'");
  }
  cp->query_id_ = meta["id"].get<std::string>();
  return cp;
}

Status Checkpoint::WriteOffsets(int64_t batch_id, const OffsetSeq& seq) { return offsets_.Add(batch_id, seq.Serialize()); }

Result<std::optional<OffsetSeq>> Checkpoint::ReadOffsets(int64_t batch_id) const {
  RUNNEL_ASSIGN_OR_RAISE(auto body, offsets_.Get(batch_id));
  if (!body) return std::optional<OffsetSeq>();
  RUNNEL_ASSIGN_OR_RAISE(OffsetSeq seq, OffsetSeq::Parse(*body, offsets_.PathOf(batch_id)));
  return std::optional<OffsetSeq>(std::move(seq));
}

Status Checkpoint::WriteCommit(int64_t batch_id, const CommitMetadata& commit) {
  return commits_.Add(batch_id, commit.Serialize());
}

Result<std::optional<CommitMetadata>> Checkpoint::ReadCommit(int64_t batch_id) const {
  RUNNEL_ASSIGN_OR_RAISE(auto body, commits_.Get(batch_id));
  if (!body) return std::optional<CommitMetadata>();
  RUNNEL_ASSIGN_OR_RAISE(CommitMetadata commit, CommitMetadata::Parse(*body, commits_.PathOf(batch_id)));
  return std::optional<CommitMetadata>(commit);
}

Status Checkpoint::Purge(int64_t current_batch_id, int64_t keep) {
  int64_t min_keep = current_batch_id - keep + 1;
  if (min_keep <= 0) return Status::OK();
  RUNNEL_RETURN_NOT_OK(offsets_.PurgeBefore(min_keep));
  return commits_.PurgeBefore(min_keep);
}

std::string Checkpoint::SourcePath(int source_index) const {
  return io::JoinPath(io::JoinPath(root_, "sources"), std::to_string(source_index));
}

std::string Checkpoint::StatePath() const { return io::JoinPath(root_, "state"); }

}  // namespace runnel::streaming
