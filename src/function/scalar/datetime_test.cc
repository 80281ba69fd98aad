#include <gtest/gtest.h>

#include "function/scalar/test_scalar_eval.h"
#include "type/datetime.h"

namespace runnel::function {
namespace {

using namespace testing;  // NOLINT: test-only shorthands

type::Value Ts(std::string_view text) {
  return type::Value::Timestamp(type::ParseTimestamp(text).value());
}
type::Value D(std::string_view text) { return type::Value::Date(type::ParseDate(text).value()); }

TEST(DatetimeFunctionsTest, SparkDocumentedExamples) {
  EXPECT_EQ(Show("date_format", {Ts("2024-03-05 14:07:09"), S("yyyy-MM-dd HH:mm:ss")}),
            "2024-03-05 14:07:09");
  EXPECT_EQ(Show("date_format", {Ts("2024-03-05 14:07:09"), S("MMM d, yyyy h:mm a")}),
            "Mar 5, 2024 2:07 PM");
  EXPECT_EQ(Show("to_timestamp", {S("2024-03-05"), S("yyyy-MM-dd")}), "2024-03-05 00:00:00");
  EXPECT_EQ(Show("unix_timestamp", {S("1970-01-01 00:01:00")}), "60");
  EXPECT_EQ(Show("from_unixtime", {L(0)}), "1970-01-01 00:00:00");
  EXPECT_EQ(Show("dayofweek", {D("2024-01-01")}), "2");
  EXPECT_EQ(Show("date_trunc", {S("MONTH"), Ts("2024-03-15 10:00:00")}), "2024-03-01 00:00:00");
  EXPECT_EQ(Show("datediff", {D("2024-03-01"), D("2024-02-01")}), "29");
}

TEST(DatetimeFunctionsTest, CurrentTimeIsTheQueryTime) {
  EXPECT_EQ(Show("current_timestamp", {}), "2024-03-05 14:07:09");
  EXPECT_EQ(Show("now", {}), "2024-03-05 14:07:09");
  EXPECT_EQ(Show("current_date", {}), "2024-03-05");
  EXPECT_EQ(Show("unix_timestamp", {}), "1709647629");
}

TEST(DatetimeFunctionsTest, ParsingAndFormatting) {
  EXPECT_EQ(Show("to_timestamp", {Ts("2024-03-05 01:02:03")}), "2024-03-05 01:02:03");
  EXPECT_EQ(Show("to_timestamp", {S("2024-03-05 10:00:00"), S("yyyy-MM-dd")}), "NULL");
  EXPECT_EQ(Show("to_timestamp", {S("05/03/2024 10:30"), S("dd/MM/yyyy HH:mm")}),
            "2024-03-05 10:30:00");
  EXPECT_EQ(Show("to_timestamp", {Null(), S("yyyy")}), "NULL");
  EXPECT_EQ(Show("to_date", {S("2024-03-05 23:59"), S("yyyy-MM-dd HH:mm")}), "2024-03-05");
  EXPECT_EQ(Show("to_date", {D("2024-03-05")}), "2024-03-05");
  EXPECT_EQ(Show("unix_timestamp", {S("2024-03-05"), S("yyyy-MM-dd")}), "1709596800");
  EXPECT_EQ(Show("unix_timestamp", {S("2024-03-05")}), "NULL");  // default pattern has a time
  // Spark's ToTimestamp divides the micros with Java's long division (toward zero).
  EXPECT_EQ(Show("unix_timestamp", {Ts("1969-12-31 23:59:59.5")}), "0");
  EXPECT_EQ(Show("unix_seconds", {Ts("1969-12-31 23:59:59.5")}), "-1");  // Math.floorDiv
  EXPECT_EQ(Show("to_unix_timestamp", {S("1970-01-02"), S("yyyy-MM-dd")}), "86400");
  EXPECT_EQ(Show("from_unixtime", {L(1709647629), S("yyyy/MM/dd EEEE")}), "2024/03/05 Tuesday");
  EXPECT_EQ(Show("date_format", {Ts("2024-03-05 14:07:09.123"), S("HH:mm:ss.SSS XXX")}),
            "14:07:09.123 Z");
  EXPECT_EQ(CallRows("date_format", {{Ts("2024-01-01 00:00:00"), Ts("2024-12-31 00:00:00")},
                                     {S("yyyy"), S("D")}}),
            (std::vector<std::string>{"2024", "366"}));
  const ScalarFunction* format = FunctionRegistry::Builtins().FindScalar("date_format");
  BindArgs bad{{type::Timestamp(), type::String()}, {std::nullopt, S("yyyy-bb")}, "date_format"};
  EXPECT_EQ(format->bind(bad).status().code(), StatusCode::kAnalysis);
}

TEST(DatetimeFunctionsTest, EpochConversions) {
  EXPECT_EQ(Show("timestamp_seconds", {L(1230219000)}), "2008-12-25 15:30:00");
  // A DECIMAL is exact (0.000249 as a DOUBLE times 10^6 is 248.99999999999997).
  EXPECT_EQ(Show("timestamp_seconds", {type::Value::Decimal(249, 6, 6)}),
            "1970-01-01 00:00:00.000249");
  EXPECT_EQ(Show("timestamp_seconds", {type::Value::Decimal(-5, 2, 1)}), "1969-12-31 23:59:59.5");
  EXPECT_EQ(Show("timestamp_seconds", {type::Value::Decimal(1, 8, 7)}), "NULL");
  EXPECT_EQ(Show("timestamp_seconds", {type::Value::Double(1230219000.123)}),
            "2008-12-25 15:30:00.123");
  EXPECT_EQ(Show("timestamp_millis", {L(1230219000123)}), "2008-12-25 15:30:00.123");
  EXPECT_EQ(Show("timestamp_micros", {L(1230219000123123)}), "2008-12-25 15:30:00.123123");
  EXPECT_EQ(Show("unix_seconds", {Ts("2008-12-25 15:30:00")}), "1230219000");
  EXPECT_EQ(Show("unix_millis", {Ts("1969-12-31 23:59:59.9995")}), "-1");
  EXPECT_EQ(Show("unix_micros", {Ts("1970-01-01 00:00:01")}), "1000000");
  EXPECT_EQ(Show("unix_date", {D("1970-01-02")}), "1");
  EXPECT_EQ(Show("date_from_unix_date", {I(1)}), "1970-01-02");
}

TEST(DatetimeFunctionsTest, Fields) {
  type::Value t = Ts("2024-03-05 14:07:09");
  EXPECT_EQ(Show("year", {D("2024-03-05")}), "2024");
  EXPECT_EQ(Show("month", {D("2024-03-05")}), "3");
  EXPECT_EQ(Show("day", {D("2024-03-05")}), "5");
  EXPECT_EQ(Show("dayofmonth", {D("2024-03-05")}), "5");
  EXPECT_EQ(Show("dayofyear", {D("2024-03-05")}), "65");
  EXPECT_EQ(Show("quarter", {D("2024-08-05")}), "3");
  EXPECT_EQ(Show("weekday", {D("2024-01-01")}), "0");
  EXPECT_EQ(Show("dayofweek", {D("2024-01-06")}), "7");
  EXPECT_EQ(Show("weekofyear", {D("2008-02-20")}), "8");
  EXPECT_EQ(Show("weekofyear", {D("2021-01-01")}), "53");
  EXPECT_EQ(Show("weekofyear", {D("2024-12-30")}), "1");
  EXPECT_EQ(Show("hour", {t}), "14");
  EXPECT_EQ(Show("minute", {t}), "7");
  EXPECT_EQ(Show("second", {t}), "9");
  EXPECT_EQ(Show("hour", {Ts("1969-12-31 23:00:00")}), "23");
  EXPECT_EQ(Show("year", {Null()}), "NULL");
}

TEST(DatetimeFunctionsTest, Arithmetic) {
  EXPECT_EQ(Show("date_add", {D("2016-07-30"), I(1)}), "2016-07-31");
  EXPECT_EQ(Show("date_sub", {D("2016-07-30"), I(1)}), "2016-07-29");
  EXPECT_EQ(Show("date_add", {D("2016-07-30"), Null()}), "NULL");
  EXPECT_EQ(Show("datediff", {D("2009-07-30"), D("2009-07-31")}), "-1");
  EXPECT_EQ(Show("add_months", {D("2016-08-31"), I(1)}), "2016-09-30");
  EXPECT_EQ(Show("add_months", {D("2016-01-31"), I(-2)}), "2015-11-30");
  EXPECT_EQ(Show("last_day", {D("2009-01-12")}), "2009-01-31");
  EXPECT_EQ(Show("last_day", {D("2024-02-12")}), "2024-02-29");
  EXPECT_EQ(Show("next_day", {D("2015-01-14"), S("TU")}), "2015-01-20");
  EXPECT_EQ(Show("next_day", {D("2015-01-14"), S("wed")}), "2015-01-21");
  EXPECT_EQ(Show("next_day", {D("2015-01-14"), S("xx")}), "NULL");
  EXPECT_EQ(Show("months_between", {Ts("1997-02-28 10:30:00"), Ts("1996-10-30 00:00:00")}),
            "3.94959677");
  EXPECT_EQ(Show("months_between",
                 {Ts("1997-02-28 10:30:00"), Ts("1996-10-30 00:00:00"), type::Value::Boolean(false)}),
            "3.9495967741935485");
  EXPECT_EQ(Show("months_between", {Ts("2024-03-31 00:00:00"), Ts("2024-02-29 00:00:00")}), "1.0");
  // Spark counts whole seconds of the day: the .5 s is dropped (1 + 86400 / (31 * 86400)).
  EXPECT_EQ(Show("months_between", {Ts("2024-03-15 00:00:00.5"), Ts("2024-02-14 00:00:00"),
                                    type::Value::Boolean(false)}),
            "1.032258064516129");
}

TEST(DatetimeFunctionsTest, Truncation) {
  type::Value t = Ts("2015-03-05 09:32:05.359");
  EXPECT_EQ(Show("date_trunc", {S("YEAR"), t}), "2015-01-01 00:00:00");
  EXPECT_EQ(Show("date_trunc", {S("yy"), t}), "2015-01-01 00:00:00");
  EXPECT_EQ(Show("date_trunc", {S("quarter"), Ts("2015-08-05 01:00:00")}), "2015-07-01 00:00:00");
  EXPECT_EQ(Show("date_trunc", {S("MM"), t}), "2015-03-01 00:00:00");
  EXPECT_EQ(Show("date_trunc", {S("WEEK"), t}), "2015-03-02 00:00:00");
  EXPECT_EQ(Show("date_trunc", {S("DD"), t}), "2015-03-05 00:00:00");
  EXPECT_EQ(Show("date_trunc", {S("HOUR"), t}), "2015-03-05 09:00:00");
  EXPECT_EQ(Show("date_trunc", {S("minute"), t}), "2015-03-05 09:32:00");
  EXPECT_EQ(Show("date_trunc", {S("SECOND"), t}), "2015-03-05 09:32:05");
  EXPECT_EQ(Show("date_trunc", {S("MILLISECOND"), Ts("2015-03-05 09:32:05.123456")}),
            "2015-03-05 09:32:05.123");
  EXPECT_EQ(Show("date_trunc", {S("fortnight"), t}), "NULL");
  EXPECT_EQ(Show("trunc", {D("2019-08-04"), S("week")}), "2019-07-29");
  EXPECT_EQ(Show("trunc", {D("2019-08-04"), S("quarter")}), "2019-07-01");
  EXPECT_EQ(Show("trunc", {D("2009-02-12"), S("MM")}), "2009-02-01");
  EXPECT_EQ(Show("trunc", {D("2015-10-27"), S("YEAR")}), "2015-01-01");
  EXPECT_EQ(Show("trunc", {D("2015-10-27"), S("DD")}), "NULL");
}

TEST(DatetimeFunctionsTest, MakeDateAndTimestamp) {
  EXPECT_EQ(Show("make_date", {I(2013), I(7), I(15)}), "2013-07-15");
  EXPECT_EQ(Show("make_date", {I(2019), I(7), I(-1)}), "NULL");
  EXPECT_EQ(Show("make_date", {I(2023), I(2), I(29)}), "NULL");
  EXPECT_EQ(Show("make_timestamp", {I(2014), I(12), I(28), I(6), I(30),
                                    type::Value::Double(45.887)}),
            "2014-12-28 06:30:45.887");
  EXPECT_EQ(Show("make_timestamp", {I(2019), I(6), I(30), I(23), I(59), type::Value::Double(60)}),
            "2019-07-01 00:00:00");
  EXPECT_EQ(Show("make_timestamp", {I(2019), I(13), I(1), I(10), I(11), type::Value::Double(12)}),
            "NULL");
}

}  // namespace
}  // namespace runnel::function
