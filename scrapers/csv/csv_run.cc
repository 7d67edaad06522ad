#include "scrapers/csv/csv_run.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/import_run.h"

namespace cw::scrapers::csv {

std::string display_name(const std::string& path) {
  const auto name = std::filesystem::path(path).filename().string();
  return name.empty() ? path : name;
}

Result<void> open_input(const std::string& path, std::ifstream& in) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return fail(failed_as(Error::io(display_name(path) + ": cannot open: is a directory"),
                          run_failure(RunFailure::file_unreadable).arg("file", input_label(path))));
  }
  errno = 0;
  in.open(path, std::ios::in | std::ios::binary);
  if (!in.is_open()) {
    const int err = errno;
    const RunFailure kind = err == ENOENT ? RunFailure::file_missing : RunFailure::file_unreadable;
    return fail(failed_as(Error::io(display_name(path) + ": cannot open: " +
                                    (err ? std::strerror(err) : "unknown error")),
                          run_failure(kind).arg("file", input_label(path))));
  }
  return {};
}

}  // namespace cw::scrapers::csv
