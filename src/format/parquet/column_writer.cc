#include "format/parquet/column_writer.h"

#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <unordered_map>

#include "format/parquet/compression.h"
#include "format/parquet/level_encoding.h"
#include "format/parquet/rle_encoding.h"

namespace runnel::format::parquet {

void LeafData::Clear() {
  def.clear();
  rep.clear();
  num_entries = 0;
  i32.clear();
  i64.clear();
  f64.clear();
  bools.clear();
  bytes.clear();
  byte_array_bytes = 0;
  fixed.clear();
  pinned.clear();
}

namespace {

// ---------------------------------------------------------------------------------------------
// Shredding

// Big-endian two's complement in `width` bytes: Parquet's DECIMAL in a fixed-length array.
void AppendBigEndian(type::int128_t v, int width, std::string* out) {
  for (int b = width - 1; b >= 0; --b) out->push_back(static_cast<char>(static_cast<uint8_t>(v >> (8 * b))));
}

class Shredder {
 public:
  Shredder(const FileSchema& schema, std::vector<LeafData>* leaves) : schema_(schema), leaves_(*leaves) {}

  Status WriteTop(const SchemaNode& node, const vector::Column& column) {
    if (node.kind == SchemaNode::Kind::kPrimitive) return WriteFlat(node, column);
    for (int64_t i = 0; i < column.length(); ++i) RUNNEL_RETURN_NOT_OK(Write(node, column, i, 0));
    return Status::OK();
  }

 private:
  // A top-level primitive column: one level entry per row, no repetition.
  Status WriteFlat(const SchemaNode& node, const vector::Column& column) {
    LeafData& d = leaves_[node.leaf];
    const LeafColumn& leaf = schema_.leaves[node.leaf];
    const int64_t n = column.length();
    d.num_entries += n;
    if (leaf.max_def > 0) {
      size_t at = d.def.size();
      d.def.resize(at + n);
      for (int64_t i = 0; i < n; ++i) d.def[at + i] = column.IsValid(i) ? 1 : 0;
    }
    if (!column.has_nulls()) {
      AppendRange(d, leaf, column, n);
      return Status::OK();
    }
    for (int64_t i = 0; i < n; ++i) {
      if (column.IsValid(i)) AppendValue(d, leaf, column, i);
    }
    return Status::OK();
  }

  // Every row valid: bulk copies where the layouts match.
  void AppendRange(LeafData& d, const LeafColumn& leaf, const vector::Column& column, int64_t n) {
    switch (column.type_id()) {
      case type::TypeId::kInt:
      case type::TypeId::kDate: {
        const int32_t* v = column.values<int32_t>();
        d.i32.insert(d.i32.end(), v, v + n);
        return;
      }
      case type::TypeId::kBigInt:
      case type::TypeId::kTimestamp: {
        const int64_t* v = column.values<int64_t>();
        d.i64.insert(d.i64.end(), v, v + n);
        return;
      }
      case type::TypeId::kDouble: {
        const double* v = column.values<double>();
        d.f64.insert(d.f64.end(), v, v + n);
        return;
      }
      default:
        for (int64_t i = 0; i < n; ++i) AppendValue(d, leaf, column, i);
    }
  }

  void AppendValue(LeafData& d, const LeafColumn& leaf, const vector::Column& column, int64_t i) {
    switch (column.type_id()) {
      case type::TypeId::kBoolean: d.bools.push_back(column.GetBool(i) ? 1 : 0); return;
      case type::TypeId::kInt:
      case type::TypeId::kDate: d.i32.push_back(column.values<int32_t>()[i]); return;
      case type::TypeId::kBigInt:
      case type::TypeId::kTimestamp: d.i64.push_back(column.values<int64_t>()[i]); return;
      case type::TypeId::kDouble: d.f64.push_back(column.values<double>()[i]); return;
      case type::TypeId::kString:
      case type::TypeId::kBinary: {
        std::string_view v = column.GetString(i);
        d.bytes.push_back(v);
        d.byte_array_bytes += static_cast<int64_t>(v.size());
        return;
      }
      case type::TypeId::kDecimal: {
        type::int128_t v = column.values<type::int128_t>()[i];
        switch (*leaf.element.type) {
          case Type::kInt32: d.i32.push_back(static_cast<int32_t>(v)); return;
          case Type::kInt64: d.i64.push_back(static_cast<int64_t>(v)); return;
          default: AppendBigEndian(v, leaf.element.type_length.value_or(16), &d.fixed); return;
        }
      }
      default: return;  // WriteFileSchema admits no other leaf types
    }
  }

