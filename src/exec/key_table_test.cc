#include "exec/key_table.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace runnel::exec {
namespace {

using type::Value;
using vector::ColumnPtr;

ColumnPtr Ints(std::vector<int32_t> v, std::vector<uint8_t> valid = {}) {
  return vector::MakeFixedColumn<int32_t>(type::Int(), std::move(v), valid);
}
ColumnPtr BigInts(std::vector<int64_t> v, std::vector<uint8_t> valid = {}) {
  return vector::MakeFixedColumn<int64_t>(type::BigInt(), std::move(v), valid);
}
ColumnPtr Doubles(std::vector<double> v, std::vector<uint8_t> valid = {}) {
  return vector::MakeFixedColumn<double>(type::Double(), std::move(v), valid);
}
ColumnPtr Strings(const std::vector<std::string>& v, std::vector<uint8_t> valid = {}) {
  vector::ColumnBuilder b(type::String());
  for (size_t i = 0; i < v.size(); ++i) {
    if (!valid.empty() && !valid[i]) {
      b.AppendNull();
    } else {
      b.AppendString(v[i]);
    }
  }
  return b.Finish();
}

std::vector<uint32_t> InsertAll(KeyTable& t, const std::vector<ColumnPtr>& keys) {
  int64_t n = keys[0]->length();
  std::vector<uint32_t> ids(n);
  t.Insert(keys, n, ids.data());
  return ids;
}

std::vector<int32_t> FindAll(const KeyTable& t, const std::vector<ColumnPtr>& keys) {
  int64_t n = keys[0]->length();
  std::vector<int32_t> ids(n);
  t.Find(keys, n, ids.data());
  return ids;
}

TEST(KeyTableTest, SingleIntKeyGetsDenseIdsInFirstSeenOrder) {
  KeyTable t({type::Int()});
  auto ids = InsertAll(t, {Ints({7, 3, 7, 0, 3, -5})});
  EXPECT_EQ(ids, (std::vector<uint32_t>{0, 1, 0, 2, 1, 3}));
  EXPECT_EQ(t.size(), 4);
  EXPECT_EQ(FindAll(t, {Ints({3, 8, -5, 0, 7})}), (std::vector<int32_t>{1, -1, 3, 2, 0}));
}

TEST(KeyTableTest, NullIsOneGroupOnInsertButNeverFound) {
  KeyTable t({type::BigInt()});
  auto ids = InsertAll(t, {BigInts({1, 0, 0, 1}, {1, 0, 0, 1})});
  EXPECT_EQ(ids, (std::vector<uint32_t>{0, 1, 1, 0}));
  EXPECT_EQ(t.size(), 2);
  // Zero is a real key distinct from NULL, and a NULL probe never matches.
  EXPECT_EQ(FindAll(t, {BigInts({0, 1, 0}, {1, 1, 0})}), (std::vector<int32_t>{-1, 0, -1}));
  auto cols = t.KeyColumns();
  ASSERT_EQ(cols.size(), 1u);
  EXPECT_EQ(cols[0]->GetValue(0), Value::BigInt(1));
  EXPECT_TRUE(cols[0]->IsNull(1));
}

TEST(KeyTableTest, FindOnEmptyTableReturnsMinusOne) {
  KeyTable ints({type::Int()});
  EXPECT_EQ(FindAll(ints, {Ints({1, 2})}), (std::vector<int32_t>{-1, -1}));
  KeyTable strings({type::String()});
  EXPECT_EQ(FindAll(strings, {Strings({"a"})}), (std::vector<int32_t>{-1}));
}

TEST(KeyTableTest, GrowsPastInitialCapacityWithManyDistinctKeys) {
  constexpr int64_t kKeys = 100000;
  std::vector<int64_t> values(kKeys);
  // Spread keys out so that they collide in the low bits too.
  for (int64_t i = 0; i < kKeys; ++i) values[i] = i * 1024 - 7 * kKeys;
  KeyTable t({type::BigInt()});
  auto ids = InsertAll(t, {BigInts(values)});
  EXPECT_EQ(t.size(), kKeys);
  for (int64_t i = 0; i < kKeys; ++i) ASSERT_EQ(ids[i], static_cast<uint32_t>(i)) << i;
  // Insert again in reverse order: the same ids, no new keys.
  std::vector<int64_t> reversed(values.rbegin(), values.rend());
  auto again = InsertAll(t, {BigInts(reversed)});
  EXPECT_EQ(t.size(), kKeys);
  for (int64_t i = 0; i < kKeys; ++i) ASSERT_EQ(again[i], static_cast<uint32_t>(kKeys - 1 - i));
  auto found = FindAll(t, {BigInts({values[0], values[kKeys - 1], values[0] + 1})});
  EXPECT_EQ(found, (std::vector<int32_t>{0, static_cast<int32_t>(kKeys - 1), -1}));
  auto cols = t.KeyColumns();
  ASSERT_EQ(cols[0]->length(), kKeys);
  EXPECT_EQ(cols[0]->GetValue(12345), Value::BigInt(values[12345]));
}

TEST(KeyTableTest, MultiColumnKeysWithNulls) {
  KeyTable t({type::Int(), type::String()});
  auto a = Ints({1, 1, 2, 1, 0, 0}, {1, 1, 1, 1, 0, 0});
  auto b = Strings({"x", "y", "x", "x", "x", ""}, {1, 1, 1, 1, 1, 0});
  auto ids = InsertAll(t, {a, b});
  EXPECT_EQ(ids, (std::vector<uint32_t>{0, 1, 2, 0, 3, 4}));
  // Any NULL in the key never matches on Find.
  auto fa = Ints({2, 1, 0, 1}, {1, 1, 0, 1});
  auto fb = Strings({"x", "y", "x", "z"});
  EXPECT_EQ(FindAll(t, {fa, fb}), (std::vector<int32_t>{2, 1, -1, -1}));
}

TEST(KeyTableTest, StringKeysDistinguishPrefixesAndEmpty) {
  KeyTable t({type::String(), type::String()});
  // ("ab", "c") and ("a", "bc") concatenate alike; the encoding must keep them apart.
  auto ids = InsertAll(t, {Strings({"ab", "a", "", "ab"}), Strings({"c", "bc", "", "c"})});
  EXPECT_EQ(ids, (std::vector<uint32_t>{0, 1, 2, 0}));
  // An empty string is not NULL.
  KeyTable single({type::String()});
  auto sids = InsertAll(single, {Strings({"", "", "x"}, {1, 0, 1})});
  EXPECT_EQ(sids, (std::vector<uint32_t>{0, 1, 2}));
}

TEST(KeyTableTest, DoubleKeysTreatNegativeZeroAndNaNAsEqual) {
  double nan = std::numeric_limits<double>::quiet_NaN();
  double other_nan = -std::nan("7");
  KeyTable t({type::Double()});
  auto ids = InsertAll(t, {Doubles({0.0, -0.0, nan, other_nan, 1.5})});
  EXPECT_EQ(ids, (std::vector<uint32_t>{0, 0, 1, 1, 2}));
  EXPECT_EQ(FindAll(t, {Doubles({-0.0, other_nan, 2.5})}), (std::vector<int32_t>{0, 1, -1}));
}

TEST(KeyTableTest, InsertsContinueAfterKeyColumns) {
  for (auto type : {type::Int(), type::String()}) {
    SCOPED_TRACE(type->ToString());
    KeyTable t({type});
    auto col = [&](std::vector<int32_t> v) -> ColumnPtr {
      if (type->id() == type::TypeId::kInt) return Ints(v);
      std::vector<std::string> s;
      for (int32_t x : v) s.push_back(std::to_string(x));
      return Strings(s);
    };
    EXPECT_EQ(InsertAll(t, {col({5, 6})}), (std::vector<uint32_t>{0, 1}));
    auto first = t.KeyColumns();
    ASSERT_EQ(first[0]->length(), 2);
    EXPECT_EQ(InsertAll(t, {col({6, 9, 5})}), (std::vector<uint32_t>{1, 2, 0}));
    auto second = t.KeyColumns();
    ASSERT_EQ(second[0]->length(), 3);
    EXPECT_EQ(second[0]->GetValue(0).ToString(), "5");
    EXPECT_EQ(second[0]->GetValue(1).ToString(), "6");
    EXPECT_EQ(second[0]->GetValue(2).ToString(), "9");
    // The columns handed out earlier are unchanged.
    EXPECT_EQ(first[0]->length(), 2);
  }
}

TEST(KeyTableTest, KeysFromSlicedColumns) {
  auto base = Ints({1, 2, 3, 4, 5, 6});
  ColumnPtr slice = base->Slice(2, 3);  // 3, 4, 5
  KeyTable t({type::Int()});
  EXPECT_EQ(InsertAll(t, {slice}), (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(t.KeyColumns()[0]->GetValue(0), Value::Int(3));
  auto sbase = Strings({"a", "b", "c", "d"});
  KeyTable s({type::String(), type::Int()});
  EXPECT_EQ(InsertAll(s, {sbase->Slice(1, 3), base->Slice(0, 3)}), (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(FindAll(s, {Strings({"c"}), Ints({2})}), (std::vector<int32_t>{1}));
}

TEST(HashKeysTest, EqualKeysHashEqual) {
  auto h1 = HashKeys({Ints({1, 2, 1, 0}, {1, 1, 1, 0})}, 4);
  EXPECT_EQ(h1[0], h1[2]);
  EXPECT_NE(h1[0], h1[1]);
  auto h2 = HashKeys({Doubles({0.0, -0.0, std::nan(""), -std::nan("3")})}, 4);
  EXPECT_EQ(h2[0], h2[1]);
  EXPECT_EQ(h2[2], h2[3]);
  auto s1 = Strings({"k", "k", "j"});
  auto i1 = BigInts({10, 10, 10});
  auto h3 = HashKeys({s1, i1}, 3);
  EXPECT_EQ(h3[0], h3[1]);
  EXPECT_NE(h3[0], h3[2]);
  // The same key in another batch (another side of a join) hashes the same.
  auto h4 = HashKeys({Strings({"j", "k"}), BigInts({10, 10})}, 2);
  EXPECT_EQ(h4[0], h3[2]);
  EXPECT_EQ(h4[1], h3[0]);
  // Sliced input hashes as the unsliced rows.
  auto base = BigInts({5, 6, 7});
  auto h5 = HashKeys({base->Slice(1, 2)}, 2);
  auto h6 = HashKeys({base}, 3);
  EXPECT_EQ(h5[0], h6[1]);
  EXPECT_EQ(h5[1], h6[2]);
}

}  // namespace
}  // namespace runnel::exec
