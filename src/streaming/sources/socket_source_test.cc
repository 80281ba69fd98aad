#include "streaming/sources/socket_source.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace runnel::streaming {
namespace {

constexpr int64_t kWaitMs = 10'000;  // generous: only a broken source waits this long

// A TCP server on 127.0.0.1 (a free port): the source's connection waits in the listen backlog
// until Accept(), so no server thread is needed.
class LineServer {
 public:
  explicit LineServer(bool listening = true) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
    socklen_t length = sizeof(address);
    EXPECT_EQ(::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length), 0);
    port_ = ntohs(address.sin_port);
    if (listening) {
      EXPECT_EQ(::listen(fd_, 4), 0);
    }
  }
  ~LineServer() {
    CloseClient();
    ::close(fd_);
  }
  int port() const { return port_; }
  void Accept() { client_ = ::accept(fd_, nullptr, nullptr); }
  void Send(const std::string& text) {
    ASSERT_GE(client_, 0);
    ASSERT_EQ(::send(client_, text.data(), text.size(), 0), static_cast<ssize_t>(text.size()));
  }
  void CloseClient() {
    if (client_ >= 0) ::close(client_);
    client_ = -1;
  }

 private:
  int fd_ = -1, client_ = -1, port_ = 0;
};

std::map<std::string, std::string> Options(int port) {
  return {{"host", "127.0.0.1"}, {"port", std::to_string(port)}};
}

std::shared_ptr<SocketSource> Connect(std::map<std::string, std::string> options,
                                      base::Clock* clock) {
  auto parsed = ParseSocketSourceOptions(options);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  if (!parsed.ok()) return nullptr;
  auto source = SocketSource::Make(*parsed, clock);
  EXPECT_TRUE(source.ok()) << source.status().ToString();
  return source.ok() ? *source : nullptr;
}

std::optional<std::string> Latest(Source& source, const std::optional<std::string>& start) {
  auto latest = source.LatestOffset(start, ReadLimit::All());
  EXPECT_TRUE(latest.ok()) << latest.status().ToString();
  return latest.ok() ? *latest : std::nullopt;
}

// The rows of a batch, rendered as "value" or "value@micros".
std::vector<std::string> Read(Source& source, const std::optional<std::string>& start,
                              const std::string& end) {
  std::vector<std::string> out;
  auto batch = source.GetBatch(start, end);
  EXPECT_TRUE(batch.ok()) << batch.status().ToString();
  if (!batch.ok()) return out;
  int width = source.schema()->num_fields();
  for (int p = 0; p < (*batch)->NumPartitions(); ++p) {
    auto stream = (*batch)->Open(p, width == 2 ? std::vector<int>{0, 1} : std::vector<int>{0}, {});
    auto batches = vector::DrainStream(**stream);
    for (const auto& b : *batches) {
      for (int64_t i = 0; i < b.num_rows(); ++i) {
        std::string row = b.GetValue(i, 0).string_value();
        if (width == 2) row += "@" + std::to_string(b.GetValue(i, 1).bigint_value());
        out.push_back(row);
      }
    }
  }
  return out;
}

TEST(SocketSourceTest, LinesArriveAsRowsAndCommitDropsThem) {
  LineServer server;
  base::ManualClock clock;
  auto source = Connect(Options(server.port()), &clock);
  ASSERT_NE(source, nullptr);
  EXPECT_FALSE(source->replayable());
  EXPECT_EQ(source->Describe(), "TextSocket[127.0.0.1:" + std::to_string(server.port()) + "]");
  EXPECT_EQ(source->schema()->ToString(), "value STRING");
  server.Accept();
  EXPECT_EQ(Latest(*source, std::nullopt), std::nullopt);
  server.Send("hello\nwide \xE2\x9C\x93\r\nbad \xFF\xC0\x80 byte\n");
  ASSERT_EQ(source->AwaitLines(3, kWaitMs), 3);
  EXPECT_EQ(Latest(*source, std::nullopt), "3");
  EXPECT_EQ(Read(*source, std::nullopt, "3"),
            (std::vector<std::string>{"hello", "wide \xE2\x9C\x93",
                                      "bad \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD byte"}));
  // A last line without a newline counts once the server closes the connection.
  server.Send("more\nlast");
  server.CloseClient();
  ASSERT_EQ(source->AwaitLines(5, kWaitMs), 5);
  EXPECT_EQ(Latest(*source, "3"), "5");
  ASSERT_TRUE(source->Commit("3").ok());
  EXPECT_EQ(Read(*source, "3", "5"), (std::vector<std::string>{"more", "last"}));
  auto dropped = source->GetBatch(std::nullopt, "3");
  ASSERT_FALSE(dropped.ok());
  EXPECT_NE(dropped.status().message().find("not fault-tolerant"), std::string::npos);
  source->Stop();
  source->Stop();  // idempotent
}

