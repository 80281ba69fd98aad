// Fuzzes the Parquet footer and page header parsers (and the Thrift compact reader under
// them) with the same bytes. Whatever parses must survive a round trip: serialized and parsed
// again, it is equal, so the fuzzer checks the writer too. Good seeds: the footers of
// test/data/parquet/*.parquet.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "format/parquet/parquet_metadata.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace runnel::format::parquet;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);

  auto footer = ParseFileMetaData(bytes);
  if (footer.ok()) {
    auto again = ParseFileMetaData(SerializeFileMetaData(*footer));
    if (!again.ok() || !(*again == *footer)) __builtin_trap();
  }

  size_t header_length = 0;
  auto header = ParsePageHeader(bytes, &header_length);
  if (header.ok()) {
    if (header_length == 0 || header_length > size) __builtin_trap();
    std::string serialized;
    SerializePageHeader(*header, &serialized);
    size_t again_length = 0;
    auto again = ParsePageHeader(serialized, &again_length);
    if (!again.ok() || !(*again == *header) || again_length != serialized.size()) {
      __builtin_trap();
    }
  }
  return 0;
}
