// Grouping hearings into sessions, and session identity across re-imports.
#include "scheduler/sessions.h"

#include <gtest/gtest.h>

#include "tests/scheduler/builders.h"

namespace cw::scheduler {
namespace {

Hearing hearing(int minute, HearingType type = HearingType::master, std::string judge = "Judge A") {
  Hearing h;
  h.site = "CHI";
  h.location = "Courtroom 1";
  h.judge = std::move(judge);
  h.date = testing::day(0);
  h.start = TimeOfDay{minute};
  h.type = type;
  return h;
}

TEST(Sessions, GroupsBySiteLocationJudgeDateAndHalf) {
  std::vector<Hearing> hs = {hearing(9 * 60), hearing(10 * 60), hearing(11 * 60 + 59),
                             hearing(12 * 60), hearing(9 * 60, HearingType::master, "Judge B")};
  hs.push_back(hearing(9 * 60));
  hs.back().date = testing::day(1);
  hs.push_back(hearing(9 * 60));
  hs.back().location = "Courtroom 2";
  const auto s = build_sessions(hs);
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[0].hearings, 3);  // 09:00, 10:00, 11:59 are am
  EXPECT_EQ(s[0].key.half, Half::am);
  EXPECT_EQ(s[1].key.half, Half::pm);  // 12:00 is pm
}

TEST(Sessions, EndsAtTheLatestStopOrDefaultDuration) {
  std::vector<Hearing> hs = {hearing(8 * 60 + 30), hearing(9 * 60, HearingType::individual),
                             hearing(10 * 60)};
  hs[2].stop = TimeOfDay{13 * 60};
  auto s = build_sessions(hs);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].start, TimeOfDay{8 * 60 + 30});
  EXPECT_EQ(s[0].end, TimeOfDay{13 * 60});
  hs.pop_back();
  s = build_sessions(hs);
  EXPECT_EQ(s[0].end, TimeOfDay{12 * 60});  // individual: 180 minutes
  s = build_sessions(std::vector<Hearing>{hearing(9 * 60, HearingType::bond)});
  EXPECT_EQ(s[0].end, TimeOfDay{10 * 60});  // others: 60 minutes
}

TEST(Sessions, ComputesLanguagesAndDetainedIndividualBigFlags) {
  std::vector<Hearing> hs;
  hs.reserve(10);
  for (int i = 0; i < 10; ++i) hs.push_back(hearing(8 * 60 + i));
  hs[0].language = "spanish";
  hs[1].language = "english";
  hs[2].language = "mam";
  hs[3].language = "spanish";
  hs[4].detained = true;
  hs[5].type = HearingType::individual;
  auto s = build_sessions(hs);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].languages, (std::vector<std::string>{"mam", "spanish"}));
  EXPECT_TRUE(s[0].detained);
  EXPECT_TRUE(s[0].individual);
  EXPECT_TRUE(s[0].big);
  EXPECT_EQ(s[0].need(), 2);
  EXPECT_EQ(s[0].weight(), 1 + 3 + 2 + 1);
  hs.pop_back();
  s = build_sessions(hs);
  EXPECT_FALSE(s[0].big);  // 9 hearings
}

TEST(Sessions, IgnoresCancelledHearings) {
  std::vector<Hearing> hs = {hearing(9 * 60), hearing(10 * 60)};
  hs[1].status = HearingStatus::cancelled;
  hs[1].detained = true;
  const auto s = build_sessions(hs);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].hearings, 1);
  EXPECT_FALSE(s[0].detained);
}

TEST(SessionIdentity, KeepsIdAndSequenceWhenNothingVisibleChanges) {
  auto stored = build_sessions(std::vector<Hearing>{hearing(9 * 60)});
  stored[0].id = 42;
  stored[0].sequence = 3;
  const auto changes = reconcile(stored, build_sessions(std::vector<Hearing>{hearing(9 * 60)}));
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, SessionChangeKind::unchanged);
  EXPECT_EQ(changes[0].session.id, 42);
  EXPECT_EQ(changes[0].session.sequence, 3);
}

TEST(SessionIdentity, RaisesSequenceWhenTimeChanges) {
  auto stored = build_sessions(std::vector<Hearing>{hearing(9 * 60)});
  stored[0].id = 42;
  const auto changes = reconcile(stored, build_sessions(std::vector<Hearing>{hearing(10 * 60)}));
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, SessionChangeKind::updated);
  EXPECT_EQ(changes[0].session.id, 42);
  EXPECT_EQ(changes[0].session.sequence, 1);
}

TEST(SessionIdentity, UpdatesContentWithoutSequenceWhenOnlyCountsChange) {
  auto stored = build_sessions(std::vector<Hearing>{hearing(9 * 60), hearing(9 * 60)});
  stored[0].id = 7;
  auto fresh = build_sessions(std::vector<Hearing>{hearing(9 * 60)});
  const auto changes = reconcile(stored, fresh);
  EXPECT_EQ(changes[0].kind, SessionChangeKind::updated);
  EXPECT_EQ(changes[0].session.sequence, 0);
  EXPECT_EQ(changes[0].session.hearings, 1);
}

TEST(SessionIdentity, CancelsASessionWhoseHearingsAreAllCancelledAndRestoresIt) {
  auto stored = build_sessions(std::vector<Hearing>{hearing(9 * 60)});
  stored[0].id = 5;
  auto gone = hearing(9 * 60);
  gone.status = HearingStatus::cancelled;
  auto changes = reconcile(stored, build_sessions(std::vector<Hearing>{gone}));
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, SessionChangeKind::cancelled);
  EXPECT_EQ(changes[0].session.status, SessionStatus::cancelled);
  EXPECT_EQ(changes[0].session.id, 5);
  EXPECT_EQ(changes[0].session.sequence, 1);

  std::vector<Session> cancelled = {changes[0].session};
  changes = reconcile(cancelled, build_sessions(std::vector<Hearing>{hearing(9 * 60)}));
  EXPECT_EQ(changes[0].kind, SessionChangeKind::restored);
  EXPECT_EQ(changes[0].session.status, SessionStatus::active);
  EXPECT_EQ(changes[0].session.sequence, 2);
  // A cancelled session that stays cancelled is left alone.
  changes = reconcile(cancelled, {});
  EXPECT_EQ(changes[0].kind, SessionChangeKind::unchanged);
}

TEST(SessionIdentity, AJudgeChangeCancelsTheOldSessionAndAddsANewOne) {
  auto stored = build_sessions(std::vector<Hearing>{hearing(9 * 60)});
  stored[0].id = 9;
  const auto changes = reconcile(
      stored,
      build_sessions(std::vector<Hearing>{hearing(9 * 60, HearingType::master, "Judge B")}));
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].kind, SessionChangeKind::cancelled);
  EXPECT_EQ(changes[0].session.id, 9);
  EXPECT_EQ(changes[1].kind, SessionChangeKind::added);
  EXPECT_EQ(changes[1].session.id, 0);
}

}  // namespace
}  // namespace cw::scheduler
