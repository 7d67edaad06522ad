// Change tracking across releases (eoir-import.md rule 13) and the guarantees
// of a run: moved hearings are one update, vanished ones are cancelled, new
// ones inserted; the same release imported twice changes nothing; a failing
// run keeps nothing of its own and everything from before; case ids never
// appear in the run record or the change log.
#include <fstream>

#include "core/clock.h"
#include "scrapers/eoir/eoir.h"
#include "tests/scrapers_eoir/eoir_test_env.h"

namespace cw {
namespace {

namespace fs = std::filesystem;

struct Row {
  std::string id, date, start, site = "CHI", rsn{}, idncase = "8675309";
};

// Writes a minimal release (schedule + proceedings, no lookups) to dir.
void write_release(const fs::path& dir, const std::vector<Row>& rows) {
  fs::create_directories(dir);
  std::ofstream s(dir / "tbl_schedule.csv", std::ios::binary);
  s << "IDNSCHEDULE\tIDNPROCEEDING\tIDNCASE\tBASE_CITY_CODE\tCAL_TYPE\tADJ_DATE\tADJ_TIME_START\t"
       "ADJ_RSN\tADJ_MSG\tSCHEDULE_TYPE\r\n";
  for (const auto& r : rows) {
    s << r.id << "\t42\t" << r.idncase << "\t" << r.site << "\tM\t" << r.date << " 00:00:00.000\t"
      << r.start << "\t" << r.rsn << "\t\t\r\n";
  }
  std::ofstream p(dir / "B_TblProceeding.csv", std::ios::binary);
  p << "IDNPROCEEDING\tIDNCASE\tCUSTODY\r\n42\t8675309\tR\r\n";
}

class EoirChanges : public ::testing::Test {
 protected:
  void SetUp() override {
    env.add_fixture_sites();
    opts.as_of = LocalDate{date::year{2026} / 3 / 2};
    opts.horizon_days = 30;  // window 2026-03-02 .. 2026-03-31
  }
  ImportRun import(const std::vector<Row>& rows, const std::string& name) {
    opts.dir = (env.dir() / name).string();
    write_release(env.dir() / name, rows);
    auto run = scrapers::import_eoir(env.db(), opts, clock);
    if (!run) throw std::runtime_error(run.error().message);
    return *run;
  }
  std::optional<Hearing> find(const std::string& key) {
    return *store::HearingRepo(env.db()).find_by_key(key);
  }
  std::size_t change_count() {
    return store::HearingRepo(env.db()).changes_since(0, 100000)->size();
  }

