#include "format/parquet/column_reader.h"

#include <fmt/format.h>

#include <cmath>
#include <cstring>

#include "format/parquet/byte_stream_split.h"
#include "format/parquet/compression.h"
#include "format/parquet/delta_byte_array.h"
#include "format/parquet/delta_encoding.h"
#include "format/parquet/level_encoding.h"
#include "format/parquet/rle_encoding.h"
#include "vector/buffer.h"
#include "vector/column_builder.h"

namespace runnel::format::parquet {

namespace {

constexpr int64_t kInt96Width = 12;
constexpr int64_t kJulianDayOfEpoch = 2440588;
constexpr int64_t kMicrosPerDay = 86400LL * 1000 * 1000;

// Decoded values in their physical form, appended page after page.
struct PhysicalValues {
  Type type = Type::kBoolean;
  int width = 0;  // FIXED_LEN_BYTE_ARRAY; 12 for INT96
  std::vector<uint8_t> bools;
  std::vector<int32_t> i32;
  std::vector<int64_t> i64;
  std::vector<float> f32;
  std::vector<double> f64;
  std::vector<int64_t> offsets{0};  // BYTE_ARRAY
  std::string bytes;                // BYTE_ARRAY values back to back; fixed-width values
  int64_t size() const {
    switch (type) {
      case Type::kBoolean: return static_cast<int64_t>(bools.size());
      case Type::kInt32: return static_cast<int64_t>(i32.size());
      case Type::kInt64: return static_cast<int64_t>(i64.size());
      case Type::kFloat: return static_cast<int64_t>(f32.size());
      case Type::kDouble: return static_cast<int64_t>(f64.size());
      case Type::kByteArray: return static_cast<int64_t>(offsets.size()) - 1;
      default: return width == 0 ? 0 : static_cast<int64_t>(bytes.size()) / width;
    }
  }
  void AppendBytes(std::string_view v) {
    bytes.append(v);
    offsets.push_back(static_cast<int64_t>(bytes.size()));
  }
  std::string_view ByteArray(int64_t i) const {
    return std::string_view(bytes).substr(offsets[i], offsets[i + 1] - offsets[i]);
  }
  // Appends dictionary entries by index (already checked to be in range).
  void AppendFrom(const PhysicalValues& dict, const uint32_t* idx, int64_t n) {
    switch (type) {
      case Type::kBoolean: for (int64_t i = 0; i < n; ++i) bools.push_back(dict.bools[idx[i]]); return;
      case Type::kInt32: for (int64_t i = 0; i < n; ++i) i32.push_back(dict.i32[idx[i]]); return;
      case Type::kInt64: for (int64_t i = 0; i < n; ++i) i64.push_back(dict.i64[idx[i]]); return;
      case Type::kFloat: for (int64_t i = 0; i < n; ++i) f32.push_back(dict.f32[idx[i]]); return;
      case Type::kDouble: for (int64_t i = 0; i < n; ++i) f64.push_back(dict.f64[idx[i]]); return;
      case Type::kByteArray: {
        // Sized once, then copied without per-value growth checks: the hot loop of reading
        // dictionary-encoded strings.
        int64_t total = 0;
        for (int64_t i = 0; i < n; ++i) total += dict.offsets[idx[i] + 1] - dict.offsets[idx[i]];
        size_t at = bytes.size();
        bytes.resize(at + total);
        size_t first_offset = offsets.size();
        offsets.resize(first_offset + n);
        char* out = bytes.data() + at;
        int64_t end = static_cast<int64_t>(at);
        for (int64_t i = 0; i < n; ++i) {
          int64_t begin = dict.offsets[idx[i]], len = dict.offsets[idx[i] + 1] - begin;
          std::memcpy(out, dict.bytes.data() + begin, len);
          out += len;
          end += len;
          offsets[first_offset + i] = end;
        }
        return;
      }
      default:
        for (int64_t i = 0; i < n; ++i) bytes.append(dict.bytes, static_cast<size_t>(idx[i]) * width, width);
        return;
    }
  }
};

class ChunkDecoder {
 public:
  ChunkDecoder(const LeafColumn& leaf, const ColumnMetaData& meta, std::string where)
      : leaf_(leaf), meta_(meta), where_(std::move(where)) {
    values_.type = dict_.type = *leaf.element.type;
    int width = values_.type == Type::kInt96 ? static_cast<int>(kInt96Width) : leaf.element.type_length.value_or(0);
    values_.width = dict_.width = width;
  }

