// The C++ side of the Parquet interop test (README.md): writes the edge table with Runnel in
// every writer configuration, reads Parquet files with Runnel, and writes the hand-made files
// DuckDB cannot produce. Every result is canonical text (canonical_text.h) for the driver,
// run.mjs, to compare with what DuckDB reads.
//
//   runnel_parquet_interop write <configs.tsv> <out_dir> <num_rows>
//       configs.tsv: one line per configuration, "name<TAB>option=value<TAB>...". Writes
//       out_dir/expected.txt (the table), out_dir/<name>/ (the Parquet files Runnel wrote),
//       out_dir/<name>.runnel.txt (what Runnel reads back from them) and
//       out_dir/<name>.census.json (what the files hold: page_census.h).
//   runnel_parquet_interop read <files.tsv> <out_dir>
//       files.tsv: "name<TAB>path" lines. Writes out_dir/<name>.txt: what Runnel reads.
//   runnel_parquet_interop handmade <out_dir>
//       Writes <name>.parquet and <name>.expected.txt for each hand-made file.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "canonical_text.h"
#include "edge_table.h"
#include "handmade_files.h"
#include "page_census.h"
#include "runnel/runnel.h"

namespace runnel::interop {
namespace {

std::vector<std::vector<std::string>> ReadTsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<std::vector<std::string>> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::stringstream stream(line);
    std::string cell;
    while (std::getline(stream, cell, '\t')) cells.push_back(cell);
    lines.push_back(std::move(cells));
  }
  return lines;
}

void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// What Runnel reads from `path` (a file or a directory of them), as canonical text.
std::string ReadWithRunnel(Session& session, const std::string& path) {
  DataFrame df = session.read().parquet(path);
  auto schema = df.schema();
  if (!schema.ok()) return "#error\t" + schema.status().ToString() + "\n";
  auto rows = df.collect();
  if (!rows.ok()) return "#error\t" + rows.status().ToString() + "\n";
  return CanonicalTable(*schema, std::move(*rows));
}

int Write(const std::string& configs, const std::filesystem::path& out_dir, int num_rows) {
  auto session = Session::Make();
  EdgeTable table = MakeEdgeTable(num_rows);
  std::filesystem::create_directories(out_dir);
  WriteFile(out_dir / "expected.txt", CanonicalTable(table.schema, table.rows));
  DataFrame df = session->createDataFrame(table.rows, table.schema);
  int failures = 0;
  for (const auto& line : ReadTsv(configs)) {
    std::map<std::string, std::string> options;
    for (size_t i = 1; i < line.size(); ++i) {
      size_t eq = line[i].find('=');
      options[line[i].substr(0, eq)] = line[i].substr(eq + 1);
    }
    const std::string& name = line[0];
    Status status = df.write().format("parquet").mode("overwrite").options(options).save(out_dir / name);
    if (!status.ok()) {
      std::cerr << "write " << name << ": " << status.ToString() << "\n";
      WriteFile(out_dir / (name + ".runnel.txt"), "#error\twrite: " + status.ToString() + "\n");
      ++failures;
      continue;
    }
    WriteFile(out_dir / (name + ".runnel.txt"), ReadWithRunnel(*session, out_dir / name));
    WriteFile(out_dir / (name + ".census.json"), PageCensus(out_dir / name) + "\n");
  }
  return failures == 0 ? 0 : 1;
}

int Read(const std::string& files, const std::filesystem::path& out_dir) {
  auto session = Session::Make();
  std::filesystem::create_directories(out_dir);
  for (const auto& line : ReadTsv(files)) WriteFile(out_dir / (line[0] + ".txt"), ReadWithRunnel(*session, line[1]));
  return 0;
}

}  // namespace
}  // namespace runnel::interop

int main(int argc, char** argv) {
  using namespace runnel::interop;
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() == 4 && args[0] == "write") return Write(args[1], args[2], std::stoi(args[3]));
    if (args.size() == 3 && args[0] == "read") return Read(args[1], args[2]);
    if (args.size() == 2 && args[0] == "handmade") return WriteHandmadeFiles(args[1]);
  } catch (const std::exception& e) {
    std::cerr << "runnel_parquet_interop: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "usage: runnel_parquet_interop write <configs.tsv> <out_dir> <num_rows>\n"
               "       runnel_parquet_interop read <files.tsv> <out_dir>\n"
               "       runnel_parquet_interop handmade <out_dir>\n";
  return 2;
}
