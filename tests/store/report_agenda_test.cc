// ReportRepo and AgendaRepo on a real SQLite file: one report per (session,
// volunteer) edited in place with a rising version, anonymous after the
// volunteer is deleted, listed per site and date range, alerts by change
// time; a volunteer's assignments and the open sessions at their sites.
#include "store/agenda_repo.h"
#include "store/report_repo.h"
#include "store/session_repos.h"
#include "store/token_repo.h"
#include "store/volunteer_erasure.h"
#include "temp_db.h"

namespace cw::store {
namespace {

using cw::testing::TempDir;

const LocalDate kDay = LocalDate{date::year{2026} / 12 / 1};
const Instant kAgendaNow = date::sys_days{date::year{2026} / 11 / 26};

struct ReportAgendaTest : ::testing::Test {
  void SetUp() override {
    db = Database::open(dir.file("r.db")).value();
    cw::testing::add_site(*db, "CHI", "America/Chicago");
    cw::testing::add_site(*db, "HOU", "America/Chicago");
    ana = add_volunteer("v0001", "Ana", {"CHI"});
    ben = add_volunteer("v0002", "Ben", {"CHI", "HOU"});
  }
  Id add_volunteer(const std::string& handle, const std::string& name,
                   std::vector<std::string> sites) {
    Volunteer v;
    v.handle = handle;
    v.name = name;
    v.sites = std::move(sites);
    EXPECT_TRUE(VolunteerRepo(*db).upsert(v, kAgendaNow));
    return VolunteerRepo(*db).find_by_handle(handle).value()->id;
  }
  Id add_session(const std::string& site, const std::string& location, LocalDate date, Half half,
                 int detained = 0) {
    Session s;
    s.key = {site, location, "Judge A", date, half};
    s.start = std::chrono::hours(half == Half::am ? 9 : 13);
    s.end = s.start + std::chrono::hours(2);
    s.hearings = 3;
    s.detained_hearings = detained;
    s.detained = detained > 0;
    s.types = {HearingType::master};
    return SessionRepo(*db).insert(s, kAgendaNow).value();
  }
  TempDir dir;
  std::unique_ptr<Database> db;
  Id ana = 0, ben = 0;
};

TEST_F(ReportAgendaTest, AReportFiledAgainIsEditedInPlaceWithARisingVersion) {
  const Id s = add_session("CHI", "Courtroom 5", kDay, Half::am);
  ReportRepo repo(*db);
  const auto first = repo.save({s, ana, IcePresent::unsure, 0, "quiet"}, kAgendaNow).value();
  EXPECT_TRUE(first.changed);
  EXPECT_EQ(first.version, 1);
  const auto same = repo.save({s, ana, IcePresent::unsure, 0, "quiet"}, kAgendaNow).value();
  EXPECT_FALSE(same.changed);
  EXPECT_EQ(same.id, first.id);
  const auto edited =
      repo.save({s, ana, IcePresent::yes, 2, "two taken"}, kAgendaNow + std::chrono::hours(1))
          .value();
  EXPECT_TRUE(edited.changed);
  EXPECT_EQ(edited.id, first.id);
  EXPECT_EQ(edited.version, 2);
  const auto back = repo.find_pair(s, ana).value();
  ASSERT_TRUE(back);
  EXPECT_EQ(back->ice_present, IcePresent::yes);
  EXPECT_EQ(back->detained_count, 2);
  EXPECT_EQ(back->notes, "two taken");
  EXPECT_TRUE(back->alert());
  EXPECT_EQ(repo.for_volunteer(ana).value().size(), 1u);
}

TEST_F(ReportAgendaTest, OnlyIcePresentOrDetainedReportsAreAlertsAndTheyAreFoundByChangeTime) {
  const Id s1 = add_session("CHI", "Courtroom 5", kDay, Half::am);
  const Id s2 = add_session("CHI", "Courtroom 6", kDay, Half::am);
  const Id s3 = add_session("HOU", "Room 1", kDay, Half::pm);
  ReportRepo repo(*db);
  ASSERT_TRUE(repo.save({s1, ana, IcePresent::no, 0, ""}, kAgendaNow));
  ASSERT_TRUE(repo.save({s2, ben, IcePresent::unsure, 1, ""}, kAgendaNow));
  ASSERT_TRUE(repo.save({s3, ben, IcePresent::yes, 0, ""}, kAgendaNow + std::chrono::hours(2)));
  auto alerts = repo.alerts_since(kAgendaNow).value();
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_EQ(alerts[0].session, s2);
  EXPECT_EQ(alerts[1].session, s3);
  EXPECT_EQ(repo.alerts_since(kAgendaNow + std::chrono::hours(1)).value().size(), 1u);
}

TEST_F(ReportAgendaTest, ListsPerSiteAndRangeAndKeepsReportsAnonymousAfterErasure) {
  const Id chi = add_session("CHI", "Courtroom 5", kDay, Half::am);
  const Id hou = add_session("HOU", "Room 1", kDay + date::days{1}, Half::pm);
  const Id later = add_session("CHI", "Courtroom 5", kDay + date::days{10}, Half::am);
  ReportRepo repo(*db);
  ASSERT_TRUE(repo.save({chi, ana, IcePresent::yes, 0, "<script>x</script>"}, kAgendaNow));
  ASSERT_TRUE(repo.save({hou, ben, IcePresent::no, 0, ""}, kAgendaNow));
  ASSERT_TRUE(repo.save({later, ben, IcePresent::no, 0, ""}, kAgendaNow));
  auto week = repo.list({std::nullopt, kDay, kDay + date::days{6}}).value();
  ASSERT_EQ(week.size(), 2u);
  EXPECT_EQ(week[0].site, "CHI");
  EXPECT_EQ(week[0].volunteer_name, "Ana");
  EXPECT_EQ(week[0].report.notes, "<script>x</script>");
  EXPECT_EQ(week[1].site, "HOU");
  EXPECT_EQ(repo.list({std::string("HOU"), kDay, kDay + date::days{30}}).value().size(), 1u);

  auto& del = db->stmt("DELETE FROM volunteers WHERE id = ?");
  del.bind(1, ana);
  ASSERT_TRUE(del.run());
  week = repo.list({std::string("CHI"), kDay, kDay}).value();
  ASSERT_EQ(week.size(), 1u);
  EXPECT_FALSE(week[0].report.volunteer);
  EXPECT_EQ(week[0].volunteer_name, "");
}

TEST_F(ReportAgendaTest, RejectsAnUnknownIceAnswer) {
  EXPECT_EQ(parse_ice_present("yes").value(), IcePresent::yes);
  EXPECT_FALSE(parse_ice_present("maybe"));
  EXPECT_FALSE(parse_ice_present(""));
}

TEST_F(ReportAgendaTest, AgendaListsMyAssignmentsInEveryStateWithTheirSites) {
  const Id a_session = add_session("CHI", "Courtroom 5", kDay, Half::pm);
  const Id b_session = add_session("CHI", "Courtroom 6", kDay, Half::am);
  AssignmentRepo assignments(*db);
  const Actor who{"test", ""};
  const Id a =
      assignments.create(a_session, ana, AssignmentState::invited, false, who, kAgendaNow).value();
  const Id b =
      assignments.create(b_session, ana, AssignmentState::declined, false, who, kAgendaNow).value();
  ASSERT_TRUE(
      assignments.create(a_session, ben, AssignmentState::confirmed, false, who, kAgendaNow));
  const auto mine = AgendaRepo(*db).assignments(ana, kDay, kDay).value();
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].assignment, b);  // the morning first
  EXPECT_EQ(mine[0].state, AssignmentState::declined);
  EXPECT_EQ(mine[1].assignment, a);
  EXPECT_EQ(mine[1].at.site.name, "CHI court");
  EXPECT_EQ(mine[1].at.site.timezone, "America/Chicago");
  EXPECT_TRUE(
      AgendaRepo(*db).assignments(ana, kDay + date::days{1}, kDay + date::days{9}).value().empty());
}

