// Fuzzes the Parquet reader: the bytes are a whole file. If its footer parses, every column of
// every row group is read (each on its own, so one bad chunk doesn't hide the others) and the
// statistics of every row group and field are decoded. Besides crashes, it checks the reader's
// promise about errors: a bad file fails with Corruption or NotSupported naming the file.
// Seeds: fuzz/corpus/parquet_reader/ (fuzz/corpus/README.md says where each comes from).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "format/parquet/parquet_reader.h"

namespace {

constexpr char kName[] = "fuzz.parquet";
// The reader holds a whole row group in memory, so a row group that claims 2^30 NULLs (a few
// bytes of RLE) is a valid file that needs gigabytes, not a bug. Row groups claiming more level
// entries than this are not read; lies about smaller counts are still found.
constexpr int64_t kMaxEntries = 1 << 22;

bool Affordable(const runnel::format::parquet::RowGroup& group) {
  if (group.num_rows > kMaxEntries) return false;
  for (const auto& chunk : group.columns) {
    if (chunk.meta_data && chunk.meta_data->num_values > kMaxEntries) return false;
  }
  return true;
}

void CheckError(const runnel::Status& st) {
  using runnel::StatusCode;
  if (st.ok()) return;
  bool clean = (st.code() == StatusCode::kCorruption || st.code() == StatusCode::kNotSupported) &&
               st.message().find(kName) != std::string::npos;
  if (!clean) {
    std::fprintf(stderr, "unclean error (not Corruption/NotSupported naming %s): %s\n", kName,
                 st.ToString().c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace runnel::format::parquet;
  auto file =
      ParquetFile::FromBuffer(std::string(reinterpret_cast<const char*>(data), size), kName);
  if (!file.ok()) {
    CheckError(file.status());
    return 0;
  }
  const int num_fields = (*file)->schema()->num_fields();
  const int num_groups = (*file)->num_row_groups();
  for (int g = 0; g < num_groups; ++g) {
    for (int f = 0; f < num_fields; ++f) (void)(*file)->Statistics(g, f);
  }
  for (int f = 0; f < num_fields; ++f) {
    for (int g = 0; g < num_groups; ++g) {
      if (!Affordable((*file)->metadata().row_groups[g])) continue;
      auto reader = ParquetReader::Make(*file, {f}, {g}, /*batch_size=*/1000);
      if (!reader.ok()) {
        CheckError(reader.status());
        return 0;
      }
      while (true) {
        auto batch = (*reader)->Next();
        if (!batch.ok()) {
          CheckError(batch.status());
          break;
        }
        if (!batch->has_value()) break;
        for (int64_t r = 0; r < (*batch)->num_rows(); ++r) (void)(*batch)->GetRow(r);
      }
    }
  }
  return 0;
}
