#include "base/status.h"

#include <gtest/gtest.h>

#include "base/spelling.h"
#include "base/thread_pool.h"

namespace runnel {
namespace {

Result<int> Half(int x) {
  if (x % 2) return Status::InvalidArgument("odd: " + std::to_string(x));
  return x / 2;
}

Result<int> Quarter(int x) {
  RUNNEL_ASSIGN_OR_RAISE(int h, Half(x));
  RUNNEL_ASSIGN_OR_RAISE(int q, Half(h));
  return q;
}

TEST(StatusTest, ResultPropagates) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().ToString(), "Invalid argument: odd: 3");
  EXPECT_EQ(r.status().WithContext("reading x").message(), "reading x: odd: 3");
}

TEST(SpellingTest, SuggestsCloseNames) {
  EXPECT_EQ(base::DidYouMean("usr", {"user", "ts", "amount"}), " Did you mean 'user'?");
  EXPECT_EQ(base::DidYouMean("zzz", {"user", "ts"}), "");
}

TEST(ThreadPoolTest, RunsAllTasksAndReportsFirstFailure) {
  base::ThreadPool pool(2);
  std::vector<int> hits(100, 0);
  ASSERT_TRUE(pool.ParallelFor(100, [&](int i) { hits[i]++; return Status::OK(); }).ok());
  for (int h : hits) EXPECT_EQ(h, 1);
  Status st = pool.ParallelFor(10, [](int i) {
    return i == 3 ? Status::Internal("three") : Status::OK();
  });
  EXPECT_EQ(st.message(), "three");
}

}  // namespace
}  // namespace runnel
