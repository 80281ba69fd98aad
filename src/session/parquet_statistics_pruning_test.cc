// Row groups skipped on their Parquet statistics must not hide rows a filter matches: NaN,
// which Runnel orders above every double but writers leave out of max, included.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include "runnel/runnel.h"

namespace runnel {
namespace {

namespace fs = std::filesystem;
using type::Value;

TEST(ParquetStatisticsPruningTest, NaNRowsSurviveUpperBoundFilters) {
  const fs::path dir =
      fs::temp_directory_path() / ("runnel-pruning-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto session = Session::Make();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Row groups of two rows: {1, NaN}, {2, 3}, {NaN, NULL}.
  std::vector<Row> rows;
  for (double d : {1.0, nan, 2.0, 3.0, nan}) rows.push_back(Row({Value::Double(d)}));
  rows.push_back(Row({Value::NullOf(type::Double())}));
  ASSERT_TRUE(session->createDataFrame(rows, "d DOUBLE")
                  .write()
                  .option("rowGroupSize", int64_t{2})
                  .parquet(dir.string())
                  .ok());
  auto count = [&](const std::string& where) -> int64_t {
    auto df = session->sql("SELECT count(*) FROM parquet.`" + dir.string() + "` WHERE " + where);
    EXPECT_TRUE(df.ok()) << df.status().ToString();
    auto result = df->collect();
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? (*result)[0].getLong(0) : -1;
  };
  EXPECT_EQ(count("d > 2.5"), 3);  // 3 and both NaNs
  EXPECT_EQ(count("d >= 10"), 2);
  EXPECT_EQ(count("d < 1.5"), 1);  // the min still prunes
  EXPECT_EQ(count("isnan(d)"), 2);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace runnel
