// The JSON encodings of the warehouse's files (table metadata and manifest), together in one
// translation unit because nlohmann/json is a heavy header.
#include <nlohmann/json.hpp>

#include "catalog/table_manifest.h"
#include "catalog/table_metadata.h"
#include "type/ddl.h"

namespace runnel::catalog {

namespace {

using nlohmann::json;

Status Corrupt(const std::string& path, const std::string& problem) {
  return Status::Corruption("Warehouse file '" + path + "' is corrupt: " + problem +
                            ". Restore it or drop and recreate the table");
}

// The document's format version, checked against what this build understands.
Result<int64_t> CheckVersion(const json& doc, const std::string& key, int64_t known,
                             const std::string& path) {
  if (!doc.is_object() || !doc.contains(key) || !doc[key].is_number_integer()) {
    return Corrupt(path, "no integer '" + key + "'");
  }
  int64_t version = doc[key].get<int64_t>();
  if (version > known) {
    return Status::NotSupported("Warehouse file '" + path + "' has format version " +
                                std::to_string(version) + ", newer than the " +
                                std::to_string(known) + " this Runnel reads. Upgrade Runnel");
  }
  if (version < 1) return Corrupt(path, "bad format version " + std::to_string(version));
  return version;
}

Result<json> Parse(std::string_view text, const std::string& path) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Corrupt(path, "not valid JSON");
  return doc;
}

}  // namespace

std::string EncodeTableMetadata(const TableMetadata& m) {
  json doc = {{"format_version", kTableMetadataVersion},
              {"name", m.name},
              {"schema", SchemaToDdl(*m.schema)},
              {"format", m.format},
              {"options", m.options},
              {"partition_columns", m.partition_columns},
              {"location", m.location.empty() ? json(nullptr) : json(m.location)},
              {"created_micros", m.created_micros}};
  return doc.dump(2) + "\n";
}

Result<TableMetadata> DecodeTableMetadata(std::string_view text, const std::string& path) {
  RUNNEL_ASSIGN_OR_RAISE(json doc, Parse(text, path));
  RUNNEL_RETURN_NOT_OK(CheckVersion(doc, "format_version", kTableMetadataVersion, path).status());
  TableMetadata m;
  try {
    m.name = doc.at("name").get<std::string>();
    std::string ddl = doc.at("schema").get<std::string>();
    m.format = doc.at("format").get<std::string>();
    m.options = doc.at("options").get<std::map<std::string, std::string>>();
    m.partition_columns = doc.at("partition_columns").get<std::vector<std::string>>();
    if (!doc.at("location").is_null()) m.location = doc.at("location").get<std::string>();
    m.created_micros = doc.at("created_micros").get<int64_t>();
    auto schema = type::ParseSchema(ddl);
    if (!schema.ok()) return Corrupt(path, "bad schema: " + schema.status().message());
    m.schema = std::make_shared<type::Schema>(std::move(*schema));
  } catch (const json::exception& e) {
    return Corrupt(path, e.what());
  }
  return m;
}

std::string EncodeTableManifest(const TableManifest& manifest) {
  json doc = {{"format_version", kTableManifestFormatVersion},
              {"version", manifest.version},
              {"files", manifest.files},
              {"overwrite_version", manifest.overwrite_version},
              {"stream_writes", manifest.stream_writes}};
  return doc.dump(2) + "\n";
}

Result<TableManifest> DecodeTableManifest(std::string_view text, const std::string& path) {
  RUNNEL_ASSIGN_OR_RAISE(json doc, Parse(text, path));
  RUNNEL_ASSIGN_OR_RAISE(int64_t format_version,
                         CheckVersion(doc, "format_version", kTableManifestFormatVersion, path));
  TableManifest manifest;
  try {
    manifest.version = doc.at("version").get<int64_t>();
    manifest.files = doc.at("files").get<std::vector<std::string>>();
    if (format_version >= 2) {
      manifest.overwrite_version = doc.at("overwrite_version").get<int64_t>();
      manifest.stream_writes = doc.at("stream_writes").get<std::map<std::string, int64_t>>();
    }
  } catch (const json::exception& e) {
    return Corrupt(path, e.what());
  }
  for (const auto& f : manifest.files) {
    if (f.empty() || f[0] == '/' || f.find("..") != std::string::npos) {
      return Corrupt(path, "bad data file name '" + f + "'");
    }
  }
  return manifest;
}

}  // namespace runnel::catalog
