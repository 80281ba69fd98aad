// How `statement error <pattern>` (and `stream ... error <pattern>`) match an error's text.
#pragma once

#include <string>

namespace runnel::slt {

// A pattern matches when it appears literally in the error (so messages with '?', '(' or '.'
// can be pasted as they are) or when it is an RE2 regular expression found in the error. An
// empty pattern matches any error.
bool ErrorMatches(const std::string& error, const std::string& pattern);

}  // namespace runnel::slt
