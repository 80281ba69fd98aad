#include "streaming/sources/socket_source.h"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <system_error>

#include "streaming/sources/memory_source.h"
#include "streaming/sources/source_options.h"
#include "vector/column_builder.h"

namespace runnel::streaming {

namespace {
constexpr char kReplacementCharacter[] = "\xEF\xBF\xBD";  // U+FFFD

std::string ErrnoText(int error) {
  return std::error_code(error, std::generic_category()).message();
}

// The length of the UTF-8 sequence a byte starts (0: it cannot start one).
size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 0;
}

// Bytes that are not UTF-8 become U+FFFD, as Java's decoder (which Spark reads lines with) does,
// so a STRING column never holds invalid UTF-8.
std::string ReplaceInvalidUtf8(std::string_view in) {
  if (std::all_of(in.begin(), in.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return std::string(in);
  }
  std::string out;
  out.reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(in[i + k]); };
    unsigned char lead = byte(0);
    size_t length = SequenceLength(lead);
    bool valid = length > 0 && i + length <= in.size();
    uint32_t code_point = length == 1 ? lead : lead & (0x7F >> length);
    for (size_t k = 1; valid && k < length; ++k) {
      valid = (byte(k) & 0xC0) == 0x80;
      code_point = (code_point << 6) | (byte(k) & 0x3F);
    }
    static const uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 either.
    valid = valid && code_point >= kSmallest[length] &&
            (code_point < 0xD800 || code_point > 0xDFFF) && code_point <= 0x10FFFF;
    if (valid) {
      out.append(in.substr(i, length));
      i += length;
    } else {
      out += kReplacementCharacter;
      ++i;
    }
  }
  return out;
}

Result<int> ConnectTo(const std::string& host, int port) {
  std::string where = "Cannot connect to " + host + ":" + std::to_string(port) + ": ";
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* addresses = nullptr;
  int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &addresses);
  if (rc != 0) return Status::IOError(where + ::gai_strerror(rc));
  std::string reason = "no address found";
  int fd = -1;
  for (addrinfo* a = addresses; a != nullptr && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      reason = ErrnoText(errno);
    } else if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      reason = ErrnoText(errno);
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(addresses);
  if (fd < 0) return Status::IOError(where + reason);
  return fd;
}
}  // namespace

Result<SocketSourceOptions> ParseSocketSourceOptions(
    const std::map<std::string, std::string>& map) {
  SourceOptions options(map, "socket");
  SocketSourceOptions out;
  RUNNEL_ASSIGN_OR_RAISE(out.host, options.Required("host"));
  if (out.host.empty()) {
    return Status::InvalidArgument(
        "Invalid value '' for option 'host': must be a host name or address");
  }
  RUNNEL_ASSIGN_OR_RAISE(std::string port, options.Required("port"));
  auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), out.port);
  if (port.empty() || ec != std::errc() || ptr != port.data() + port.size() || out.port < 1 ||
      out.port > 65535) {
    return Status::InvalidArgument("Invalid value '" + port +
                                   "' for option 'port': must be a port number from 1 to 65535");
  }
  RUNNEL_ASSIGN_OR_RAISE(out.include_timestamp, options.Boolean("includeTimestamp", false));
  return out;
}

type::SchemaPtr SocketSchema(bool include_timestamp) {
  std::vector<type::Field> fields{{"value", type::String(), true}};
  if (include_timestamp) fields.push_back({"timestamp", type::Timestamp(), true});
  return std::make_shared<type::Schema>(std::move(fields));
}

Result<std::shared_ptr<SocketSource>> SocketSource::Make(const SocketSourceOptions& options,
                                                         base::Clock* clock) {
  RUNNEL_ASSIGN_OR_RAISE(int fd, ConnectTo(options.host, options.port));
  std::shared_ptr<SocketSource> source(new SocketSource(options, clock, fd));
  source->reader_ = std::thread([raw = source.get()] { raw->ReadLoop(); });
  return source;
}

SocketSource::~SocketSource() { Stop(); }

void SocketSource::Stop() {
  std::call_once(stop_once_, [this] {
    // recv() is not interruptible otherwise: shutting the socket down ends it.
    ::shutdown(fd_, SHUT_RDWR);
    if (reader_.joinable()) reader_.join();
    ::close(fd_);
  });
}

std::string SocketSource::Describe() const {
  return "TextSocket[" + options_.host + ":" + std::to_string(options_.port) + "]";
}

void SocketSource::Append(std::string_view line) {
  Line entry{ReplaceInvalidUtf8(line), clock_->NowMicros() / 1000 * 1000};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    lines_.push_back(std::move(entry));
    ++received_;
  }
  arrived_.notify_all();
}

