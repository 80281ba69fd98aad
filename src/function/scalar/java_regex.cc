#include "function/scalar/java_regex.h"

#include <array>
#include <utility>

namespace runnel::function {

namespace {

// Java's POSIX character classes as the contents of an RE2 bracket expression.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kPosixClasses = {{
    {"Lower", "a-z"},
    {"Upper", "A-Z"},
    {"ASCII", "\\x00-\\x7F"},
    {"Alpha", "a-zA-Z"},
    {"Digit", "0-9"},
    {"Alnum", "a-zA-Z0-9"},
    {"Punct", "!-/:-@\\[-`{-~"},
    {"Graph", "!-~"},
    {"Print", " -~"},
    {"Blank", " \\t"},
    {"Space", " \\t\\n\\x0B\\f\\r"},
    {"XDigit", "0-9a-fA-F"},
}};

// At a "\\p{Name}" naming a Java POSIX class: appends the RE2 class, moves *i to the '}' and
// returns true.
bool AppendPosixClass(std::string_view java, size_t* i, bool in_class, std::string* out) {
  if (*i + 2 >= java.size() || java[*i + 2] != '{') return false;
  size_t close = java.find('}', *i + 3);
  if (close == std::string_view::npos) return false;
  std::string_view name = java.substr(*i + 3, close - *i - 3);
  if (name.substr(0, 2) == "Is") name.remove_prefix(2);
  bool negated = java[*i + 1] == 'P';
  for (const auto& [posix, contents] : kPosixClasses) {
    if (name != posix) continue;
    if (in_class && !negated) {
      out->append(contents);
    } else {
      out->append(negated ? "[^" : "[").append(contents).append("]");
    }
    *i = close;
    return true;
  }
  return false;
}

// Rewrites the Java-only escapes RE2 lacks; everything else passes through for RE2 to judge.
std::string TranslateJavaRegex(std::string_view java) {
  std::string out;
  out.reserve(java.size());
  int class_depth = 0;
  for (size_t i = 0; i < java.size(); ++i) {
    char c = java[i];
    if (c == '\\' && i + 1 < java.size()) {
      char next = java[i + 1];
      if ((next == 'p' || next == 'P') && AppendPosixClass(java, &i, class_depth > 0, &out)) {
        continue;
      }
      if (next == 'Z') {
        out.append("\\z");  // approximates Java's "end but for a final line terminator"
      } else {
        out.push_back(c);
        out.push_back(next);
      }
      ++i;
      continue;
    }
    if (c == '[') {
      ++class_depth;
      out.push_back(c);
      // A ']' right after '[' or '[^' is a literal in both dialects.
      if (i + 1 < java.size() && java[i + 1] == '^') out.push_back(java[++i]);
      if (i + 1 < java.size() && java[i + 1] == ']') out.push_back(java[++i]);
      continue;
    }
    if (c == ']' && class_depth > 0) --class_depth;
    // Java's named group (?<name>...) is RE2's (?P<name>...); (?<= and (?<! are lookbehind.
    if (c == '(' && class_depth == 0 && java.substr(i, 3) == "(?<" && i + 3 < java.size() &&
        java[i + 3] != '=' && java[i + 3] != '!') {
      out.append("(?P<");
      i += 2;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

Result<RegexPtr> CompileJavaRegex(std::string_view pattern, bool case_insensitive) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(!case_insensitive);
  auto regex = std::make_shared<const re2::RE2>(TranslateJavaRegex(pattern), options);
  if (!regex->ok()) {
    return Status::InvalidArgument("Invalid regular expression: " + regex->error() +
                                   ". Pattern: '" + std::string(pattern) +
                                   "'. Runnel runs Java regexes on RE2, which has no "
                                   "backreferences, lookaround or possessive quantifiers.");
  }
  return regex;
}

Result<const re2::RE2*> RegexCache::Get(std::string_view pattern) {
  auto it = compiled_.find(std::string(pattern));
  if (it != compiled_.end()) return it->second.get();
  RUNNEL_ASSIGN_OR_RAISE(RegexPtr regex, CompileJavaRegex(pattern));
  const re2::RE2* raw = regex.get();
  compiled_.emplace(std::string(pattern), std::move(regex));
  return raw;
}

Result<JavaReplacement> JavaReplacement::Make(std::string_view rep, const re2::RE2& regex) {
  JavaReplacement out;
  const int num_groups = regex.NumberOfCapturingGroups();
  std::string literal;
  auto flush = [&] {
    if (!literal.empty()) out.pieces_.push_back({std::move(literal), -1});
    literal.clear();
  };
  for (size_t i = 0; i < rep.size(); ++i) {
    char c = rep[i];
    if (c == '\\') {
      if (++i == rep.size()) {
        return Status::InvalidArgument("Replacement '" + std::string(rep) +
                                       "' ends with a lone backslash; write \\\\ for one");
      }
      literal.push_back(rep[i]);
      continue;
    }
    if (c != '$') {
      literal.push_back(c);
      continue;
    }
    int group = -1;
    if (i + 1 < rep.size() && rep[i + 1] == '{') {
      size_t close = rep.find('}', i + 2);
      std::string name(rep.substr(i + 2, close == std::string_view::npos ? 0 : close - i - 2));
      auto found = regex.NamedCapturingGroups().find(name);
      if (close == std::string_view::npos || found == regex.NamedCapturingGroups().end()) {
        return Status::InvalidArgument("Replacement '" + std::string(rep) +
                                       "' names a group the regex does not have: '" + name + "'");
      }
      group = found->second;
      i = close;
    } else if (i + 1 < rep.size() && rep[i + 1] >= '0' && rep[i + 1] <= '9') {
      // Java takes more digits only while the group number stays valid.
      group = rep[++i] - '0';
      while (i + 1 < rep.size() && rep[i + 1] >= '0' && rep[i + 1] <= '9' &&
             group * 10 + (rep[i + 1] - '0') <= num_groups) {
        group = group * 10 + (rep[++i] - '0');
      }
    }
    if (group < 0 || group > num_groups) {
      return Status::InvalidArgument(
          "Replacement '" + std::string(rep) + "' refers to a missing group (the regex has " +
          std::to_string(num_groups) + "); escape a literal dollar sign as \\$");
    }
    flush();
    out.pieces_.push_back({"", group});
    out.max_group_ = std::max(out.max_group_, group);
  }
  flush();
  return out;
}

void JavaReplacement::AppendTo(const re2::StringPiece* groups, std::string* out) const {
  for (const Piece& p : pieces_) {
    if (p.group < 0) {
      out->append(p.literal);
    } else if (groups[p.group].data() != nullptr) {
      out->append(groups[p.group].data(), groups[p.group].size());
    }
  }
}

}  // namespace runnel::function
