#include "sql/lexer.h"

#include <gtest/gtest.h>

namespace runnel::sql {
namespace {

TEST(LexerTest, Placeholder) { EXPECT_TRUE(Lexer("SELECT 1").Tokenize().ok()); }

}  // namespace
}  // namespace runnel::sql
