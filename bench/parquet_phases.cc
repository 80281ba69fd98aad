#include "parquet_phases.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "format/options.h"
#include "format/parquet/column_reader.h"
#include "format/parquet/column_writer.h"
#include "format/parquet/parquet_reader.h"
#include "format/parquet/parquet_writer.h"
#include "format/parquet/record_assembly.h"
#include "io/file_system.h"

namespace runnel::bench {
namespace {

namespace pq = format::parquet;
using Clock = std::chrono::steady_clock;

constexpr int64_t kRowGroupRows = 1 << 20;  // the writer's default rowGroupSize
constexpr int64_t kBatchRows = pq::ParquetReader::kDefaultBatchSize;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct WriteConfig {
  const char* name;
  pq::CompressionCodec codec;
  bool dictionary;
};

const WriteConfig kWriteConfigs[] = {
    {"none", pq::CompressionCodec::kUncompressed, true},
    {"snappy", pq::CompressionCodec::kSnappy, true},
    {"zstd", pq::CompressionCodec::kZstd, true},
    {"snappy,nodict", pq::CompressionCodec::kSnappy, false},
};

// Seconds per top-level column (every column here is one leaf).
struct WritePhases {
  std::vector<double> shred, chunk;
  int64_t bytes = 0;
};

// The writer's row loop (ParquetWriter::Write/FlushRowGroup) with a timer around each call.
Result<WritePhases> TimeWrite(const type::SchemaPtr& schema,
                              const std::vector<vector::Batch>& batches,
                              const WriteConfig& config) {
  std::vector<pq::SchemaElement> elements;
  RUNNEL_ASSIGN_OR_RAISE(pq::FileSchema file_schema, pq::WriteFileSchema(*schema, &elements));
  pq::ColumnWriteOptions options;
  options.codec = config.codec;
  options.dictionary = config.dictionary;
  const size_t num_fields = static_cast<size_t>(schema->num_fields());
  WritePhases phases{std::vector<double>(num_fields), std::vector<double>(num_fields)};
  std::vector<pq::LeafData> leaves(file_schema.leaves.size());
  int64_t buffered = 0;
  std::string out = "PAR1";
  auto flush = [&]() -> Status {
    for (size_t l = 0; l < leaves.size(); ++l) {
      auto start = Clock::now();
      RUNNEL_ASSIGN_OR_RAISE(
          pq::ColumnChunk chunk,
          pq::WriteColumnChunk(file_schema.leaves[l], leaves[l], options, 0, &out));
      (void)chunk;
      phases.chunk[file_schema.leaves[l].field] += Since(start);
      leaves[l].Clear();
    }
    buffered = 0;
    return Status::OK();
  };
  for (const auto& batch : batches) {
    for (int64_t offset = 0; offset < batch.num_rows();) {
      int64_t take = std::min(batch.num_rows() - offset, kRowGroupRows - buffered);
      vector::Batch part =
          offset == 0 && take == batch.num_rows() ? batch : batch.Slice(offset, take);
      for (size_t c = 0; c < num_fields; ++c) {
        auto start = Clock::now();
        RUNNEL_RETURN_NOT_OK(pq::ShredColumn(file_schema, static_cast<int>(c),
                                             part.column(static_cast<int>(c)), &leaves));
        phases.shred[c] += Since(start);
      }
      buffered += take;
      offset += take;
      if (buffered == kRowGroupRows) RUNNEL_RETURN_NOT_OK(flush());
    }
  }
  if (buffered > 0) RUNNEL_RETURN_NOT_OK(flush());
  phases.bytes = static_cast<int64_t>(out.size());
  return phases;
}

// The whole ParquetWriter (Write of every batch, Finish), for comparison with the phases' sum.
Result<std::string> WriteWhole(const type::SchemaPtr& schema,
                               const std::vector<vector::Batch>& batches, const std::string& codec,
                               double* seconds) {
  auto start = Clock::now();
  RUNNEL_ASSIGN_OR_RAISE(auto writer,
                         pq::ParquetWriter::Make(schema, format::Options{{"compression", codec}}));
  for (const auto& b : batches) RUNNEL_RETURN_NOT_OK(writer->Write(b));
  RUNNEL_ASSIGN_OR_RAISE(std::string bytes, writer->Finish());
  *seconds = Since(start);
  return bytes;
}

struct ReadPhases {
  double footer = 0, slice = 0, whole = 0;
  std::vector<double> range, decode, assemble;
  std::vector<int64_t> compressed, uncompressed;  // bytes of each column's chunks
};

// ParquetReader::LoadRowGroup and Next, with a timer around each step, over a file in memory.
Result<ReadPhases> TimeRead(std::string bytes) {
  ReadPhases phases;
  auto start = Clock::now();
  RUNNEL_ASSIGN_OR_RAISE(auto file, pq::ParquetFile::FromBuffer(std::move(bytes), "memory"));
  phases.footer = Since(start);
  const pq::FileSchema& schema = file->file_schema();
  const size_t num_fields = schema.fields.size();
  phases.range.assign(num_fields, 0);
  phases.decode.assign(num_fields, 0);
  phases.assemble.assign(num_fields, 0);
  phases.compressed.assign(num_fields, 0);
  phases.uncompressed.assign(num_fields, 0);
  int64_t checksum = 0;
  for (int g = 0; g < file->num_row_groups(); ++g) {
    const pq::RowGroup& group = file->metadata().row_groups[g];
    std::vector<pq::DecodedLeaf> leaves(schema.leaves.size());
    std::vector<vector::ColumnPtr> columns;
    for (size_t f = 0; f < num_fields; ++f) {
      for (int l : schema.field_leaves[f]) {
        const pq::ColumnMetaData& meta = *group.columns[l].meta_data;
        int64_t first = meta.data_page_offset;
        if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 &&
            *meta.dictionary_page_offset < first) {
          first = *meta.dictionary_page_offset;
        }
        phases.compressed[f] += meta.total_compressed_size;
        phases.uncompressed[f] += meta.total_uncompressed_size;
        start = Clock::now();
        RUNNEL_ASSIGN_OR_RAISE(std::string chunk,
                               file->ReadRange(first, meta.total_compressed_size));
        phases.range[f] += Since(start);
        start = Clock::now();
        RUNNEL_ASSIGN_OR_RAISE(leaves[l],
                               pq::DecodeColumnChunk(schema.leaves[l], meta, chunk, "memory"));
        phases.decode[f] += Since(start);
      }
      start = Clock::now();
      RUNNEL_ASSIGN_OR_RAISE(
          vector::ColumnPtr column,
          pq::AssembleField(schema, static_cast<int>(f), leaves, group.num_rows, "memory"));
      phases.assemble[f] += Since(start);
      columns.push_back(std::move(column));
    }
    start = Clock::now();
    for (int64_t offset = 0; offset < group.num_rows; offset += kBatchRows) {
      int64_t n = std::min(kBatchRows, group.num_rows - offset);
      std::vector<vector::ColumnPtr> sliced;
      for (const auto& c : columns) sliced.push_back(c->Slice(offset, n));
      vector::Batch batch(file->schema(), std::move(sliced), n);
      checksum += batch.num_rows();
    }
    phases.slice += Since(start);
  }
  // The reader itself, start to end, for comparison with the phases' sum.
  std::vector<int> fields;
  for (size_t f = 0; f < num_fields; ++f) fields.push_back(static_cast<int>(f));
  std::vector<int> groups;
  for (int g = 0; g < file->num_row_groups(); ++g) groups.push_back(g);
  start = Clock::now();
  RUNNEL_ASSIGN_OR_RAISE(auto reader, pq::ParquetReader::Make(file, fields, groups));
  for (;;) {
    RUNNEL_ASSIGN_OR_RAISE(std::optional<vector::Batch> batch, reader->Next());
    if (!batch) break;
    checksum -= batch->num_rows();
  }
  phases.whole = Since(start);
  if (checksum != 0) return Status::Internal("the phases and the reader read different row counts");
  return phases;
}

// Each phase's best over runs.
void KeepMin(const std::vector<double>& seconds, std::vector<double>* best) {
  for (size_t i = 0; i < seconds.size(); ++i) (*best)[i] = std::min((*best)[i], seconds[i]);
}

double Sum(const std::vector<double>& v) {
  double total = 0;
  for (double x : v) total += x;
  return total;
}

void PrintRow(const std::string& phase, const std::vector<double>& seconds, int64_t rows) {
  std::printf("  %-28s", phase.c_str());
  for (double s : seconds)
    std::printf(" %9.3f s %6.1f ns/row", s, s * 1e9 / static_cast<double>(rows));
  std::printf("\n");
}

Status PrintWritePhases(const type::SchemaPtr& schema, const std::vector<vector::Batch>& batches,
                        int64_t rows, int runs) {
  std::vector<WritePhases> results;
  for (const auto& config : kWriteConfigs) {
    WritePhases best;
    for (int run = 0; run < runs; ++run) {
      RUNNEL_ASSIGN_OR_RAISE(WritePhases p, TimeWrite(schema, batches, config));
      if (run == 0) {
        best = std::move(p);
        continue;
      }
      KeepMin(p.shred, &best.shred);
      KeepMin(p.chunk, &best.chunk);
    }
    results.push_back(std::move(best));
  }
  std::printf("\nRunnel write phases, one thread (columns: ");
  for (const auto& config : kWriteConfigs) std::printf("%s; ", config.name);
  std::printf("dictionaries on unless nodict)\n");
  for (int c = 0; c < schema->num_fields(); ++c) {
    std::vector<double> shred, chunk;
    for (const auto& p : results) {
      shred.push_back(p.shred[c]);
      chunk.push_back(p.chunk[c]);
    }
    PrintRow("shred " + schema->field(c).name, shred, rows);
    PrintRow("chunk " + schema->field(c).name, chunk, rows);
  }
  std::vector<double> totals, sizes;
  for (const auto& p : results) totals.push_back(Sum(p.shred) + Sum(p.chunk));
  PrintRow("sum of the phases", totals, rows);
  std::printf("  %-28s", "bytes");
  for (const auto& p : results) std::printf(" %25lld", static_cast<long long>(p.bytes));
  std::printf("\n");
  return Status::OK();
}

Status PrintReadPhases(const std::vector<std::string>& codecs,
                       const std::vector<std::string>& files, const type::Schema& schema,
                       int64_t rows, int runs) {
  std::vector<ReadPhases> results;
  for (const auto& bytes : files) {
    ReadPhases best;
    for (int run = 0; run < runs; ++run) {
      RUNNEL_ASSIGN_OR_RAISE(ReadPhases p, TimeRead(bytes));
      if (run == 0) {
        best = std::move(p);
        continue;
      }
      best.footer = std::min(best.footer, p.footer);
      best.slice = std::min(best.slice, p.slice);
      best.whole = std::min(best.whole, p.whole);
      KeepMin(p.range, &best.range);
      KeepMin(p.decode, &best.decode);
      KeepMin(p.assemble, &best.assemble);
    }
    results.push_back(std::move(best));
  }
  std::printf("\nRunnel read phases, one thread, file in memory (columns:");
  for (const auto& c : codecs) std::printf(" %s", c.c_str());
  std::printf(")\n");
  auto row = [&](const std::string& name, auto get) {
    std::vector<double> v;
    for (const auto& p : results) v.push_back(get(p));
    PrintRow(name, v, rows);
  };
  row("footer", [](const ReadPhases& p) { return p.footer; });
  for (int c = 0; c < schema.num_fields(); ++c) {
    row("range " + schema.field(c).name, [&](const ReadPhases& p) { return p.range[c]; });
    row("decode " + schema.field(c).name, [&](const ReadPhases& p) { return p.decode[c]; });
    row("assemble " + schema.field(c).name, [&](const ReadPhases& p) { return p.assemble[c]; });
  }
  row("slice into batches", [](const ReadPhases& p) { return p.slice; });
  for (int c = 0; c < schema.num_fields(); ++c) {
    std::printf("  %-28s", ("MB " + schema.field(c).name + " (encoded->compressed)").c_str());
    for (const auto& p : results) {
      std::printf(" %11.1f -> %11.1f", static_cast<double>(p.uncompressed[c]) / 1e6,
                  static_cast<double>(p.compressed[c]) / 1e6);
    }
    std::printf("\n");
  }
  row("sum of the phases", [](const ReadPhases& p) {
    return p.footer + Sum(p.range) + Sum(p.decode) + Sum(p.assemble) + p.slice;
  });
  row("ParquetReader, whole", [](const ReadPhases& p) { return p.whole; });
  return Status::OK();
}

}  // namespace

