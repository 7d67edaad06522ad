#include "store/commit_probe.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstring>

namespace cw::store {
namespace {

// Offsets in a WalIndexHdr (walformat.html): iVersion u32 at 0, unused u32,
// iChange u32 at 8, isInit u8 at 12, ...; two copies back to back.
constexpr std::size_t kCopy = 48;
constexpr std::size_t kIsInit = 12;
constexpr std::size_t kWords = kCopy / sizeof(std::uint32_t);

}  // namespace

std::optional<CommitProbe> CommitProbe::open(const std::string& db_path) {
  const int fd = ::open((db_path + "-shm").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  void* map = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && st.st_size >= static_cast<off_t>(2 * kCopy)) {
    map = ::mmap(nullptr, 2 * kCopy, PROT_READ, MAP_SHARED, fd, 0);
  }
  ::close(fd);  // the mapping keeps the file
  if (map == MAP_FAILED) return std::nullopt;
  return CommitProbe(static_cast<const volatile std::uint32_t*>(map));
}

CommitProbe::CommitProbe(CommitProbe&& other) noexcept : words_(other.words_) {
  other.words_ = nullptr;
}

CommitProbe::~CommitProbe() {
  if (words_) ::munmap(const_cast<std::uint32_t*>(words_), 2 * kCopy);
}

std::optional<CommitProbe::Header> CommitProbe::read() const {
  // As SQLite's walIndexTryHdr(): the first copy, a barrier, the second (a
  // writer writes the second first, then the first).
  std::array<std::uint32_t, kWords> first{};
  std::array<std::uint32_t, kWords> second{};
  for (std::size_t i = 0; i < kWords; ++i) first[i] = words_[i];
  std::atomic_thread_fence(std::memory_order_seq_cst);
  for (std::size_t i = 0; i < kWords; ++i) second[i] = words_[kWords + i];
  Header h;
  std::memcpy(h.data(), first.data(), kCopy);
  // Being written (copies differ) or never initialized: unknown.
  if (first != second || h[kIsInit] != 1) return std::nullopt;
  return h;
}

}  // namespace cw::store
