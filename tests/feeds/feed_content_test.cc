// Which sessions each feed shows, with what status, for how long; and the
// words it uses (never a case reference: those are not even in the input).
#include "feeds/feed_content.h"

#include <gtest/gtest.h>

#include "feed_fixtures.h"

namespace cw::feeds {
namespace {

using testing::at;
using testing::facts;

const Instant kNow = at("2026-03-01T12:00:00Z");

std::vector<Id> ids(const Selection& s) {
  std::vector<Id> out;
  out.reserve(s.events.size());
  for (const auto& e : s.events) out.push_back(e.facts->session.id);
  return out;
}

TEST(FeedSelection, VolunteerFeedShowsProposedAndInvitedTentativeConfirmedConfirmed) {
  std::vector<SessionFacts> all;
  for (auto [id, state] : {std::pair{1, AssignmentState::proposed},
                           {2, AssignmentState::invited},
                           {3, AssignmentState::confirmed},
                           {4, AssignmentState::declined},
                           {5, AssignmentState::cancelled}}) {
    all.push_back(facts(id, "2026-03-10", 540, 600));
    all.back().mine = state;
  }
  all.push_back(facts(6, "2026-03-10", 540, 600));  // not theirs
  const auto sel = select_events(FeedKind::volunteer, all, kNow);
  ASSERT_EQ(ids(sel), (std::vector<Id>{1, 2, 3}));
  EXPECT_EQ(sel.events[0].status, EventStatus::tentative);
  EXPECT_EQ(sel.events[1].status, EventStatus::tentative);
  EXPECT_EQ(sel.events[2].status, EventStatus::confirmed);
}

TEST(FeedSelection, KeepsACancelledSessionForFourteenDaysAfterItsCancellation) {
  auto recent = facts(1, "2026-03-10", 540, 600);
  recent.session.status = SessionStatus::cancelled;
  recent.updated = kNow - date::days{14} + std::chrono::hours{1};
  auto old = facts(2, "2026-03-10", 540, 600);
  old.session.status = SessionStatus::cancelled;
  old.updated = kNow - date::days{15};
  std::vector<SessionFacts> all{recent, old};
  const auto sel = select_events(FeedKind::site, all, kNow);
  ASSERT_EQ(ids(sel), (std::vector<Id>{1}));
  EXPECT_EQ(sel.events[0].status, EventStatus::cancelled);
  // The cached selection expires when the kept one drops out.
  EXPECT_EQ(sel.valid_until, recent.updated + date::days{14});
}

TEST(FeedSelection, ExpiresAtTheNextUtcMidnightWhenNothingDropsOutEarlier) {
  std::vector<SessionFacts> all{facts(1, "2026-03-10", 540, 600)};
  EXPECT_EQ(select_events(FeedKind::site, all, kNow).valid_until, at("2026-03-02T00:00:00Z"));
}

TEST(FeedSelection, DropsSessionsDatedMoreThanFourteenDaysAgo) {
  std::vector<SessionFacts> all{facts(1, "2026-02-14", 540, 600), facts(2, "2026-02-15", 540, 600)};
  EXPECT_EQ(ids(select_events(FeedKind::site, all, kNow)), (std::vector<Id>{2}));
}

TEST(FeedSelection, OpenFeedShowsOnlySessionsThatStillNeedPeople) {
  auto full = facts(1, "2026-03-10", 540, 600);
  full.assigned = 2;  // detained: needs 2
  auto half = facts(2, "2026-03-10", 540, 600);
  auto empty = facts(3, "2026-03-10", 540, 600);
  empty.assigned = 0;
  std::vector<SessionFacts> all{full, half, empty};
  EXPECT_EQ(ids(select_events(FeedKind::open, all, kNow)), (std::vector<Id>{2, 3}));
}

TEST(FeedSelection, LastModifiedIsTheLatestChangeOfSessionOrAssignments) {
  auto a = facts(1, "2026-03-10", 540, 600);
  a.assignments_updated = at("2026-02-20T08:00:00Z");
  std::vector<SessionFacts> all{a, facts(2, "2026-03-10", 540, 600)};
  EXPECT_EQ(select_events(FeedKind::site, all, kNow).last_modified, at("2026-02-20T08:00:00Z"));
}

TEST(FeedText, SiteSummaryShowsCoverage) {
  auto f = facts(1, "2026-03-10", 540, 600);
  f.assigned = 0;
  EXPECT_EQ(summary(FeedKind::site, f),
            "[UNCOVERED] Court watch · Chicago · Courtroom 5 (master calendar)");
  f.assigned = 1;
  EXPECT_EQ(summary(FeedKind::site, f).substr(0, 6), "[1/2] ");
  f.assigned = 2;
  EXPECT_EQ(summary(FeedKind::site, f).substr(0, 6), "[2/2] ");
  EXPECT_EQ(summary(FeedKind::volunteer, f),
            "Court watch · Chicago · Courtroom 5 (master calendar)");
}

TEST(FeedText, DescriptionHasJudgeTypesCountsLanguagesContactAndLink) {
  auto f = facts(1, "2026-03-10", 540, 600);
  f.session.types = {HearingType::master, HearingType::bond};
  EXPECT_EQ(description(f, "Maria 312-555-0100", "https://w.example/v/abc"),
            "Judge: Judge Ada Lovelace\n"
            "Calendar: master calendar, bond hearings\n"
            "Hearings: 12\n"
            "Languages: mam, spanish\n"
            "Detained: 3\n"
            "Observers: 1 of 2\n"
            "Coordinator: Maria 312-555-0100\n"
            "Your page: https://w.example/v/abc");
}

TEST(FeedText, ShortSiteNameDropsTheCourtSuffix) {
  EXPECT_EQ(short_site_name({"CHI", "Chicago Immigration Court", "", "", {}}), "Chicago");
  EXPECT_EQ(short_site_name({"CHI-ERO", "Chicago Field Office (ICE ERO)", "", "", {}}), "Chicago");
  EXPECT_EQ(short_site_name({"X", "", "", "", {}}), "X");
}

}  // namespace
}  // namespace cw::feeds