  Status Run(std::string_view chunk, DecodedLeaf* out) {
    if (values_.type == Type::kFixedLenByteArray && values_.width <= 0) return Corrupt("FIXED_LEN_BYTE_ARRAY without a length");
    int64_t expected = meta_.num_values;
    if (expected < 0) return Corrupt("a negative value count");
    while (out->num_entries < expected) {
      if (chunk.empty()) {
        return Corrupt(fmt::format("the column chunk ends after {} of its {} values", out->num_entries, expected));
      }
      size_t header_length = 0;
      RUNNEL_ASSIGN_OR_RAISE(PageHeader header, Wrapped(ParsePageHeader(chunk, &header_length)));
      chunk.remove_prefix(header_length);
      if (header.compressed_page_size < 0 || header.uncompressed_page_size < 0 ||
          static_cast<size_t>(header.compressed_page_size) > chunk.size()) {
        return Corrupt(fmt::format("a page claims {} bytes but {} remain", header.compressed_page_size, chunk.size()));
      }
      std::string_view page = chunk.substr(0, header.compressed_page_size);
      chunk.remove_prefix(header.compressed_page_size);
      switch (header.type) {
        case PageType::kDictionaryPage: RUNNEL_RETURN_NOT_OK(ReadDictionaryPage(header, page)); break;
        case PageType::kDataPage: RUNNEL_RETURN_NOT_OK(ReadDataPageV1(header, page, out)); break;
        case PageType::kDataPageV2: RUNNEL_RETURN_NOT_OK(ReadDataPageV2(header, page, out)); break;
        default: break;  // index pages: nothing to read
      }
    }
    if (out->num_entries != expected) {
      return Corrupt(fmt::format("its pages hold {} values, the metadata says {}", out->num_entries, expected));
    }
    RUNNEL_ASSIGN_OR_RAISE(out->values, ToColumn());
    return Status::OK();
  }

 private:
  Status Corrupt(const std::string& what) const {
    return Status::Corruption("Parquet file " + where_ + ": " + what);
  }
  Status Wrap(const Status& st) const {
    if (st.ok()) return st;
    return Status(st.code(), "Parquet file " + where_ + ": " + st.message());
  }

  Status Decompress(const PageHeader& h, std::string_view page, std::string* out) {
    if (meta_.codec == CompressionCodec::kUncompressed) {
      if (page.size() != static_cast<size_t>(h.uncompressed_page_size)) {
        return Corrupt("an uncompressed page whose sizes disagree");
      }
      out->assign(page);
      return Status::OK();
    }
    // A page can't decompress to more than a few thousand times its size; the bound stops a
    // lying header from allocating gigabytes.
    if (h.uncompressed_page_size > (1LL << 31) - 1 || (h.uncompressed_page_size > 1024 &&
                                                        static_cast<int64_t>(h.uncompressed_page_size) >
                                                            static_cast<int64_t>(page.size()) * 100000)) {
      return Corrupt(fmt::format("a page claims to decompress to {} bytes", h.uncompressed_page_size));
    }
    out->resize(h.uncompressed_page_size);
    return Wrap(parquet::Decompress(meta_.codec, page, h.uncompressed_page_size, out->data()));
  }