void SocketSource::ReadLoop() {
  std::string pending;
  char buffer[64 * 1024];
  while (true) {
    ssize_t n = ::recv(fd_, buffer, sizeof(buffer), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // closed by the server, by Stop(), or a reading error
    pending.append(buffer, static_cast<size_t>(n));
    size_t begin = 0;
    for (size_t eol; (eol = pending.find('\n', begin)) != std::string::npos; begin = eol + 1) {
      size_t length = eol - begin;
      if (length > 0 && pending[eol - 1] == '\r') --length;  // "\r\n" ends a line too
      Append(std::string_view(pending).substr(begin, length));
    }
    pending.erase(0, begin);
  }
  // A last line without a newline still counts, as BufferedReader.readLine() returns it.
  if (!pending.empty()) Append(pending);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
  }
  arrived_.notify_all();
}

int64_t SocketSource::AwaitLines(int64_t count, int64_t timeout_ms) {
  std::unique_lock<std::mutex> lock(mutex_);
  arrived_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                    [&] { return received_ >= count || closed_; });
  return received_;
}

Result<std::optional<std::string>> SocketSource::LatestOffset(
    const std::optional<std::string>& start, const ReadLimit&) {
  int64_t begin = 0;
  if (start) {
    RUNNEL_ASSIGN_OR_RAISE(begin, ParseIntegerOffset(*start, Describe()));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  // This connection's lines follow whatever the checkpoint has already read.
  if (!base_) base_ = begin;
  int64_t latest = *base_ + received_;
  if (latest <= begin) return start;
  return std::optional<std::string>(std::to_string(latest));
}

Result<plan::DataSourcePtr> SocketSource::GetBatch(const std::optional<std::string>& start,
                                                   const std::string& end) {
  int64_t begin = 0;
  if (start) {
    RUNNEL_ASSIGN_OR_RAISE(begin, ParseIntegerOffset(*start, Describe()));
  }
  RUNNEL_ASSIGN_OR_RAISE(int64_t last, ParseIntegerOffset(end, Describe()));
  if (begin > last) {
    return Status::Corruption(Describe() + " was asked for the lines after offset " +
                              std::to_string(begin) + " up to offset " + std::to_string(last) +
                              ": the start is after the end");
  }
  auto lost = [&] {
    return Status::InvalidArgument(
        Describe() + " cannot replay the lines after offset " + std::to_string(begin) +
        " up to offset " + std::to_string(last) +
        " that the checkpoint records: they were received by an earlier run of the query and "
        "are lost. The socket source is not fault-tolerant; start the query with a new checkpoint "
        "location");
  };
  vector::ColumnBuilder values(type::String()), timestamps(type::Timestamp());
  int64_t count = last - begin;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!base_) {
      // A re-run of a batch planned by an earlier run (recovery) before this run read anything.
      if (count > 0) return lost();
    } else {
      int64_t first_held = *base_ + dropped_;
      int64_t available = *base_ + received_;
      if (begin < first_held) return lost();
      if (last > available) {
        return Status::Internal(Describe() + " has received lines up to offset " +
                                std::to_string(available) + ", not up to offset " +
                                std::to_string(last));
      }
      values.Reserve(count);
      for (int64_t i = begin - first_held; i < last - first_held; ++i) {
        values.AppendString(lines_[i].text);
        if (options_.include_timestamp) timestamps.AppendBigInt(lines_[i].timestamp_us);
      }
    }
  }
  std::vector<vector::ColumnPtr> columns{values.Finish()};
  if (options_.include_timestamp) columns.push_back(timestamps.Finish());
  type::SchemaPtr schema = this->schema();
  std::vector<vector::Batch> batches;
  if (count > 0) batches.emplace_back(schema, std::move(columns), count);
  return plan::DataSourcePtr(
      std::make_shared<plan::InMemorySource>(schema, std::move(batches), Describe()));
}

Status SocketSource::Commit(const std::string& end) {
  RUNNEL_ASSIGN_OR_RAISE(int64_t last, ParseIntegerOffset(end, Describe()));
  std::lock_guard<std::mutex> lock(mutex_);
  if (!base_) return Status::OK();
  int64_t drop = std::min<int64_t>(last - (*base_ + dropped_), static_cast<int64_t>(lines_.size()));
  if (drop > 0) {
    lines_.erase(lines_.begin(), lines_.begin() + drop);
    dropped_ += drop;
  }
  return Status::OK();
}

Result<ResolvedSource> ResolveSocketSource(const StreamSpec& spec) {
  RUNNEL_RETURN_NOT_OK(RejectUserSchema(spec.schema_ddl, "socket"));
  RUNNEL_ASSIGN_OR_RAISE(SocketSourceOptions options, ParseSocketSourceOptions(spec.options));
  SourceFactory factory = [options](const SourceContext& context) -> Result<SourcePtr> {
    base::Clock* clock = context.clock != nullptr ? context.clock : &base::SystemClock::Instance();
    RUNNEL_ASSIGN_OR_RAISE(auto source, SocketSource::Make(options, clock));
    return SourcePtr(std::move(source));
  };
  return ResolvedSource{SocketSchema(options.include_timestamp), std::move(factory)};
}

}  // namespace runnel::streaming
