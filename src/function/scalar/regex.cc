// LIKE, ILIKE, RLIKE, regexp_extract(_all), regexp_replace, regexp_count/substr/instr and split.
// Java regexes run on RE2 (java_regex.h). A literal pattern compiles once at bind time (an
// invalid one is an analysis-time error); a pattern from a column compiles once per distinct
// value in each kernel call, and an invalid one fails the query, as Spark does.
#include "function/registry.h"
#include "function/scalar/argument_types.h"
#include "function/scalar/java_regex.h"
#include "function/scalar/kernel_columns.h"
#include "function/scalar/like_matcher.h"
#include "function/scalar/utf8.h"
#include "vector/column_builder.h"

namespace runnel::function {

namespace {

using Args = std::vector<vector::ColumnPtr>;
using vector::ColumnPtr;

// The literal regex of argument i compiled at bind time; nullptr when it is not a literal.
Result<RegexPtr> BindRegex(const BindArgs& args, size_t i) {
  std::optional<std::string> text = ConstantText(args, i);
  if (!text) return RegexPtr();
  auto compiled = CompileJavaRegex(*text);
  if (!compiled.ok()) return Status::Analysis(compiled.status().message());
  return compiled;
}

// The regex for row i: the bound literal, or the row's pattern compiled through the cache.
class RowRegex {
 public:
  explicit RowRegex(RegexPtr literal) : literal_(std::move(literal)) {}
  const re2::RE2* At(const vector::Column& patterns, int64_t i, Status* error) {
    if (literal_) return literal_.get();
    auto r = cache_.Get(patterns.GetString(i));
    if (!r.ok()) {
      *error = r.status();
      return nullptr;
    }
    return *r;
  }