  Status ReadDictionaryPage(const PageHeader& h, std::string_view page) {
    if (!h.dictionary_page_header) return Corrupt("a dictionary page without its header");
    std::string data;
    RUNNEL_RETURN_NOT_OK(Decompress(h, page, &data));
    dict_ = PhysicalValues{};
    dict_.type = values_.type;
    dict_.width = values_.width;
    int64_t n = h.dictionary_page_header->num_values;
    if (n < 0) return Corrupt("a dictionary with a negative size");
    std::string_view view = data;
    RUNNEL_RETURN_NOT_OK(DecodePlain(&view, n, &dict_));
    has_dict_ = true;
    return Status::OK();
  }

  Status ReadDataPageV1(const PageHeader& h, std::string_view page, DecodedLeaf* out) {
    if (!h.data_page_header) return Corrupt("a data page without its header");
    const DataPageHeader& dp = *h.data_page_header;
    std::string data;
    RUNNEL_RETURN_NOT_OK(Decompress(h, page, &data));
    std::string_view rest = data;
    int64_t n = dp.num_values;
    RUNNEL_RETURN_NOT_OK(CheckCount(n, out));
    auto level_encoding = [&](Encoding e) -> Result<LevelEncoding> {
      if (e == Encoding::kRle) return LevelEncoding::kRle;
      if (e == Encoding::kBitPacked) return LevelEncoding::kBitPacked;
      return Corrupt("levels in encoding " + ToString(e));
    };
    if (leaf_.max_rep > 0) {
      RUNNEL_ASSIGN_OR_RAISE(LevelEncoding enc, level_encoding(dp.repetition_level_encoding));
      RUNNEL_ASSIGN_OR_RAISE(LevelDecoder dec, Wrapped(LevelDecoder::MakeV1(enc, leaf_.max_rep, n, &rest)));
      RUNNEL_RETURN_NOT_OK(DecodeLevels(dec, n, &out->rep));
    }
    if (leaf_.max_def > 0) {
      RUNNEL_ASSIGN_OR_RAISE(LevelEncoding enc, level_encoding(dp.definition_level_encoding));
      RUNNEL_ASSIGN_OR_RAISE(LevelDecoder dec, Wrapped(LevelDecoder::MakeV1(enc, leaf_.max_def, n, &rest)));
      RUNNEL_RETURN_NOT_OK(DecodeLevels(dec, n, &out->def));
    }
    int64_t present = CountPresent(out, n);
    out->num_entries += n;
    return DecodeValues(dp.encoding, rest, present);
  }

  Status ReadDataPageV2(const PageHeader& h, std::string_view page, DecodedLeaf* out) {
    if (!h.data_page_header_v2) return Corrupt("a v2 data page without its header");
    const DataPageHeaderV2& dp = *h.data_page_header_v2;
    int64_t rep_bytes = dp.repetition_levels_byte_length, def_bytes = dp.definition_levels_byte_length;
    if (rep_bytes < 0 || def_bytes < 0 || static_cast<size_t>(rep_bytes + def_bytes) > page.size() ||
        rep_bytes + def_bytes > h.uncompressed_page_size) {
      return Corrupt("a v2 page whose level lengths exceed the page");
    }
    int64_t n = dp.num_values;
    RUNNEL_RETURN_NOT_OK(CheckCount(n, out));
    if (leaf_.max_rep > 0) {
      RUNNEL_ASSIGN_OR_RAISE(LevelDecoder dec, Wrapped(LevelDecoder::MakeV2(leaf_.max_rep, page.substr(0, rep_bytes))));
      RUNNEL_RETURN_NOT_OK(DecodeLevels(dec, n, &out->rep));
    }
    if (leaf_.max_def > 0) {
      RUNNEL_ASSIGN_OR_RAISE(LevelDecoder dec,
                             Wrapped(LevelDecoder::MakeV2(leaf_.max_def, page.substr(rep_bytes, def_bytes))));
      RUNNEL_RETURN_NOT_OK(DecodeLevels(dec, n, &out->def));
    }
    std::string_view values = page.substr(rep_bytes + def_bytes);
    std::string data;
    if (dp.is_compressed && meta_.codec != CompressionCodec::kUncompressed) {
      PageHeader inner = h;
      inner.uncompressed_page_size = static_cast<int32_t>(h.uncompressed_page_size - rep_bytes - def_bytes);
      RUNNEL_RETURN_NOT_OK(Decompress(inner, values, &data));
      values = data;
    }
    int64_t present = CountPresent(out, n);
    out->num_entries += n;
    return DecodeValues(dp.encoding, values, present);
  }

