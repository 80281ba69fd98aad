// Close-match suggestions for error messages ("Did you mean 'user'?").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace runnel::base {

size_t EditDistance(std::string_view a, std::string_view b);  // case-insensitive
// The candidates closest to `name`, best first; empty when none is close enough.
std::vector<std::string> ClosestMatches(std::string_view name,
                                        const std::vector<std::string>& candidates,
                                        size_t max_results = 3);
// " Did you mean 'x'?" or "" when nothing is close.
std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates);
std::string JoinStrings(const std::vector<std::string>& parts, std::string_view separator);
std::string ToLower(std::string_view s);
std::string ToUpper(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace runnel::base
