// Whether anything was committed to a WAL database, without a transaction.
//
// PRAGMA data_version answers that too, but only inside a read transaction:
// a WAL read lock taken and released with fcntl(), an fstat() and the
// connection's mutex, four system calls and a shared lock for a question
// asked by every feed revalidation. CommitProbe reads instead what SQLite
// itself compares first when a read transaction starts: the WAL-index header
// at the start of the "-shm" file (https://www.sqlite.org/walformat.html,
// "The WAL-Index Header": two 48-byte copies of a header whose change counter
// and last valid frame move with every commit; it is a file format, shared by
// every process and SQLite version using the database, so its layout does
// not change). A writer updates the header inside its COMMIT, second copy
// first, so a read that finds both copies equal and initialized sees a state
// at least as new as every COMMIT that returned before it began, and the same
// header read twice means nothing was committed in between. Anything else (no
// -shm file, a database not in WAL mode, a header being written, the copies
// differing) reads as "unknown", and the caller asks SQLite.
//
// One pread() of 96 bytes per read; no lock. The file descriptor is opened
// read-only when the probe is made and closed with it. Hold the probe only
// while a connection of the same process keeps the database open (then no
// other process resets the -shm file under it; a reset would only make reads
// "unknown" or "changed" anyway). Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace cw::store {

class CommitProbe {
 public:
  using Header = std::array<std::uint8_t, 48>;

  // Opens `db_path` + "-shm"; nullopt when it cannot be opened.
  static std::optional<CommitProbe> open(const std::string& db_path);
  CommitProbe(CommitProbe&& other) noexcept;
  CommitProbe& operator=(CommitProbe&&) = delete;
  CommitProbe(const CommitProbe&) = delete;
  ~CommitProbe();

  // The current WAL-index header, or nullopt when it cannot be read whole
  // and settled (see above). Equal headers: no commit in between.
  std::optional<Header> read() const;

 private:
  explicit CommitProbe(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace cw::store
