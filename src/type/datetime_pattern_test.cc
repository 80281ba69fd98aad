#include "type/datetime_pattern.h"

#include <gtest/gtest.h>

#include "type/datetime.h"

namespace runnel::type {
namespace {

int64_t Ts(std::string_view text) { return ParseTimestamp(text).value(); }

std::string Fmt(std::string_view pattern, std::string_view ts) {
  auto compiled = DatetimePattern::Compile(pattern);
  EXPECT_TRUE(compiled.ok()) << compiled.status().ToString();
  return compiled->Format(Ts(ts));
}

// The instant parsed, printed back in Spark's timestamp form, or "NULL".
std::string Parsed(std::string_view pattern, std::string_view text) {
  auto compiled = DatetimePattern::Compile(pattern);
  EXPECT_TRUE(compiled.ok()) << compiled.status().ToString();
  auto micros = compiled->Parse(text);
  return micros ? FormatTimestamp(*micros) : "NULL";
}

TEST(DatetimePatternTest, FormatsSparkExamples) {
  EXPECT_EQ(Fmt("yyyy-MM-dd HH:mm:ss", "2024-03-05 14:07:09"), "2024-03-05 14:07:09");
  EXPECT_EQ(Fmt("MMM d, yyyy h:mm a", "2024-03-05 14:07:09"), "Mar 5, 2024 2:07 PM");
  EXPECT_EQ(Fmt("MMMM dd yy", "2024-03-05 00:00:00"), "March 05 24");
  EXPECT_EQ(Fmt("EEE EEEE E", "2024-01-01 00:00:00"), "Mon Monday Mon");
  EXPECT_EQ(Fmt("D DDD", "2024-02-01 00:00:00"), "32 032");
  EXPECT_EQ(Fmt("h a", "2024-01-01 00:30:00"), "12 AM");
  EXPECT_EQ(Fmt("hh a", "2024-01-01 12:30:00"), "12 PM");
  EXPECT_EQ(Fmt("HH:mm:ss.SSS", "2024-01-01 01:02:03.456789"), "01:02:03.456");
  EXPECT_EQ(Fmt("ss.SSSSSS", "2024-01-01 01:02:03.000789"), "03.000789");
  EXPECT_EQ(Fmt("S", "2024-01-01 01:02:03.9"), "9");
  EXPECT_EQ(Fmt("yyyy-MM-dd'T'HH:mm:ss", "2024-03-05 14:07:09"), "2024-03-05T14:07:09");
  EXPECT_EQ(Fmt("'o''clock' ''", "2024-03-05 14:07:09"), "o'clock '");
  EXPECT_EQ(Fmt("yyyyMMdd", "2024-03-05 14:07:09"), "20240305");
  EXPECT_EQ(Fmt("Q QQQ", "2024-08-05 00:00:00"), "3 Q3");
}

TEST(DatetimePatternTest, FormatsUtcZonesAsJava) {
  EXPECT_EQ(Fmt("XXX", "2024-01-01 00:00:00"), "Z");
  EXPECT_EQ(Fmt("X", "2024-01-01 00:00:00"), "Z");
  EXPECT_EQ(Fmt("xxx", "2024-01-01 00:00:00"), "+00:00");
  EXPECT_EQ(Fmt("Z", "2024-01-01 00:00:00"), "+0000");
  EXPECT_EQ(Fmt("z", "2024-01-01 00:00:00"), "UTC");
  EXPECT_EQ(Fmt("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2024-01-01 10:00:00"),
            "2024-01-01T10:00:00.000Z");
}

TEST(DatetimePatternTest, OptionalSectionsPrintAndParse) {
  EXPECT_EQ(Fmt("yyyy-MM-dd[ HH:mm]", "2024-01-01 10:20:00"), "2024-01-01 10:20");
  EXPECT_EQ(Parsed("yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]", "2024-01-01T10:00:00"),
            "2024-01-01 10:00:00");
  EXPECT_EQ(Parsed("yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]", "2024-01-01T10:00:00.5+01:00"),
            "2024-01-01 09:00:00.5");
  EXPECT_EQ(Parsed("yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]", "2024-01-01T10:00:00Z"),
            "2024-01-01 10:00:00");
}

TEST(DatetimePatternTest, ParsesSparkExamples) {
  EXPECT_EQ(Parsed("yyyy-MM-dd", "2024-03-05"), "2024-03-05 00:00:00");
  EXPECT_EQ(Parsed("yyyy-MM-dd HH:mm:ss", "1970-01-01 00:01:00"), "1970-01-01 00:01:00");
  EXPECT_EQ(Parsed("dd/MM/yyyy HH:mm", "31/12/2023 23:59"), "2023-12-31 23:59:00");
  EXPECT_EQ(Parsed("MMM d, yyyy h:mm a", "Mar 5, 2024 2:07 PM"), "2024-03-05 14:07:00");
  EXPECT_EQ(Parsed("MMM d, yyyy h:mm a", "mar 5, 2024 2:07 pm"), "2024-03-05 14:07:00");
  EXPECT_EQ(Parsed("MMMM d yyyy", "September 1 2024"), "2024-09-01 00:00:00");
  EXPECT_EQ(Parsed("yy-MM-dd", "24-03-05"), "2024-03-05 00:00:00");
  EXPECT_EQ(Parsed("yyyyMMddHHmmss", "20240305140709"), "2024-03-05 14:07:09");
  EXPECT_EQ(Parsed("yyyyMMdd", "20240305"), "2024-03-05 00:00:00");
  EXPECT_EQ(Parsed("HH:mm", "10:30"), "1970-01-01 10:30:00");
  EXPECT_EQ(Parsed("yyyy D", "2024 60"), "2024-02-29 00:00:00");
  EXPECT_EQ(Parsed("EEE, dd MMM yyyy", "Mon, 01 Jan 2024"), "2024-01-01 00:00:00");
  EXPECT_EQ(Parsed("hh:mm", "12:15"), "1970-01-01 00:15:00");
}

TEST(DatetimePatternTest, ParsesFractionsUpToTheLetterCount) {
  EXPECT_EQ(Parsed("HH:mm:ss.SSS", "10:00:00.1"), "1970-01-01 10:00:00.1");
  EXPECT_EQ(Parsed("HH:mm:ss.SSS", "10:00:00.123"), "1970-01-01 10:00:00.123");
  EXPECT_EQ(Parsed("HH:mm:ss.SSS", "10:00:00.1234"), "NULL");
  EXPECT_EQ(Parsed("HH:mm:ss.SSSSSS", "10:00:00.123456"), "1970-01-01 10:00:00.123456");
  EXPECT_EQ(Parsed("HH:mm:ss.SSSSSSSSS", "10:00:00.123456789"), "1970-01-01 10:00:00.123456");
}

TEST(DatetimePatternTest, ParsesOffsetsIntoUtc) {
  EXPECT_EQ(Parsed("yyyy-MM-dd HH:mm XXX", "2024-01-01 10:00 +02:00"), "2024-01-01 08:00:00");
  EXPECT_EQ(Parsed("yyyy-MM-dd HH:mm Z", "2024-01-01 10:00 -0130"), "2024-01-01 11:30:00");
  EXPECT_EQ(Parsed("yyyy-MM-dd HH:mm z", "2024-01-01 10:00 UTC"), "2024-01-01 10:00:00");
  EXPECT_EQ(Parsed("yyyy-MM-dd HH:mm X", "2024-01-01 10:00 Z"), "2024-01-01 10:00:00");
  EXPECT_EQ(Parsed("yyyy-MM-dd HH:mm z", "2024-01-01 10:00 PST"), "NULL");
}

TEST(DatetimePatternTest, RejectsInvalidText) {
  EXPECT_EQ(Parsed("yyyy-MM-dd", "2024-02-30"), "NULL");
  EXPECT_EQ(Parsed("yyyy-MM-dd", "2023-02-29"), "NULL");
  EXPECT_EQ(Parsed("yyyy-MM-dd", "2024-3-5"), "NULL");  // MM needs two digits
  EXPECT_EQ(Parsed("yyyy-M-d", "2024-3-5"), "2024-03-05 00:00:00");
  EXPECT_EQ(Parsed("yyyy-MM-dd", "2024-03-05 "), "NULL");  // the whole text must match
  EXPECT_EQ(Parsed("yyyy-MM-dd", "2024-03-05x"), "NULL");
  EXPECT_EQ(Parsed("yyyy-MM-dd", ""), "NULL");
  EXPECT_EQ(Parsed("HH:mm", "24:00"), "NULL");
  EXPECT_EQ(Parsed("hh:mm", "00:10"), "NULL");
  EXPECT_EQ(Parsed("EEE yyyy-MM-dd", "Tue 2024-01-01"), "NULL");  // 2024-01-01 is a Monday
  EXPECT_EQ(Parsed("yyyy D", "2023 366"), "NULL");
}

TEST(DatetimePatternTest, CompileErrorsNameTheLetter) {
  auto unknown = DatetimePattern::Compile("yyyy-MM-dd bb");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kSyntax);
  EXPECT_NE(unknown.status().message().find("'b' at position 11"), std::string::npos)
      << unknown.status().message();
  EXPECT_FALSE(DatetimePattern::Compile("YYYY").ok());  // week-based year
  EXPECT_FALSE(DatetimePattern::Compile("yyyy-MM-dd 'T").ok());
  EXPECT_FALSE(DatetimePattern::Compile("ddd").ok());
  EXPECT_FALSE(DatetimePattern::Compile("yyyy]").ok());
  EXPECT_TRUE(DatetimePattern::Compile("").ok());
  EXPECT_TRUE(DatetimePattern::Compile("yyyy/MM/dd -- HH").ok());
}

TEST(DatetimePatternTest, RoundTripsNegativeAndLargeInstants) {
  auto p = DatetimePattern::Compile("yyyy-MM-dd HH:mm:ss.SSSSSS").ValueOrDie();
  for (int64_t micros : {int64_t{0}, int64_t{-1}, int64_t{1709647629123456},
                         int64_t{-62135596800000000}}) {
    EXPECT_EQ(p.Parse(p.Format(micros)), micros) << p.Format(micros);
  }
  EXPECT_EQ(p.Format(-1), "1969-12-31 23:59:59.999999");
}

}  // namespace
}  // namespace runnel::type
