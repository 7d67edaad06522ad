#include "scrapers/eoir/release.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "core/import_run.h"
#include "core/text.h"

namespace cw::scrapers::eoir {
namespace {

namespace fs = std::filesystem;

// Regular files in dir and its sub-folders, shallowest first, by name within a level.
Result<std::vector<fs::path>> list_files(const fs::path& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return fail(failed_as(
        Error::io(root.string() + ": not a readable directory"),
        run_failure(RunFailure::file_unreadable).arg("file", input_label(root.string()))));
  }
  std::vector<fs::path> out;
  std::vector<fs::path> level{root};
  for (int depth = 0; depth <= 2 && !level.empty(); ++depth) {
    std::vector<fs::path> files, dirs;
    for (const auto& dir : level) {
      fs::directory_iterator it(dir, ec), end;
      if (ec) {
        if (depth == 0) {
          return fail(failed_as(
              Error::io(dir.string() + ": cannot read: " + ec.message()),
              run_failure(RunFailure::file_unreadable).arg("file", input_label(dir.string()))));
        }
        continue;  // an unreadable sub-folder only hides what it holds
      }
      for (; it != end; it.increment(ec)) {
        if (ec) break;
        std::error_code ec2;
        if (it->is_regular_file(ec2)) {
          files.push_back(it->path());
        } else if (it->is_directory(ec2)) {
          dirs.push_back(it->path());
        }
      }
    }
    std::sort(files.begin(), files.end());
    std::sort(dirs.begin(), dirs.end());
    out.insert(out.end(), files.begin(), files.end());
    level = std::move(dirs);
  }
  return out;
}

std::string find_named(const std::vector<fs::path>& files, std::string_view name) {
  for (const auto& f : files) {
    if (iequals(f.filename().string(), name)) return f.string();
  }
  return {};
}

}  // namespace

Result<ReleaseFiles> locate_release(const std::string& dir) {
  const auto files = CW_TRY(list_files(fs::path(dir)));
  ReleaseFiles r;
  r.schedule = find_named(files, "tbl_schedule.csv");
  r.proceeding = find_named(files, "B_TblProceeding.csv");
  r.base_city = find_named(files, "tblLookupBaseCity.csv");
  r.judge = find_named(files, "tblLookupJudge.csv");
  r.language = find_named(files, "tblLanguage.csv");
  r.hloc = find_named(files, "tblLookupHloc.csv");
  r.schedule_type = find_named(files, "tbllookupSchedule_Type.csv");
  if (r.schedule.empty()) {
    return fail(
        failed_as(Error::not_found(dir + ": no tbl_schedule.csv in the release directory"),
                  run_failure(RunFailure::release_incomplete).arg("file", "tbl_schedule.csv")));
  }
  if (r.proceeding.empty()) {
    return fail(
        failed_as(Error::not_found(dir + ": no B_TblProceeding.csv in the release directory"),
                  run_failure(RunFailure::release_incomplete).arg("file", "B_TblProceeding.csv")));
  }
  return r;
}

}  // namespace cw::scrapers::eoir
