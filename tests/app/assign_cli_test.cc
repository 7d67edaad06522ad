// `courtwatch assign` and `unassign` end to end: the real binary on a real
// database, a broken rule printed on stderr with exit code 1.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/time.h"
#include "tests/support/cli_runner.h"

namespace {

// Runs with stderr captured: a refusal's message is part of what is checked.
struct AssignCliRunner : cw::testing::CliRunner {
  std::string run(const std::string& args, int* rc = nullptr) {
    return CliRunner::run(args, rc, Stderr::capture);
  }
};

// A Monday at least a week ahead of today, so the sessions lie in the future.
cw::LocalDate next_monday() {
  const auto today =
      cw::LocalDate{date::floor<date::days>(std::chrono::system_clock::now()).time_since_epoch()};
  return cw::iso_week_start(today) + date::days{14};
}

TEST(AssignCli, AssignsUnassignsAndPrintsTheBrokenRule) {
  AssignCliRunner cli;
  const std::string day = cw::format_date(next_monday());
  cli.write(
      "h.csv",
      "date,time,end_time,site,location,judge,type,language,detained,case_ref,status,notes\n" +
          day + ",09:00,,HOU,Courtroom 3,Judge A,master,,no,A1,,\n" + day +
          ",09:30,,HOU,Courtroom 5,Judge B,master,,no,A2,,\n");
  cli.write("v.csv",
            "id,name,email,phone,role,sites,languages,max_per_week,availability,blackouts,extra,"
            "active\nv0001,Ana,a@example.org,,watcher,HOU,,2,mon,,,yes\n");
  int rc = 1;
  cli.run("import csv h.csv", &rc);
  ASSERT_EQ(rc, 0);
  cli.run("volunteers import v.csv", &rc);
  ASSERT_EQ(rc, 0);
  const auto sessions =
      nlohmann::json::parse(cli.run("sessions --from " + day + " --to " + day + " --json"));
  ASSERT_EQ(sessions.size(), 2u);
  const std::string room3 = std::to_string(sessions[0]["id"].get<long long>());
  const std::string room5 = std::to_string(sessions[1]["id"].get<long long>());
  ASSERT_EQ(sessions[0]["location"], "Courtroom 3");

  const auto out = cli.run("assign v0001 " + room3 + " --pin", &rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("proposed, pinned"), std::string::npos) << out;

  const auto refused = cli.run("assign v0001 " + room5, &rc);
  EXPECT_EQ(rc, 1);
  EXPECT_EQ(refused, "courtwatch: Ana is already at HOU Courtroom 3 that morning\n");

  const auto unknown = cli.run("assign v0009 " + room5, &rc);
  EXPECT_EQ(rc, 1);
  EXPECT_EQ(unknown, "courtwatch: no volunteer 'v0009'\n");

  const auto listed =
      nlohmann::json::parse(cli.run("sessions --from " + day + " --to " + day + " --json"));
  EXPECT_EQ(listed[0]["assigned"], 1);
  cli.run("unassign 1", &rc);
  EXPECT_EQ(rc, 0);
  cli.run("assign v0001 " + room5, &rc);
  EXPECT_EQ(rc, 0);  // the morning is free again
  cli.run("unassign 1", &rc);
  EXPECT_EQ(rc, 1);  // already cancelled
  cli.run("assign v0001", &rc);
  EXPECT_EQ(rc, 2);  // usage error
}

}  // namespace
