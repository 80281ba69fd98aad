// A program that uses Runnel as an installed library: only <runnel/...> headers, found with
// find_package(Runnel). `make test` builds and runs it against a fresh install.
#include <runnel/runnel.h>

#include <cstdio>

int main() {
  using namespace runnel::functions;
  auto session = runnel::Session::Make();
  auto df = session->range(1, 101)
                .withColumn("bucket", col("id") % 3)
                .groupBy("bucket")
                .agg(count(col("*")).alias("n"), sum(col("id")).alias("total"))
                .orderBy("bucket");
  auto rows = df.collect();
  if (!rows.ok()) {
    std::fprintf(stderr, "quickstart: %s\n", rows.status().ToString().c_str());
    return 1;
  }
  // 1..100 split by id % 3: 33 + 34 + 33 rows, sums 1683 + 1717 + 1650.
  const char* expected[] = {"[0,33,1683]", "[1,34,1717]", "[2,33,1650]"};
  if (rows->size() != 3) return 1;
  for (size_t i = 0; i < rows->size(); ++i) {
    std::printf("%s\n", (*rows)[i].ToString().c_str());
    if ((*rows)[i].ToString() != expected[i]) return 1;
  }
  return 0;
}
