// Test helper shared by the session layer's streaming tests: a query's rows as sorted strings
// ("[a,1]"), so expectations do not depend on partition order. Fails the test when the query
// failed.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "runnel/runnel.h"

namespace runnel::test_util {

inline std::vector<std::string> Render(const Result<std::vector<Row>>& rows) {
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  std::vector<std::string> out;
  if (rows.ok()) {
    for (const auto& r : *rows) out.push_back(r.ToString());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace runnel::test_util
