#include "store/commit_probe.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstring>

namespace cw::store {
namespace {

// Offsets in a WalIndexHdr (walformat.html): iVersion u32 at 0, unused u32,
// iChange u32 at 8, isInit u8 at 12, ...; two copies back to back.
constexpr std::size_t kCopy = 48;
constexpr std::size_t kIsInit = 12;

}  // namespace

std::optional<CommitProbe> CommitProbe::open(const std::string& db_path) {
  const int fd = ::open((db_path + "-shm").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  return CommitProbe(fd);
}

CommitProbe::CommitProbe(CommitProbe&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

CommitProbe::~CommitProbe() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<CommitProbe::Header> CommitProbe::read() const {
  std::uint8_t both[2 * kCopy];
  if (::pread(fd_, both, sizeof both, 0) != static_cast<ssize_t>(sizeof both)) {
    return std::nullopt;
  }
  // Being written (copies differ) or never initialized: unknown.
  if (std::memcmp(both, both + kCopy, kCopy) != 0 || both[kIsInit] != 1) return std::nullopt;
  Header h;
  std::memcpy(h.data(), both, kCopy);
  return h;
}

}  // namespace cw::store
