// Session::interruptAll: running actions stop with kCancelled, later ones run normally.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "runnel/runnel.h"

namespace runnel {
namespace {

TEST(SessionInterrupt, CancelsARunningAction) {
  auto session = Session::Make();
  // Endless in practice; a row now and then keeps batches flowing to the executor's check.
  DataFrame endless = session->range(0, int64_t{1} << 60).filter("id % 1000000 = 0");
  std::atomic<bool> done{false};
  Status result;
  std::thread action([&] {
    result = endless.collect().status();
    done = true;
  });
  // Repeated: a request made before the action registers itself does not count.
  while (!done) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    session->interruptAll();
  }
  action.join();
  EXPECT_EQ(result.code(), StatusCode::kCancelled);
  EXPECT_EQ(result.message(), "Query cancelled");

  // The next action starts with its own, lowered flag.
  EXPECT_EQ(*session->range(0, 10).count(), 10);
}

TEST(SessionInterrupt, DoesNothingWhenIdle) {
  auto session = Session::Make();
  session->interruptAll();
  EXPECT_EQ(*session->range(0, 100).filter("id % 10 = 0").count(), 10);
}

}  // namespace
}  // namespace runnel
