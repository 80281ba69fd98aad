#include "format/csv/csv_tokenizer.h"

#include <fmt/format.h>

namespace runnel::format {

Result<CsvDialect> CsvDialect::FromOptions(const Options& options) {
  CsvDialect d;
  RUNNEL_ASSIGN_OR_RAISE(d.sep, options.GetChar(options.Has("sep") ? "sep" : "delimiter", ','));
  RUNNEL_ASSIGN_OR_RAISE(d.quote, options.GetChar("quote", '"'));
  RUNNEL_ASSIGN_OR_RAISE(d.escape, options.GetChar("escape", '\\'));
  RUNNEL_ASSIGN_OR_RAISE(d.comment, options.GetChar("comment", '\0'));
  RUNNEL_ASSIGN_OR_RAISE(d.line_sep, options.GetChar("lineSep", '\0'));
  RUNNEL_ASSIGN_OR_RAISE(d.multi_line, options.GetBool("multiLine", false));
  RUNNEL_ASSIGN_OR_RAISE(d.ignore_leading_white_space,
                         options.GetBool("ignoreLeadingWhiteSpace", false));
  RUNNEL_ASSIGN_OR_RAISE(d.ignore_trailing_white_space,
                         options.GetBool("ignoreTrailingWhiteSpace", false));
  if (d.sep == '\0' || d.sep == '\n' || d.sep == '\r' || d.sep == d.line_sep) {
    return Status::InvalidArgument(fmt::format(
        "Option 'sep' must be a character other than a line end, got '{}'",
        options.GetString(options.Has("sep") ? "sep" : "delimiter", "")));
  }
  if (d.quote != '\0' && d.quote == d.sep) {
    return Status::InvalidArgument("Options 'sep' and 'quote' must differ, both are '" +
                                   std::string(1, d.sep) + "'");
  }
  return d;
}

void CsvTokenizer::ConsumeLineEnd() {
  if (pos_ >= data_.size()) return;
  if (!dialect_.line_sep && data_[pos_] == '\r' && pos_ + 1 < data_.size() &&
      data_[pos_ + 1] == '\n') {
    ++pos_;
  }
  ++pos_;
  ++line_;
}

void CsvTokenizer::SkipBlankAndCommentLines() {
  while (pos_ < data_.size()) {
    if (AtLineEnd(pos_)) {
      ConsumeLineEnd();
    } else if (dialect_.comment && data_[pos_] == dialect_.comment) {
      while (pos_ < data_.size() && !AtLineEnd(pos_)) ++pos_;
      ConsumeLineEnd();
    } else {
      return;
    }
  }
}

void CsvTokenizer::CountLines(size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    char c = data_[i];
    if (dialect_.line_sep ? c == dialect_.line_sep
                          : (c == '\n' || (c == '\r' && (i + 1 >= to || data_[i + 1] != '\n')))) {
      ++line_;
    }
  }
}

bool CsvTokenizer::Next() {
  SkipBlankAndCommentLines();
  if (pos_ >= data_.size()) return false;
  size_t record_start = pos_;
  record_line_ = line_;
  error_ = {};
  spans_.clear();
  scratch_.clear();
  while (true) {
    ReadField();
    if (pos_ < data_.size() && data_[pos_] == dialect_.sep) {
      ++pos_;
      continue;
    }
    break;
  }
  raw_ = data_.substr(record_start, pos_ - record_start);
  ConsumeLineEnd();
  fields_.clear();
  for (const Span& s : spans_) {
    fields_.push_back(s.in_scratch ? std::string_view(scratch_).substr(s.begin, s.size)
                                   : data_.substr(s.begin, s.size));
  }
  return true;
}

namespace {
bool IsWhiteSpace(char c) { return c == ' ' || c == '\t'; }
}  // namespace

void CsvTokenizer::ReadField() {
  size_t start = pos_;
  if (dialect_.ignore_leading_white_space) {
    while (start < data_.size() && IsWhiteSpace(data_[start]) && data_[start] != dialect_.sep) {
      ++start;
    }
  }
  if (dialect_.quote && start < data_.size() && data_[start] == dialect_.quote) {
    ReadQuotedField(start);
    return;
  }
  size_t p = start;
  const char sep = dialect_.sep;
  while (p < data_.size() && data_[p] != sep && !AtLineEnd(p)) ++p;
  size_t end = p;
  if (dialect_.ignore_trailing_white_space) {
    while (end > start && IsWhiteSpace(data_[end - 1])) --end;
  }
  spans_.push_back({false, start, end - start});
  pos_ = p;
}

// A quoted field: "" and <escape>" are a literal quote, <escape><escape> a literal escape; text
// after the closing quote up to the separator is kept (as univocity does).
void CsvTokenizer::ReadQuotedField(size_t start) {
  const char quote = dialect_.quote, escape = dialect_.escape;
  size_t p = start + 1, segment = p;
  bool unescaped = false;
  size_t scratch_begin = scratch_.size();
  auto flush = [&](size_t to) { scratch_.append(data_.data() + segment, to - segment); };
  bool closed = false;
  while (p < data_.size()) {
    char c = data_[p];
    if (c == escape && escape != quote && p + 1 < data_.size() &&
        (data_[p + 1] == quote || data_[p + 1] == escape)) {
      flush(p);
      scratch_.push_back(data_[p + 1]);
      p += 2;
      segment = p;
      unescaped = true;
    } else if (c == quote) {
      if (p + 1 < data_.size() && data_[p + 1] == quote) {
        flush(p);
        scratch_.push_back(quote);
        p += 2;
        segment = p;
        unescaped = true;
      } else {
        closed = true;
        break;
      }
    } else if (!dialect_.multi_line && AtLineEnd(p)) {
      break;
    } else {
      ++p;
    }
  }
  size_t content_end = p;
  if (closed) ++p;  // the closing quote
  // Text between the closing quote and the separator.
  size_t tail = p;
  while (p < data_.size() && data_[p] != dialect_.sep && !AtLineEnd(p)) ++p;
  size_t tail_end = p;
  if (dialect_.ignore_trailing_white_space) {
    while (tail_end > tail && IsWhiteSpace(data_[tail_end - 1])) --tail_end;
  }
  if (dialect_.multi_line) CountLines(start, content_end);
  if (!closed) error_ = "unterminated quoted field";
  if (!unescaped && tail_end == tail) {
    spans_.push_back({false, start + 1, content_end - start - 1});
  } else {
    flush(content_end);
    scratch_.append(data_.data() + tail, tail_end - tail);
    spans_.push_back({true, scratch_begin, scratch_.size() - scratch_begin});
  }
  pos_ = p;
}

}  // namespace runnel::format
