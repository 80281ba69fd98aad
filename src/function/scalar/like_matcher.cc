#include "function/scalar/like_matcher.h"

#include <vector>

namespace runnel::function {

Result<LikeMatcher> LikeMatcher::Make(std::string_view pattern, char escape) {
  // Split into literal text and wildcards; '%' as '\x01' and '_' as '\x02' markers would be
  // ambiguous with data, so keep a parallel flag vector instead.
  std::string chars;
  std::vector<char> wildcard;  // 0, '%' or '_'
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == escape) {
      if (i + 1 == pattern.size() ||
          (pattern[i + 1] != '%' && pattern[i + 1] != '_' && pattern[i + 1] != escape)) {
        return Status::InvalidArgument(
            "The LIKE escape character is not allowed to precede '" +
            (i + 1 == pattern.size() ? std::string("<end>") : std::string(1, pattern[i + 1])) +
            "' in pattern '" + std::string(pattern) + "'; escape only %, _ or the escape itself");
      }
      chars.push_back(pattern[++i]);
      wildcard.push_back(0);
    } else {
      chars.push_back(c);
      wildcard.push_back(c == '%' || c == '_' ? c : 0);
    }
  }
  LikeMatcher m;
  size_t begin = 0, end = chars.size();
  bool leading = false, trailing = false;
  while (begin < end && wildcard[begin] == '%') leading = true, ++begin;
  while (end > begin && wildcard[end - 1] == '%') trailing = true, --end;
  bool simple = true;
  for (size_t i = begin; i < end; ++i) simple = simple && wildcard[i] == 0;
  if (simple) {
    m.literal_ = chars.substr(begin, end - begin);
    m.kind_ = leading && trailing ? (m.literal_.empty() ? Kind::kAny : Kind::kContains)
              : leading           ? Kind::kSuffix
              : trailing          ? Kind::kPrefix
                                  : Kind::kExact;
    if (leading && m.literal_.empty()) m.kind_ = Kind::kAny;
    return m;
  }
  std::string regex = "(?s)";
  std::string run;
  for (size_t i = 0; i < chars.size(); ++i) {
    if (wildcard[i] == 0) {
      run.push_back(chars[i]);
      continue;
    }
    regex += re2::RE2::QuoteMeta(run);
    run.clear();
    regex += wildcard[i] == '%' ? ".*" : ".";
  }
  regex += re2::RE2::QuoteMeta(run);
  re2::RE2::Options options;
  options.set_log_errors(false);
  m.regex_ = std::make_shared<const re2::RE2>(regex, options);
  if (!m.regex_->ok()) {
    return Status::Internal("LIKE pattern '" + std::string(pattern) +
                            "' produced an invalid regex: " + m.regex_->error());
  }
  m.kind_ = Kind::kRegex;
  return m;
}

bool LikeMatcher::Matches(std::string_view text) const {
  switch (kind_) {
    case Kind::kExact: return text == literal_;
    case Kind::kPrefix: return text.substr(0, literal_.size()) == literal_;
    case Kind::kSuffix:
      return text.size() >= literal_.size() &&
             text.substr(text.size() - literal_.size()) == literal_;
    case Kind::kContains: return text.find(literal_) != std::string_view::npos;
    case Kind::kAny: return true;
    case Kind::kRegex:
      return re2::RE2::FullMatch(re2::StringPiece(text.data(), text.size()), *regex_);
  }
  return false;
}

}  // namespace runnel::function
