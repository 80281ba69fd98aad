#include "exec/key_table.h"

#include <cmath>
#include <cstring>
#include <unordered_map>

#include "base/hash.h"

namespace runnel::exec {

using type::TypeId;
using vector::Column;
using vector::ColumnPtr;

namespace {

bool IsInt64Like(TypeId id) {
  return id == TypeId::kBigInt || id == TypeId::kTimestamp || id == TypeId::kInterval;
}
bool IsInt32Like(TypeId id) { return id == TypeId::kInt || id == TypeId::kDate; }

void AppendRaw(std::string* out, const void* p, size_t n) { out->append(static_cast<const char*>(p), n); }

void EncodeValue(const Column& c, int64_t i, std::string* out) {
  if (c.IsNull(i)) {
    out->push_back('\0');
    return;
  }
  out->push_back('\1');
  switch (c.type_id()) {
    case TypeId::kBoolean: out->push_back(c.GetBool(i) ? '\1' : '\0'); break;
    case TypeId::kInt:
    case TypeId::kDate: AppendRaw(out, &c.values<int32_t>()[i], 4); break;
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kInterval: AppendRaw(out, &c.values<int64_t>()[i], 8); break;
    case TypeId::kDouble: {
      double d = c.values<double>()[i];
      if (d == 0) d = 0;
      if (std::isnan(d)) d = std::numeric_limits<double>::quiet_NaN();
      AppendRaw(out, &d, 8);
      break;
    }
    case TypeId::kDecimal: AppendRaw(out, &c.values<type::int128_t>()[i], 16); break;
    case TypeId::kString:
    case TypeId::kBinary: {
      auto s = c.GetString(i);
      uint32_t n = static_cast<uint32_t>(s.size());
      AppendRaw(out, &n, 4);
      out->append(s);
      break;
    }
    case TypeId::kStruct:
      for (const auto& child : c.children()) EncodeValue(*child, i, out);
      break;
    case TypeId::kArray:
    case TypeId::kMap: {
      const int32_t* o = c.offsets();
      uint32_t n = static_cast<uint32_t>(o[i + 1] - o[i]);
      AppendRaw(out, &n, 4);
      for (int32_t j = o[i]; j < o[i + 1]; ++j) {
        for (const auto& child : c.children()) EncodeValue(*child, j, out);
      }
      break;
    }
    case TypeId::kNull: break;
  }
}

}  // namespace

EncodedKeys EncodeKeys(const std::vector<ColumnPtr>& keys, int64_t num_rows) {
  EncodedKeys out;
  out.offsets.resize(num_rows + 1);
  out.has_null.assign(num_rows, 0);
  out.offsets[0] = 0;
  for (int64_t i = 0; i < num_rows; ++i) {
    for (const auto& k : keys) {
      EncodeValue(*k, i, &out.bytes);
      if (k->IsNull(i)) out.has_null[i] = 1;
    }
    out.offsets[i + 1] = static_cast<uint32_t>(out.bytes.size());
  }
  return out;
}

std::vector<uint64_t> HashKeys(const std::vector<ColumnPtr>& keys, int64_t num_rows) {
  std::vector<uint64_t> hashes(num_rows);
  if (keys.size() == 1 && (IsInt64Like(keys[0]->type_id()) || IsInt32Like(keys[0]->type_id()))) {
    const Column& c = *keys[0];
    bool wide = IsInt64Like(c.type_id());
    for (int64_t i = 0; i < num_rows; ++i) {
      uint64_t v = wide ? static_cast<uint64_t>(c.values<int64_t>()[i])
                        : static_cast<uint64_t>(static_cast<int64_t>(c.values<int32_t>()[i]));
      hashes[i] = c.IsNull(i) ? 0 : base::HashInt(v);
    }
    return hashes;
  }
  EncodedKeys enc = EncodeKeys(keys, num_rows);
  for (int64_t i = 0; i < num_rows; ++i) {
    auto row = enc.Row(i);
    hashes[i] = base::HashBytes(row.data(), row.size());
  }
  return hashes;
}

// Open addressing for the single integer key; an unordered_map over encoded bytes otherwise.
struct KeyTable::Impl {
  struct Slot {
    int64_t key;
    int32_t id;  // -1 = empty
  };
  bool int_key = false;
  bool wide = false;
  // int path: the slots, and the keys by id (the output key column is built from them)
  std::vector<Slot> slots;
  size_t mask = 0;
  int32_t null_id = -1;
  std::vector<int64_t> int_keys;
  // generic path
  std::unordered_map<std::string, uint32_t> map;

