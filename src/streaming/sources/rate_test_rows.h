// Test support for the rate sources' tests: reads every partition of a batch into plain rows.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "streaming/source.h"

namespace runnel::streaming {

struct RateRow {
  int partition = 0;
  int64_t value = 0;
  int64_t timestamp_ms = 0;
  bool operator==(const RateRow& o) const {
    return std::tie(partition, value, timestamp_ms) ==
           std::tie(o.partition, o.value, o.timestamp_ms);
  }
};

inline std::ostream& operator<<(std::ostream& out, const RateRow& r) {
  return out << "{partition " << r.partition << ", value " << r.value << ", " << r.timestamp_ms
             << " ms}";
}

// The rows of source.GetBatch(start, end), ordered by value.
inline std::vector<RateRow> ReadRateRows(Source& source, const std::optional<std::string>& start,
                                         const std::string& end) {
  std::vector<RateRow> rows;
  auto batch = source.GetBatch(start, end);
  EXPECT_TRUE(batch.ok()) << batch.status().ToString();
  if (!batch.ok()) return rows;
  for (int p = 0; p < (*batch)->NumPartitions(); ++p) {
    // Columns in the reverse order, as a projection may ask.
    auto stream = (*batch)->Open(p, {1, 0}, {});
    EXPECT_TRUE(stream.ok()) << stream.status().ToString();
    if (!stream.ok()) continue;
    auto batches = vector::DrainStream(**stream);
    EXPECT_TRUE(batches.ok()) << batches.status().ToString();
    if (!batches.ok()) continue;
    for (const auto& b : *batches) {
      for (int64_t i = 0; i < b.num_rows(); ++i) {
        rows.push_back(
            {p, b.GetValue(i, 0).bigint_value(), b.GetValue(i, 1).bigint_value() / 1000});
      }
    }
  }
  std::sort(rows.begin(), rows.end(),
            [](const RateRow& a, const RateRow& b) { return a.value < b.value; });
  return rows;
}

}  // namespace runnel::streaming
