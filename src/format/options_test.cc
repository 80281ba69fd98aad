#include "format/options.h"

#include <gtest/gtest.h>

namespace runnel::format {
namespace {

TEST(OptionsTest, KeysAreCaseInsensitive) {
  Options options{{"Header", "TRUE"}};
  options.Set("SEP", ";");
  EXPECT_TRUE(options.Has("header"));
  EXPECT_EQ(*options.GetBool("hEaDeR", false), true);
  EXPECT_EQ(options.GetString("sep", ","), ";");
  EXPECT_EQ(options.GetString("quote", "\""), "\"");
  EXPECT_EQ(options.CorruptRecordColumn(), "_corrupt_record");
}

TEST(OptionsTest, TypedGettersNameTheOptionAndValue) {
  Options options{{"header", "yes please"}, {"batchSize", "12x"}, {"sep", "ab"}, {"mode", "x"}};
  EXPECT_EQ(options.GetBool("header", false).status().message(),
            "Option 'header' must be true or false, got 'yes please'");
  EXPECT_EQ(options.GetInt("batchSize", 1).status().message(),
            "Option 'batchSize' must be an integer, got '12x'");
  EXPECT_EQ(options.GetChar("sep", ',').status().message(),
            "Option 'sep' must be a single character, got 'ab'");
  EXPECT_EQ(options.GetParseMode().status().message(),
            "Option 'mode' must be PERMISSIVE, DROPMALFORMED or FAILFAST, got 'x'");
  EXPECT_EQ(options.GetParseMode().status().code(), StatusCode::kInvalidArgument);
}

TEST(OptionsTest, CharactersAndModes) {
  EXPECT_EQ(*Options({{"sep", "\\t"}}).GetChar("sep", ','), '\t');
  EXPECT_EQ(*Options({{"quote", ""}}).GetChar("quote", '"'), '\0');
  EXPECT_EQ(*Options({{"mode", "dropMalformed"}}).GetParseMode(), ParseMode::kDropMalformed);
  EXPECT_EQ(*Options().GetParseMode(), ParseMode::kPermissive);
}

}  // namespace
}  // namespace runnel::format