TEST_F(ReportAgendaTest, OpenSessionsAreAtMySitesStillNeedPeopleAndNotMine) {
  const Id full = add_session("CHI", "Courtroom 1", kDay, Half::am);
  const Id half_full = add_session("CHI", "Courtroom 2", kDay, Half::am, /*detained=*/1);
  const Id empty = add_session("CHI", "Courtroom 3", kDay, Half::pm);
  const Id elsewhere = add_session("HOU", "Room 1", kDay, Half::pm);
  const Id mine = add_session("CHI", "Courtroom 4", kDay, Half::pm);
  const Id declined = add_session("CHI", "Courtroom 7", kDay, Half::pm);
  AssignmentRepo assignments(*db);
  const Actor who{"test", ""};
  ASSERT_TRUE(assignments.create(full, ben, AssignmentState::confirmed, false, who, kAgendaNow));
  ASSERT_TRUE(assignments.create(half_full, ben, AssignmentState::invited, false, who, kAgendaNow));
  ASSERT_TRUE(assignments.create(mine, ana, AssignmentState::proposed, false, who, kAgendaNow));
  ASSERT_TRUE(assignments.create(declined, ana, AssignmentState::declined, false, who, kAgendaNow));
  const auto open = AgendaRepo(*db).open_sessions(ana, kDay, kDay, 50).value();
  std::vector<Id> ids;
  ids.reserve(open.size());
  for (const auto& o : open) ids.push_back(o.at.session.id);
  // A session Ana declined is open to her again; Houston is not her site.
  EXPECT_EQ(ids, (std::vector<Id>{half_full, empty, declined}));
  EXPECT_EQ(open[0].assigned, 1);
  ids.clear();
  const auto bens = AgendaRepo(*db).open_sessions(ben, kDay, kDay, 50).value();
  for (const auto& o : bens) ids.push_back(o.at.session.id);
  EXPECT_EQ(ids, (std::vector<Id>{empty, elsewhere, declined}));
  EXPECT_EQ(AgendaRepo(*db).open_sessions(ben, kDay, kDay, 1).value().size(), 1u);
}