  template <typename T>
  Result<T> Wrapped(Result<T> r) const {
    if (!r.ok()) return Wrap(r.status());
    return r;
  }

  Status CheckCount(int64_t n, const DecodedLeaf* out) const {
    if (n < 0 || n > meta_.num_values - out->num_entries) {
      return Corrupt(fmt::format("a page holds {} values, more than the chunk's {} left", n,
                                 meta_.num_values - out->num_entries));
    }
    return Status::OK();
  }

  Status DecodeLevels(LevelDecoder& dec, int64_t n, std::vector<int16_t>* levels) {
    size_t at = levels->size();
    levels->resize(at + n);
    return Wrap(dec.Decode(levels->data() + at, static_cast<int>(n)));
  }

  // Values present in the page just appended: entries at the max definition level.
  int64_t CountPresent(const DecodedLeaf* out, int64_t n) const {
    if (leaf_.max_def == 0) return n;
    int64_t present = 0;
    const int16_t* d = out->def.data() + out->def.size() - n;
    for (int64_t i = 0; i < n; ++i) present += d[i] == leaf_.max_def;
    return present;
  }

  Status Need(std::string_view data, int64_t bytes) const {
    if (bytes < 0 || static_cast<uint64_t>(bytes) > data.size()) {
      return Corrupt(fmt::format("a page's values need {} bytes but it has {}", bytes, data.size()));
    }
    return Status::OK();
  }

  // Strings and byte arrays of a row group live in one buffer with 32-bit offsets. Checked
  // before `more` bytes are appended, so that a dictionary entry or shared prefix repeated by a
  // few bytes of RLE can't make the reader allocate far past that.
  Status CheckStringBytes(int64_t more) const {
    if (static_cast<int64_t>(values_.bytes.size()) + more > INT32_MAX) {
      return Status::NotSupported("Parquet file " + where_ +
                                  ": a row group's strings exceed 2 GiB");
    }
    return Status::OK();
  }

  Status DecodePlain(std::string_view* data, int64_t n, PhysicalValues* v) {
    switch (v->type) {
      case Type::kBoolean: {
        RUNNEL_RETURN_NOT_OK(Need(*data, (n + 7) / 8));
        for (int64_t i = 0; i < n; ++i) v->bools.push_back((static_cast<uint8_t>((*data)[i / 8]) >> (i % 8)) & 1);
        data->remove_prefix((n + 7) / 8);
        return Status::OK();
      }
      case Type::kInt32: return CopyFixed(data, n, &v->i32);
      case Type::kInt64: return CopyFixed(data, n, &v->i64);
      case Type::kFloat: return CopyFixed(data, n, &v->f32);
      case Type::kDouble: return CopyFixed(data, n, &v->f64);
      case Type::kByteArray:
        for (int64_t i = 0; i < n; ++i) {
          RUNNEL_RETURN_NOT_OK(Need(*data, 4));
          uint32_t len;
          std::memcpy(&len, data->data(), 4);
          data->remove_prefix(4);
          RUNNEL_RETURN_NOT_OK(Need(*data, len));
          v->AppendBytes(data->substr(0, len));
          data->remove_prefix(len);
        }
        return Status::OK();
      default: {
        RUNNEL_RETURN_NOT_OK(Need(*data, n * v->width));
        v->bytes.append(data->data(), n * v->width);
        data->remove_prefix(n * v->width);
        return Status::OK();
      }
    }
  }

