// Streams the lines of one file through a fixed buffer.
//
// The EOIR tables are gigabytes (tbl_schedule.csv has ~45 M rows), so nothing
// here ever holds more than one buffer (1 MB by default) of a file. Lines end
// in LF or CRLF; the terminator is not part of the line. NUL bytes, which the
// lookup tables contain, are dropped as the buffer is filled. A line longer
// than the buffer is returned cut to the buffer's size with truncated() set,
// and the rest of it is skipped. A returned line stays valid until the next
// call to next(). Not thread-safe; one reader per file and thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace cw::scrapers::eoir {

class LineReader {
 public:
  static constexpr std::size_t kDefaultBuffer = 1 << 20;

  static Result<LineReader> open(const std::string& path, std::size_t buffer_size = kDefaultBuffer);
  LineReader(LineReader&& o) noexcept;
  LineReader& operator=(LineReader&&) = delete;
  LineReader(const LineReader&) = delete;
  ~LineReader();

  // Reads the next line into `line`; false at the end of the file.
  Result<bool> next(std::string_view& line);
  // 1-based number of the line last returned.
  std::int64_t line_number() const { return line_no_; }
  // Whether the line last returned was cut to the buffer size.
  bool truncated() const { return truncated_; }
  // Bytes consumed from the file so far, and its size when opened.
  std::uint64_t bytes_read() const { return consumed_; }
  std::uint64_t file_size() const { return size_; }
  const std::string& path() const { return path_; }

 private:
  LineReader(int fd, std::string path, std::uint64_t size, std::size_t buffer_size);
  // Moves unread bytes to the front and reads more; false at end of file.
  Result<bool> fill();

  int fd_ = -1;
  std::string path_;
  std::uint64_t size_ = 0;
  std::vector<char> buf_;
  std::size_t begin_ = 0;  // first unread byte
  std::size_t end_ = 0;    // one past the last valid byte
  bool eof_ = false;
  bool skipping_ = false;  // discarding the rest of an overlong line
  bool truncated_ = false;
  std::int64_t line_no_ = 0;
  std::uint64_t consumed_ = 0;
};

}  // namespace cw::scrapers::eoir
