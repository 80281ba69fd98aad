#include "function/scalar/utf8.h"

#include <locale.h>
#include <wctype.h>

namespace runnel::function::utf8 {

uint32_t Decode(std::string_view s, size_t* pos) {
  auto lead = static_cast<unsigned char>(s[*pos]);
  int n = SequenceLength(lead);
  if (n == 1 || *pos + static_cast<size_t>(n) > s.size()) {
    ++*pos;
    return lead;
  }
  uint32_t cp = lead & (0x7F >> n);
  for (int i = 1; i < n; ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[*pos + i]) & 0x3F);
  *pos += static_cast<size_t>(n);
  return cp;
}

void Encode(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

namespace {

// glibc's C.UTF-8 locale carries the Unicode case tables; without it only ASCII maps.
locale_t UnicodeLocale() {
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return locale;
}

template <uint32_t (*Map)(uint32_t), char kFrom, char kTo>
void AppendMapped(std::string_view s, std::string* out) {
  out->reserve(out->size() + s.size());
  size_t pos = 0;
  while (pos < s.size()) {
    char c = s[pos];
    if (static_cast<unsigned char>(c) < 0x80) {
      out->push_back(c >= kFrom && c <= kTo ? static_cast<char>(c ^ 0x20) : c);
      ++pos;
      continue;
    }
    size_t start = pos;
    uint32_t cp = Decode(s, &pos);
    if (pos - start == 1) {
      out->push_back(c);  // an invalid byte passes through unchanged
    } else {
      Encode(Map(cp), out);
    }
  }
}

}  // namespace

uint32_t ToLower(uint32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
  locale_t locale = UnicodeLocale();
  return locale ? static_cast<uint32_t>(towlower_l(static_cast<wint_t>(cp), locale)) : cp;
}

uint32_t ToUpper(uint32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
  locale_t locale = UnicodeLocale();
  return locale ? static_cast<uint32_t>(towupper_l(static_cast<wint_t>(cp), locale)) : cp;
}

void AppendLower(std::string_view s, std::string* out) { AppendMapped<ToLower, 'A', 'Z'>(s, out); }
void AppendUpper(std::string_view s, std::string* out) { AppendMapped<ToUpper, 'a', 'z'>(s, out); }

}  // namespace runnel::function::utf8