  // Row i of `column` at `node`, whose parent is present; `rep` is the repetition level of its
  // first level entry.
  Status Write(const SchemaNode& node, const vector::Column& column, int64_t i, int16_t rep) {
    if (column.IsNull(i)) {
      if (!node.nullable) {
        return Status::InvalidArgument("Cannot write a NULL into required Parquet field '" + node.name +
                                       "' (a map key)");
      }
      EmitEmpty(node, static_cast<int16_t>(node.def - 1), rep);
      return Status::OK();
    }
    switch (node.kind) {
      case SchemaNode::Kind::kPrimitive: {
        LeafData& d = leaves_[node.leaf];
        const LeafColumn& leaf = schema_.leaves[node.leaf];
        if (leaf.max_def > 0) d.def.push_back(node.def);
        if (leaf.max_rep > 0) d.rep.push_back(rep);
        ++d.num_entries;
        AppendValue(d, leaf, column, i);
        return Status::OK();
      }
      case SchemaNode::Kind::kStruct:
        for (size_t c = 0; c < node.children.size(); ++c) {
          RUNNEL_RETURN_NOT_OK(Write(node.children[c], *column.child(static_cast<int>(c)), i, rep));
        }
        return Status::OK();
      case SchemaNode::Kind::kList:
      case SchemaNode::Kind::kMap: {
        const int32_t* offsets = column.offsets();
        int32_t begin = offsets[i], end = offsets[i + 1];
        if (begin == end) {
          EmitEmpty(node, node.def, rep);
          return Status::OK();
        }
        for (int32_t k = begin; k < end; ++k) {
          int16_t r = k == begin ? rep : node.rep;
          for (size_t c = 0; c < node.children.size(); ++c) {
            RUNNEL_RETURN_NOT_OK(Write(node.children[c], *column.child(static_cast<int>(c)), k, r));
          }
        }
        return Status::OK();
      }
    }
    return Status::OK();
  }

  // A level entry without a value in every leaf below `node`.
  void EmitEmpty(const SchemaNode& node, int16_t def, int16_t rep) {
    if (node.kind == SchemaNode::Kind::kPrimitive) {
      LeafData& d = leaves_[node.leaf];
      const LeafColumn& leaf = schema_.leaves[node.leaf];
      if (leaf.max_def > 0) d.def.push_back(def);
      if (leaf.max_rep > 0) d.rep.push_back(rep);
      ++d.num_entries;
      return;
    }
    for (const auto& child : node.children) EmitEmpty(child, def, rep);
  }

  const FileSchema& schema_;
  std::vector<LeafData>& leaves_;
};

// ---------------------------------------------------------------------------------------------
// Encoding

// The values of a leaf, by physical type, behind one index-based interface.
struct ValueView {
  Type type;
  int width = 0;  // FIXED_LEN_BYTE_ARRAY
  const LeafData* d;

