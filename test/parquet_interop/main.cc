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
//       files.tsv: "name<TAB>path[<TAB>sql]" lines. Writes out_dir/<name>.txt: what Runnel reads
//       with read().parquet(path), or with SELECT * FROM parquet.`path` when the line says sql.
//   runnel_parquet_interop handmade <out_dir>
//       Writes <name>.parquet and <name>.expected.txt for each hand-made file.
//   runnel_parquet_interop count <queries.tsv> <out_file>
//       queries.tsv: "key<TAB>sql" lines; writes "key<TAB>value" with the first cell each query
//       returns (filter_check.mjs counts rows with it).
#include <algorithm>
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

// What Runnel reads from `path` (a file or a directory of them), as canonical text: through
// read().parquet(), or with `sql` through SELECT * FROM parquet.`path`.
std::string ReadWithRunnel(Session& session, const std::string& path, bool sql = false) {
  DataFrame df = session.read().parquet(path);
  if (sql) {
    auto query = session.sql("SELECT * FROM parquet.`" + path + "`");
    if (!query.ok()) return "#error\t" + query.status().ToString() + "\n";
    df = *query;
  }
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
    Status status =
        df.write().format("parquet").mode("overwrite").options(options).save(out_dir / name);
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
  for (const auto& line : ReadTsv(files)) {
    const bool sql = line.size() > 2 && line[2] == "sql";
    WriteFile(out_dir / (line[0] + ".txt"), ReadWithRunnel(*session, line[1], sql));
  }
  return 0;
}

// Runs each query ("key<TAB>sql" lines) and writes "key<TAB>first cell of the first row" (or
// "#error ..."), one line each.
int Count(const std::string& queries, const std::filesystem::path& out_file) {
  auto session = Session::Make();
  std::string out;
  for (const auto& line : ReadTsv(queries)) {
    auto df = session->sql(line[1]);
    Result<std::vector<Row>> rows = df.ok() ? df->collect() : Result<std::vector<Row>>(df.status());
    std::string cell;
    if (!rows.ok()) {
      cell = "#error " + rows.status().ToString();
      std::replace(cell.begin(), cell.end(), '\n', ' ');
      std::replace(cell.begin(), cell.end(), '\t', ' ');
    } else {
      cell = rows->empty() ? "#no rows" : CanonicalValue((*rows)[0][0]);
    }
    out += line[0] + "\t" + cell + "\n";
  }
  WriteFile(out_file, out);
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
    if (args.size() == 3 && args[0] == "count") return Count(args[1], args[2]);
  } catch (const std::exception& e) {
    std::cerr << "runnel_parquet_interop: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "usage: runnel_parquet_interop write <configs.tsv> <out_dir> <num_rows>\n"
               "       runnel_parquet_interop read <files.tsv> <out_dir>\n"
               "       runnel_parquet_interop handmade <out_dir>\n"
               "       runnel_parquet_interop count <queries.tsv> <out_file>\n";
  return 2;
}
