// Reasons for empty seats on the desk's pages against the straightforward
// computation, on generated worlds. A page's reasons are computed from a
// narrow input (app/session_reasons.cc: only the columns the explainer reads,
// blackouts and extra half-days of the page's dates, bookings of the
// volunteers who can be eligible); the reference here explains every session
// of the database with every volunteer loaded whole (VolunteerRepo::all()),
// every live assignment and every declined or forbidden pair. Both must give
// every uncovered session the same reason, on pages of every shape: paged
// lists, one site, one day, the uncovered filter and the dashboard, whose
// per-site figures are also counted here from the sessions themselves.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "app/queries.h"
#include "app/refusal_text.h"
#include "scheduler/explain.h"
#include "store/repos.h"
#include "store/session_repos.h"
#include "tests/scheduler/builders.h"
#include "tests/store/temp_db.h"

namespace cw::app {
namespace {

using scheduler::testing::day;
using scheduler::testing::make_session;
using scheduler::testing::make_volunteer;

// 2026-03-02 12:00 UTC: every site's local date is day(0).
const Instant kReasonsNow = date::sys_days{date::year{2026} / 3 / 2} + std::chrono::hours{12};
const std::vector<std::string> kSites = {"CHI", "HOU", "NYC", "BOS", "DEN", "SFO"};
constexpr int kFirstDay = -3;
constexpr int kLastDay = 17;

class SessionReasons : public ::testing::TestWithParam<unsigned> {
 protected:
  void SetUp() override {
    db = store::Database::open(dir.file("r.db")).value();
    for (const auto& s : kSites) cw::testing::add_site(*db, s, "America/Chicago");
    generate(GetParam());
  }

  // A world where every kind of reason occurs: CHI and HOU with many
  // volunteers (grids, blackouts and extra half-days, some inactive,
  // trainees, weekly caps from 0 to 3), NYC with a few, often blacked out,
  // BOS with two away the whole time, DEN with inactive ones only and SFO
  // with none; sessions over three weeks,
  // some cancelled; assignments in every state, forbidden pairs, and a few
  // sessions declined or forbidden for everyone at their site.
  void generate(unsigned seed) {
    std::mt19937 rng(seed);
    auto coin = [&](double p) { return std::uniform_real_distribution<>(0, 1)(rng) < p; };
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    auto some_day = [&] { return kFirstDay + pick(kLastDay - kFirstDay + 1); };
    const Half halves[] = {Half::am, Half::pm};
    std::map<std::string, std::vector<Id>> at_site;
    auto add_volunteer = [&](const std::vector<std::string>& sites, double grid, double blackout) {
      const auto handle = "v" + std::to_string(volunteers.size());
      Volunteer v =
          make_volunteer(handle, sites, coin(0.25) ? Role::trainee : Role::watcher, pick(4));
      for (auto& g : v.availability.grid) g = coin(grid);
      if (coin(blackout)) {
        const int from = some_day();
        v.availability.blackouts.push_back({day(from), day(from + pick(12))});
      }
      if (coin(0.1)) v.availability.blackouts.push_back({day(-40), day(-30)});
      for (int k = pick(3); k > 0; --k) {
        v.availability.extra.push_back({day(some_day()), halves[pick(2)]});
      }
      if (coin(0.3)) v.languages.push_back("spanish");
      v.active = coin(0.9);
      if (sites == std::vector<std::string>{"DEN"}) v.active = false;
      if (sites == std::vector<std::string>{"BOS"}) {  // away the whole time
        v.active = true;
        v.availability.extra.clear();
        v.availability.blackouts = {{day(kFirstDay), day(kLastDay)}};
      }
      EXPECT_TRUE(store::VolunteerRepo(*db).upsert(v, kReasonsNow));
      const Id id = store::VolunteerRepo(*db).find_by_handle(handle).value()->id;
      volunteers.push_back(id);
      for (const auto& site : sites) at_site[site].push_back(id);
    };
    for (int i = 0; i < 60; ++i) {
      std::vector<std::string> sites = {pick(2) ? "CHI" : "HOU"};
      if (coin(0.3)) sites = {"CHI", "HOU"};
      if (coin(0.03)) sites.push_back("NYC");
      add_volunteer(sites, 0.4, 0.3);
    }
    for (int i = 0; i < 3; ++i) add_volunteer({"NYC"}, 0.5, 0.9);
    for (int i = 0; i < 2; ++i) add_volunteer({"DEN"}, 0.5, 0.0);
    for (int i = 0; i < 2; ++i) add_volunteer({"BOS"}, 0.7, 0.0);
    const std::vector<std::string> session_sites = {"CHI", "HOU", "NYC", "NYC",
                                                    "BOS", "DEN", "SFO"};
    std::vector<std::pair<Id, std::string>> made;
    for (int i = 0; i < 160; ++i) {
      const auto& site = session_sites[static_cast<std::size_t>(coin(0.7) ? pick(2) : pick(7))];
      Session s = make_session({.site = site,
                                .day = some_day(),
                                .half = halves[pick(2)],
                                .detained = coin(0.4),
                                .judge = "Judge " + std::to_string(i)});
      const Id id = store::SessionRepo(*db).insert(s, kReasonsNow).value();
      made.emplace_back(id, site);
      if (coin(0.05)) {
        s.id = id;
        s.status = SessionStatus::cancelled;
        EXPECT_TRUE(store::SessionRepo(*db).update(s, kReasonsNow));
      }
    }
    std::set<std::pair<Id, Id>> pairs;
    store::AssignmentRepo repo(*db);
    auto add = [&](Id s, Id v, AssignmentState state, bool forbid) {
      if (!pairs.insert({s, v}).second) return;
      if (forbid) {
        EXPECT_TRUE(repo.forbid(s, v, {"test", ""}, kReasonsNow));
      } else {
        EXPECT_TRUE(repo.create(s, v, state, false, {"test", ""}, kReasonsNow));
      }
    };
    const AssignmentState states[] = {AssignmentState::proposed, AssignmentState::invited,
                                      AssignmentState::confirmed, AssignmentState::declined,
                                      AssignmentState::cancelled};
    for (int i = 0; i < 160; ++i) {
      const auto& [s, site] = made[static_cast<std::size_t>(pick(static_cast<int>(made.size())))];
      const auto& here = at_site[site];
      const Id v =
          coin(0.8) && !here.empty()
              ? here[static_cast<std::size_t>(pick(static_cast<int>(here.size())))]
              : volunteers[static_cast<std::size_t>(pick(static_cast<int>(volunteers.size())))];
      add(s, v, states[pick(5)], coin(0.08));
    }
    for (int i = 0; i < 6; ++i) {
      const auto& [s, site] = made[static_cast<std::size_t>(pick(static_cast<int>(made.size())))];
      for (const Id v : at_site[site]) add(s, v, AssignmentState::declined, coin(0.3));
    }
  }

