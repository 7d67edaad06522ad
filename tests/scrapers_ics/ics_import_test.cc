// The ICS importer against a real SQLite database (scrapers/ics/ics_import.h):
// fixture files with expected JSON, a second version of the calendar, re-import,
// closures, and two calendars side by side.
#include "scrapers/ics/ics_import.h"

#include "core/clock.h"
#include "store/closure_repo.h"
#include "tests/scrapers_ics/import_env.h"

namespace cw {
namespace {

namespace fs = std::filesystem;
using date::year;

const fs::path kIcsRoot = fs::path(CW_FIXTURES) / "ics";
constexpr LocalDate kAsOf{year{2026} / 3 / 2};

// 2026-03-02T12:00Z: the clock the runs are stamped with.
const FakeClock& clock() {
  static const FakeClock c(Instant{date::sys_days{kAsOf.time_since_epoch()}} +
                           std::chrono::hours(12));
  return c;
}

scrapers::IcsImportOptions options(const std::string& file, const std::string& site = "CHI-ERO") {
  scrapers::IcsImportOptions o;
  o.input = (kIcsRoot / file).string();
  o.site = site;
  o.as_of = kAsOf;
  o.source = "ics:partner";  // the same calendar across its versions
  return o;
}

ImportRun import(test::ImportEnv& env, const scrapers::IcsImportOptions& o) {
  auto run = scrapers::import_ics_file(env.db(), o, clock());
  if (!run) throw std::runtime_error(run.error().message);
  return *run;
}

TEST(IcsImport, CalendarMatchesExpected) {
  test::ImportEnv env;
  const auto run = import(env, options("checkins.ics"));
  const nlohmann::json actual = {{"run", test::ImportEnv::run_json(run)},
                                 {"hearings", env.hearings_json()}};
  test::expect_matches_fixture(actual, kIcsRoot / "checkins.expected.json");
}

TEST(IcsImport, EventRemovedInTheNextVersionIsCancelled) {
  test::ImportEnv env;
  import(env, options("checkins.ics"));
  const auto run = import(env, options("checkins-v2.ics"));
  const nlohmann::json actual = {{"run", test::ImportEnv::run_json(run)},
                                 {"hearings", env.hearings_json()}};
  test::expect_matches_fixture(actual, kIcsRoot / "checkins-v2.expected.json");
  const auto floating =
      store::HearingRepo(env.db()).find_by_key("ics:floating-bond@partner.example");
  ASSERT_TRUE(floating && *floating);
  EXPECT_EQ((*floating)->status, HearingStatus::cancelled);
  EXPECT_EQ((*floating)->cancel_reason, "vanished");
  EXPECT_EQ(run.cancelled, 1);
  EXPECT_EQ(run.updated, 1);  // the UTC event moved by an hour
}

TEST(IcsImport, ReimportChangesNothing) {
  test::ImportEnv env;
  const auto first = import(env, options("checkins.ics"));
  const auto before = env.hearings_json();
  const auto again = import(env, options("checkins.ics"));
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.updated, 0);
  EXPECT_EQ(again.cancelled, 0);
  EXPECT_EQ(again.unchanged, first.added);
  EXPECT_EQ(env.hearings_json(), before);
}

TEST(IcsImport, WeeklyCheckinKeepsNineOClockAcrossDst) {
  test::ImportEnv env;
  import(env, options("checkins.ics"));
  store::HearingRepo repo(env.db());
  const auto before = repo.find_by_key("ics:weekly-checkin@partner.example|2026-03-02T15:00:00Z");
  const auto after = repo.find_by_key("ics:weekly-checkin@partner.example|2026-03-23T14:00:00Z");
  ASSERT_TRUE(before && *before && after && *after);
  EXPECT_EQ(format_time((*before)->start), "09:00");
  EXPECT_EQ(format_time((*after)->start), "09:00");
  // The EXDATE (March 16) is not there; the March 9 occurrence moved to March 10.
  EXPECT_FALSE(*repo.find_by_key("ics:weekly-checkin@partner.example|2026-03-16T14:00:00Z"));
  const auto moved = repo.find_by_key("ics:weekly-checkin@partner.example|2026-03-09T14:00:00Z");
  ASSERT_TRUE(moved && *moved);
  EXPECT_EQ(format_date((*moved)->date), "2026-03-10");
  EXPECT_EQ(format_time((*moved)->start), "10:00");
}

TEST(IcsImport, NotACalendarFailsAndWritesNothing) {
  test::ImportEnv env;
  import(env, options("checkins.ics"));
  const auto before = env.hearings_json();
  auto run = scrapers::import_ics_file(env.db(), options("not-calendar.ics"), clock());
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().message, "not-calendar.ics: not an iCalendar file (no BEGIN:VCALENDAR)");
  EXPECT_EQ(env.hearings_json(), before);  // nothing cancelled as "vanished"
  const auto runs = store::ImportRunRepo(env.db()).recent(1);
  ASSERT_TRUE(runs && runs->size() == 1);
  EXPECT_EQ(runs->front().state, RunState::failed);
}