  void Grow() {
    size_t cap = slots.empty() ? 1024 : slots.size() * 2;
    std::vector<Slot> old = std::move(slots);
    slots.assign(cap, Slot{0, -1});
    mask = cap - 1;
    for (const Slot& s : old) {
      if (s.id < 0) continue;
      size_t pos = base::HashInt(static_cast<uint64_t>(s.key)) & mask;
      while (slots[pos].id >= 0) pos = (pos + 1) & mask;
      slots[pos] = s;
    }
  }
  int64_t IntAt(const Column& c, int64_t i) const {
    return wide ? c.values<int64_t>()[i] : static_cast<int64_t>(c.values<int32_t>()[i]);
  }
  // Finds or adds `key`; `next_id` is the id a new key gets.
  int32_t FindOrAdd(int64_t key, size_t hash, int32_t next_id, bool* added) {
    size_t pos = hash & mask;
    while (slots[pos].id >= 0 && slots[pos].key != key) pos = (pos + 1) & mask;
    if (slots[pos].id < 0) {
      slots[pos] = Slot{key, next_id};
      *added = true;
    }
    return slots[pos].id;
  }
};

KeyTable::KeyTable(std::vector<type::DataTypePtr> key_types)
    : impl_(std::make_unique<Impl>()), key_types_(std::move(key_types)) {
  if (key_types_.size() == 1) {
    TypeId id = key_types_[0]->id();
    impl_->int_key = IsInt64Like(id) || IsInt32Like(id);
    impl_->wide = IsInt64Like(id);
  }
  for (const auto& t : key_types_) key_builders_.push_back(std::make_unique<vector::ColumnBuilder>(t));
}

KeyTable::~KeyTable() = default;

void KeyTable::Insert(const std::vector<ColumnPtr>& keys, int64_t num_rows, uint32_t* ids) {
  Impl& m = *impl_;
  auto add_key = [&](int64_t row) {
    for (size_t k = 0; k < keys.size(); ++k) key_builders_[k]->AppendFrom(*keys[k], row);
    finished_keys_.clear();
    return static_cast<uint32_t>(num_keys_++);
  };
  if (m.int_key) {
    InsertIntKeys(*keys[0], num_rows, ids);
    return;
  }
  EncodedKeys enc = EncodeKeys(keys, num_rows);
  for (int64_t i = 0; i < num_rows; ++i) {
    auto [it, inserted] = m.map.try_emplace(std::string(enc.Row(i)), 0);
    if (inserted) it->second = add_key(i);
    ids[i] = it->second;
  }
}

void KeyTable::Find(const std::vector<ColumnPtr>& keys, int64_t num_rows, int32_t* ids) const {
  const Impl& m = *impl_;
  if (m.int_key) {
    const Column& c = *keys[0];
    for (int64_t i = 0; i < num_rows; ++i) {
      ids[i] = -1;
      if (c.IsNull(i) || m.slots.empty()) continue;
      int64_t key = m.IntAt(c, i);
      size_t pos = base::HashInt(static_cast<uint64_t>(key)) & m.mask;
      while (m.slots[pos].id >= 0 && m.slots[pos].key != key) pos = (pos + 1) & m.mask;
      ids[i] = m.slots[pos].id;
    }
    return;
  }
  EncodedKeys enc = EncodeKeys(keys, num_rows);
  std::string probe;
  for (int64_t i = 0; i < num_rows; ++i) {
    ids[i] = -1;
    if (enc.has_null[i]) continue;
    probe.assign(enc.Row(i));
    auto it = m.map.find(probe);
    if (it != m.map.end()) ids[i] = static_cast<int32_t>(it->second);
  }
}

void KeyTable::InsertIntKeys(const Column& c, int64_t num_rows, uint32_t* ids) {
  Impl& m = *impl_;
  // Hashes first, then probes with the slots prefetched a few rows ahead: with many groups the
  // table outgrows the caches and the probes are memory-bound.
  constexpr int64_t kChunk = 256, kAhead = 8;
  size_t hashes[kChunk];
  for (int64_t base_row = 0; base_row < num_rows; base_row += kChunk) {
    int64_t n = std::min(kChunk, num_rows - base_row);
    // Room for every key of this chunk keeps the load factor at or below one half.
    while (static_cast<size_t>(num_keys_ + n + 1) * 2 > m.slots.size()) m.Grow();
    for (int64_t j = 0; j < n; ++j) hashes[j] = base::HashInt(static_cast<uint64_t>(m.IntAt(c, base_row + j)));
    for (int64_t j = 0; j < n; ++j) {
      if (j + kAhead < n) __builtin_prefetch(&m.slots[hashes[j + kAhead] & m.mask]);
      int64_t row = base_row + j;
      if (c.IsNull(row)) {
        if (m.null_id < 0) {
          m.null_id = static_cast<int32_t>(num_keys_++);
          m.int_keys.push_back(0);
        }
        ids[row] = static_cast<uint32_t>(m.null_id);
        continue;
      }
      bool added = false;
      int64_t key = m.IntAt(c, row);
      int32_t id = m.FindOrAdd(key, hashes[j], static_cast<int32_t>(num_keys_), &added);
      if (added) {
        ++num_keys_;
        m.int_keys.push_back(key);
      }
      ids[row] = static_cast<uint32_t>(id);
    }
  }
}

std::vector<ColumnPtr> KeyTable::KeyColumns() {
  const Impl& m = *impl_;
  if (m.int_key) {
    std::vector<uint8_t> validity;
    if (m.null_id >= 0) {
      validity.assign(m.int_keys.size(), 1);
      validity[m.null_id] = 0;
    }
    if (m.wide) return {vector::MakeFixedColumn(key_types_[0], m.int_keys, validity)};
    std::vector<int32_t> narrow(m.int_keys.begin(), m.int_keys.end());
    return {vector::MakeFixedColumn(key_types_[0], std::move(narrow), validity)};
  }
  if (finished_keys_.empty() && !key_builders_.empty()) {
    for (auto& b : key_builders_) {
      ColumnPtr c = b->Finish();
      // Keep the builder holding the same keys so later inserts continue the id sequence.
      for (int64_t i = 0; i < c->length(); ++i) b->AppendFrom(*c, i);
      finished_keys_.push_back(std::move(c));
    }
  }
  return finished_keys_;
}

}  // namespace runnel::exec