  template <typename T>
  Status CopyFixed(std::string_view* data, int64_t n, std::vector<T>* out) {
    RUNNEL_RETURN_NOT_OK(Need(*data, n * static_cast<int64_t>(sizeof(T))));
    if (n == 0) return Status::OK();  // memcpy must not see the null data() of an empty vector
    size_t at = out->size();
    out->resize(at + n);
    std::memcpy(out->data() + at, data->data(), n * sizeof(T));
    data->remove_prefix(n * sizeof(T));
    return Status::OK();
  }

  Status DecodeValues(Encoding encoding, std::string_view data, int64_t n) {
    switch (encoding) {
      case Encoding::kPlain: return DecodePlain(&data, n, &values_);
      case Encoding::kPlainDictionary:
      case Encoding::kRleDictionary: {
        if (!has_dict_) return Corrupt("dictionary-encoded values without a dictionary page");
        if (n == 0) return Status::OK();
        RUNNEL_ASSIGN_OR_RAISE(RleDecoder dec, Wrapped(MakeDictionaryIndexDecoder(data)));
        std::vector<uint32_t> idx(n);
        RUNNEL_RETURN_NOT_OK(Wrap(dec.Decode(idx.data(), static_cast<int>(n))));
        const uint64_t dict_size = static_cast<uint64_t>(dict_.size());
        for (uint32_t i : idx) {
          if (i >= dict_size) return Corrupt(fmt::format("a dictionary index {} past its {} entries", i, dict_size));
        }
        if (values_.type == Type::kByteArray || values_.type == Type::kFixedLenByteArray) {
          int64_t bytes = values_.type == Type::kFixedLenByteArray ? n * values_.width : 0;
          if (values_.type == Type::kByteArray) {
            for (uint32_t i : idx) bytes += dict_.offsets[i + 1] - dict_.offsets[i];
          }
          RUNNEL_RETURN_NOT_OK(CheckStringBytes(bytes));
        }
        values_.AppendFrom(dict_, idx.data(), n);
        return Status::OK();
      }
      case Encoding::kRle: {
        if (values_.type != Type::kBoolean) return Corrupt("RLE values in a non-BOOLEAN column");
        RUNNEL_ASSIGN_OR_RAISE(std::string_view runs, Wrapped(ReadLengthPrefixed(&data)));
        RleDecoder dec(runs, 1);
        std::vector<uint32_t> bits(n);
        RUNNEL_RETURN_NOT_OK(Wrap(dec.Decode(bits.data(), static_cast<int>(n))));
        for (uint32_t b : bits) values_.bools.push_back(b != 0);
        return Status::OK();
      }
      case Encoding::kDeltaBinaryPacked:
        if (values_.type == Type::kInt32) return DecodeDelta<int32_t>(data, n, &values_.i32);
        if (values_.type == Type::kInt64) return DecodeDelta<int64_t>(data, n, &values_.i64);
        return Corrupt("DELTA_BINARY_PACKED values in a column of type " + ToString(values_.type));
      case Encoding::kDeltaLengthByteArray: {
        if (values_.type != Type::kByteArray) return Corrupt("DELTA_LENGTH_BYTE_ARRAY in a non-BYTE_ARRAY column");
        RUNNEL_ASSIGN_OR_RAISE(auto dec, Wrapped(DeltaLengthByteArrayDecoder::Make(data, n)));
        std::vector<std::string_view> out(n);
        if (dec.GetBatch(out.data(), static_cast<int>(n)) != n) return Corrupt("DELTA_LENGTH_BYTE_ARRAY ends early");
        for (auto v : out) values_.AppendBytes(v);
        return Status::OK();
      }
      case Encoding::kDeltaByteArray: {
        if (values_.type != Type::kByteArray && values_.type != Type::kFixedLenByteArray) {
          return Corrupt("DELTA_BYTE_ARRAY in a column of type " + ToString(values_.type));
        }
        RUNNEL_ASSIGN_OR_RAISE(auto dec, Wrapped(DeltaByteArrayDecoder::Make(data, n)));
        std::vector<std::string_view> out(std::min<int64_t>(n, 4096));
        int64_t done = 0;
        while (done < n) {
          RUNNEL_ASSIGN_OR_RAISE(int got, Wrapped(dec.GetBatch(out.data(), static_cast<int>(std::min<int64_t>(n - done, 4096)))));
          if (got == 0) return Corrupt("DELTA_BYTE_ARRAY ends early");
          int64_t bytes = 0;
          for (int i = 0; i < got; ++i) bytes += static_cast<int64_t>(out[i].size());
          RUNNEL_RETURN_NOT_OK(CheckStringBytes(bytes));
          for (int i = 0; i < got; ++i) {
            if (values_.type == Type::kByteArray) {
              values_.AppendBytes(out[i]);
            } else {
              if (static_cast<int>(out[i].size()) != values_.width) return Corrupt("a fixed-length value of the wrong length");
              values_.bytes.append(out[i]);
            }
          }
          done += got;
        }
        return Status::OK();
      }
      case Encoding::kByteStreamSplit: {
        int width = values_.type == Type::kFloat || values_.type == Type::kInt32 ? 4
                    : values_.type == Type::kDouble || values_.type == Type::kInt64 ? 8
                    : values_.type == Type::kFixedLenByteArray ? values_.width : 0;
        if (width == 0) return Corrupt("BYTE_STREAM_SPLIT in a column of type " + ToString(values_.type));
        RUNNEL_RETURN_NOT_OK(Need(data, n * width));
        RUNNEL_ASSIGN_OR_RAISE(auto dec, Wrapped(ByteStreamSplitDecoder::Make(data.substr(0, n * width), width)));
        std::string raw(n * width, '\0');
        if (dec.GetBatch(reinterpret_cast<uint8_t*>(raw.data()), static_cast<int>(n)) != n) {
          return Corrupt("BYTE_STREAM_SPLIT ends early");
        }
        std::string_view view = raw;
        return DecodePlain(&view, n, &values_);  // now laid out as PLAIN
      }
      default:
        return Status::NotSupported("Parquet file " + where_ + ": values in encoding " + ToString(encoding) +
                                    " are not supported");
    }
  }

