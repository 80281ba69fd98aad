#include "format/parquet/record_assembly.h"

#include <fmt/format.h>

#include "vector/buffer.h"
#include "vector/selection.h"

namespace runnel::format::parquet {

namespace {

class Assembler {
 public:
  Assembler(const FileSchema& schema, const std::vector<DecodedLeaf>& leaves, std::string where)
      : schema_(schema), leaves_(leaves), where_(std::move(where)) {}

  // The values of `node` at its slots: the level entries of its first leaf with repetition
  // level <= max_rep and definition level >= min_def.
  Result<vector::ColumnPtr> Assemble(const SchemaNode& node, int16_t max_rep, int16_t min_def) {
    int leaf_index = FirstLeaf(node);
    const DecodedLeaf& leaf = leaves_[leaf_index];
    std::vector<int64_t> slots = Slots(leaf, max_rep, min_def);
    switch (node.kind) {
      case SchemaNode::Kind::kPrimitive: return AssemblePrimitive(node, leaf, slots);
      case SchemaNode::Kind::kStruct: {
        std::vector<uint8_t> valid(slots.size());
        for (size_t s = 0; s < slots.size(); ++s) valid[s] = Def(leaf, slots[s]) >= node.def;
        std::vector<vector::ColumnPtr> children;
        for (const auto& child : node.children) {
          RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr c, Assemble(child, max_rep, min_def));
          if (c->length() != static_cast<int64_t>(slots.size())) return Misaligned(child);
          children.push_back(std::move(c));
        }
        int64_t nulls = 0;
        vector::BufferPtr validity = vector::PackValidity(valid, &nulls);
        return vector::ColumnPtr(std::make_shared<vector::Column>(
            node.type, static_cast<int64_t>(slots.size()), nulls, std::vector<vector::BufferPtr>{validity},
            std::move(children)));
      }
      case SchemaNode::Kind::kList:
      case SchemaNode::Kind::kMap: {
        const int64_t entries = leaf.num_entries;
        std::vector<int32_t> offsets(slots.size() + 1, 0);
        std::vector<uint8_t> valid(slots.size());
        int64_t count = 0;
        for (size_t s = 0; s < slots.size(); ++s) {
          int64_t e = slots[s];
          int16_t d = Def(leaf, e);
          valid[s] = d >= node.def;
          if (d >= node.entry_def) {
            // The first element is at e; more follow until the next slot.
            ++count;
            int64_t end = s + 1 < slots.size() ? slots[s + 1] : entries;
            for (int64_t k = e + 1; k < end; ++k) {
              if (Rep(leaf, k) <= node.rep && Def(leaf, k) >= node.entry_def) ++count;
            }
          }
          if (count > INT32_MAX) return Status::NotSupported("Parquet file " + where_ + ": a list column too long");
          offsets[s + 1] = static_cast<int32_t>(count);
        }
        std::vector<vector::ColumnPtr> children;
        for (const auto& child : node.children) {
          RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr c, Assemble(child, node.rep, node.entry_def));
          if (c->length() != count) return Misaligned(child);
          children.push_back(std::move(c));
        }
        int64_t nulls = 0;
        vector::BufferPtr validity = vector::PackValidity(valid, &nulls);
        auto offsets_buffer = vector::Buffer::FromVector(std::move(offsets));
        return vector::ColumnPtr(std::make_shared<vector::Column>(
            node.type, static_cast<int64_t>(slots.size()), nulls,
            std::vector<vector::BufferPtr>{validity, offsets_buffer}, std::move(children)));
      }
    }
    return Status::Internal("unknown schema node");
  }

 private:
  static int16_t Def(const DecodedLeaf& leaf, int64_t e) { return leaf.def.empty() ? 0 : leaf.def[e]; }
  static int16_t Rep(const DecodedLeaf& leaf, int64_t e) { return leaf.rep.empty() ? 0 : leaf.rep[e]; }

  Status Misaligned(const SchemaNode& node) const {
    return Status::Corruption("Parquet file " + where_ + ": the levels of the columns under '" + node.name +
                              "' disagree");
  }

  static int FirstLeaf(const SchemaNode& node) {
    const SchemaNode* n = &node;
    while (n->kind != SchemaNode::Kind::kPrimitive) n = &n->children[0];
    return n->leaf;
  }

  static std::vector<int64_t> Slots(const DecodedLeaf& leaf, int16_t max_rep, int16_t min_def) {
    std::vector<int64_t> slots;
    if (leaf.rep.empty() && (leaf.def.empty() || min_def == 0)) {
      slots.resize(leaf.num_entries);
      for (int64_t e = 0; e < leaf.num_entries; ++e) slots[e] = e;
      return slots;
    }
    for (int64_t e = 0; e < leaf.num_entries; ++e) {
      if (Rep(leaf, e) <= max_rep && Def(leaf, e) >= min_def) slots.push_back(e);
    }
    return slots;
  }

  Result<vector::ColumnPtr> AssemblePrimitive(const SchemaNode& node, const DecodedLeaf& leaf,
                                              const std::vector<int64_t>& slots) {
    const LeafColumn& meta = schema_.leaves[node.leaf];
    const int64_t n = static_cast<int64_t>(slots.size());
    // Every slot a value, in order: the dense column is the answer.
    if (n == leaf.values->length()) {
      bool all = true;
      for (int64_t s = 0; s < n && all; ++s) all = Def(leaf, slots[s]) == meta.max_def;
      if (all) return leaf.values;
    }
    std::vector<int32_t> indices(n);
    int64_t next = 0;  // the dense index of the next present value
    int64_t e_prev = 0;
    for (int64_t s = 0; s < n; ++s) {
      // Values of entries skipped between slots (none at this level) still count.
      for (int64_t e = e_prev; e < slots[s]; ++e) next += Def(leaf, e) == meta.max_def;
      e_prev = slots[s] + 1;
      bool present = Def(leaf, slots[s]) == meta.max_def;
      indices[s] = present ? static_cast<int32_t>(next) : -1;
      next += present;
    }
    if (next > leaf.values->length()) {
      return Status::Corruption("Parquet file " + where_ + ": column '" + node.name + "' has fewer values than levels");
    }
    return vector::Take(*leaf.values, indices.data(), n);
  }

  const FileSchema& schema_;
  const std::vector<DecodedLeaf>& leaves_;
  std::string where_;
};

}  // namespace

Result<vector::ColumnPtr> AssembleField(const FileSchema& schema, int field, const std::vector<DecodedLeaf>& leaves,
                                        int64_t num_rows, const std::string& where) {
  Assembler assembler(schema, leaves, where);
  RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr column, assembler.Assemble(schema.fields[field], 0, 0));
  if (column->length() != num_rows) {
    return Status::Corruption(fmt::format("Parquet file {}: column '{}' has {} rows, the row group {}", where,
                                          schema.fields[field].name, column->length(), num_rows));
  }
  return column;
}

}  // namespace runnel::format::parquet