Status PrintParquetPhases(const type::SchemaPtr& schema, const std::vector<vector::Batch>& batches,
                          const std::string& dir, int runs) {
  int64_t rows = 0;
  for (const auto& b : batches) rows += b.num_rows();
  RUNNEL_RETURN_NOT_OK(PrintWritePhases(schema, batches, rows, runs));

  std::vector<std::string> codecs = {"none", "snappy", "zstd"}, files;
  std::vector<double> whole;
  for (const auto& codec : codecs) {
    double best = 1e300;
    std::string bytes;
    for (int run = 0; run < runs; ++run) {
      double seconds = 0;
      RUNNEL_ASSIGN_OR_RAISE(bytes, WriteWhole(schema, batches, codec, &seconds));
      best = std::min(best, seconds);
    }
    whole.push_back(best);
    files.push_back(std::move(bytes));
  }
  PrintRow("ParquetWriter, whole", whole, rows);
  // The file system part of a write: the bytes to disk, with and without fsync.
  auto local = io::FileSystem::Local();
  std::string path = dir + "/phases.parquet";
  for (bool sync : {false, true}) {
    double best = 1e300;
    for (int run = 0; run < runs; ++run) {
      (void)local->Delete(path);  // a new file each time, as a write job makes
      auto start = Clock::now();
      RUNNEL_RETURN_NOT_OK(local->WriteFile(path, files[1], sync));
      best = std::min(best, Since(start));
    }
    std::printf("  %-28s %9.3f s %6.1f ns/row (%.1f MB)\n",
                sync ? "write snappy file, fsync" : "write snappy file, no fsync", best,
                best * 1e9 / static_cast<double>(rows), static_cast<double>(files[1].size()) / 1e6);
  }
  (void)local->Delete(path);
  RUNNEL_RETURN_NOT_OK(PrintReadPhases(codecs, files, *schema, rows, runs));
  return Status::OK();
}

}  // namespace runnel::bench