  template <typename T>
  Status DecodeDelta(std::string_view data, int64_t n, std::vector<T>* out) {
    RUNNEL_ASSIGN_OR_RAISE(auto dec, Wrapped(DeltaBinaryPackedDecoder<T>::Make(data)));
    size_t at = out->size();
    out->resize(at + n);
    int64_t done = 0;
    while (done < n) {
      RUNNEL_ASSIGN_OR_RAISE(int got, Wrapped(dec.GetBatch(out->data() + at + done,
                                                           static_cast<int>(std::min<int64_t>(n - done, 1 << 20)))));
      if (got == 0) return Corrupt("DELTA_BINARY_PACKED ends early");
      done += got;
    }
    return Status::OK();
  }

  // The dense values as a column of the leaf's Runnel type.
  Result<vector::ColumnPtr> ToColumn() {
    const type::DataTypePtr& t = leaf_.type;
    const int64_t n = values_.size();
    const SchemaElement& e = leaf_.element;
    switch (t->id()) {
      case type::TypeId::kNull: return vector::MakeNullColumn(t, n);
      case type::TypeId::kBoolean: return vector::MakeBoolColumn(values_.bools);
      case type::TypeId::kInt:
      case type::TypeId::kDate: return vector::MakeFixedColumn<int32_t>(t, std::move(values_.i32));
      case type::TypeId::kBigInt:
        if (values_.type == Type::kInt32) {  // UINT32
          std::vector<int64_t> out(n);
          for (int64_t i = 0; i < n; ++i) out[i] = static_cast<uint32_t>(values_.i32[i]);
          return vector::MakeFixedColumn<int64_t>(t, std::move(out));
        }
        return vector::MakeFixedColumn<int64_t>(t, std::move(values_.i64));
      case type::TypeId::kDouble:
        if (values_.type == Type::kFloat) {
          std::vector<double> out(values_.f32.begin(), values_.f32.end());
          return vector::MakeFixedColumn<double>(t, std::move(out));
        }
        if (values_.type == Type::kFixedLenByteArray) return Float16Column(t, n);
        return vector::MakeFixedColumn<double>(t, std::move(values_.f64));
      case type::TypeId::kTimestamp: return TimestampColumn(t, n);
      case type::TypeId::kDecimal: return DecimalColumn(t, n);
      case type::TypeId::kString:
      case type::TypeId::kBinary: {
        if (values_.type == Type::kFixedLenByteArray) {
          bool uuid = e.logical_type && e.logical_type->kind == LogicalType::Kind::kUuid;
          if (n * (uuid ? int64_t{2} * values_.width + 4 : int64_t{values_.width}) > INT32_MAX) {
            return Status::NotSupported("Parquet file " + where_ +
                                        ": a row group's strings exceed 2 GiB");
          }
          for (int64_t i = 0; i < n; ++i) {
            std::string_view v = std::string_view(values_.bytes).substr(i * values_.width, values_.width);
            fixed_strings_.push_back(uuid ? FormatUuid(v) : std::string(v));
          }
          vector::ColumnBuilder b(t);
          b.Reserve(n);
          for (const auto& s : fixed_strings_) b.AppendString(s);
          return b.Finish();
        }
        if (values_.bytes.size() > static_cast<size_t>(INT32_MAX)) {
          return Status::NotSupported("Parquet file " + where_ + ": a row group's strings exceed 2 GiB");
        }
        std::vector<int32_t> offsets(values_.offsets.begin(), values_.offsets.end());
        std::vector<char> bytes(values_.bytes.begin(), values_.bytes.end());
        return vector::MakeStringColumn(t, std::move(offsets), std::move(bytes));
      }
      default:
        return Status::NotSupported("Parquet file " + where_ + ": cannot read values of type " + t->ToString());
    }
  }