  // The straightforward computation: every session explained with the whole
  // world (by session id).
  std::map<Id, std::string> reference_reasons() {
    scheduler::MatchInput in;
    scheduler::Plan plan;
    in.volunteers = store::VolunteerRepo(*db).all().value();
    std::map<Id, int> vi, si;
    for (std::size_t v = 0; v < in.volunteers.size(); ++v) {
      vi[in.volunteers[v].id] = static_cast<int>(v);
    }
    auto all = store::SessionRepo(*db).list({}).value();
    for (auto& s : all) {
      si[s.id] = static_cast<int>(in.sessions.size());
      in.sessions.push_back(std::move(s));
    }
    store::AssignmentRepo repo(*db);
    const auto assignments = repo.list(day(-100), day(100)).value();
    for (const auto& a : assignments) {
      if (is_live(a.state))
        plan.assignments.push_back({vi.at(a.volunteer), si.at(a.session), true});
      if (a.state == AssignmentState::declined) {
        in.excluded.push_back({vi.at(a.volunteer), si.at(a.session)});
      }
    }
    const auto forbidden = repo.forbidden(day(-100), day(100)).value();
    for (const auto& [s, v] : forbidden) {
      in.excluded.push_back({vi.at(v), si.at(s)});
    }
    std::map<Id, std::string> out;
    for (const auto& u : scheduler::explain_unfilled(in, plan)) {
      out[in.sessions[static_cast<std::size_t>(u.session)].id] = english(u.why);
    }
    return out;
  }

  // Checks one page's summaries against the reference.
  void check(const std::vector<SessionSummary>& page, const std::string& what) {
    for (const auto& s : page) {
      const bool active = s.session.status == SessionStatus::active;
      const auto ref = reference.find(s.session.id);
      if (!active || s.covered()) {
        EXPECT_FALSE(s.reason) << what << ": session " << s.session.id;
        continue;
      }
      ASSERT_NE(ref, reference.end()) << what << ": session " << s.session.id;
      ASSERT_TRUE(s.reason) << what << ": session " << s.session.id;
      EXPECT_EQ(*s.reason, ref->second) << what << ": session " << s.session.id;
      ++checked;
      seen.insert(*s.reason);
    }
  }

