#include "page_census.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "format/parquet/compression.h"
#include "format/parquet/parquet_metadata.h"

namespace runnel::interop {
namespace {

namespace pq = format::parquet;

const char* EncodingName(pq::Encoding e) {
  switch (e) {
    case pq::Encoding::kPlain:
      return "PLAIN";
    case pq::Encoding::kPlainDictionary:
      return "PLAIN_DICTIONARY";
    case pq::Encoding::kRle:
      return "RLE";
    case pq::Encoding::kBitPacked:
      return "BIT_PACKED";
    case pq::Encoding::kDeltaBinaryPacked:
      return "DELTA_BINARY_PACKED";
    case pq::Encoding::kDeltaLengthByteArray:
      return "DELTA_LENGTH_BYTE_ARRAY";
    case pq::Encoding::kDeltaByteArray:
      return "DELTA_BYTE_ARRAY";
    case pq::Encoding::kRleDictionary:
      return "RLE_DICTIONARY";
    case pq::Encoding::kByteStreamSplit:
      return "BYTE_STREAM_SPLIT";
  }
  return "UNKNOWN";
}

std::string JsonList(const std::set<std::string>& items) {
  std::string out = "[";
  for (const auto& item : items) out += (out.size() > 1 ? ",\"" : "\"") + item + "\"";
  return out + "]";
}

}  // namespace

std::string PageCensus(const std::string& dir) {
  int64_t files = 0, row_groups = 0, leaves = 0, v1 = 0, v2 = 0, dictionary = 0;
  std::set<std::string> codecs, encodings;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".parquet") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string file = buffer.str();
    const auto* tail = reinterpret_cast<const uint8_t*>(file.data() + file.size() - 8);
    const uint32_t length = tail[0] | (tail[1] << 8) | (tail[2] << 16) | (uint32_t{tail[3]} << 24);
    auto meta =
        pq::ParseFileMetaData(std::string_view(file).substr(file.size() - 8 - length, length));
    if (!meta.ok())
      throw std::runtime_error(entry.path().string() + ": " + meta.status().ToString());
    ++files;
    row_groups += static_cast<int64_t>(meta->row_groups.size());
    for (const auto& group : meta->row_groups) {
      leaves = static_cast<int64_t>(group.columns.size());
      for (const auto& chunk : group.columns) {
        const pq::ColumnMetaData& m = *chunk.meta_data;
        codecs.insert(pq::CodecName(static_cast<pq::Codec>(m.codec)));
        int64_t at = m.dictionary_page_offset ? *m.dictionary_page_offset : m.data_page_offset;
        const int64_t end = at + m.total_compressed_size;
        while (at < end) {
          size_t used = 0;
          auto page = pq::ParsePageHeader(std::string_view(file).substr(at, end - at), &used);
          if (!page.ok())
            throw std::runtime_error(entry.path().string() + ": " + page.status().ToString());
          if (page->type == pq::PageType::kDictionaryPage) ++dictionary;
          if (page->data_page_header)
            ++v1, encodings.insert(EncodingName(page->data_page_header->encoding));
          if (page->data_page_header_v2)
            ++v2, encodings.insert(EncodingName(page->data_page_header_v2->encoding));
          at += static_cast<int64_t>(used) + page->compressed_page_size;
        }
      }
    }
  }
  std::ostringstream out;
  out << "{\"files\":" << files << ",\"row_groups\":" << row_groups << ",\"leaves\":" << leaves
      << ",\"data_pages_v1\":" << v1 << ",\"data_pages_v2\":" << v2
      << ",\"dictionary_pages\":" << dictionary << ",\"codecs\":" << JsonList(codecs)
      << ",\"encodings\":" << JsonList(encodings) << "}";
  return out.str();
}

}  // namespace runnel::interop