  static std::string FormatUuid(std::string_view v) {
    std::string out;
    static const char* hex = "0123456789abcdef";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
      out.push_back(hex[static_cast<uint8_t>(v[i]) >> 4]);
      out.push_back(hex[static_cast<uint8_t>(v[i]) & 15]);
    }
    return out;
  }

  Result<vector::ColumnPtr> Float16Column(const type::DataTypePtr& t, int64_t n) {
    std::vector<double> out(n);
    for (int64_t i = 0; i < n; ++i) {
      uint16_t h = static_cast<uint8_t>(values_.bytes[i * 2]) | (static_cast<uint16_t>(static_cast<uint8_t>(values_.bytes[i * 2 + 1])) << 8);
      int sign = h >> 15, exp = (h >> 10) & 31, frac = h & 1023;
      double v = exp == 0 ? std::ldexp(frac, -24) : exp == 31 ? (frac ? NAN : INFINITY) : std::ldexp(frac + 1024, exp - 25);
      out[i] = sign ? -v : v;
    }
    return vector::MakeFixedColumn<double>(t, std::move(out));
  }

  Result<vector::ColumnPtr> TimestampColumn(const type::DataTypePtr& t, int64_t n) {
    std::vector<int64_t> out(n);
    if (values_.type == Type::kInt96) {
      for (int64_t i = 0; i < n; ++i) {
        int64_t nanos;
        int32_t julian;
        std::memcpy(&nanos, values_.bytes.data() + i * kInt96Width, 8);
        std::memcpy(&julian, values_.bytes.data() + i * kInt96Width + 8, 4);
        if (__builtin_mul_overflow(static_cast<int64_t>(julian) - kJulianDayOfEpoch, kMicrosPerDay,
                                   &out[i]) ||
            __builtin_add_overflow(out[i], nanos / 1000, &out[i])) {
          return Corrupt(fmt::format("an INT96 timestamp (day {}) out of range", julian));
        }
      }
      return vector::MakeFixedColumn<int64_t>(t, std::move(out));
    }
    const SchemaElement& e = leaf_.element;
    TimeUnit unit = TimeUnit::kMicros;
    if (e.logical_type && e.logical_type->kind == LogicalType::Kind::kTimestamp) {
      unit = e.logical_type->unit;
    } else if (e.converted_type == ConvertedType::kTimestampMillis) {
      unit = TimeUnit::kMillis;
    }
    for (int64_t i = 0; i < n; ++i) {
      int64_t v = values_.i64[i];
      switch (unit) {
        case TimeUnit::kMillis:
          if (__builtin_mul_overflow(v, 1000, &out[i])) {
            return Corrupt(fmt::format("a TIMESTAMP_MILLIS value {} out of range", v));
          }
          break;
        case TimeUnit::kMicros: out[i] = v; break;
        case TimeUnit::kNanos: out[i] = v / 1000 - (v % 1000 < 0 ? 1 : 0); break;  // floor
      }
    }
    return vector::MakeFixedColumn<int64_t>(t, std::move(out));
  }

