#include "scrapers/csv/volunteers_csv.h"

#include <algorithm>
#include <expected>
#include <fstream>
#include <set>
#include <unordered_set>

#include "core/text.h"
#include "scrapers/csv/availability_text.h"
#include "scrapers/csv/csv_run.h"
#include "scrapers/csv/csv_table.h"
#include "scrapers/csv/csv_values.h"
#include "store/import_recorder.h"
#include "store/repos.h"

namespace cw::scrapers {
namespace {

using csv::CsvTable;
using csv::RowReject;

enum VolunteerCol : std::size_t {
  kId,
  kName,
  kEmail,
  kPhone,
  kRole,
  kSites,
  kLanguages,
  kMaxPerWeek,
  kAvailability,
  kBlackouts,
  kExtra,
  kActive,
  kLocale,  // optional
};

constexpr std::size_t kMaxIdBytes = 64;

csv::TableSpec volunteers_spec(const std::string& path) {
  return {.file = csv::display_name(path),
          .columns = {"id", "name", "email", "phone", "role", "sites", "languages", "max_per_week",
                      "availability", "blackouts", "extra", "active", "locale"},
          .required = 12,
          .aliases = {}};
}

bool has_space_or_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c <= 0x20 || c == 0x7F;
  });
}

// Loose on purpose: exactly one '@' with something on both sides, no spaces.
bool plausible_email(std::string_view s) {
  const auto at = s.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < s.size() &&
         s.find('@', at + 1) == std::string_view::npos && !has_space_or_control(s);
}

std::optional<int> parse_max_per_week(std::string_view s) {
  if (s.empty() || s.size() > 3) return std::nullopt;
  int v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Identity and contact fields. Name, e-mail and phone are personal data:
// checked, never echoed.
std::optional<RowReject> parse_person(const CsvTable& t, Volunteer& v) {
  const auto id = t.get(kId);
  if (id.empty()) return t.missing(kId);
  if (id.size() > kMaxIdBytes || has_space_or_control(id)) {
    return t.reject("bad-id", kId,
                    "expected a handle of at most 64 bytes without spaces" + csv::got(id));
  }
  v.handle = id;
  v.name = t.get(kName);
  if (v.name.empty()) return t.missing(kName);
  v.email = t.get(kEmail);
  if (v.email.empty()) return t.missing(kEmail);
  if (!plausible_email(v.email)) {
    return t.reject("bad-email", kEmail, "expected an address with one '@' and no spaces");
  }
  v.phone = t.get(kPhone);

  const auto role_text = t.get(kRole);
  if (role_text.empty()) return t.missing(kRole);
  auto role = parse_role(lower_ascii(role_text));
  if (!role)
    return t.reject("bad-role", kRole, "expected trainee, watcher or lead" + csv::got(role_text));
  v.role = *role;
  return std::nullopt;
}

// Where and when the volunteer can go.
std::optional<RowReject> parse_reach(const CsvTable& t, const std::set<std::string>& sites,
                                     Volunteer& v) {
  for (const auto& code : split_trimmed(t.get(kSites), ';')) {
    std::string site = upper_ascii(code);
    if (!sites.contains(site)) {
      return t.reject("unknown-site", kSites,
                      "expected ';'-separated site codes from the sites table" + csv::got(code));
    }
    v.sites.push_back(std::move(site));
  }
  for (const auto& lang : split_trimmed(t.get(kLanguages), ';')) {
    v.languages.push_back(lower_ascii(lang));
  }
  if (const auto text = t.get(kMaxPerWeek); !text.empty()) {
    const auto n = parse_max_per_week(text);
    if (!n) {
      return t.reject("bad-max-per-week", kMaxPerWeek,
                      "expected a whole number 0..999 (empty means 2)" + csv::got(text));
    }
    v.max_per_week = *n;
  }
  const auto grid = csv::parse_weekly_grid(t.get(kAvailability));
  if (!grid) {
    return t.reject("bad-availability", kAvailability,
                    std::string(csv::kWeeklyGridExpected) + csv::got(grid.error()));
  }
  v.availability.grid = *grid;
  auto blackouts = csv::parse_blackouts(t.get(kBlackouts));
  if (!blackouts) {
    return t.reject("bad-blackout", kBlackouts,
                    std::string(csv::kBlackoutsExpected) + csv::got(blackouts.error()));
  }
  v.availability.blackouts = std::move(*blackouts);
  auto extra = csv::parse_extra_half_days(t.get(kExtra));
  if (!extra) {
    return t.reject("bad-extra", kExtra,
                    std::string(csv::kExtraExpected) + csv::got(extra.error()));
  }
  v.availability.extra = std::move(*extra);
  return std::nullopt;
}

std::expected<Volunteer, RowReject> parse_volunteer_row(const CsvTable& t,
                                                        const std::set<std::string>& sites) {
  Volunteer v;
  if (auto r = parse_person(t, v)) return std::unexpected(std::move(*r));
  if (auto r = parse_reach(t, sites, v)) return std::unexpected(std::move(*r));
  if (const auto text = t.get(kActive); !text.empty()) {
    const auto active = csv::parse_yes_no(text);
    if (!active) {
      return std::unexpected(
          t.reject("bad-active", kActive, "expected yes or no (empty means yes)" + csv::got(text)));
    }
    v.active = *active;
  }
  if (const auto text = t.get(kLocale); !text.empty()) {
    const std::string locale = lower_ascii(text);
    if (locale != "en" && locale != "es") {
      return std::unexpected(
          t.reject("bad-locale", kLocale, "expected en or es (empty means en)" + csv::got(text)));
    }
    v.locale = locale;
  }
  return v;
}

Result<void> import_rows(store::Database& db, const std::string& path, const Clock& clock,
                         ImportRun& run) {
  std::ifstream in;
  CW_TRY(csv::open_input(path, in));
  CsvTable table(in, volunteers_spec(path), 64 * 1024);
  CW_TRY(table.read_header());
  std::set<std::string> sites;
  for (auto& s : CW_TRY(store::SiteRepo(db).all())) sites.insert(std::move(s.code));
  store::VolunteerRepo volunteers(db);
  std::unordered_set<std::string> seen;

  while (CW_TRY(table.next())) {
    ++run.rows_read;
    if (auto problem = table.problem()) {
      run.reject(problem->reason, table.line(), problem->message, problem->field);
      continue;
    }
    auto volunteer = parse_volunteer_row(table, sites);
    if (!volunteer) {
      run.reject(volunteer.error().reason, table.line(), volunteer.error().message,
                 volunteer.error().field);
      continue;
    }
    if (!seen.insert(volunteer->handle).second) {
      const auto dup = table.reject("duplicate-id", kId,
                                    "id " + csv::shown_value(volunteer->handle) +
                                        " appears on an earlier line; kept the first");
      run.reject(dup.reason, table.line(), dup.message, dup.field);
      continue;
    }
    store::tally(run, CW_TRY(volunteers.upsert(*volunteer, clock.now())));
  }
  return {};
}

}  // namespace

Result<ImportRun> import_volunteers_csv(store::Database& db, const std::string& path,
                                        const Clock& clock, const std::string& recorded_as) {
  ImportRun run;
  run.source = "volunteers";
  run.input = recorded_as.empty() ? path : recorded_as;
  return store::record_import(db, clock, std::move(run),
                              [&](ImportRun& r) { return import_rows(db, path, clock, r); });
}

}  // namespace cw::scrapers