 private:
  RegexPtr literal_;
  RegexCache cache_;
};

// A function whose argument 1 is a regex: binds the literal and hands it to make_kernel.
using RegexKernelMaker = std::function<ScalarKernel(RegexPtr literal, const BindArgs& args)>;

ScalarFunction RegexFunction(std::string name, std::string signature, std::string description,
                             int min_args, int max_args, std::vector<ArgumentKind> kinds,
                             type::DataTypePtr return_type, RegexKernelMaker make_kernel) {
  ScalarFunction f = SimpleScalar(std::move(name), std::move(signature), std::move(description),
                                  min_args, max_args, std::move(kinds), return_type, nullptr);
  f.bind = [inner = f.bind, make_kernel = std::move(make_kernel)](
               const BindArgs& args) -> Result<BoundScalar> {
    RUNNEL_ASSIGN_OR_RAISE(BoundScalar b, inner(args));
    RUNNEL_ASSIGN_OR_RAISE(RegexPtr literal, BindRegex(args, 1));
    b.kernel = make_kernel(std::move(literal), args);
    return b;
  };
  return f;
}

// Wraps a row loop that may fail: `body(&error)` returns the column, error reports the first
// bad pattern.
template <typename Body>
Result<ColumnPtr> WithRegexErrors(Body&& body) {
  Status error;
  ColumnPtr out = body(&error);
  if (!error.ok()) return error;
  return out;
}

// Spark's group index check (an error, not NULL).
Status CheckGroup(const re2::RE2& regex, int64_t group) {
  if (group < 0 || group > regex.NumberOfCapturingGroups()) {
    return Status::InvalidArgument(
        "Regex group count is " + std::to_string(regex.NumberOfCapturingGroups()) +
        ", but the specified group index is " + std::to_string(group) + ". Regex: '" +
        regex.pattern() + "'");
  }
  return Status::OK();
}

void RegisterLike(FunctionRegistry& r) {
  for (bool insensitive : {false, true}) {
    std::string name = insensitive ? "ilike" : "like";
    ScalarFunction f = SimpleScalar(
        name, name + "(str, pattern[, escape])",
        insensitive ? "SQL LIKE ignoring case" : "SQL LIKE: % any characters, _ one character",
        2, 3, {StringArgument, StringArgument, StringArgument}, type::Boolean(), nullptr);
    f.bind = [inner = f.bind, insensitive](const BindArgs& args) -> Result<BoundScalar> {
      RUNNEL_ASSIGN_OR_RAISE(BoundScalar b, inner(args));
      char escape = '\\';
      if (args.types.size() > 2) {
        std::optional<std::string> e = ConstantText(args, 2);
        if (!e || utf8::Length(*e) != 1 || e->size() != 1) {
          return Status::Analysis("The LIKE escape argument must be a one-character literal");
        }
        escape = (*e)[0];
      }
      std::shared_ptr<const LikeMatcher> literal;
      if (std::optional<std::string> p = ConstantText(args, 1)) {
        std::string pattern = *p;
        if (insensitive) pattern.clear(), utf8::AppendLower(*p, &pattern);
        auto m = LikeMatcher::Make(pattern, escape);
        if (!m.ok()) return Status::Analysis(m.status().message());
        literal = std::make_shared<const LikeMatcher>(std::move(*m));
      }
      b.kernel = [literal, escape, insensitive](const Args& a, int64_t n,
                                                const KernelContext&) -> Result<ColumnPtr> {
        Args inputs{a[0], a[1]};
        std::unordered_map<std::string, LikeMatcher> cache;
        std::string lowered;
        Status error;
        ColumnPtr out = MapToBool(inputs, n, [&](int64_t i) -> std::optional<bool> {
          const LikeMatcher* m = literal.get();
          if (m == nullptr) {
            std::string pattern(a[1]->GetString(i));
            if (insensitive) lowered.clear(), utf8::AppendLower(pattern, &lowered), pattern = lowered;
            auto it = cache.find(pattern);
            if (it == cache.end()) {
              auto made = LikeMatcher::Make(pattern, escape);
              if (!made.ok()) return error = made.status(), std::nullopt;
              it = cache.emplace(pattern, std::move(*made)).first;
            }
            m = &it->second;
          }
          if (!insensitive) return m->Matches(a[0]->GetString(i));
          lowered.clear();
          utf8::AppendLower(a[0]->GetString(i), &lowered);
          return m->Matches(lowered);
        });
        if (!error.ok()) return error;
        return out;
      };
      return b;
    };
    r.AddScalar(std::move(f));
  }
}

void RegisterRlike(FunctionRegistry& r) {
  r.AddScalar(RegexFunction(
      "rlike", "rlike(str, regex)", "Whether the Java regex matches anywhere in str", 2, 2,
      {StringArgument, StringArgument}, type::Boolean(), [](RegexPtr literal, const BindArgs&) {
        return [literal](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
          return WithRegexErrors([&](Status* error) {
            RowRegex regex(literal);
            return MapToBool(a, n, [&](int64_t i) -> std::optional<bool> {
              const re2::RE2* re = regex.At(*a[1], i, error);
              if (re == nullptr) return std::nullopt;
              std::string_view s = a[0]->GetString(i);
              return re2::RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *re);
            });
          });
        };
      }));
  r.AddAlias("regexp", "rlike");
  r.AddAlias("regexp_like", "rlike");
  r.AddScalar(RegexFunction(
      "regexp_count", "regexp_count(str, regex)", "How many times the regex matches in str", 2,
      2, {StringArgument, StringArgument}, type::Int(), [](RegexPtr literal, const BindArgs&) {
        return [literal](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
          return WithRegexErrors([&](Status* error) {
            RowRegex regex(literal);
            return MapToFixed<int32_t>(a, n, type::Int(), [&](int64_t i) -> std::optional<int32_t> {
              const re2::RE2* re = regex.At(*a[1], i, error);
              if (re == nullptr) return std::nullopt;
              int32_t count = 0;
              ForEachMatch(*re, a[0]->GetString(i), 0, [&](const re2::StringPiece*) {
                return ++count, true;
              });
              return count;
            });
          });
        };
      }));
}

// regexp_extract(str, regex[, idx]) / regexp_substr(str, regex): the first match's group.
// regexp_substr is Spark's nullif(regexp_extract(str, regex, 0), ''): NULL when nothing matches
// and when the match is empty.
ScalarKernel ExtractKernel(RegexPtr literal, bool null_when_absent) {
  return [literal, null_when_absent](const Args& a, int64_t n,
                                     const KernelContext&) -> Result<ColumnPtr> {
    return WithRegexErrors([&](Status* error) {
      RowRegex regex(literal);
      return MapToString(a, n, [&](int64_t i, std::string* out) {
        const re2::RE2* re = regex.At(*a[1], i, error);
        if (re == nullptr) return false;
        int64_t group = a.size() > 2 ? a[2]->values<int32_t>()[i] : (null_when_absent ? 0 : 1);
        if (Status s = CheckGroup(*re, group); !s.ok()) return *error = s, false;
        bool found = false;
        ForEachMatch(*re, a[0]->GetString(i), static_cast<int>(group),
                     [&](const re2::StringPiece* g) {
                       found = true;
                       if (g[group].data() != nullptr) out->append(g[group].data(), g[group].size());
                       return false;
                     });
        return !null_when_absent || (found && !out->empty());
      });
    });
  };
}

Result<ColumnPtr> ExtractAll(const Args& a, int64_t n, RowRegex* regex) {
  vector::ColumnBuilder builder(type::Array(type::String()));
  for (int64_t i = 0; i < n; ++i) {
    if (AnyNullAt(a, i)) {
      builder.AppendNull();
      continue;
    }
    Status error;
    const re2::RE2* re = regex->At(*a[1], i, &error);
    if (re == nullptr) return error;
    int64_t group = a.size() > 2 ? a[2]->values<int32_t>()[i] : 1;
    RUNNEL_RETURN_NOT_OK(CheckGroup(*re, group));
    ForEachMatch(*re, a[0]->GetString(i), static_cast<int>(group), [&](const re2::StringPiece* g) {
      builder.child(0).AppendString(std::string_view(g[group].data(), g[group].size()));
      return true;
    });
    builder.CloseList();
  }
  return builder.Finish();
}

void RegisterExtract(FunctionRegistry& r) {
  r.AddScalar(RegexFunction(
      "regexp_extract", "regexp_extract(str, regex[, idx])",
      "Group idx (default 1) of the first match, '' when there is none", 2, 3,
      {StringArgument, StringArgument, IntArgument}, type::String(),
      [](RegexPtr literal, const BindArgs&) { return ExtractKernel(literal, false); }));
  r.AddScalar(RegexFunction(
      "regexp_substr", "regexp_substr(str, regex)",
      "The first match, NULL when there is none or it is empty", 2, 2, {StringArgument, StringArgument}, type::String(),
      [](RegexPtr literal, const BindArgs&) { return ExtractKernel(literal, true); }));
  r.AddScalar(RegexFunction(
      "regexp_extract_all", "regexp_extract_all(str, regex[, idx])",
      "Group idx (default 1) of every match", 2, 3, {StringArgument, StringArgument, IntArgument},
      type::Array(type::String()), [](RegexPtr literal, const BindArgs&) -> ScalarKernel {
        return [literal](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
          RowRegex regex(literal);
          return ExtractAll(a, n, &regex);
        };
      }));
}

// Java's Matcher.replaceAll from character `position` (1-based) on.
Result<ColumnPtr> ReplaceAll(const Args& a, int64_t n, RowRegex* regex,
                             std::shared_ptr<const JavaReplacement> literal_rep) {
  StringColumnWriter writer(n);
  std::string row;
  for (int64_t i = 0; i < n; ++i) {
    if (AnyNullAt(a, i)) {
      writer.AppendNull();
      continue;
    }
    Status error;
    const re2::RE2* re = regex->At(*a[1], i, &error);
    if (re == nullptr) return error;
    std::optional<JavaReplacement> row_rep;
    if (!literal_rep) {
      RUNNEL_ASSIGN_OR_RAISE(row_rep, JavaReplacement::Make(a[2]->GetString(i), *re));
    }
    const JavaReplacement& rep = literal_rep ? *literal_rep : *row_rep;
    std::string_view s = a[0]->GetString(i);
    int64_t position = a.size() > 3 ? a[3]->values<int32_t>()[i] : 1;
    size_t start = utf8::ByteOffset(s, std::max<int64_t>(position, 1) - 1);
    row.assign(s.substr(0, start));
    std::string_view rest = s.substr(start);
    size_t copied = 0;
    ForEachMatch(*re, rest, rep.max_group(), [&](const re2::StringPiece* g) {
      size_t match_start = static_cast<size_t>(g[0].data() - rest.data());
      row.append(rest.substr(copied, match_start - copied));
      rep.AppendTo(g, &row);
      copied = match_start + g[0].size();
      return true;
    });
    row.append(rest.substr(copied));
    writer.Append(row);
  }
  return writer.Finish();
}

void RegisterReplace(FunctionRegistry& r) {
  r.AddScalar(RegexFunction(
      "regexp_replace", "regexp_replace(str, regex, rep[, position])",
      "Replaces every match (from position on) by rep, where $1 names a group", 3, 4,
      {StringArgument, StringArgument, StringArgument, IntArgument}, type::String(),
      [](RegexPtr literal, const BindArgs& args) -> ScalarKernel {
        std::shared_ptr<const JavaReplacement> rep;
        std::optional<std::string> rep_text = ConstantText(args, 2);
        if (literal && rep_text) {
          auto made = JavaReplacement::Make(*rep_text, *literal);
          if (made.ok()) rep = std::make_shared<const JavaReplacement>(std::move(*made));
        }
        return [literal, rep](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
          RowRegex regex(literal);
          return ReplaceAll(a, n, &regex, rep);
        };
      }));
}

// Java's String.split(regex, limit) as Spark calls it: limit <= 0 keeps every piece, including
// trailing empty ones; a zero-width match at the start adds no leading empty piece.
void SplitRow(const re2::RE2& re, std::string_view s, int64_t limit, vector::ColumnBuilder* out) {
  if (!s.empty() && re.pattern().empty()) {
    int64_t chars = utf8::Length(s);
    int64_t pieces = limit > 0 && limit < chars ? limit : chars;
    size_t pos = 0;
    for (int64_t k = 0; k + 1 < pieces; ++k) {
      size_t next = utf8::NextChar(s, pos);
      out->AppendString(s.substr(pos, next - pos));
      pos = next;
    }
    out->AppendString(s.substr(pos));
    return;
  }
  size_t index = 0;
  int64_t added = 0;
  ForEachMatch(re, s, 0, [&](const re2::StringPiece* g) {
    if (limit > 0 && added >= limit - 1) return false;
    size_t start = static_cast<size_t>(g[0].data() - s.data());
    if (start == 0 && g[0].empty()) return true;
    out->AppendString(s.substr(index, start - index));
    ++added;
    index = start + g[0].size();
    return true;
  });
  out->AppendString(s.substr(index));
}

void RegisterSplit(FunctionRegistry& r) {
  r.AddScalar(RegexFunction(
      "split", "split(str, regex[, limit])",
      "Splits str around matches of the Java regex; limit > 0 caps the number of pieces", 2, 3,
      {StringArgument, StringArgument, IntArgument}, type::Array(type::String()),
      [](RegexPtr literal, const BindArgs&) -> ScalarKernel {
        return [literal](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
          RowRegex regex(literal);
          vector::ColumnBuilder builder(type::Array(type::String()));
          for (int64_t i = 0; i < n; ++i) {
            if (AnyNullAt(a, i)) {
              builder.AppendNull();
              continue;
            }
            Status error;
            const re2::RE2* re = regex.At(*a[1], i, &error);
            if (re == nullptr) return error;
            int64_t limit = a.size() > 2 ? a[2]->values<int32_t>()[i] : -1;
            SplitRow(*re, a[0]->GetString(i), limit, &builder.child(0));
            builder.CloseList();
          }
          return builder.Finish();
        };
      }));
}

}  // namespace

void RegisterRegexFunctions(FunctionRegistry& registry) {
  RegisterLike(registry);
  RegisterRlike(registry);
  RegisterExtract(registry);
  RegisterReplace(registry);
  RegisterSplit(registry);
}

}  // namespace runnel::function
