// SQL LIKE: '%' matches any characters, '_' one character, the escape character (default '\')
// makes the next '%', '_' or escape literal. Patterns that are a literal with '%' only at the
// ends run as equals / starts-with / ends-with / contains (Spark's LikeSimplification); the
// rest compile to an anchored RE2 regex.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <re2/re2.h>

#include "base/status.h"

namespace runnel::function {

class LikeMatcher {
 public:
  // Fails (kInvalidArgument) when the escape character precedes anything but '%', '_' or
  // itself, or ends the pattern, as Spark does.
  static Result<LikeMatcher> Make(std::string_view pattern, char escape = '\\');
  bool Matches(std::string_view text) const;

 private:
  enum class Kind { kExact, kPrefix, kSuffix, kContains, kAny, kRegex };
  Kind kind_ = Kind::kExact;
  std::string literal_;
  std::shared_ptr<const re2::RE2> regex_;
};

}  // namespace runnel::function
