#include "slt/error_match.h"

#include <re2/re2.h>

namespace runnel::slt {

bool ErrorMatches(const std::string& error, const std::string& pattern) {
  if (pattern.empty() || error.find(pattern) != std::string::npos) return true;
  RE2 regex(pattern, RE2::Quiet);
  return regex.ok() && RE2::PartialMatch(error, regex);
}

}  // namespace runnel::slt
