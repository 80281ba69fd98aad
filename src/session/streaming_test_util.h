// Helpers shared by the session layer's streaming tests.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

#include "runnel/runnel.h"
#include "session/session_state.h"

namespace runnel::test_util {

// A query's rows as sorted strings ("[a,1]"), so expectations do not depend on partition
// order. Fails the test when the query failed.
inline std::vector<std::string> Render(const Result<std::vector<Row>>& rows) {
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  std::vector<std::string> out;
  if (rows.ok()) {
    for (const auto& r : *rows) out.push_back(r.ToString());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Makes the session's streaming queries fail before `point` of batch `batch` while *armed is
// true, as if the process had died there.
inline void InjectCrash(Session& session, const std::string& point, int64_t batch, const bool* armed) {
  std::lock_guard<std::mutex> lock(session.state()->mutex);
  session.state()->streaming_fault_point = [point, batch, armed](const std::string& at, int64_t id) -> Status {
    if (*armed && at == point && id == batch) return Status::IOError("injected crash before " + at);
    return Status::OK();
  };
}

}  // namespace runnel::test_util
