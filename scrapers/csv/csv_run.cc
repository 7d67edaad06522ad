#include "scrapers/csv/csv_run.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace cw::scrapers::csv {

std::string display_name(const std::string& path) {
  const auto name = std::filesystem::path(path).filename().string();
  return name.empty() ? path : name;
}

Result<void> open_input(const std::string& path, std::ifstream& in) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return fail(Error::io(display_name(path) + ": cannot open: is a directory"));
  }
  errno = 0;
  in.open(path, std::ios::in | std::ios::binary);
  if (!in.is_open()) {
    const int err = errno;
    return fail(Error::io(display_name(path) +
                          ": cannot open: " + (err ? std::strerror(err) : "unknown error")));
  }
  return {};
}

}  // namespace cw::scrapers::csv
