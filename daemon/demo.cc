#include "daemon/demo.h"

#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/imports.h"
#include "app/plan.h"
#include "core/log.h"

namespace cw::daemon {
namespace {

LocalDate nth_weekday(LocalDate today, int n) {
  LocalDate d = today;
  while (weekday_index(d) >= 5) d += date::days{1};
  for (int i = 0; i < n; ++i) {
    d += date::days{1};
    while (weekday_index(d) >= 5) d += date::days{1};
  }
  return d;
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Error::io(path + ": cannot open demo file"));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Writes the expanded template to a private temporary file and returns its path.
Result<std::string> expand_to_temp(const std::string& path, LocalDate today,
                                   const std::string& name) {
  const auto text = CW_TRY(expand_demo_template(CW_TRY(read_file(path)), today));
  const auto dir =
      std::filesystem::temp_directory_path() / ("courtwatch-demo-" + std::to_string(getpid()));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  auto out_path = (dir / name).string();
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) return fail(Error::io(out_path + ": cannot write demo file"));
  return out_path;
}

}  // namespace

Result<std::string> expand_demo_template(std::string_view text, LocalDate today) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (true) {
    const auto start = text.find("@WD+", pos);
    if (start == std::string_view::npos) break;
    const auto end = text.find('@', start + 4);
    if (end == std::string_view::npos) return fail(Error::invalid("unterminated @WD+n@ token"));
    int n = 0;
    const auto digits = text.substr(start + 4, end - start - 4);
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc() || p != digits.data() + digits.size() || n < 0 || n > 1000) {
      return fail(Error::invalid("bad demo token '@WD+" + std::string(digits) + "@'"));
    }
    out.append(text.substr(pos, start - pos));
    out += format_date(nth_weekday(today, n));
    pos = end + 1;
  }
  out.append(text.substr(pos));
  return out;
}

Result<void> load_demo(store::Database& db, const std::string& dir, const Clock& clock) {
  // The demo sites are in Chicago, New York and San Francisco; Chicago's date
  // is a fair "today" for all of them.
  const LocalDate today = local_day(CW_TRY(find_zone("America/Chicago")), clock.now());
  const auto hearings =
      CW_TRY(expand_to_temp(dir + "/hearings.csv.in", today, "demo-hearings.csv"));
  const auto volunteers =
      CW_TRY(expand_to_temp(dir + "/volunteers.csv.in", today, "demo-volunteers.csv"));
  const auto h = CW_TRY(app::import_hearings_csv(db, clock, hearings)).run;
  const auto v = CW_TRY(app::import_volunteers_csv(db, clock, volunteers)).run;
  std::error_code ec;
  std::filesystem::remove_all(std::filesystem::path(hearings).parent_path(), ec);
  if (h.rejected_total() || v.rejected_total()) {
    return fail(Error::internal("the bundled demo data has rejected rows; this is a bug"));
  }
  // Staff the sessions the import made, as the daemon's jobs would after an
  // import, so the demo shows coverage from the start.
  const LocalDate utc_today{date::floor<date::days>(clock.now()).time_since_epoch()};
  const auto plan = CW_TRY(app::apply_plan(db, clock, app::Actor::system("matcher"),
                                           {utc_today, utc_today + date::days{13}, false}));
  log::info("demo data loaded: " + std::to_string(h.added) + " hearings, " +
            std::to_string(v.added) + " volunteers, " + std::to_string(plan.sessions) +
            " sessions, " + std::to_string(plan.added.size()) + " proposed assignments");
  return {};
}

}  // namespace cw::daemon
