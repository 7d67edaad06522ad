#include "scrapers/eoir/line_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "core/import_run.h"

namespace cw::scrapers::eoir {
namespace {

// Removes NUL bytes from [p, p + n) in place; returns the new length.
std::size_t drop_nuls(char* p, std::size_t n) {
  char* nul = static_cast<char*>(std::memchr(p, 0, n));
  if (!nul) return n;
  char* out = nul;
  for (char* in = nul; in < p + n; ++in) {
    if (*in != '\0') *out++ = *in;
  }
  return static_cast<std::size_t>(out - p);
}

}  // namespace

Result<LineReader> LineReader::open(const std::string& path, std::size_t buffer_size) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    const RunFailure kind = err == ENOENT ? RunFailure::file_missing : RunFailure::file_unreadable;
    return fail(failed_as(Error::io(path + ": cannot open: " + std::strerror(err)),
                          run_failure(kind).arg("file", input_label(path))));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return fail(failed_as(Error::io(path + ": not a regular file"),
                          run_failure(RunFailure::file_unreadable).arg("file", input_label(path))));
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return LineReader(fd, path, static_cast<std::uint64_t>(st.st_size), buffer_size);
}

LineReader::LineReader(int fd, std::string path, std::uint64_t size, std::size_t buffer_size)
    : fd_(fd), path_(std::move(path)), size_(size), buf_(buffer_size < 64 ? 64 : buffer_size) {}

LineReader::LineReader(LineReader&& o) noexcept
    : fd_(std::exchange(o.fd_, -1)),
      path_(std::move(o.path_)),
      size_(o.size_),
      buf_(std::move(o.buf_)),
      begin_(o.begin_),
      end_(o.end_),
      eof_(o.eof_),
      skipping_(o.skipping_),
      truncated_(o.truncated_),
      line_no_(o.line_no_),
      consumed_(o.consumed_) {}

LineReader::~LineReader() {
  if (fd_ >= 0) ::close(fd_);
}

Result<bool> LineReader::fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  while (end_ < buf_.size()) {
    const ssize_t n = ::read(fd_, buf_.data() + end_, buf_.size() - end_);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(
          failed_as(Error::io(path_ + ": read failed: " + std::strerror(errno)),
                    run_failure(RunFailure::file_unreadable).arg("file", input_label(path_))));
    }
    if (n == 0) {
      eof_ = true;
      break;
    }
    consumed_ += static_cast<std::uint64_t>(n);
    end_ += drop_nuls(buf_.data() + end_, static_cast<std::size_t>(n));
    // One successful read is enough; the caller loops while it needs more.
    return true;
  }
  return end_ > begin_ || !eof_;
}

Result<bool> LineReader::next(std::string_view& line) {
  truncated_ = false;
  std::size_t scanned = begin_;  // bytes before this offset hold no newline
  for (;;) {
    const char* start = buf_.data() + begin_;
    const char* nl =
        static_cast<const char*>(std::memchr(buf_.data() + scanned, '\n', end_ - scanned));
    if (nl) {
      std::size_t len = static_cast<std::size_t>(nl - start);
      begin_ += len + 1;
      if (skipping_) {  // the tail of an overlong line
        skipping_ = false;
        scanned = begin_;
        continue;
      }
      if (len > 0 && start[len - 1] == '\r') --len;
      line = std::string_view(start, len);
      ++line_no_;
      return true;
    }
    if (end_ - begin_ == buf_.size() || (skipping_ && !eof_)) {
      // No newline in a full buffer: return what we have, skip the rest.
      const bool report = !skipping_;
      const std::size_t len = end_ - begin_;
      begin_ = end_;
      skipping_ = true;
      if (report) {
        line = std::string_view(start, len);
        truncated_ = true;
        ++line_no_;
        return true;
      }
    }
    const std::size_t before = end_ - begin_;
    if (!CW_TRY(fill())) break;
    scanned = begin_ + before;
    if (eof_ && end_ == begin_) break;
  }
  // End of file: a last line without a terminator.
  if (end_ > begin_ && !skipping_) {
    std::size_t len = end_ - begin_;
    const char* start = buf_.data() + begin_;
    begin_ = end_;
    if (len > 0 && start[len - 1] == '\r') --len;
    line = std::string_view(start, len);
    ++line_no_;
    return true;
  }
  return false;
}

}  // namespace cw::scrapers::eoir
