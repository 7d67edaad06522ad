#include "core/import_run.h"

#include <gtest/gtest.h>

namespace cw {
namespace {

TEST(ImportRun, KeepsOnlyTwentySampleLinesPerReason) {
  ImportRun run;
  for (std::int64_t i = 1; i <= 25; ++i) {
    run.reject("bad-date", i * 10, "line " + std::to_string(i * 10));
  }
  run.reject("unknown-site", 3, "line 3");
  EXPECT_EQ(run.rejected["bad-date"].count, 25);
  EXPECT_EQ(run.rejected["bad-date"].lines.size(), 20u);
  EXPECT_EQ(run.rejected["bad-date"].lines.back(), 200);
  EXPECT_EQ(run.first_error["bad-date"], "line 10");
  EXPECT_EQ(run.rejected_total(), 26);
}

TEST(ImportRun, JsonHasTheDesignFieldsAndEscapesText) {
  ImportRun run;
  run.source = "csv";
  run.input = "a \"quoted\"\nname.csv";
  run.state = RunState::ok;
  run.rows_read = 3;
  run.added = 2;
  run.reject("bad-time", 4, "line 4, field 'time'");
  const auto json = run.to_json();
  EXPECT_NE(json.find(R"("input":"a \"quoted\"\nname.csv")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("rows_read":3,"new":2,"updated":0,"cancelled":0,"unchanged":0)"),
            std::string::npos)
      << json;
  EXPECT_NE(
      json.find(
          R"("rejected":{"bad-time":{"count":1,"lines":[4],"example":"line 4, field 'time'"}})"),
      std::string::npos)
      << json;
}

}  // namespace
}  // namespace cw
