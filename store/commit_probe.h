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
// No system call per read: the probe maps the header's page read-only when it
// is made and reads it as SQLite reads it (the first copy, a memory barrier,
// the second; no lock). Hold the probe only while a connection of the same
// process keeps the database open: then no other process truncates the -shm
// file under it (SQLite truncates it only when it opens it with no other
// connection holding it open), so the mapped bytes stay inside the file, as
// those of SQLite's own mapping of the same file in this process do. A probe
// is made only on a file at least as long as the two copies. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace cw::store {

class CommitProbe {
 public:
  using Header = std::array<std::uint8_t, 48>;

  // Maps the start of `db_path` + "-shm"; nullopt when it cannot be opened
  // or mapped, or is shorter than the header.
  static std::optional<CommitProbe> open(const std::string& db_path);
  CommitProbe(CommitProbe&& other) noexcept;
  CommitProbe& operator=(CommitProbe&&) = delete;
  CommitProbe(const CommitProbe&) = delete;
  ~CommitProbe();

  // The current WAL-index header, or nullopt when it cannot be read whole
  // and settled (see above). Equal headers: no commit in between.
  std::optional<Header> read() const;

 private:
  explicit CommitProbe(const volatile std::uint32_t* words) : words_(words) {}
  const volatile std::uint32_t* words_ = nullptr;  // the mapped page, or null when moved from
};

}  // namespace cw::store
