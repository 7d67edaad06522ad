// `courtwatch sessions` and `courtwatch match` end to end: the real binary on
// a real database, driven through the CSV importers.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/cli_runner.h"

namespace {

using Cli = cw::testing::CliRunner;

constexpr const char* kHeader =
    "date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes\n";
constexpr const char* kVolunteers =
    "id,name,email,phone,role,sites,languages,max_per_week,availability,blackouts,extra,active\n"
    "v1,Ann,a@example.org,,watcher,CHI,spanish,2,mon tue,,,yes\n"
    "v2,Bo,b@example.org,,trainee,CHI,,2,mon,,,yes\n";

TEST(MatchCli, PrintsThePlanShapeAndStoresProposals) {
  Cli cli;
  cli.write("h.csv", std::string(kHeader) +
                         "2026-03-02,09:00,,CHI,Courtroom 1,Judge A,master,spanish,yes,A1,,\n"
                         "2026-03-03,09:00,,CHI,Courtroom 2,Judge B,master,,no,A2,,\n"
                         "2026-03-04,09:00,,CHI,Courtroom 2,Judge B,master,,no,A3,,\n");
  cli.write("v.csv", kVolunteers);
  int rc = 1;
  cli.run("import csv h.csv", &rc);
  ASSERT_EQ(rc, 0);
  cli.run("volunteers import v.csv", &rc);
  ASSERT_EQ(rc, 0);
  const auto plan =
      nlohmann::json::parse(cli.run("match --from 2026-03-02 --to 2026-03-15 --json"));
  // Monday detained (w 4): Ann 400 + 10 (spanish) + Bo 160; Tuesday: Ann 100 - 5 (load).
  EXPECT_EQ(plan["objective"], 400 + 10 + 160 + 100 - 5);
  ASSERT_EQ(plan["assignments"].size(), 3u);
  const auto& a = plan["assignments"][0];
  for (const char* k : {"volunteer", "site", "location", "judge", "date", "half", "state"}) {
    EXPECT_TRUE(a.contains(k)) << k;
  }
  EXPECT_EQ(a["state"], "proposed");
  ASSERT_EQ(plan["unfilled"].size(), 1u);
  EXPECT_EQ(plan["unfilled"][0]["date"], "2026-03-04");
  EXPECT_EQ(plan["unfilled"][0]["seats"], 1);
  EXPECT_EQ(plan["unfilled"][0]["reason"], "no active volunteer for CHI on Wednesday mornings");
  // Stored as proposals: the next run rewards them (+3 each).
  const auto again =
      nlohmann::json::parse(cli.run("match --from 2026-03-02 --to 2026-03-15 --dry-run --json"));
  EXPECT_EQ(again["objective"], 665 + 9);
}

// The hearing keeps its source key through the `key` column while its time
// moves and then it is cancelled.
constexpr const char* kKeyed =
    "key,date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes\n";

TEST(MatchCli, SessionsKeepTheirIdAndAreCancelledWhenTheirHearingsAre) {
  Cli cli;
  cli.write("h.csv",
            std::string(kKeyed) + "k1,2026-03-02,09:00,,CHI,Courtroom 1,Judge A,master,,no,A1,,\n");
  cli.run("import csv h.csv");
  auto s = nlohmann::json::parse(cli.run("sessions --from 2026-03-02 --to 2026-03-08 --json"));
  ASSERT_EQ(s.size(), 1u);
  const auto id = s[0]["id"];
  cli.write("h.csv",
            std::string(kKeyed) + "k1,2026-03-02,10:00,,CHI,Courtroom 1,Judge A,master,,no,A1,,\n");
  cli.run("import csv h.csv");
  s = nlohmann::json::parse(cli.run("sessions --from 2026-03-02 --to 2026-03-08 --json"));
  EXPECT_EQ(s[0]["id"], id);
  EXPECT_EQ(s[0]["start"], "10:00");
  EXPECT_EQ(s[0]["sequence"], 1);
  cli.write("h.csv", std::string(kKeyed) +
                         "k1,2026-03-02,10:00,,CHI,Courtroom 1,Judge A,master,,no,A1,cancelled,\n");
  cli.run("import csv h.csv");
  s = nlohmann::json::parse(cli.run("sessions --from 2026-03-02 --to 2026-03-08 --json"));
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0]["id"], id);
  EXPECT_EQ(s[0]["status"], "cancelled");
  EXPECT_EQ(s[0]["sequence"], 2);
}

}  // namespace
