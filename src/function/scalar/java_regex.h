// Java regular expressions (what Spark's rlike, regexp_* and split accept) run on RE2.
// The common syntax is shared; Java's POSIX classes (\p{Alpha}, \p{Punct}, ...) are rewritten
// to RE2 classes. What RE2 cannot run (backreferences, lookaround, possessive quantifiers)
// fails to compile with an error that says so.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <re2/re2.h>

#include "base/status.h"

namespace runnel::function {

using RegexPtr = std::shared_ptr<const re2::RE2>;

// kInvalidArgument naming the pattern and RE2's reason.
Result<RegexPtr> CompileJavaRegex(std::string_view pattern, bool case_insensitive = false);

// Per-kernel-call cache for patterns that are not literals: rows usually repeat a few patterns.
class RegexCache {
 public:
  Result<const re2::RE2*> Get(std::string_view pattern);

 private:
  std::unordered_map<std::string, RegexPtr> compiled_;
};

// A Java replacement string ("$1-${name}\\$") split into literal text and group references.
class JavaReplacement {
 public:
  // Fails on '$' without a group, or a group the regex does not have (as Java does).
  static Result<JavaReplacement> Make(std::string_view replacement, const re2::RE2& regex);
  // Appends the replacement for one match (groups[0] is the whole match).
  void AppendTo(const re2::StringPiece* groups, std::string* out) const;
  int max_group() const { return max_group_; }

 private:
  struct Piece {
    std::string literal;
    int group = -1;  // -1: literal
  };
  std::vector<Piece> pieces_;
  int max_group_ = 0;
};

// Java's Matcher.find() loop: calls on_match(groups) for each successive match of `regex` in
// `text` (groups has num_groups + 1 entries); an empty match advances one character.
// Stops early when on_match returns false.
template <typename OnMatch>
void ForEachMatch(const re2::RE2& regex, std::string_view text, int num_groups,
                  OnMatch&& on_match) {
  std::vector<re2::StringPiece> groups(static_cast<size_t>(num_groups) + 1);
  re2::StringPiece input(text.data(), text.size());
  size_t pos = 0;
  while (pos <= text.size()) {
    if (!regex.Match(input, pos, text.size(), re2::RE2::UNANCHORED, groups.data(),
                     num_groups + 1)) {
      return;
    }
    if (!on_match(groups.data())) return;
    size_t start = static_cast<size_t>(groups[0].data() - text.data());
    size_t end = start + groups[0].size();
    if (end == start) {
      if (end >= text.size()) return;
      // Step over one UTF-8 character.
      size_t step = 1;
      auto lead = static_cast<unsigned char>(text[end]);
      if (lead >= 0xF0) step = 4; else if (lead >= 0xE0) step = 3; else if (lead >= 0xC0) step = 2;
      pos = std::min(text.size(), end + step);
    } else {
      pos = end;
    }
  }
}

}  // namespace runnel::function