TEST(IcsImport, AnEventBrokenByAnEditKeepsItsHearings) {
  test::ImportEnv env;
  const auto cal = env.dir() / "cal.ics";
  auto write = [&](const std::string& rrule) {
    std::ofstream(cal) << "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:w\r\n"
                          "DTSTART;TZID=America/Chicago:20260302T090000\r\nRRULE:"
                       << rrule << "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  };
  scrapers::IcsImportOptions o = options("checkins.ics");
  o.input = cal.string();
  write("FREQ=WEEKLY;COUNT=3");
  EXPECT_EQ(import(env, o).added, 3);
  write("FREQ=WEEKLY;COUNT=three");  // a typo in the partner's edit
  const auto run = import(env, o);
  EXPECT_EQ(run.rejected.at("bad-rrule").count, 1);
  EXPECT_EQ(run.cancelled, 0);
  EXPECT_EQ(run.unchanged, 3);
  write("FREQ=WEEKLY;COUNT=2");  // fixed, and one week shorter
  EXPECT_EQ(import(env, o).cancelled, 1);
}

TEST(IcsImport, UnknownSiteFailsTheRun) {
  test::ImportEnv env;
  auto run = scrapers::import_ics_file(env.db(), options("checkins.ics", "NOPE"), clock());
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().message, "unknown site 'NOPE'");
}

TEST(IcsImport, TwoCalendarsDoNotCancelEachOther) {
  test::ImportEnv env;
  auto a = options("checkins.ics");
  a.source.clear();  // default: per site and input
  import(env, a);
  const auto scheduled = [&] {
    int n = 0;
    for (const auto& h : env.hearings_json()) n += h["status"] == "scheduled";
    return n;
  };
  const int before = scheduled();
  // A second, unrelated calendar for the same site.
  const auto other = env.dir() / "other.ics";
  std::ofstream(other) << "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:other\r\n"
                          "DTSTART:20260303T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  scrapers::IcsImportOptions b = a;
  b.input = other.string();
  const auto run = import(env, b);
  EXPECT_EQ(run.added, 1);
  EXPECT_EQ(run.cancelled, 0);
  EXPECT_EQ(scheduled(), before + 1);
}

TEST(IcsImport, HearingOnAClosedDayIsStoredCancelledByClosure) {
  test::ImportEnv env;
  store::Closure c;
  c.site = "CHI-ERO";
  c.date = LocalDate{year{2026} / 3 / 23};
  ASSERT_TRUE(store::ClosureRepo(env.db()).put(c));
  import(env, options("checkins.ics"));
  const auto h = store::HearingRepo(env.db()).find_by_key(
      "ics:weekly-checkin@partner.example|2026-03-23T14:00:00Z");
  ASSERT_TRUE(h && *h);
  EXPECT_EQ((*h)->status, HearingStatus::cancelled);
  EXPECT_EQ((*h)->cancel_reason, "closure");
  // Re-importing keeps it cancelled: no "restored" churn.
  EXPECT_EQ(import(env, options("checkins.ics")).updated, 0);
}

}  // namespace
}  // namespace cw
