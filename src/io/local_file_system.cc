#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "io/file_system.h"

namespace runnel::io {
namespace {

namespace fs = std::filesystem;

Status ErrnoError(const std::string& what, const std::string& path) {
  return Status::IOError(what + " '" + path + "': " + std::strerror(errno));
}

int64_t MTimeMicros(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000 + st.st_mtim.tv_nsec / 1000;
}

class LocalFileSystem final : public FileSystem {
 public:
  Result<std::string> ReadFile(const std::string& path) override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoError("Cannot open", path);
    std::string out;
    struct stat st;
    if (::fstat(fd, &st) == 0 && st.st_size > 0) out.reserve(st.st_size);
    char buf[1 << 16];
    for (;;) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0) {
        if (errno == EINTR) continue;
        Status s = ErrnoError("Cannot read", path);
        ::close(fd);
        return s;
      }
      if (n == 0) break;
      out.append(buf, n);
    }
    ::close(fd);
    return out;
  }

  Result<std::string> ReadRange(const std::string& path, int64_t offset, int64_t length) override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoError("Cannot open", path);
    std::string out(length, '\0');
    int64_t got = 0;
    while (got < length) {
      ssize_t n = ::pread(fd, out.data() + got, length - got, offset + got);
      if (n < 0) {
        if (errno == EINTR) continue;
        Status s = ErrnoError("Cannot read", path);
        ::close(fd);
        return s;
      }
      if (n == 0) break;
      got += n;
    }
    ::close(fd);
    out.resize(got);
    return out;
  }

  Result<FileInfo> Stat(const std::string& path) override {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return ErrnoError("Cannot stat", path);
    return FileInfo{path, static_cast<int64_t>(st.st_size), MTimeMicros(st), S_ISDIR(st.st_mode)};
  }

  Result<bool> Exists(const std::string& path) override {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
  }

  Result<std::vector<FileInfo>> ListDirectory(const std::string& path) override {
    std::error_code ec;
    std::vector<FileInfo> out;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      std::string p = it->path().string();
      struct stat st;
      if (::stat(p.c_str(), &st) != 0) {
        // Renamed or deleted since the directory was read (a writer's temporary file becoming
        // its final name): not part of this listing.
        if (errno == ENOENT) continue;
        return ErrnoError("Cannot stat", p);
      }
      out.push_back(FileInfo{p, static_cast<int64_t>(st.st_size), MTimeMicros(st), S_ISDIR(st.st_mode)});
    }
    if (ec) return Status::IOError("Cannot list directory '" + path + "': " + ec.message());
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    return out;
  }

  Status CreateDirectories(const std::string& path) override {
    std::error_code ec;
    fs::create_directories(path, ec);
    if (ec) return Status::IOError("Cannot create directory '" + path + "': " + ec.message());
    return Status::OK();
  }

  Status WriteFile(const std::string& path, std::string_view data, bool sync) override {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return ErrnoError("Cannot create", path);
    size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::write(fd, data.data() + done, data.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        Status s = ErrnoError("Cannot write", path);
        ::close(fd);
        return s;
      }
      done += n;
    }
    if (sync && ::fsync(fd) != 0) {
      Status s = ErrnoError("Cannot fsync", path);
      ::close(fd);
      return s;
    }
    if (::close(fd) != 0) return ErrnoError("Cannot close", path);
    return Status::OK();
  }

  Status Rename(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) return ErrnoError("Cannot rename to '" + to + "'", from);
    return Status::OK();
  }

  Status Delete(const std::string& path) override {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return ErrnoError("Cannot delete", path);
    return Status::OK();
  }

  Status DeleteRecursively(const std::string& path) override {
    std::error_code ec;
    fs::remove_all(path, ec);
    if (ec) return Status::IOError("Cannot delete '" + path + "': " + ec.message());
    return Status::OK();
  }

  Status SyncDirectory(const std::string& path) override {
    int fd = ::open(path.empty() ? "." : path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return ErrnoError("Cannot open directory", path);
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) return ErrnoError("Cannot fsync directory", path);
    return Status::OK();
  }
};

}  // namespace

std::shared_ptr<FileSystem> FileSystem::Local() {
  static std::shared_ptr<FileSystem> local = std::make_shared<LocalFileSystem>();
  return local;
}

}  // namespace runnel::io