  // Every page of a query, following the cursors.
  void check_pages(SessionQuery q, const std::string& what) {
    for (int n = 0;; ++n) {
      const auto page = list_sessions(*db, q, kReasonsNow).value();
      check(page.items, what + " page " + std::to_string(n));
      if (!page.next_cursor) break;
      q.page.cursor = *page.next_cursor;
    }
  }

  SessionQuery range(int first, int last) {
    SessionQuery q;
    q.from = day(first);
    q.to = day(last);
    return q;
  }

  cw::testing::TempDir dir;
  std::unique_ptr<store::Database> db;
  std::vector<Id> volunteers, sessions;
  std::map<Id, std::string> reference;
  int checked = 0;
  std::set<std::string> seen;
};

TEST_P(SessionReasons, EveryPageGivesTheReasonsOfTheWholeWorld) {
  reference = reference_reasons();
  auto whole = range(kFirstDay, kLastDay);
  whole.page.limit = kMaxPageLimit;
  check_pages(whole, "all");
  auto paged = whole;
  paged.page.limit = 7;
  check_pages(paged, "pages of 7");
  auto open = whole;
  open.covered = false;
  open.page.limit = 5;
  check_pages(open, "uncovered, pages of 5");
  for (const auto& site : kSites) {
    auto q = whole;
    q.site = site;
    check_pages(q, site);
  }
  for (int d = kFirstDay; d <= kLastDay; ++d) check_pages(range(d, d), "day " + std::to_string(d));
  for (const int limit : {50, 4}) {
    check(dashboard(*db, kReasonsNow, 14, limit).value().uncovered,
          "dashboard " + std::to_string(limit));
  }
  // The world is not degenerate: the comparison met every kind of reason.
  EXPECT_GT(checked, 100);
  for (const char* kind :
       {"no volunteer lists", "no active volunteer for", "blacked out", "declined or forbidden",
        "booked elsewhere", "at their weekly cap", "trainees", "free and could take the seat"}) {
    EXPECT_TRUE(std::ranges::any_of(seen, [&](const std::string& r) {
      return r.find(kind) != std::string::npos;
    })) << kind;
  }
}

TEST_P(SessionReasons, DashboardFiguresCountTheSessions) {
  const auto d = dashboard(*db, kReasonsNow).value();
  // Counted from the sessions and their live assignments.
  std::map<Id, int> live;
  const auto assignments = store::AssignmentRepo(*db).list(day(0), day(13)).value();
  for (const auto& a : assignments) {
    if (is_live(a.state)) ++live[a.session];
  }
  std::map<std::pair<std::string, int>, CoverageCell> cells;
  int uncovered = 0, detained = 0;
  const auto window = store::SessionRepo(*db).list({.from = day(0), .to = day(13)}).value();
  for (const auto& s : window) {
    if (s.status != SessionStatus::active) continue;
    auto& c = cells[{s.key.site, static_cast<int>((s.key.date - day(0)).count())}];
    const int n = live[s.id];
    ++c.sessions;
    c.seats += s.need();
    c.filled += std::min(n, s.need());
    if (n < s.need()) {
      ++c.uncovered;
      ++uncovered;
      if (s.detained) ++detained;
    }
  }
  ASSERT_FALSE(cells.empty());
  EXPECT_EQ(d.uncovered_total, uncovered);
  EXPECT_EQ(d.uncovered_detained, detained);
  std::set<std::string> sites;
  for (const auto& [key, _] : cells) sites.insert(key.first);
  ASSERT_EQ(d.sites.size(), sites.size());
  for (const auto& site : d.sites) {
    ASSERT_EQ(site.days.size(), 14u);
    for (int i = 0; i < 14; ++i) {
      const auto it = cells.find({site.site, i});
      const CoverageCell want = it == cells.end() ? CoverageCell{} : it->second;
      const auto& got = site.days[static_cast<std::size_t>(i)];
      EXPECT_EQ(got.date, day(i));
      EXPECT_EQ(got.sessions, want.sessions) << site.site << " day " << i;
      EXPECT_EQ(got.seats, want.seats) << site.site << " day " << i;
      EXPECT_EQ(got.filled, want.filled) << site.site << " day " << i;
      EXPECT_EQ(got.uncovered, want.uncovered) << site.site << " day " << i;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, SessionReasons, ::testing::Values(1u, 2u, 3u));

}  // namespace
}  // namespace cw::app