  int64_t size() const {
    switch (type) {
      case Type::kBoolean: return static_cast<int64_t>(d->bools.size());
      case Type::kInt32: return static_cast<int64_t>(d->i32.size());
      case Type::kInt64: return static_cast<int64_t>(d->i64.size());
      case Type::kDouble: return static_cast<int64_t>(d->f64.size());
      case Type::kByteArray: return static_cast<int64_t>(d->bytes.size());
      case Type::kFixedLenByteArray: return width == 0 ? 0 : static_cast<int64_t>(d->fixed.size()) / width;
      default: return 0;
    }
  }
  std::string_view Fixed(int64_t i) const { return std::string_view(d->fixed).substr(i * width, width); }
  // The PLAIN encoding of value i (byte arrays with their length prefix when `prefixed`).
  void AppendPlain(int64_t i, std::string* out, bool prefixed = true) const {
    switch (type) {
      case Type::kBoolean: out->push_back(static_cast<char>(d->bools[i])); return;
      case Type::kInt32: out->append(reinterpret_cast<const char*>(&d->i32[i]), 4); return;
      case Type::kInt64: out->append(reinterpret_cast<const char*>(&d->i64[i]), 8); return;
      case Type::kDouble: out->append(reinterpret_cast<const char*>(&d->f64[i]), 8); return;
      case Type::kByteArray: {
        std::string_view v = d->bytes[i];
        if (prefixed) {
          uint32_t len = static_cast<uint32_t>(v.size());
          out->append(reinterpret_cast<const char*>(&len), 4);
        }
        out->append(v);
        return;
      }
      case Type::kFixedLenByteArray: out->append(Fixed(i)); return;
      default: return;
    }
  }
};

// PLAIN for values [begin, end).
void EncodePlain(const ValueView& v, int64_t begin, int64_t end, std::string* out) {
  switch (v.type) {
    case Type::kBoolean: {
      uint8_t byte = 0;
      int bit = 0;
      for (int64_t i = begin; i < end; ++i) {
        if (v.d->bools[i]) byte |= static_cast<uint8_t>(1u << bit);
        if (++bit == 8) {
          out->push_back(static_cast<char>(byte));
          byte = 0;
          bit = 0;
        }
      }
      if (bit > 0) out->push_back(static_cast<char>(byte));
      return;
    }
    case Type::kInt32:
      out->append(reinterpret_cast<const char*>(v.d->i32.data() + begin), (end - begin) * 4);
      return;
    case Type::kInt64:
      out->append(reinterpret_cast<const char*>(v.d->i64.data() + begin), (end - begin) * 8);
      return;
    case Type::kDouble:
      out->append(reinterpret_cast<const char*>(v.d->f64.data() + begin), (end - begin) * 8);
      return;
    case Type::kFixedLenByteArray:
      out->append(v.d->fixed.data() + begin * v.width, (end - begin) * v.width);
      return;
    default:
      for (int64_t i = begin; i < end; ++i) v.AppendPlain(i, out);
  }
}

// A dictionary of the chunk's distinct values and each value's index; fails (returns false)
// when its PLAIN size passes the limit.
struct Dictionary {
  std::vector<int64_t> first;     // per entry: the index of its first occurrence
  std::vector<uint32_t> indices;  // per value
  int64_t plain_bytes = 0;
};

template <typename Key, typename GetKey>
bool BuildDictionary(int64_t n, const GetKey& key_of, int64_t entry_bytes_fixed, const ValueView& v, int64_t limit,
                     Dictionary* dict) {
  std::unordered_map<Key, uint32_t> ids;
  ids.reserve(1024);
  dict->indices.resize(n);
  // Decide early for columns of nearly all distinct values (ids, measurements, timestamps):
  // such a dictionary would only fill up and be thrown away, after hashing every value.
  // (The probe is long enough that data cycling through a few thousand values is not mistaken
  // for distinct values.)
  constexpr int64_t kProbe = 32768;
  for (int64_t i = 0; i < n; ++i) {
    auto [it, inserted] = ids.try_emplace(key_of(i), static_cast<uint32_t>(dict->first.size()));
    if (inserted) {
      dict->first.push_back(i);
      dict->plain_bytes += entry_bytes_fixed > 0 ? entry_bytes_fixed : 4 + static_cast<int64_t>(v.d->bytes[i].size());
      if (dict->plain_bytes > limit) return false;
    }
    dict->indices[i] = it->second;
    if (i + 1 == kProbe && n > 2 * kProbe) {
      int64_t distinct = static_cast<int64_t>(dict->first.size());
      if (distinct * 10 >= kProbe * 9) return false;
    }
  }
  return true;
}

bool TryDictionary(const ValueView& v, int64_t limit, Dictionary* dict) {
  const int64_t n = v.size();
  if (n == 0) return false;
  switch (v.type) {
    case Type::kInt32: return BuildDictionary<int32_t>(n, [&](int64_t i) { return v.d->i32[i]; }, 4, v, limit, dict);
    case Type::kInt64: return BuildDictionary<int64_t>(n, [&](int64_t i) { return v.d->i64[i]; }, 8, v, limit, dict);
    case Type::kDouble:
      // By bit pattern, so -0.0 and 0.0 (and NaNs) stay apart.
      return BuildDictionary<uint64_t>(n, [&](int64_t i) {
        uint64_t bits;
        std::memcpy(&bits, &v.d->f64[i], 8);
        return bits;
      }, 8, v, limit, dict);
    case Type::kByteArray:
      return BuildDictionary<std::string_view>(n, [&](int64_t i) { return v.d->bytes[i]; }, 0, v, limit, dict);
    case Type::kFixedLenByteArray:
      return BuildDictionary<std::string_view>(n, [&](int64_t i) { return v.Fixed(i); }, v.width, v, limit, dict);
    default: return false;
  }
}

int BitWidth(uint64_t max_value) {
  int w = 0;
  while (max_value > 0) {
    ++w;
    max_value >>= 1;
  }
  return w;
}

// Chunk statistics: min and max of the values in the column's sort order, NULL count.
Statistics ComputeStatistics(const ValueView& v, const LeafData& d, int16_t max_def) {
  Statistics s;
  int64_t nulls = 0;
  for (int16_t level : d.def) nulls += level < max_def;
  s.null_count = nulls;
  const int64_t n = v.size();
  if (n == 0) return s;
  int64_t lo = -1, hi = -1;
  auto less = [&](int64_t a, int64_t b) {
    switch (v.type) {
      case Type::kBoolean: return d.bools[a] < d.bools[b];
      case Type::kInt32: return d.i32[a] < d.i32[b];
      case Type::kInt64: return d.i64[a] < d.i64[b];
      case Type::kDouble: return d.f64[a] < d.f64[b];
      case Type::kByteArray: return d.bytes[a] < d.bytes[b];  // unsigned bytewise: UTF-8 order
      case Type::kFixedLenByteArray: {
        // Signed big-endian: the sign byte decides first.
        std::string_view x = v.Fixed(a), y = v.Fixed(b);
        if (static_cast<int8_t>(x[0]) != static_cast<int8_t>(y[0])) return static_cast<int8_t>(x[0]) < static_cast<int8_t>(y[0]);
        return x < y;
      }
      default: return false;
    }
  };
  for (int64_t i = 0; i < n; ++i) {
    if (v.type == Type::kDouble && std::isnan(d.f64[i])) continue;  // NaN is left out of min/max
    if (lo < 0 || less(i, lo)) lo = i;
    if (hi < 0 || less(hi, i)) hi = i;
  }
  if (lo < 0) return s;  // only NaNs
  std::string min, max;
  v.AppendPlain(lo, &min, false);
  v.AppendPlain(hi, &max, false);
  if (v.type == Type::kDouble) {
    // The spec's rule for zeros: a min of zero is written -0.0, a max +0.0.
    double dmin = d.f64[lo], dmax = d.f64[hi];
    if (dmin == 0) dmin = -0.0;
    if (dmax == 0) dmax = 0.0;
    min.assign(reinterpret_cast<const char*>(&dmin), 8);
    max.assign(reinterpret_cast<const char*>(&dmax), 8);
  }
  s.min_value = std::move(min);
  s.max_value = std::move(max);
  return s;
}

Status CompressPage(const ColumnWriteOptions& options, std::string_view body, std::string* out) {
  if (options.codec == CompressionCodec::kUncompressed) {
    out->append(body);
    return Status::OK();
  }
  if (options.compression_level) {
    return Compress(options.codec, body, out, *options.compression_level);
  }
  return Compress(options.codec, body, out);
}

}  // namespace

Status ShredColumn(const FileSchema& schema, int field, const vector::ColumnPtr& column,
                   std::vector<LeafData>* leaves) {
  Shredder shredder(schema, leaves);
  RUNNEL_RETURN_NOT_OK(shredder.WriteTop(schema.fields[field], *column));
  // Byte arrays view the column's buffers; keep them alive until the row group is written.
  for (int leaf : schema.field_leaves[field]) (*leaves)[leaf].pinned.push_back(column);
  return Status::OK();
}

Result<ColumnChunk> WriteColumnChunk(const LeafColumn& leaf, const LeafData& data, const ColumnWriteOptions& options,
                                     int64_t file_offset, std::string* out) {
  const Type physical = *leaf.element.type;
  ValueView values{physical, leaf.element.type_length.value_or(0), &data};
  const int64_t num_values = values.size();
  const int64_t chunk_start = file_offset + static_cast<int64_t>(out->size());

  ColumnMetaData meta;
  meta.type = physical;
  meta.path_in_schema = leaf.path;
  meta.codec = options.codec;
  meta.num_values = data.num_entries;
  meta.statistics = ComputeStatistics(values, data, leaf.max_def);

  int64_t uncompressed_total = 0;
  std::string header, body, compressed;
  auto emit_page = [&](const PageHeader& page_header, std::string_view page) {
    header.clear();
    SerializePageHeader(page_header, &header);
    out->append(header);
    out->append(page);
    uncompressed_total += static_cast<int64_t>(header.size()) + page_header.uncompressed_page_size;
  };

  Dictionary dict;
  bool use_dictionary = options.dictionary && physical != Type::kBoolean &&
                        TryDictionary(values, options.dictionary_page_limit, &dict);
  if (use_dictionary) {
    body.clear();
    for (int64_t first : dict.first) values.AppendPlain(first, &body);
    compressed.clear();
    RUNNEL_RETURN_NOT_OK(CompressPage(options, body, &compressed));
    PageHeader ph;
    ph.type = PageType::kDictionaryPage;
    ph.uncompressed_page_size = static_cast<int32_t>(body.size());
    ph.compressed_page_size = static_cast<int32_t>(compressed.size());
    ph.dictionary_page_header = DictionaryPageHeader{static_cast<int32_t>(dict.first.size()), Encoding::kPlain, {}};
    meta.dictionary_page_offset = chunk_start;
    emit_page(ph, compressed);
    meta.encoding_stats.push_back(PageEncodingStats{PageType::kDictionaryPage, Encoding::kPlain, 1});
  }
  const Encoding value_encoding = use_dictionary ? Encoding::kRleDictionary : Encoding::kPlain;
  const int index_width = use_dictionary ? BitWidth(dict.first.size() - 1) : 0;

  // Data pages: cut at row boundaries (repetition level 0), about data_page_size bytes each.
  int64_t bytes_per_value = physical == Type::kFixedLenByteArray ? values.width : 8;
  if (physical == Type::kByteArray && num_values > 0) {
    int64_t total = 0;
    for (int64_t i = 0; i < std::min<int64_t>(num_values, 1024); ++i) total += static_cast<int64_t>(data.bytes[i].size());
    bytes_per_value = 4 + total / std::min<int64_t>(num_values, 1024);
  }
  if (use_dictionary) bytes_per_value = std::max(1, index_width / 8 + 1);
  const int64_t entries_per_page = std::max<int64_t>(1024, options.data_page_size / std::max<int64_t>(1, bytes_per_value));
  int64_t data_pages = 0;
  int64_t entry = 0, value = 0;
  const int64_t entries = data.num_entries;
  bool first_data_page = true;
  do {
    int64_t end = std::min(entries, entry + entries_per_page);
    if (leaf.max_rep > 0) {
      while (end < entries && data.rep[end] != 0) ++end;
    }
    int64_t page_values = 0, page_rows = 0;
    for (int64_t e = entry; e < end; ++e) {
      if (leaf.max_def == 0 || data.def[e] == leaf.max_def) ++page_values;
      if (leaf.max_rep == 0 || data.rep[e] == 0) ++page_rows;
    }
    const int64_t page_entries = end - entry;
    std::string levels;
    if (options.data_page_v2) {
      if (leaf.max_rep > 0) AppendLevelsV2(data.rep.data() + entry, page_entries, leaf.max_rep, &levels);
    } else if (leaf.max_rep > 0) {
      AppendLevelsV1(data.rep.data() + entry, page_entries, leaf.max_rep, &levels);
    }
    size_t rep_bytes = levels.size();
    if (options.data_page_v2) {
      if (leaf.max_def > 0) AppendLevelsV2(data.def.data() + entry, page_entries, leaf.max_def, &levels);
    } else if (leaf.max_def > 0) {
      AppendLevelsV1(data.def.data() + entry, page_entries, leaf.max_def, &levels);
    }
    size_t def_bytes = levels.size() - rep_bytes;

    std::string encoded;
    if (use_dictionary) {
      encoded.push_back(static_cast<char>(index_width));
      RleEncoder indices(index_width);
      for (int64_t i = value; i < value + page_values; ++i) indices.Put(dict.indices[i]);
      indices.Flush(&encoded);
    } else {
      EncodePlain(values, value, value + page_values, &encoded);
    }

    PageHeader ph;
    compressed.clear();
    if (options.data_page_v2) {
      // v2: the levels stay uncompressed in front of the compressed values.
      compressed = levels;
      RUNNEL_RETURN_NOT_OK(CompressPage(options, encoded, &compressed));
      ph.type = PageType::kDataPageV2;
      ph.uncompressed_page_size = static_cast<int32_t>(levels.size() + encoded.size());
      DataPageHeaderV2 v2;
      v2.num_values = static_cast<int32_t>(page_entries);
      v2.num_nulls = static_cast<int32_t>(page_entries - page_values);
      v2.num_rows = static_cast<int32_t>(page_rows);
      v2.encoding = value_encoding;
      v2.definition_levels_byte_length = static_cast<int32_t>(def_bytes);
      v2.repetition_levels_byte_length = static_cast<int32_t>(rep_bytes);
      v2.is_compressed = options.codec != CompressionCodec::kUncompressed;
      ph.data_page_header_v2 = v2;
    } else {
      body = levels;
      body += encoded;
      RUNNEL_RETURN_NOT_OK(CompressPage(options, body, &compressed));
      ph.type = PageType::kDataPage;
      ph.uncompressed_page_size = static_cast<int32_t>(body.size());
      ph.data_page_header = DataPageHeader{static_cast<int32_t>(page_entries), value_encoding, Encoding::kRle,
                                           Encoding::kRle, {}};
    }
    ph.compressed_page_size = static_cast<int32_t>(compressed.size());
    if (first_data_page) {
      meta.data_page_offset = file_offset + static_cast<int64_t>(out->size());
      first_data_page = false;
    }
    emit_page(ph, compressed);
    ++data_pages;
    entry = end;
    value += page_values;
  } while (entry < entries);

  meta.encoding_stats.push_back(PageEncodingStats{options.data_page_v2 ? PageType::kDataPageV2 : PageType::kDataPage,
                                                  value_encoding, static_cast<int32_t>(data_pages)});
  if (use_dictionary) {
    meta.encodings = {Encoding::kPlain, Encoding::kRle, Encoding::kRleDictionary};
  } else {
    meta.encodings = {Encoding::kPlain, Encoding::kRle};
  }
  meta.total_compressed_size = file_offset + static_cast<int64_t>(out->size()) - chunk_start;
  meta.total_uncompressed_size = uncompressed_total;
  ColumnChunk chunk;
  chunk.file_offset = chunk_start;
  chunk.meta_data = std::move(meta);
  return chunk;
}

}  // namespace runnel::format::parquet