  test::EoirEnv env;
  FakeClock clock{Instant{date::sys_days{date::year{2026} / 3 / 2}} + std::chrono::hours(15)};
  scrapers::EoirOptions opts;
};

const std::vector<Row> kFirst = {
    {"1", "2026-03-05", "0900"},         // stays
    {"2", "2026-03-06", "0900"},         // moves to another day and time
    {"3", "2026-03-07", "1000"},         // vanishes
    {"4", "2026-03-20", "1000"},         // gets an adjournment reason
    {"5", "2026-03-09", "0930", "HOU"},  // vanishes at another site
};
const std::vector<Row> kSecond = {
    {"1", "2026-03-05", "0900"},
    {"2", "2026-03-10", "0130"},
    {"4", "2026-03-20", "1000", "CHI", "A3"},
    {"6", "2026-03-11", "0830"},  // new
};

TEST_F(EoirChanges, SecondReleaseUpdatesCancelsAndInserts) {
  const auto a = import(kFirst, "a");
  EXPECT_EQ(a.added, 5);
  const auto changes_after_a = change_count();

  const auto b = import(kSecond, "b");
  EXPECT_EQ(b.added, 1);
  EXPECT_EQ(b.updated, 1);
  EXPECT_EQ(b.unchanged, 1);
  EXPECT_EQ(b.cancelled, 3);  // key 4 by its reason, keys 3 and 5 vanished
  EXPECT_EQ(change_count() - changes_after_a, 5u);

  const auto moved = find("eoir:2");
  ASSERT_TRUE(moved);
  EXPECT_EQ(format_date(moved->date), "2026-03-10");
  EXPECT_EQ(format_time(moved->start), "13:30");
  EXPECT_EQ(moved->status, HearingStatus::scheduled);
  EXPECT_EQ(find("eoir:3")->status, HearingStatus::cancelled);
  EXPECT_EQ(find("eoir:3")->cancel_reason, "vanished");
  EXPECT_EQ(find("eoir:5")->cancel_reason, "vanished");
  EXPECT_EQ(find("eoir:4")->cancel_reason, "source");
  EXPECT_EQ(find("eoir:1")->status, HearingStatus::scheduled);
  EXPECT_EQ(find("eoir:6")->status, HearingStatus::scheduled);
}

TEST_F(EoirChanges, ReimportingTheSameReleaseChangesNothing) {
  import(kFirst, "a");
  const auto before = change_count();
  const auto again = import(kFirst, "a");
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.updated, 0);
  EXPECT_EQ(again.cancelled, 0);
  EXPECT_EQ(again.unchanged, 5);
  EXPECT_EQ(change_count(), before);
}

TEST_F(EoirChanges, VanishedHearingOutsideTheWindowIsKept) {
  import({{"1", "2026-03-05", "0900"}, { "2", "2026-03-30", "0900" }}, "a");
  opts.as_of = LocalDate{date::year{2026} / 2 / 1};  // window 02-01 .. 03-02: key 2 is outside
  const auto b = import({{"1", "2026-03-05", "0900"}}, "b");
  EXPECT_EQ(b.cancelled, 0);
  EXPECT_EQ(find("eoir:2")->status, HearingStatus::scheduled);
}

TEST_F(EoirChanges, SitesRestrictionCancelsOnlyWithinThoseSites) {
  import(kFirst, "a");
  opts.sites = {"HOU"};
  const auto b = import({}, "b");
  EXPECT_EQ(b.cancelled, 1);
  EXPECT_EQ(find("eoir:5")->status, HearingStatus::cancelled);
  EXPECT_EQ(find("eoir:3")->status, HearingStatus::scheduled);
}

TEST_F(EoirChanges, FailedRunKeepsEarlierDataAndNothingOfItsOwn) {
  import(kFirst, "a");
  const auto before = change_count();
  // Make the database refuse one row in the middle of the second run.
  ASSERT_TRUE(env.db().exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON hearings WHEN NEW.source_key = 'eoir:6' "
      "BEGIN SELECT RAISE(ABORT, 'refused'); END"));
  opts.dir = (env.dir() / "b").string();
  write_release(env.dir() / "b", kSecond);
  const auto run = scrapers::import_eoir(env.db(), opts, clock);
  ASSERT_FALSE(run);
  EXPECT_EQ(change_count(), before);
  EXPECT_EQ(format_date(find("eoir:2")->date), "2026-03-06");
  EXPECT_EQ(find("eoir:3")->status, HearingStatus::scheduled);
  const auto runs = store::ImportRunRepo(env.db()).recent(1);
  ASSERT_TRUE(runs && runs->size() == 1);
  EXPECT_EQ((*runs)[0].state, RunState::failed);
  EXPECT_NE((*runs)[0].error.find("refused"), std::string::npos);
}

TEST_F(EoirChanges, CaseIdIsKeptPrivately) {
  auto rows = kFirst;
  rows.push_back({"7", "2026-03-05", "0000"});  // rejected: its message must not name the case
  rows.push_back({"8", "2026-03-05", "0900", "ZZZ"});
  const auto a = import(rows, "a");
  const auto b = import(kSecond, "b");
  EXPECT_EQ(find("eoir:1")->case_ref, "8675309");
  for (const auto& run : {a, b}) EXPECT_EQ(run.to_json().find("8675309"), std::string::npos);
  const auto changes = store::HearingRepo(env.db()).changes_since(0, 1000);
  ASSERT_TRUE(changes);
  for (const auto& c : *changes) {
    EXPECT_EQ(c.old_json.find("8675309"), std::string::npos);
    EXPECT_EQ(c.new_json.find("8675309"), std::string::npos);
  }
  EXPECT_EQ(a.rejected_total(), 2);
}

TEST_F(EoirChanges, UnknownSitesRestrictionIsAnError) {
  opts.sites = {"XYZ"};
  opts.dir = (env.dir() / "a").string();
  write_release(env.dir() / "a", kFirst);
  const auto run = scrapers::import_eoir(env.db(), opts, clock);
  ASSERT_FALSE(run);
  EXPECT_NE(run.error().message.find("XYZ"), std::string::npos);
}

TEST_F(EoirChanges, UnreadableDirectoryIsAnError) {
  opts.dir = (env.dir() / "does-not-exist").string();
  const auto run = scrapers::import_eoir(env.db(), opts, clock);
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().code, Errc::io);
}

}  // namespace
}  // namespace cw