  Result<vector::ColumnPtr> DecimalColumn(const type::DataTypePtr& t, int64_t n) {
    std::vector<type::int128_t> out(n);
    switch (values_.type) {
      case Type::kInt32:
        for (int64_t i = 0; i < n; ++i) out[i] = values_.i32[i];
        break;
      case Type::kInt64:
        if (t->precision() == 20 && t->scale() == 0 && !leaf_.element.precision) {  // UINT64
          for (int64_t i = 0; i < n; ++i) out[i] = static_cast<uint64_t>(values_.i64[i]);
        } else {
          for (int64_t i = 0; i < n; ++i) out[i] = values_.i64[i];
        }
        break;
      case Type::kByteArray:
      case Type::kFixedLenByteArray:
        for (int64_t i = 0; i < n; ++i) {
          std::string_view v = values_.type == Type::kByteArray
                                   ? values_.ByteArray(i)
                                   : std::string_view(values_.bytes).substr(i * values_.width, values_.width);
          if (v.size() > 16) {
            // Wider than 16 bytes: the leading bytes must be sign extension.
            for (size_t b = 0; b < v.size() - 16; ++b) {
              uint8_t expect = (static_cast<uint8_t>(v[v.size() - 16]) & 0x80) ? 0xFF : 0;
              if (static_cast<uint8_t>(v[b]) != expect) return Corrupt("a DECIMAL value wider than 128 bits");
            }
            v.remove_prefix(v.size() - 16);
          }
          type::int128_t x = (!v.empty() && (static_cast<uint8_t>(v[0]) & 0x80)) ? -1 : 0;
          for (char c : v) x = static_cast<type::int128_t>((static_cast<unsigned __int128>(x) << 8) | static_cast<uint8_t>(c));
          out[i] = x;
        }
        break;
      default:
        return Corrupt("a DECIMAL stored as " + ToString(values_.type));
    }
    return vector::MakeFixedColumn<type::int128_t>(t, std::move(out));
  }

  const LeafColumn& leaf_;
  const ColumnMetaData& meta_;
  std::string where_;
  PhysicalValues values_, dict_;
  bool has_dict_ = false;
  std::vector<std::string> fixed_strings_;
};

}  // namespace

Result<DecodedLeaf> DecodeColumnChunk(const LeafColumn& leaf, const ColumnMetaData& meta, std::string_view chunk,
                                      const std::string& where) {
  DecodedLeaf out;
  ChunkDecoder decoder(leaf, meta, where);
  RUNNEL_RETURN_NOT_OK(decoder.Run(chunk, &out));
  return out;
}

}  // namespace runnel::format::parquet