TEST(SocketSourceTest, IncludeTimestampStampsArrivalTimeInMilliseconds) {
  LineServer server;
  base::ManualClock clock(1'700'000'000'123'456);
  auto options = Options(server.port());
  options["includeTimestamp"] = "TRUE";
  auto source = Connect(options, &clock);
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(source->schema()->ToString(), "value STRING, timestamp TIMESTAMP");
  server.Accept();
  server.Send("a\n");
  ASSERT_EQ(source->AwaitLines(1, kWaitMs), 1);
  EXPECT_EQ(Latest(*source, std::nullopt), "1");
  EXPECT_EQ(Read(*source, std::nullopt, "1"), std::vector<std::string>{"a@1700000000123000"});
}

TEST(SocketSourceTest, ARestartContinuesAfterTheCheckpointButCannotReplayLostLines) {
  LineServer server;
  base::ManualClock clock;
  // The checkpoint's last committed batch ended at offset 5: new lines are 6, 7, ...
  auto resumed = Connect(Options(server.port()), &clock);
  ASSERT_NE(resumed, nullptr);
  server.Accept();
  server.Send("six\n");
  ASSERT_EQ(resumed->AwaitLines(1, kWaitMs), 1);
  EXPECT_EQ(Latest(*resumed, "5"), "6");
  EXPECT_EQ(Read(*resumed, "5", "6"), std::vector<std::string>{"six"});
  server.CloseClient();

  // The checkpoint holds a batch (offsets 5 to 8) that must run again: its lines are gone.
  auto rerun = Connect(Options(server.port()), &clock);
  ASSERT_NE(rerun, nullptr);
  auto lost = rerun->GetBatch("5", "8");
  ASSERT_FALSE(lost.ok());
  EXPECT_NE(lost.status().message().find("cannot replay the lines after offset 5 up to offset 8"),
            std::string::npos);
  EXPECT_NE(lost.status().message().find("new checkpoint location"), std::string::npos);
}

TEST(SocketSourceTest, StopReturnsWhileTheServerKeepsTheConnectionOpen) {
  LineServer server;
  base::ManualClock clock;
  auto source = Connect(Options(server.port()), &clock);
  ASSERT_NE(source, nullptr);
  server.Accept();
  source->Stop();
  EXPECT_EQ(source->AwaitLines(1, 0), 0);
}

TEST(SocketSourceTest, ConnectionRefusedIsAClearError) {
  LineServer closed(/*listening=*/false);
  auto parsed = ParseSocketSourceOptions(Options(closed.port()));
  ASSERT_TRUE(parsed.ok());
  auto source = SocketSource::Make(*parsed, &base::SystemClock::Instance());
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), StatusCode::kIO);
  EXPECT_EQ(source.status().message(), "Cannot connect to 127.0.0.1:" +
                                           std::to_string(closed.port()) + ": Connection refused");
}

TEST(SocketSourceTest, OptionsAreChecked) {
  auto no_host = ParseSocketSourceOptions({{"port", "9999"}});
  ASSERT_FALSE(no_host.ok());
  EXPECT_EQ(no_host.status().message(),
            "The socket source needs option 'host': set it with .option(\"host\", ...)");
  auto no_port = ParseSocketSourceOptions({{"host", "localhost"}});
  ASSERT_FALSE(no_port.ok());
  EXPECT_EQ(no_port.status().message(),
            "The socket source needs option 'port': set it with .option(\"port\", ...)");
  auto bad_port = ParseSocketSourceOptions({{"host", "localhost"}, {"port", "99999"}});
  ASSERT_FALSE(bad_port.ok());
  EXPECT_EQ(bad_port.status().message(),
            "Invalid value '99999' for option 'port': must be a port number from 1 to 65535");
  auto bad_flag =
      ParseSocketSourceOptions({{"host", "localhost"}, {"port", "1"}, {"includeTimestamp", "yes"}});
  ASSERT_FALSE(bad_flag.ok());
  EXPECT_EQ(bad_flag.status().message(),
            "Invalid value 'yes' for option 'includeTimestamp': must be true or false");
  auto resolved =
      ResolveSource(StreamSpec{"socket", {{"HOST", "localhost"}, {"Port", "1"}}, "", false},
                    io::FileSystem::Local());
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  EXPECT_EQ(resolved->schema->ToString(), "value STRING");
}

}  // namespace
}  // namespace runnel::streaming
