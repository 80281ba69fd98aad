// UTF-8 text as characters (code points), as Spark's UTF8String counts them: lengths,
// character offsets, decoding and case mapping. Invalid bytes count as one character each.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace runnel::function::utf8 {

// Bytes in the character that starts with `lead` (1 for a stray continuation or invalid byte).
inline int SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

// Byte offset after the character starting at `pos`, clamped to the text.
inline size_t NextChar(std::string_view s, size_t pos) {
  size_t next = pos + static_cast<size_t>(SequenceLength(static_cast<unsigned char>(s[pos])));
  return next > s.size() ? s.size() : next;
}

inline int64_t Length(std::string_view s) {
  int64_t n = 0;
  for (size_t pos = 0; pos < s.size(); pos = NextChar(s, pos)) ++n;
  return n;
}

// Byte offset of character `index` (0-based); s.size() when the text is shorter.
inline size_t ByteOffset(std::string_view s, int64_t index) {
  size_t pos = 0;
  for (int64_t i = 0; i < index && pos < s.size(); ++i) pos = NextChar(s, pos);
  return pos;
}

inline bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// The code point at `pos` (advancing *pos); an invalid byte decodes as itself.
uint32_t Decode(std::string_view s, size_t* pos);
void Encode(uint32_t code_point, std::string* out);

// Simple (one-to-one) Unicode case mapping, appended to `out`. Java's full mappings that change
// the length ('ß' -> "SS") are not applied.
void AppendLower(std::string_view s, std::string* out);
void AppendUpper(std::string_view s, std::string* out);
uint32_t ToLower(uint32_t code_point);
uint32_t ToUpper(uint32_t code_point);

}  // namespace runnel::function::utf8
