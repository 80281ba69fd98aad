#include "sql/token.h"

#include "base/spelling.h"

namespace runnel::sql {

bool Token::IsKeyword(std::string_view keyword) const {
  return kind == TokenKind::kIdentifier && base::EqualsIgnoreCase(text, keyword);
}

std::string DescribeToken(const Token& token, std::string_view source) {
  if (token.kind == TokenKind::kEnd) return "end of input";
  std::string_view raw = source.substr(token.position.offset, token.length);
  constexpr size_t kMaxShown = 40;
  if (raw.size() > kMaxShown) return "'" + std::string(raw.substr(0, kMaxShown)) + "...'";
  return "'" + std::string(raw) + "'";
}

}  // namespace runnel::sql
