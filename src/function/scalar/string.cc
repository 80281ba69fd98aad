// String functions, with Spark's semantics: positions and lengths count UTF-8 characters, a NULL
// argument gives NULL (concat_ws skips NULLs instead), and non-string atomic arguments are cast
// to STRING by the binder.
#include <algorithm>
#include <climits>
#include <unordered_map>

#include "function/registry.h"
#include "function/scalar/argument_types.h"
#include "function/scalar/kernel_columns.h"
#include "function/scalar/utf8.h"

namespace runnel::function {

namespace {

using Args = std::vector<vector::ColumnPtr>;
using vector::ColumnPtr;

// Spark's UTF8String.substringSQL: 1-based pos, 0 acts as 1, negative counts from the end.
std::string_view SubstringSql(std::string_view s, int64_t pos, int64_t length) {
  int64_t num_chars = utf8::IsAscii(s) ? static_cast<int64_t>(s.size()) : utf8::Length(s);
  int64_t start = pos > 0 ? pos - 1 : pos < 0 ? num_chars + pos : 0;
  int64_t end = start + length;
  start = std::max<int64_t>(start, 0);
  end = std::min(end, num_chars);
  if (start >= end) return {};
  size_t from = utf8::ByteOffset(s, start);
  size_t to = from + utf8::ByteOffset(s.substr(from), end - start);
  return s.substr(from, to - from);
}

// Character index (0-based) of `needle` in `haystack` at or after character `start`; -1 when
// absent. An empty needle is found at 0, as UTF8String.indexOf says.
int64_t CharIndexOf(std::string_view haystack, std::string_view needle, int64_t start) {
  if (needle.empty()) return 0;
  size_t from = utf8::ByteOffset(haystack, start);
  size_t found = haystack.find(needle, from);
  if (found == std::string_view::npos) return -1;
  return start + utf8::Length(haystack.substr(from, found - from));
}

ScalarKernel CaseKernel(void (*append)(std::string_view, std::string*)) {
  return [append](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
    return MapToString(a, n, [&](int64_t i, std::string* out) {
      append(a[0]->GetString(i), out);
      return true;
    });
  };
}

// Spark's initcap: lower case, then upper-case every character that follows a space.
void AppendInitcap(std::string_view s, std::string* out) {
  size_t pos = 0;
  bool word_start = true;
  while (pos < s.size()) {
    uint32_t cp = utf8::Decode(s, &pos);
    utf8::Encode(word_start ? utf8::ToUpper(cp) : utf8::ToLower(cp), out);
    word_start = cp == ' ';
  }
}

void AppendReverse(std::string_view s, std::string* out) {
  size_t end = s.size();
  while (end > 0) {
    size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    out->append(s.substr(start, end - start));
    end = start;
  }
}

void RegisterCase(FunctionRegistry& r) {
  r.AddScalar(SimpleScalar("lower", "lower(str)", "Lower-cases the string", 1, 1,
                           {StringArgument}, type::String(), CaseKernel(utf8::AppendLower)));
  r.AddScalar(SimpleScalar("upper", "upper(str)", "Upper-cases the string", 1, 1,
                           {StringArgument}, type::String(), CaseKernel(utf8::AppendUpper)));
  r.AddScalar(SimpleScalar("initcap", "initcap(str)",
                           "Upper-cases the first letter of each space-separated word", 1, 1,
                           {StringArgument}, type::String(), CaseKernel(AppendInitcap)));
  r.AddScalar(SimpleScalar("reverse", "reverse(str)", "The characters in reverse order", 1, 1,
                           {StringArgument}, type::String(), CaseKernel(AppendReverse)));
  r.AddAlias("lcase", "lower");
  r.AddAlias("ucase", "upper");
}

void RegisterLength(FunctionRegistry& r) {
  ScalarFunction length;
  length.name = "length";
  length.signature = "length(str)";
  length.description = "Characters in a string, bytes in a binary";
  length.min_args = length.max_args = 1;
  length.bind = [](const BindArgs& args) -> Result<BoundScalar> {
    bool binary = args.types[0]->id() == type::TypeId::kBinary;
    RUNNEL_ASSIGN_OR_RAISE(type::DataTypePtr t, StringArgument(args, 0));
    BoundScalar b{type::Int(), {binary ? type::Binary() : t}, nullptr};
    b.kernel = [binary](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
      return MapToFixed<int32_t>(a, n, type::Int(), [&](int64_t i) {
        std::string_view s = a[0]->GetString(i);
        return static_cast<int32_t>(binary ? static_cast<int64_t>(s.size()) : utf8::Length(s));
      });
    };
    return b;
  };
  r.AddScalar(std::move(length));
  r.AddAlias("char_length", "length");
  r.AddAlias("character_length", "length");
  r.AddAlias("len", "length");
  auto bytes_kernel = [](int32_t scale) -> ScalarKernel {
    return [scale](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
      return MapToFixed<int32_t>(a, n, type::Int(), [&](int64_t i) {
        return static_cast<int32_t>(a[0]->GetString(i).size()) * scale;
      });
    };
  };
  r.AddScalar(SimpleScalar("octet_length", "octet_length(str)", "Bytes in the UTF-8 string", 1,
                           1, {StringArgument}, type::Int(), bytes_kernel(1)));
  r.AddScalar(SimpleScalar("bit_length", "bit_length(str)", "Bits in the UTF-8 string", 1, 1,
                           {StringArgument}, type::Int(), bytes_kernel(8)));
}

void RegisterSubstring(FunctionRegistry& r) {
  r.AddScalar(SimpleScalar(
      "substring", "substring(str, pos[, len])",
      "len characters from 1-based pos (negative pos counts from the end)", 2, 3,
      {StringArgument, IntArgument, IntArgument}, type::String(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const int32_t* pos = a[1]->values<int32_t>();
        const int32_t* len = a.size() > 2 ? a[2]->values<int32_t>() : nullptr;
        return MapToString(a, n, [&](int64_t i, std::string* out) {
          out->append(SubstringSql(a[0]->GetString(i), pos[i], len ? len[i] : INT_MAX));
          return true;
        });
      }));
  r.AddAlias("substr", "substring");
  r.AddScalar(SimpleScalar(
      "left", "left(str, len)", "The leftmost len characters", 2, 2,
      {StringArgument, IntArgument}, type::String(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const int32_t* len = a[1]->values<int32_t>();
        return MapToString(a, n, [&](int64_t i, std::string* out) {
          out->append(SubstringSql(a[0]->GetString(i), 1, len[i]));
          return true;
        });
      }));
  r.AddScalar(SimpleScalar(
      "right", "right(str, len)", "The rightmost len characters", 2, 2,
      {StringArgument, IntArgument}, type::String(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const int32_t* len = a[1]->values<int32_t>();
        return MapToString(a, n, [&](int64_t i, std::string* out) {
          if (len[i] > 0) out->append(SubstringSql(a[0]->GetString(i), -int64_t{len[i]}, INT_MAX));
          return true;
        });
      }));
}

// concat_ws's arguments after the separator: strings, or arrays of strings (flattened).
Result<type::DataTypePtr> StringOrStringArrayArgument(const BindArgs& args, size_t i) {
  if (args.types[i]->id() == type::TypeId::kArray &&
      !args.types[i]->element_type()->is_nested()) {
    return type::Array(type::String());
  }
  return StringArgument(args, i);
}

Result<ColumnPtr> ConcatWsKernel(const Args& a, int64_t n, const KernelContext&) {
  StringColumnWriter writer(n);
  std::string row;
  for (int64_t i = 0; i < n; ++i) {
    if (a[0]->IsNull(i)) {
      writer.AppendNull();
      continue;
    }
    std::string_view sep = a[0]->GetString(i);
    row.clear();
    bool first = true;
    auto add = [&](std::string_view part) {
      if (!first) row.append(sep);
      row.append(part);
      first = false;
    };
    for (size_t k = 1; k < a.size(); ++k) {
      const vector::Column& c = *a[k];
      if (c.IsNull(i)) continue;
      if (c.type_id() != type::TypeId::kArray) {
        add(c.GetString(i));
        continue;
      }
      const vector::Column& elements = *c.child(0);
      for (int32_t e = c.offsets()[i]; e < c.offsets()[i + 1]; ++e) {
        if (elements.IsValid(e)) add(elements.GetString(e));
      }
    }
    writer.Append(row);
  }
  return writer.Finish();
}

void RegisterConcat(FunctionRegistry& r) {
  r.AddScalar(SimpleScalar(
      "concat", "concat(str, ...)", "The strings joined; NULL if any is NULL", 0, -1,
      {StringArgument}, type::String(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        return MapToString(a, n, [&](int64_t i, std::string* out) {
          for (const auto& c : a) out->append(c->GetString(i));
          return true;
        });
      }));
  r.AddScalar(SimpleScalar("concat_ws", "concat_ws(sep, str | array<str>, ...)",
                           "The non-NULL strings joined by sep", 1, -1,
                           {StringArgument, StringOrStringArrayArgument}, type::String(),
                           ConcatWsKernel));
}

enum class TrimSide { kBoth, kLeft, kRight };

// Trims characters in `chars` (any of its UTF-8 characters) from the chosen sides.
std::string_view TrimChars(std::string_view s, std::string_view chars, TrimSide side) {
  auto in_set = [&](std::string_view ch) { return chars.find(ch) != std::string_view::npos; };
  size_t start = 0, end = s.size();
  if (side != TrimSide::kRight) {
    while (start < end) {
      size_t next = utf8::NextChar(s, start);
      if (!in_set(s.substr(start, next - start))) break;
      start = next;
    }
  }
  if (side != TrimSide::kLeft) {
    while (end > start) {
      size_t prev = end - 1;
      while (prev > start && (static_cast<unsigned char>(s[prev]) & 0xC0) == 0x80) --prev;
      if (!in_set(s.substr(prev, end - prev))) break;
      end = prev;
    }
  }
  return s.substr(start, end - start);
}

void RegisterTrim(FunctionRegistry& r) {
  struct Variant {
    const char* name;
    TrimSide side;
  };
  for (Variant v : {Variant{"trim", TrimSide::kBoth}, Variant{"ltrim", TrimSide::kLeft},
                    Variant{"rtrim", TrimSide::kRight}}) {
    TrimSide side = v.side;
    r.AddScalar(SimpleScalar(
        v.name, std::string(v.name) + "(str[, trimStr])",
        "Removes spaces (or the characters of trimStr) from the string's ends", 1, 2,
        {StringArgument, StringArgument}, type::String(),
        [side](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
          return MapToString(a, n, [&](int64_t i, std::string* out) {
            std::string_view chars = a.size() > 1 ? a[1]->GetString(i) : std::string_view(" ");
            out->append(TrimChars(a[0]->GetString(i), chars, side));
            return true;
          });
        }));
  }
  r.AddAlias("btrim", "trim");
}

void RegisterSearch(FunctionRegistry& r) {
  r.AddScalar(SimpleScalar(
      "instr", "instr(str, substr)", "1-based position of substr in str, 0 if absent", 2, 2,
      {StringArgument, StringArgument}, type::Int(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        return MapToFixed<int32_t>(a, n, type::Int(), [&](int64_t i) {
          return static_cast<int32_t>(CharIndexOf(a[0]->GetString(i), a[1]->GetString(i), 0) + 1);
        });
      }));
  // locate(substr, str[, pos]): a NULL pos gives 0, not NULL (Hive's rule, kept by Spark).
  ScalarFunction locate = SimpleScalar(
      "locate", "locate(substr, str[, pos])",
      "1-based position of substr in str at or after pos, 0 if absent", 2, 3,
      {StringArgument, StringArgument, IntArgument}, type::Int(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        Args strings{a[0], a[1]};
        return MapToFixed<int32_t>(strings, n, type::Int(), [&](int64_t i) -> int32_t {
          int64_t pos = 1;
          if (a.size() > 2) pos = a[2]->IsNull(i) ? 0 : a[2]->values<int32_t>()[i];
          if (pos < 1) return 0;
          return static_cast<int32_t>(
              CharIndexOf(a[1]->GetString(i), a[0]->GetString(i), pos - 1) + 1);
        });
      });
  locate.bind = [inner = locate.bind](const BindArgs& args) -> Result<BoundScalar> {
    RUNNEL_ASSIGN_OR_RAISE(BoundScalar b, inner(args));
    b.null_intolerant = false;
    return b;
  };
  r.AddScalar(std::move(locate));
  r.AddAlias("position", "locate");

  struct Predicate {
    const char* name;
    const char* description;
    bool (*test)(std::string_view, std::string_view);
  };
  static const Predicate kPredicates[] = {
      {"startswith", "Whether str starts with prefix",
       [](std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }},
      {"endswith", "Whether str ends with suffix",
       [](std::string_view s, std::string_view p) {
         return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
       }},
      {"contains", "Whether str contains substr",
       [](std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }},
  };
  for (const Predicate& p : kPredicates) {
    auto test = p.test;
    r.AddScalar(SimpleScalar(
        p.name, std::string(p.name) + "(str, other)", p.description, 2, 2,
        {StringArgument, StringArgument}, type::Boolean(),
        [test](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
          return MapToBool(a, n, [&](int64_t i) {
            return test(a[0]->GetString(i), a[1]->GetString(i));
          });
        }));
  }
}

// Spark's UTF8String.lpad / rpad: an empty pad or a shorter len truncates to len characters.
void AppendPadded(std::string_view s, int64_t len, std::string_view pad, bool left,
                  std::string* out) {
  int64_t num_chars = utf8::Length(s);
  int64_t missing = len - num_chars;
  if (missing <= 0 || pad.empty()) {
    if (len > 0) out->append(s.substr(0, utf8::ByteOffset(s, len)));
    return;
  }
  if (!left) out->append(s);
  int64_t pad_chars = utf8::Length(pad);
  for (int64_t full = missing / pad_chars; full > 0; --full) out->append(pad);
  out->append(pad.substr(0, utf8::ByteOffset(pad, missing % pad_chars)));
  if (left) out->append(s);
}

void RegisterPadding(FunctionRegistry& r) {
  for (bool left : {true, false}) {
    std::string name = left ? "lpad" : "rpad";
    r.AddScalar(SimpleScalar(
        name, name + "(str, len[, pad])",
        left ? "str left-padded with pad (default ' ') to len characters, or truncated"
             : "str right-padded with pad (default ' ') to len characters, or truncated",
        2, 3, {StringArgument, IntArgument, StringArgument}, type::String(),
        [left](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
          const int32_t* len = a[1]->values<int32_t>();
          return MapToString(a, n, [&](int64_t i, std::string* out) {
            std::string_view pad = a.size() > 2 ? a[2]->GetString(i) : std::string_view(" ");
            AppendPadded(a[0]->GetString(i), len[i], pad, left, out);
            return true;
          });
        }));
  }
  r.AddScalar(SimpleScalar(
      "repeat", "repeat(str, n)", "str repeated n times", 2, 2, {StringArgument, IntArgument},
      type::String(), [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const int32_t* times = a[1]->values<int32_t>();
        return MapToString(a, n, [&](int64_t i, std::string* out) {
          std::string_view s = a[0]->GetString(i);
          for (int32_t k = 0; k < times[i]; ++k) out->append(s);
          return true;
        });
      }));
  r.AddScalar(SimpleScalar(
      "space", "space(n)", "n spaces", 1, 1, {IntArgument}, type::String(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const int32_t* count = a[0]->values<int32_t>();
        return MapToString(a, n, [&](int64_t i, std::string* out) {
          if (count[i] > 0) out->append(static_cast<size_t>(count[i]), ' ');
          return true;
        });
      }));
}

// translate(str, from, to): each character of `from` maps to the character at the same place
// in `to`, or is deleted when `to` is shorter; the first occurrence in `from` wins.
void AppendTranslated(std::string_view s, std::string_view from, std::string_view to,
                      std::string* out) {
  std::unordered_map<uint32_t, int64_t> mapping;  // code point -> code point, or -1: delete
  size_t fp = 0, tp = 0;
  while (fp < from.size()) {
    uint32_t f = utf8::Decode(from, &fp);
    int64_t target = tp < to.size() ? static_cast<int64_t>(utf8::Decode(to, &tp)) : -1;
    mapping.emplace(f, target);
  }
  size_t pos = 0;
  while (pos < s.size()) {
    uint32_t cp = utf8::Decode(s, &pos);
    auto it = mapping.find(cp);
    if (it == mapping.end()) {
      utf8::Encode(cp, out);
    } else if (it->second >= 0) {
      utf8::Encode(static_cast<uint32_t>(it->second), out);
    }
  }
}

void RegisterReplace(FunctionRegistry& r) {
  r.AddScalar(SimpleScalar(
      "replace", "replace(str, search[, replace])",
      "Replaces every occurrence of search (default: removes it)", 2, 3,
      {StringArgument, StringArgument, StringArgument}, type::String(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        return MapToString(a, n, [&](int64_t i, std::string* out) {
          std::string_view s = a[0]->GetString(i), search = a[1]->GetString(i);
          std::string_view with = a.size() > 2 ? a[2]->GetString(i) : std::string_view();
          if (search.empty()) {
            out->append(s);
            return true;
          }
          size_t pos = 0;
          for (size_t f; (f = s.find(search, pos)) != std::string_view::npos;) {
            out->append(s.substr(pos, f - pos)).append(with);
            pos = f + search.size();
          }
          out->append(s.substr(pos));
          return true;
        });
      }));
  r.AddScalar(SimpleScalar(
      "translate", "translate(str, from, to)",
      "Replaces each character of from by the one at the same place in to", 3, 3,
      {StringArgument, StringArgument, StringArgument}, type::String(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        return MapToString(a, n, [&](int64_t i, std::string* out) {
          AppendTranslated(a[0]->GetString(i), a[1]->GetString(i), a[2]->GetString(i), out);
          return true;
        });
      }));
}

void RegisterCharacters(FunctionRegistry& r) {
  r.AddScalar(SimpleScalar(
      "ascii", "ascii(str)", "The code point of the first character, 0 for ''", 1, 1,
      {StringArgument}, type::Int(),
      [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        return MapToFixed<int32_t>(a, n, type::Int(), [&](int64_t i) {
          std::string_view s = a[0]->GetString(i);
          size_t pos = 0;
          return s.empty() ? 0 : static_cast<int32_t>(utf8::Decode(s, &pos));
        });
      }));
  // Spark's chr: '' for a negative n, else the character (n mod 256) in Latin-1.
  r.AddScalar(SimpleScalar(
      "chr", "chr(n)", "The character whose code is n mod 256", 1, 1, {BigIntArgument},
      type::String(), [](const Args& a, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const int64_t* code = a[0]->values<int64_t>();
        return MapToString(a, n, [&](int64_t i, std::string* out) {
          if (code[i] >= 0) utf8::Encode(static_cast<uint32_t>(code[i] & 0xFF), out);
          return true;
        });
      }));
  r.AddAlias("char", "chr");
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry& registry) {
  RegisterCase(registry);
  RegisterLength(registry);
  RegisterSubstring(registry);
  RegisterConcat(registry);
  RegisterTrim(registry);
  RegisterSearch(registry);
  RegisterPadding(registry);
  RegisterReplace(registry);
  RegisterCharacters(registry);
}

}  // namespace runnel::function
