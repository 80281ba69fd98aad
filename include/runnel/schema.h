// A schema: the ordered, named, typed columns of a batch or a relation.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runnel/status.h"
#include "runnel/data_type.h"

namespace runnel::type {

class Schema {
 public:
  Schema() = default;
  explicit Schema(std::vector<Field> fields) : fields_(std::move(fields)) {}

  const std::vector<Field>& fields() const { return fields_; }
  const Field& field(int i) const { return fields_[i]; }
  int num_fields() const { return static_cast<int>(fields_.size()); }
  std::vector<std::string> names() const;

  // Index of the column named `name` (case-insensitive, like Spark's default), or -1.
  int FieldIndex(const std::string& name) const;
  // As FieldIndex, but an analysis error naming the columns there are when it is missing or
  // ambiguous.
  Result<int> Resolve(const std::string& name) const;

  bool Equals(const Schema& other) const;
  // "user STRING, ts TIMESTAMP"
  std::string ToString() const;
  // Spark's printSchema() tree.
  std::string ToTreeString() const;

 private:
  std::vector<Field> fields_;
};

using SchemaPtr = std::shared_ptr<const Schema>;

}  // namespace runnel::type