TEST_F(ReportAgendaTest, ErasureRemovesTheVolunteerRevokesTheirLinksAndKeepsReportsAnonymous) {
  const Id s = add_session("CHI", "Courtroom 5", kDay, Half::am);
  ASSERT_TRUE(
      AssignmentRepo(*db).create(s, ana, AssignmentState::confirmed, false, {"t", ""}, kAgendaNow));
  ASSERT_TRUE(ReportRepo(*db).save({s, ana, IcePresent::yes, 1, "seen"}, kAgendaNow));
  ASSERT_TRUE(
      db->exec("UPDATE volunteers SET email = 'ana@example.org' WHERE handle = 'v0001';"
               "INSERT INTO outbox (idem_key, channel, recipient, kind, due, created) "
               "VALUES ('k1', 'email', 'ana@example.org', 'reminder', 0, 0),"
               "       ('k2', 'email', 'ben@example.org', 'reminder', 0, 0);"));
  const auto secret = TokenSecret::load_or_create(dir.file("r.db.token-key")).value();
  TokenRepo tokens(*db);
  const std::string subject = std::to_string(ana);
  const auto page =
      tokens.issue(secret, TokenPurpose::volunteer_link, subject, Rotation::keep, kAgendaNow);
  const auto feed =
      tokens.issue(secret, TokenPurpose::feed_volunteer, subject, Rotation::keep, kAgendaNow);
  const auto bens = tokens.issue(secret, TokenPurpose::volunteer_link, std::to_string(ben),
                                 Rotation::keep, kAgendaNow);

  const auto counts = erase_volunteer_data(*db, ana, kAgendaNow).value();
  EXPECT_EQ(counts.assignments, 1);
  EXPECT_EQ(counts.reports, 1);
  EXPECT_EQ(counts.messages, 1);
  EXPECT_FALSE(VolunteerRepo(*db).find(ana).value());
  EXPECT_FALSE(tokens.lookup(*page).value());
  EXPECT_FALSE(tokens.lookup(*feed).value());
  EXPECT_TRUE(tokens.lookup(*bens).value());
  EXPECT_TRUE(AgendaRepo(*db).assignments(ana, kDay, kDay).value().empty());
  const auto kept = ReportRepo(*db).list({std::nullopt, kDay, kDay}).value();
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_FALSE(kept[0].report.volunteer);
  auto& left = db->stmt("SELECT group_concat(recipient) FROM outbox");
  ASSERT_TRUE(left.step().value());
  EXPECT_EQ(left.text(0), "ben@example.org");
  left.reset();
  // A new volunteer who gets the same rowid never gets the old link back.
  EXPECT_NE(tokens.issue(secret, TokenPurpose::volunteer_link, subject, Rotation::keep, kAgendaNow)
                .value(),
            *page);
  EXPECT_EQ(erase_volunteer_data(*db, ana, kAgendaNow).error().code, Errc::not_found);
}

}  // namespace
}  // namespace cw::store
